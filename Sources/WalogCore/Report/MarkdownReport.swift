/// The report for an issue comment (GitHub-flavoured Markdown): a one-line verdict, a table of
/// findings, each finding's root cause and actions with its evidence folded in `<details>`,
/// and each stream's counts. A pure function of the analysis.
///
/// It fits a GitHub comment: when the whole report is longer than `limit` characters, it
/// shows fewer evidence lines and streams and says so in a closing note.
public enum MarkdownReport {
  /// GitHub refuses comments longer than this many characters.
  public static let commentLimit = 65_536
  /// The default limit leaves room for what a bot puts around the report (a hidden marker,
  /// a greeting).
  public static let defaultLimit = commentLimit - 2_048

  public static func render(_ analysis: Analysis) -> String {
    render(analysis, limit: defaultLimit)
  }

  /// The report in at most `limit` UTF-16 code units (GitHub counts at most that many
  /// characters; an emoji is two of them).
  public static func render(_ analysis: Analysis, limit: Int) -> String {
    let analysis = ReadableText.prepared(analysis)
    for budget in Budget.steps {
      let document = Document(analysis: analysis, budget: budget)
      let text = document.text()
      if text.utf16.count <= limit { return text }
    }
    return Document(analysis: analysis, budget: Budget.steps.last!).text(fitting: limit)
  }

  /// How much of the evidence and of the streams to show.
  struct Budget {
    var evidencePerFinding: Int?
    var streams: Int?
    var findings: Int?

    static let steps: [Budget] = [
      Budget(), Budget(evidencePerFinding: 20), Budget(evidencePerFinding: 5),
      Budget(evidencePerFinding: 5, streams: 40),
      Budget(evidencePerFinding: 2, streams: 20, findings: 50),
      Budget(evidencePerFinding: 1, streams: 10, findings: 20),
    ]
  }

  /// The report as blocks (separated by blank lines), so that cutting keeps every code
  /// fence and `<details>` closed.
  struct Document {
    var blocks: [String] = []
    var omitted = Omitted()

    struct Omitted {
      var evidence = 0
      var streams = 0
      var findings = 0
      var blocks = 0
      var isEmpty: Bool { evidence + streams + findings + blocks == 0 }
    }

    init(analysis: Analysis, budget: Budget) {
      let findings = ReportSummary.bySeverity(analysis.findings)
      let shown = budget.findings.map { Array(findings.prefix($0)) } ?? findings
      omitted.findings = findings.count - shown.count
      blocks.append(MarkdownReport.verdict(analysis))
      if !shown.isEmpty { blocks.append(MarkdownReport.findingTable(shown)) }
      if shown.isEmpty, let next = analysis.pasteNext { blocks.append(next) }
      for finding in shown {
        blocks += MarkdownReport.finding(
          finding, evidenceLimit: budget.evidencePerFinding, omitted: &omitted.evidence)
      }
      let ordered = ReportSummary.orderedStreams(analysis)
      let streams = budget.streams.map { Array(ordered.prefix($0)) } ?? ordered
      omitted.streams = analysis.streams.count - streams.count
      if !streams.isEmpty { blocks += MarkdownReport.streams(streams, analysis) }
      if analysis.unexplainedTotal > 0 { blocks.append(MarkdownReport.unexplained(analysis)) }
      blocks.append(MarkdownReport.inputs(analysis))
      blocks.append(MarkdownReport.footer(analysis))
    }

    func text() -> String { join(blocks, omitted) }

    /// As many whole blocks as fit, then the note.
    func text(fitting limit: Int) -> String {
      var kept: [String] = []
      var cut = omitted
      for (index, block) in blocks.enumerated() {
        var trial = cut
        trial.blocks = blocks.count - index - 1
        if join(kept + [block], trial).utf16.count > limit {
          cut.blocks = blocks.count - index
          break
        }
        kept.append(block)
      }
      return join(kept, cut)
    }

    private func join(_ blocks: [String], _ omitted: Omitted) -> String {
      var all = blocks
      if !omitted.isEmpty { all.append(MarkdownReport.truncationNote(omitted)) }
      return all.joined(separator: "\n\n") + "\n"
    }
  }

  // MARK: - Blocks

  /// Warnings and errors no rule explained, folded: they are leads, not conclusions.
  static func unexplained(_ analysis: Analysis) -> String {
    let rows = analysis.unexplained.map { problem in
      "| \(problem.count) | \(problem.level) | \(cell(prose(problem.shape))) | \(cell(prose(problem.firstSeen))) |"
    }
    return "<details><summary>Warnings and errors no rule explained (\(ReportWords.counted(analysis.unexplainedTotal, "line")))</summary>\n\n"
      + "| Count | Level | Message shape | First seen |\n| ---: | --- | --- | --- |\n"
      + rows.joined(separator: "\n") + "\n\n</details>"
  }

  static func verdict(_ analysis: Analysis) -> String {
    let scope = ReportSummary.scope(analysis)
    guard analysis.recognisedOpenClaw else {
      if let binary = ReportSummary.binaryInput(analysis) { return "**walog: \(binary)**." }
      return "**walog: no line of this input looks like an OpenClaw gateway log** (\(scope))."
    }
    guard let worst = ReportSummary.bySeverity(analysis.findings).first else {
      if let none = analysis.noLifecycleEvent { return "**walog: \(none)** (\(scope))." }
      return "✅ **walog: no known problem found** (\(scope))."
    }
    return "\(icon(worst.severity)) **walog: \(ReportSummary.severityCounts(analysis.findings))**: "
      + "\(prose(worst.title)) (\(scope))."
  }

  static func findingTable(_ findings: [Finding]) -> String {
    var rows = ["| Severity | Finding | Key figure |", "| --- | --- | --- |"]
    for finding in findings {
      let figure = ReportSummary.keyFigure(finding).map(cell) ?? "–"
      rows.append(
        "| \(icon(finding.severity)) \(finding.severity.rawValue) | \(cell(prose(finding.title))) | \(figure) |"
      )
    }
    return rows.joined(separator: "\n")
  }

  static func finding(_ finding: Finding, evidenceLimit: Int?, omitted: inout Int) -> [String] {
    var blocks = ["#### \(icon(finding.severity)) \(prose(finding.title))"]
    var about = ["`\(finding.severity.rawValue)`"]
    if let stream = finding.stream {
      about.append(
        finding.streams.count > 1
          ? "stream " + prose(ReportWords.streams(finding) ?? "") : "stream \(code(stream.description))")
    }
    if let host = finding.host, finding.stream == nil { about.append("host \(code(host))") }
    about.append("rule \(code(finding.id))")
    if !finding.figures.isEmpty {
      about.append(
        ReportWords.shownFigures(finding).map { prose(ReportWords.figure($0)) }.joined(separator: ", "))
    }
    blocks.append(about.joined(separator: " · "))
    blocks.append("**Root cause.** " + prose(finding.rootCause))
    if !finding.actions.isEmpty {
      blocks.append(
        "**What to do**\n\n" + finding.actions.map { "- " + prose($0) }.joined(separator: "\n"))
    }
    if !finding.evidence.isEmpty {
      let shown = evidenceLimit.map { Array(finding.evidence.prefix($0)) } ?? finding.evidence
      omitted += finding.evidence.count - shown.count
      let lines = shown.map { evidence -> String in
        let time = evidence.time.map { "  " + ReportSummary.evidenceTime($0) } ?? ""
        return "\(ReportSummary.place(evidence))\(time)  \(ReportSummary.clip(evidence.text))"
      }
      let more =
        shown.count < finding.evidence.count
        ? ", \(finding.evidence.count - shown.count) more left out" : ""
      let noun = finding.evidence.count == 1 ? "line" : "lines"
      blocks.append(
        "<details><summary>Evidence (\(finding.evidence.count) \(noun)\(more))</summary>\n\n"
          + fence(lines.joined(separator: "\n")) + "\n\n</details>")
    }
    return blocks
  }

  /// The stream tables: one, or with several hosts a table of the hosts' totals and one
  /// table per host.
  static func streams(_ streams: [StreamReport], _ analysis: Analysis) -> [String] {
    guard let first = streams.first else { return [] }
    let labels = ReportSummary.streamCells(first, analysis).map(\.label)
    let header = labels.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " | ") + " |"
    var out: [String] = []
    if !analysis.hosts.isEmpty { out.append("### Hosts\n\n" + hostTable(analysis)) }
    for group in ReportSummary.byHost(streams, analysis) where !group.streams.isEmpty {
      var rows = ["| Stream | Span | " + header, "| --- | --- |" + String(repeating: " ---: |", count: labels.count)]
      for stream in group.streams {
        let cells = ReportSummary.streamCells(stream, analysis).map { cell(prose($0.value)) }
        let span = TextReport.span(stream.tally)
        rows.append(
          "| \(cell(code(stream.key.description))) | \(cell(span)) | "
            + cells.joined(separator: " | ") + " |")
      }
      out += [group.host.map { "### Streams on \(code($0.name))" } ?? "### Streams", rows.joined(separator: "\n")]
    }
    let meanings = ReportSummary.statusMeanings(analysis).map {
      "- \(code($0.stream)) status \(prose($0.status)) ×\($0.count): \(prose($0.meaning))"
    }
    if !meanings.isEmpty { out.append("**Statuses**\n\n" + meanings.joined(separator: "\n")) }
    return out
  }

  /// Each host's totals in a row.
  static func hostTable(_ analysis: Analysis) -> String {
    var rows = ["| Host | Streams | Findings | Events | Closes | Retries | Supervisor restarts | Health restarts |",
                "| --- |" + String(repeating: " ---: |", count: 7)]
    for host in analysis.hosts {
      let totals = host.totals
      let findings = host.findings(analysis)
      let worst = ReportSummary.bySeverity(findings).first.map { " (\(icon($0.severity)) \(ReportSummary.severityCounts(findings)))" } ?? ""
      rows.append(
        "| \(cell(code(host.name))) | \(host.streams) | \(findings.count)\(worst) | \(totals.events) | \(totals.closes) | "
          + "\(totals.retries) | \(totals.autoRestarts) | \(totals.healthRestarts) |")
    }
    return rows.joined(separator: "\n")
  }

  static func inputs(_ analysis: Analysis) -> String {
    var lines: [String] = []
    for input in analysis.inputs {
      lines.append("- \(code(input.name)): \(ReportWords.read(input))")
      for note in TimeText.clockOffsetNotes(input.clockOffsets) { lines.append("  - " + prose(note)) }
      for warning in input.warnings { lines.append("  - warning: " + prose(warning)) }
    }
    if !analysis.gatewayVersions.isEmpty {
      lines.append(
        "- gateway version: " + analysis.gatewayVersions.map(code).joined(separator: ", "))
    }
    for warning in analysis.warnings { lines.append("- warning: " + prose(warning)) }
    let noun = analysis.inputs.count == 1 ? "input" : "inputs"
    return "<details><summary>What was read (\(analysis.inputs.count) \(noun))</summary>\n\n"
      + lines.joined(separator: "\n") + "\n\n</details>"
  }

  static func footer(_ analysis: Analysis) -> String {
    let files = analysis.ruleFiles.map(code).joined(separator: " + ")
    return
      "<sub>walog \(prose(analysis.walogVersion)) · rules \(files) (sha256 `\(analysis.rulesHash.prefix(12))`)</sub>"
  }

  static func truncationNote(_ omitted: Document.Omitted) -> String {
    var parts: [String] = []
    if omitted.findings > 0 { parts.append("\(omitted.findings) findings") }
    if omitted.evidence > 0 { parts.append("\(omitted.evidence) evidence lines") }
    if omitted.streams > 0 { parts.append("\(omitted.streams) streams") }
    if omitted.blocks > 0 { parts.append("\(omitted.blocks) further sections") }
    return
      "> [!NOTE]\n> This report was shortened to fit a GitHub comment (\(parts.joined(separator: ", ")) left out). "
      + "Run `walog analyze` on the log for the whole report."
  }

  // MARK: - Escaping

  static func icon(_ severity: Finding.Severity) -> String {
    switch severity {
    case .critical: "🛑"
    case .error: "🔴"
    case .warning: "🟠"
    case .info: "🔵"
    }
  }

  /// Text for Markdown prose: rule authors' `code spans` stay code, everything else is
  /// escaped so that log text cannot become markup, raw HTML (a `<PHONE-1>` placeholder would
  /// vanish as an unknown tag), a link or an `@mention`. Line breaks become spaces.
  static func prose(_ text: String) -> String {
    var out = ""
    var inCode = false
    for char in text {
      if char == "`" {
        inCode.toggle()
        out.append(char)
      } else if char == "\n" || char == "\r" {
        out.append(" ")
      } else if inCode {
        out.append(char)
      } else if "\\<>*_[]#@!|~&".contains(char) {
        out.append("\\")
        out.append(char)
      } else {
        out.append(char)
      }
    }
    // An unclosed code span would swallow the rest of the line as text; close it.
    if inCode { out.append("`") }
    return out
  }

  /// An inline code span that holds `text` whatever backticks it contains.
  static func code(_ text: String) -> String {
    let flat = String(text.map { $0.isNewline ? " " : $0 })
    let ticks = String(repeating: "`", count: longestRun(of: "`", in: flat) + 1)
    let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
    return ticks + pad + flat + pad + ticks
  }

  /// A fenced code block longer than any backtick run inside it.
  static func fence(_ text: String) -> String {
    let ticks = String(repeating: "`", count: max(3, longestRun(of: "`", in: text) + 1))
    return "\(ticks)text\n\(text)\n\(ticks)"
  }

  /// A table cell: a `|` would end the cell, even inside a code span, unless escaped.
  static func cell(_ text: String) -> String {
    var out = ""
    var previous: Character?
    for char in text {
      if char == "|" && previous != "\\" { out.append("\\") }
      out.append(char)
      previous = char
    }
    return out
  }

  private static func longestRun(of mark: Character, in text: String) -> Int {
    var longest = 0
    var current = 0
    for char in text {
      current = char == mark ? current + 1 : 0
      longest = max(longest, current)
    }
    return longest
  }
}
