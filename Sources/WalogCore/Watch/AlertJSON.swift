/// An alert as one line of JSON Lines: `type` and `time`, then the finding in the shape of
/// the JSON report's `findings[]`, schema 2 (docs/json-schema.md, "walog watch").
public enum AlertJSON {
  public static func line(_ alert: Alert) -> String {
    object(type: alert.kind.rawValue, time: alert.time, FindingJSON.encode(alert.finding)).renderedLine()
  }

  /// The summary at the end: `{"type": "summary", "time": …, "report": {the JSON report}}`.
  public static func summary(_ analysis: Analysis, time: LogTime?) -> String {
    object(type: "summary", time: time, .object([("report", JSONReport.document(analysis))])).renderedLine()
  }

  private static func object(type: String, time: LogTime?, _ body: JSONValue) -> JSONValue {
    guard case .object(let members) = body else { return body }
    return .object([("type", .string(type)), ("time", .optional(time.map(TimeText.iso)))] + members)
  }
}
