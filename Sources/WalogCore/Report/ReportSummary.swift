/// Sentences and figures that the shareable reports (Markdown, HTML, GitHub) have in common,
/// so they say the same thing in the same words.
enum ReportSummary {
  /// Findings, most severe first; the order among equals is kept.
  static func bySeverity(_ findings: [Finding]) -> [Finding] {
    findings.enumerated().sorted { lhs, rhs in
      lhs.element.severity != rhs.element.severity
        ? lhs.element.severity > rhs.element.severity : lhs.offset < rhs.offset
    }.map(\.element)
  }

  /// Streams as a reader wants them: those with the most severe findings first, then the
  /// busiest, then by name (so the order never depends on anything but the analysis).
  static func orderedStreams(_ analysis: Analysis) -> [StreamReport] {
    var worst: [StreamKey: Finding.Severity] = [:]
    for finding in analysis.findings {
      for key in finding.streams {
        worst[key] = max(worst[key] ?? finding.severity, finding.severity)
      }
    }
    return analysis.streams.sorted { lhs, rhs in
      let left = worst[lhs.key].map { $0.rank + 1 } ?? 0
      let right = worst[rhs.key].map { $0.rank + 1 } ?? 0
      if left != right { return left > right }
      if lhs.tally.totals.events != rhs.tally.totals.events {
        return lhs.tally.totals.events > rhs.tally.totals.events
      }
      return lhs.key < rhs.key
    }
  }

  /// `1 error, 2 warnings, 1 info`, most severe first; empty without findings.
  static func severityCounts(_ findings: [Finding]) -> String {
    Finding.Severity.allCases.reversed().compactMap { severity -> String? in
      let count = findings.filter { $0.severity == severity }.count
      guard count > 0 else { return nil }
      let noun = severity == .info || count == 1 ? severity.rawValue : severity.rawValue + "s"
      return "\(count) \(noun)"
    }.joined(separator: ", ")
  }

  /// What was read: `322 lines of 1 input, 1 stream`.
  static func scope(_ analysis: Analysis) -> String {
    let lines = analysis.inputs.reduce(0) { $0 + $1.lines }
    let inputs = analysis.inputs.count
    let streams = analysis.streams.count
    let hosts = analysis.hosts.isEmpty ? "" : " on \(ReportWords.counted(analysis.hosts.count, "host"))"
    return "\(ReportWords.counted(lines, "line")) of \(ReportWords.counted(inputs, "input")), "
      + ReportWords.counted(streams, "stream") + hosts
  }

  /// The streams grouped by host, hosts by name, each group in `order`'s order; one group
  /// with no host when the log names at most one.
  static func byHost(_ streams: [StreamReport], _ analysis: Analysis) -> [(host: HostSummary?, streams: [StreamReport])] {
    guard !analysis.hosts.isEmpty else { return [(nil, streams)] }
    return analysis.hosts.map { host in (host, streams.filter { $0.key.host == host.name }) }
  }

  /// What is not a log, said in the verdicts: binary data, or text with nothing of OpenClaw's.
  static func notALog(_ analysis: Analysis) -> String {
    binaryInput(analysis) ?? "no line of this input looks like an OpenClaw gateway log (\(scope(analysis)))"
  }

  /// `the input is binary data, not a text log (138,208 bytes skipped)` when every input is.
  static func binaryInput(_ analysis: Analysis) -> String? {
    guard !analysis.inputs.isEmpty, analysis.inputs.allSatisfy(\.binary) else { return nil }
    let bytes = analysis.inputs.reduce(0) { $0 + $1.bytes }
    return "the input is binary data, not a text log (\(ReportWords.counted(bytes, "byte")) skipped)"
  }

  /// The one-line verdict, without markup: what was found and in what.
  static func verdict(_ analysis: Analysis) -> String {
    guard analysis.recognisedOpenClaw else { return "walog: " + notALog(analysis) }
    guard let worst = bySeverity(analysis.findings).first else {
      if let none = analysis.noLifecycleEvent { return "walog: \(none) (\(scope(analysis)))" }
      return "walog: no known problem found (\(scope(analysis)))"
    }
    return "walog: \(severityCounts(analysis.findings)): \(worst.title) (\(scope(analysis)))"
  }

  /// The figure that best sums a finding up: the first one the human reports show, as
  /// `closes: 78`, or nil when they show none.
  static func keyFigure(_ finding: Finding) -> String? {
    ReportWords.shownFigures(finding).first.map(ReportWords.figure)
  }

  /// What a report with no finding looked at, in one sentence.
  static func nothingFound(_ analysis: Analysis) -> String {
    let lines = analysis.inputs.reduce(0) { $0 + $1.lines }
    let read = "walog read \(ReportWords.counted(lines, "line")) of \(ReportWords.counted(analysis.inputs.count, "input"))"
    let problems = ReportWords.counted(analysis.checks.count, "known problem")
    guard analysis.recognisedOpenClaw else {
      if let binary = binaryInput(analysis) { return "Nothing to check: \(binary)." }
      return "Nothing to check: \(read), and no line looks like an OpenClaw gateway log."
    }
    guard !analysis.streams.isEmpty else {
      guard analysis.noLifecycleEvent != nil else {
        return "No known problem found: \(read) and found no channel lifecycle event to check for the \(problems) of the rule file."
      }
      // OpenClaw lines, but none that the diagnoses judge: no all-clear, and what would help.
      let openClaw = analysis.inputs.reduce(0) { $0 + $1.openClawLines }
      let judged = "Nothing walog can judge: it read \(ReportWords.counted(lines, "line")) of \(ReportWords.counted(analysis.inputs.count, "input")), \(ReportWords.counted(openClaw, "OpenClaw line")) among them, "
        + "and none is a channel lifecycle event (a start, a connection, a close, a restart) that the \(problems) of the rule file are judged on."
      return analysis.pasteNext.map { judged + " " + $0 } ?? judged
    }
    let names = analysis.streams.map(\.key.description)
    let streams = names.count <= 4 ? " (" + ReportWords.list(names) + ")" : ""
    return "No known problem found: \(read), \(ReportWords.counted(analysis.totals.events, "lifecycle event")) "
      + "in \(ReportWords.counted(names.count, "stream"))\(streams), and checked them for the \(problems) of the rule file."
  }

  /// Each stream's statuses with what the rule file says they mean, for the reports whose
  /// stream tables have no room for it.
  static func statusMeanings(_ analysis: Analysis) -> [(stream: String, status: String, count: Int, meaning: String)] {
    analysis.streams.flatMap { stream in
      sortedCounts(stream.tally.totals.closesByStatus).compactMap { entry in
        guard let info = analysis.status(channel: stream.key.channel, code: entry.key) else { return nil }
        return (stream.key.description, "\(entry.key) \(info.name)", entry.value, info.meaning)
      }
    }
  }

  /// An evidence line's place: `gateway.log:312`.
  static func place(_ evidence: Evidence) -> String { "\(evidence.input):\(evidence.line)" }

  /// An evidence line's time: ISO 8601 with the log's offset when the log printed a date,
  /// else as printed (`11:30:53`, `Apr 12 11:30:53`) rather than ISO's odd year-less forms.
  static func evidenceTime(_ time: LogTime) -> String {
    time.precision == .full ? TimeText.iso(time) : TimeText.human(time)
  }

  /// Evidence and other log text can be a whole 1 MiB line; shareable reports cut it.
  static func clip(_ text: String, to limit: Int = 400) -> String {
    guard text.count > limit else { return text }
    return String(text.prefix(limit)) + "… (\(text.count - limit) more characters)"
  }

  /// A stream's counts as short labelled cells, for the Markdown and HTML stream tables.
  static func streamCells(_ stream: StreamReport, _ analysis: Analysis) -> [(
    label: String, value: String
  )] {
    let totals = stream.tally.totals
    let closes = totals.closes
    let statuses = sortedCounts(totals.closesByStatus).map { entry -> String in
      let name =
        analysis.status(channel: stream.key.channel, code: entry.key).map { " \($0.name)" } ?? ""
      return "\(entry.key)\(name) ×\(entry.value)"
    }
    let reasons = sortedCounts(totals.healthRestartsByReason).map { "\($0.key) ×\($0.value)" }
    let history = stream.history
    return [
      (
        "closes",
        closes == 0
          ? "0" : "\(closes)" + (statuses.isEmpty ? "" : " (\(statuses.joined(separator: ", ")))")
      ),
      (
        "retries",
        totals.retries == 0 ? "0" : "\(totals.retries) (highest attempt \(totals.maxRetryAttempt))"
      ),
      ("give-ups", "\(totals.giveups)"),
      ("retry runs", "\(history.runs.count)"),
      (
        "supervisor restarts",
        "\(totals.autoRestarts)"
          + (totals.supervisorGiveups > 0 ? " (gave up \(totals.supervisorGiveups)×)" : "")
      ),
      (
        "health restarts",
        totals.healthRestarts == 0
          ? "0" : "\(totals.healthRestarts) (\(reasons.joined(separator: ", ")))"
      ),
      ("loops", "\(history.loopCount)"),
      ("events", "\(totals.events)"),
    ]
  }
}
