/// `walog analyze --why ID`: each condition of one diagnosis with the value it had on this
/// log, scope by scope, and the lines it read, so a user or a rule author sees why it fired or
/// did not. A pure function of the analysis.
public enum WhyReport {
  public static func render(_ analysis: Analysis) -> String {
    let analysis = ReadableText.prepared(analysis)
    guard let trace = analysis.trace else { return "" }
    var out: [String] = []
    let limited = trace.channels.isEmpty ? "" : ", " + ReportWords.list(trace.channels) + " only"
    let scope = trace.scope == .log ? "once for the whole log" : "per channel account\(limited)"
    out.append("\(trace.id) [\(trace.severity.rawValue)]: \(trace.title)")
    out.append("  judged \(scope)\(trace.wholeLog ? ", on the whole log only (watch leaves it to the summary)" : "")")
    let held = trace.scopes.filter(\.holds).count
    out.append("  " + verdict(trace, held: held, analysis))
    for entry in trace.scopes {
      out.append("")
      let name = entry.stream.map(\.description) ?? "the whole log"
      out.append("\(name): \(entry.holds ? "holds" : "does not hold")")
      if let finding = entry.finding { out.append("  finding: \(finding)") }
      out += node(entry.condition, depth: 1)
      for action in entry.actions {
        out.append("  action \(action.shown ? "shown" : "not shown"): \(action.text)")
        if !action.otherChannels.isEmpty {
          out.append("    only for \(ReportWords.list(action.otherChannels))")
        }
        if let condition = action.condition { out += node(condition, depth: 2) }
      }
    }
    if !trace.otherStreams.isEmpty {
      out.append("")
      out.append(
        "Not judged on \(ReportWords.list(trace.otherStreams.map(\.description))): "
          + "the diagnosis is for \(ReportWords.list(trace.channels)) only.")
    }
    return out.joined(separator: "\n") + "\n"
  }

  private static func verdict(_ trace: DiagnosisTrace, held: Int, _ analysis: Analysis) -> String {
    if trace.scopes.isEmpty {
      let streams = analysis.streams.isEmpty ? "the log has no channel lifecycle event" : "the log has no stream of them"
      return "not judged: \(streams)."
    }
    if trace.scope == .log { return held > 0 ? "It holds: the report has this finding." : "It does not hold on this log." }
    let total = trace.scopes.count
    if total == 1 { return held == 1 ? "It holds: the report has this finding." : "It does not hold on this log." }
    if held == 0 { return "It holds in none of the \(ReportWords.counted(total, "stream")) it was judged in." }
    return "It holds in \(held) of the \(ReportWords.counted(total, "stream")) it was judged in."
  }

  private static func node(_ node: DiagnosisTrace.Node, depth: Int) -> [String] {
    let indent = String(repeating: "  ", count: depth)
    func mark(_ holds: Bool) -> String { holds ? "[holds]" : "[fails]" }
    switch node {
    case .all(let parts, let holds):
      return [indent + "\(mark(holds)) all of:"] + parts.flatMap { self.node($0, depth: depth + 1) }
    case .any(let parts, let holds):
      return [indent + "\(mark(holds)) any of:"] + parts.flatMap { self.node($0, depth: depth + 1) }
    case .not(let inner, let holds):
      return [indent + "\(mark(holds)) not:"] + self.node(inner, depth: depth + 1)
    case .leaf(let leaf):
      let name = leaf.name.map { " (\($0))" } ?? ""
      var out = [indent + "\(mark(leaf.holds)) \(leaf.text)\(name): \(leaf.value ?? "unknown")"]
      for note in leaf.notes { out.append(indent + "    " + note) }
      for lines in leaf.lines {
        out.append(indent + "    \(lines.role) (\(lines.count)):")
        for evidence in lines.shown {
          let time = evidence.time.map { TimeText.human($0) + "  " } ?? ""
          out.append(indent + "      \(evidence.input):\(evidence.line)  \(time)\(evidence.text)")
        }
        if lines.count > lines.shown.count {
          out.insert(indent + "      … \(lines.count - lines.shown.count) more", at: out.count - 1)
        }
      }
      return out
    }
  }
}
