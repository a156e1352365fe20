/// A finding as JSON, schema_version 2: the shape of `findings[]` in the JSON report and of
/// the alerts `walog watch` prints. docs/json-schema.md documents every key.
public enum FindingJSON {
  /// `host` is there only when the log names several hosts.
  public static func encode(_ finding: Finding) -> JSONValue {
    let host: [(String, JSONValue)] = finding.host.map { [("host", .string($0))] } ?? []
    return .object(
      [
        ("id", .string(finding.id)),
        ("severity", .string(finding.severity.rawValue)),
        ("title", .string(finding.title)),
        ("root_cause", .string(finding.rootCause)),
        ("actions", .array(finding.actions.map { .string($0) })),
        ("figures", .object(finding.figures.map { ($0.name, figure($0)) })),
      ] + host + [
        ("stream", finding.stream.map { stream($0, of: finding.streams) } ?? .null),
        ("streams", .array(finding.streams.map { stream($0, of: [$0]) })),
        ("evidence", .array(finding.evidence.map(evidence))),
      ])
  }

  /// `{"value": 78, "unit": "count", "text": "78"}`; whole values are integers, others
  /// are rounded to thousandths (a measured duration is not more precise than that).
  public static func figure(_ figure: Figure) -> JSONValue {
    let value = (figure.value * 1000).rounded() / 1000
    let whole = value.isFinite && value == value.rounded() && abs(value) < 1e15
    return .object([
      ("value", whole ? .int(Int(value)) : .double(value)),
      ("unit", .string(figure.unit.rawValue)),
      ("text", .string(figure.text)),
    ])
  }

  /// `{"channel", "account", "pid"}`, with `host` first when the log names several hosts; a
  /// member the streams do not share is null.
  public static func stream(_ key: StreamKey, of streams: [StreamKey]) -> JSONValue {
    let accounts = Set(streams.map(\.account))
    let pids = Set(streams.map(\.pid))
    let host: [(String, JSONValue)] = key.host.map { [("host", .string($0))] } ?? []
    return .object(host + [
      ("channel", .string(key.channel)),
      ("account", accounts.count > 1 ? .null : .string(key.account)),
      ("pid", pids.count > 1 ? .null : .optional(key.pid)),
    ])
  }

  public static func evidence(_ evidence: Evidence) -> JSONValue {
    .object([
      ("input", .string(evidence.input)),
      ("line", .int(evidence.line)),
      ("time", .optional(evidence.time.map(TimeText.iso))),
      ("text", .string(evidence.text)),
    ])
  }
}
