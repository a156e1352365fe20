/// An alert as one line of JSON Lines: `type` and `time`, then the finding in the shape of
/// the JSON report's `findings[]` (docs/json-schema.md, "walog watch").
public enum AlertJSON {
  public static func line(_ alert: Alert) -> String {
    object(type: alert.kind.rawValue, time: alert.time, finding(alert.finding)).renderedLine()
  }

  /// The summary at the end: `{"type": "summary", "time": …, "report": {the JSON report}}`.
  public static func summary(_ analysis: Analysis, time: LogTime?) -> String {
    object(type: "summary", time: time, .object([("report", JSONReport.document(analysis))])).renderedLine()
  }

  private static func object(type: String, time: LogTime?, _ body: JSONValue) -> JSONValue {
    guard case .object(let members) = body else { return body }
    return .object([("type", .string(type)), ("time", .optional(time.map(TimeText.iso)))] + members)
  }

  /// The finding's members. One function, so the report's own finding encoder can take its place.
  static func finding(_ finding: Finding) -> JSONValue {
    .object([
      ("id", .string(finding.id)),
      ("severity", .string(finding.severity.rawValue)),
      (
        "stream",
        finding.stream.map { stream in
          .object([
            ("channel", .string(stream.channel)), ("account", .string(stream.account)),
            ("pid", .optional(stream.pid)),
          ])
        } ?? .null
      ),
      ("title", .string(finding.title)),
      ("root_cause", .string(finding.rootCause)),
      ("actions", .array(finding.actions.map { .string($0) })),
      ("figures", .object(finding.figures.map { ($0.name, .string($0.value)) })),
    ])
  }
}
