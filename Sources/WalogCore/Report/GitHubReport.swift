/// GitHub Actions workflow commands: one annotation per finding, most severe first
/// (`::error` for error and critical, `::warning`, `::notice` for info), at most
/// ``perKind`` of each as GitHub shows no more, then the verdict as a plain log line.
/// The job summary (the Markdown report) is written by the executable, not here.
public enum GitHubReport {
  /// GitHub displays at most 10 annotations of each type per step.
  public static let perKind = 10

  public static func render(_ analysis: Analysis) -> String {
    let analysis = ReadableText.prepared(analysis, shortNames: false)
    var lines: [String] = []
    var used: [String: Int] = [:]
    var left = 0
    for finding in ReportSummary.bySeverity(analysis.findings) {
      let command = self.command(finding.severity)
      guard used[command, default: 0] < perKind else {
        left += 1
        continue
      }
      used[command, default: 0] += 1
      lines.append(annotation(command, title: finding.title, message: message(finding)))
    }
    if analysis.findings.isEmpty {
      let title =
        !analysis.recognisedOpenClaw
        ? "walog: not an OpenClaw gateway log"
        : analysis.noLifecycleEvent.map { "walog: " + $0 } ?? "walog: no known problem found"
      let verdict = ReportSummary.verdict(analysis)
      lines.append(annotation("notice", title: title, message: analysis.pasteNext.map { verdict + ". " + $0 } ?? verdict))
    }
    if left > 0 {
      lines.append(
        "walog: \(left) more \(left == 1 ? "finding is" : "findings are") not annotated; the job summary lists all"
      )
    }
    lines.append(ReportSummary.verdict(analysis))
    return lines.joined(separator: "\n") + "\n"
  }

  static func command(_ severity: Finding.Severity) -> String {
    switch severity {
    case .critical, .error: "error"
    case .warning: "warning"
    case .info: "notice"
    }
  }

  /// The annotation's text: root cause, actions, and the first evidence line with its place.
  static func message(_ finding: Finding) -> String {
    var lines: [String] = []
    if let stream = ReportWords.streams(finding) {
      lines.append("Stream \(stream) (\(finding.id)).")
    } else if let host = ReportWords.host(finding) {
      lines.append("On \(host) (\(finding.id)).")
    } else {
      lines.append("(\(finding.id))")
    }
    lines.append(finding.rootCause)
    for action in finding.actions { lines.append("→ " + action) }
    if let first = finding.evidence.first {
      let more = finding.evidence.count > 1 ? " (and \(finding.evidence.count - 1) more)" : ""
      lines.append(
        "Evidence\(more): \(ReportSummary.place(first)): \(ReportSummary.clip(first.text, to: 300))"
      )
    }
    return lines.joined(separator: "\n")
  }

  /// `::error title=…::message`, escaped per GitHub's workflow-command rules.
  public static func annotation(_ command: String, title: String, message: String) -> String {
    "::\(command) title=\(escapeProperty(title))::\(escapeData(message))"
  }

  /// Message data: `%`, CR and LF are encoded (so a log line cannot end the command and
  /// start another).
  public static func escapeData(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A property value: as data, and `:` and `,` too, which end a value.
  public static func escapeProperty(_ text: String) -> String {
    escapeData(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
  }
}
