/// An alert as text: one line with the time, severity, stream and title, and the finding's
/// first action indented below it (resolutions have none).
public enum AlertText {
  public static func render(_ alert: Alert, style: TextStyle = .init(enabled: false)) -> String {
    let finding = alert.finding
    let time = alert.time.map(TimeText.human) ?? "--:--:--"
    let stream = finding.stream.map { " \($0)" } ?? finding.host.map { " host \($0)" } ?? ""
    let label = alert.kind == .finding ? finding.severity.rawValue : "\(finding.severity.rawValue), \(alert.kind.rawValue)"
    var out = "\(time) " + style.severity(finding.severity, "[\(label)]") + "\(stream): " + style.bold(finding.title) + "\n"
    if alert.kind != .resolved, let action = finding.actions.first { out += "    → \(action)\n" }
    return out
  }
}
