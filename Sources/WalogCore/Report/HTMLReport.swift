/// One self-contained HTML file to attach or share: the verdict, the findings with their
/// evidence, and per stream a timeline (SVG) of retry runs and restarts with its counts.
/// No scripts, no external fonts, styles or images: it opens offline and shows the same
/// everywhere. A pure function of the analysis.
public enum HTMLReport {
  public static func render(_ analysis: Analysis) -> String {
    let analysis = ReadableText.prepared(analysis)
    var out: [String] = []
    out.append("<!DOCTYPE html>")
    out.append("<html lang=\"en\">")
    out.append("<head>")
    out.append("<meta charset=\"utf-8\">")
    out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    out.append(
      "<meta name=\"generator\" content=\"walog \(HTMLText.escape(analysis.walogVersion))\">")
    out.append("<title>\(HTMLText.escape(ReportSummary.verdict(analysis)))</title>")
    out.append("<style>\n\(stylesheet)</style>")
    out.append("</head>")
    out.append("<body>")
    out.append("<header>")
    out.append("<h1>walog report</h1>")
    out.append(verdict(analysis))
    out.append("</header>")
    out.append("<main>")
    out += findings(analysis)
    out += streams(analysis)
    out += inputs(analysis)
    out.append("</main>")
    out.append(footer(analysis))
    out.append("</body>")
    out.append("</html>")
    return out.joined(separator: "\n") + "\n"
  }

  // MARK: - Sections

  static func verdict(_ analysis: Analysis) -> String {
    let scope = HTMLText.escape(ReportSummary.scope(analysis))
    guard analysis.recognisedOpenClaw else {
      if let binary = ReportSummary.binaryInput(analysis) {
        return "<p class=\"verdict tone-unknown\"><strong>\(HTMLText.escape("The" + binary.dropFirst(3)))</strong></p>"
      }
      return
        "<p class=\"verdict tone-unknown\"><strong>No line of this input looks like an OpenClaw gateway log</strong> <span class=\"scope\">(\(scope))</span></p>"
    }
    guard let worst = ReportSummary.bySeverity(analysis.findings).first else {
      if let none = analysis.noLifecycleEvent {
        return
          "<p class=\"verdict tone-unknown\"><strong>\(HTMLText.escape(none.prefix(1).uppercased() + none.dropFirst()))</strong> <span class=\"scope\">(\(scope))</span></p>"
      }
      return
        "<p class=\"verdict tone-ok\"><strong>No known problem found</strong> <span class=\"scope\">(\(scope))</span></p>"
    }
    return
      "<p class=\"verdict sev-\(worst.severity.rawValue)\"><strong>\(HTMLText.escape(ReportSummary.severityCounts(analysis.findings)))</strong>: "
      + "\(HTMLText.prose(worst.title)) <span class=\"scope\">(\(scope))</span></p>"
  }

  static func findings(_ analysis: Analysis) -> [String] {
    let findings = ReportSummary.bySeverity(analysis.findings)
    var out = ["<section class=\"findings\">", "<h2>Findings</h2>"]
    guard !findings.isEmpty else {
      out.append("<p class=\"none\">\(HTMLText.escape(ReportSummary.nothingFound(analysis)))</p>")
      out.append("</section>")
      return out
    }
    out.append("<table class=\"summary\">")
    out.append("<thead><tr><th>Severity</th><th>Finding</th><th>Key figure</th></tr></thead>")
    out.append("<tbody>")
    for (index, finding) in findings.enumerated() {
      let figure = ReportSummary.keyFigure(finding).map(HTMLText.escape) ?? "–"
      out.append(
        "<tr><td>\(badge(finding.severity))</td><td><a href=\"#finding-\(index + 1)\">\(HTMLText.prose(finding.title))</a></td><td>\(figure)</td></tr>"
      )
    }
    out.append("</tbody>")
    out.append("</table>")
    for (index, finding) in findings.enumerated() {
      out += self.finding(finding, number: index + 1)
    }
    out.append("</section>")
    return out
  }

  static func finding(_ finding: Finding, number: Int) -> [String] {
    var out = [
      "<article class=\"finding sev-\(finding.severity.rawValue)\" id=\"finding-\(number)\">"
    ]
    out.append("<h3>\(badge(finding.severity)) \(HTMLText.prose(finding.title))</h3>")
    var about: [String] = []
    if let stream = finding.stream {
      about.append(
        finding.streams.count > 1
          ? "stream " + HTMLText.escape(ReportWords.streams(finding) ?? "")
          : "stream <code>\(HTMLText.escape(stream.description))</code>")
    }
    if let host = finding.host, finding.stream == nil {
      about.append("host <code>\(HTMLText.escape(host))</code>")
    }
    about.append("rule <code>\(HTMLText.escape(finding.id))</code>")
    for figure in ReportWords.shownFigures(finding) {
      about.append(
        "\(HTMLText.escape(ReportWords.label(figure.name, rule: figure.label))): <b>\(HTMLText.escape(ReportWords.value(figure)))</b>"
      )
    }
    out.append("<p class=\"about\">\(about.joined(separator: " · "))</p>")
    out.append("<p class=\"cause\">\(HTMLText.prose(finding.rootCause))</p>")
    if !finding.actions.isEmpty {
      out.append("<ul class=\"actions\">")
      for action in finding.actions { out.append("<li>\(HTMLText.prose(action))</li>") }
      out.append("</ul>")
    }
    if !finding.evidence.isEmpty {
      let noun = finding.evidence.count == 1 ? "line" : "lines"
      out.append(
        "<details class=\"evidence\"><summary>Evidence (\(finding.evidence.count) \(noun))</summary>"
      )
      out.append("<table>")
      for evidence in finding.evidence {
        let time = evidence.time.map(ReportSummary.evidenceTime) ?? ""
        out.append(
          "<tr><td class=\"place\">\(HTMLText.escape(ReportSummary.place(evidence)))</td><td class=\"time\">\(HTMLText.escape(time))</td><td class=\"line\">\(HTMLText.escape(ReportSummary.clip(evidence.text, to: 2000)))</td></tr>"
        )
      }
      out.append("</table>")
      out.append("</details>")
    }
    out.append("</article>")
    return out
  }

  static func streams(_ analysis: Analysis) -> [String] {
    var out = ["<section class=\"streams\">", "<h2>Streams</h2>"]
    guard !analysis.streams.isEmpty, let axis = HTMLTimeline.axis(for: analysis) else {
      out.append("<p class=\"none\">No channel lifecycle events found.</p>")
      out.append("</section>")
      return out
    }
    if case .order = axis {
      out.append(
        "<p class=\"note\">This log prints no usable times: the timelines place runs and restarts in the order the lines appear, not by time.</p>"
      )
    }
    out.append(legend(analysis))
    for group in ReportSummary.byHost(ReportSummary.orderedStreams(analysis), analysis) {
      if let host = group.host { out += hostHeading(host, analysis) }
      out += group.streams.flatMap { self.stream($0, analysis, axis: axis) }
    }
    out.append("</section>")
    return out
  }

  /// A host's heading and totals, before its streams.
  static func hostHeading(_ host: HostSummary, _ analysis: Analysis) -> [String] {
    var out = [
      "<h2 class=\"host\">Host <code>\(HTMLText.escape(host.name))</code> <span class=\"span\">\(HTMLText.escape(ReportWords.hostSummary(host, analysis)))</span></h2>",
      "<dl class=\"counts\">",
    ]
    let totals = host.totals
    for (label, value) in [
      ("closes", totals.closes), ("retries", totals.retries), ("give-ups", totals.giveups),
      ("supervisor restarts", totals.autoRestarts), ("health restarts", totals.healthRestarts), ("events", totals.events),
    ] {
      out.append("<div><dt>\(label)</dt><dd>\(value)</dd></div>")
    }
    out.append("</dl>")
    return out
  }

  /// One stream's article: its timeline, counts and statuses.
  static func stream(_ stream: StreamReport, _ analysis: Analysis, axis: HTMLTimeline.Axis) -> [String] {
    var out = ["<article class=\"stream\">"]
    let span = TextReport.span(stream.tally)
    out.append(
      "<h3><code>\(HTMLText.escape(stream.key.description))</code> <span class=\"span\">\(HTMLText.escape(span))</span></h3>"
    )
    if stream.history.runs.isEmpty && stream.history.restarts.isEmpty {
      out.append("<p class=\"note\">No retry run or restart to draw.</p>")
    } else {
      out.append(HTMLTimeline(stream: stream, analysis: analysis, axis: axis).svg())
    }
    out += notDrawn(stream)
    out.append("<dl class=\"counts\">")
    for cell in ReportSummary.streamCells(stream, analysis) {
      out.append(
        "<div><dt>\(HTMLText.escape(cell.label))</dt><dd>\(HTMLText.escape(cell.value))</dd></div>"
      )
    }
    out.append("</dl>")
    let meanings = ReportSummary.statusMeanings(analysis).filter { $0.stream == stream.key.description }
    if !meanings.isEmpty {
      out.append("<ul class=\"statuses\">")
      for status in meanings {
        out.append(
          "<li>status \(HTMLText.escape(status.status)) ×\(status.count): \(HTMLText.prose(status.meaning))</li>")
      }
      out.append("</ul>")
    }
    out.append("</article>")
    return out
  }

  /// Says which runs and restarts the timeline leaves out (the history keeps the first and
  /// last 100 of each).
  static func notDrawn(_ stream: StreamReport) -> [String] {
    var notes: [String] = []
    let runs = stream.history.runs.kept
    if runs.omitted > 0 {
      notes.append(
        "\(runs.omitted) retry runs in the middle are not drawn (walog keeps the first and last \(stream.history.runs.head))"
      )
    }
    let restarts = stream.history.restarts.kept
    if restarts.omitted > 0 { notes.append("\(restarts.omitted) restarts in the middle are not drawn") }
    return notes.map { "<p class=\"note\">\(HTMLText.escape($0)).</p>" }
  }

  /// The colours of the timelines: each status class present, with the statuses it holds.
  static func legend(_ analysis: Analysis) -> String {
    var byTone: [String: Set<String>] = [:]
    for stream in analysis.streams {
      for run in stream.history.runs.kept.items {
        let status = HTMLTimeline.dominantStatus(run)
        let info = status.flatMap { analysis.status(channel: stream.key.channel, code: $0) }
        byTone[tone(info?.statusClass), default: []].insert(
          status.map { code in info.map { "\(code) \($0.name)" } ?? code } ?? "no status")
      }
    }
    var items: [String] = []
    for (tone, name) in [
      ("tone-persistent", "persistent"), ("tone-transient", "transient"), ("tone-benign", "benign"),
      ("tone-unknown", "unclassified"),
    ] {
      guard let statuses = byTone[tone] else { continue }
      items.append(
        "<li><span class=\"swatch \(tone)\"></span>retry run, \(name) status (\(HTMLText.escape(statuses.sorted().joined(separator: ", "))))</li>"
      )
    }
    items.append("<li><span class=\"swatch marker-supervisor\"></span>supervisor restart</li>")
    items.append("<li><span class=\"swatch marker-health\"></span>health-monitor restart</li>")
    return "<ul class=\"legend\">" + items.joined() + "</ul>"
  }

  static func inputs(_ analysis: Analysis) -> [String] {
    var out = ["<section class=\"inputs\">", "<h2>What was read</h2>", "<ul>"]
    for input in analysis.inputs {
      var line = "<code>\(HTMLText.escape(input.name))</code>: \(HTMLText.escape(ReportWords.read(input)))"
      for note in TimeText.clockOffsetNotes(input.clockOffsets) {
        line += "<br>" + HTMLText.escape(note)
      }
      for warning in input.warnings {
        line += "<br><span class=\"warning\">warning: \(HTMLText.escape(warning))</span>"
      }
      out.append("<li>\(line)</li>")
    }
    if !analysis.gatewayVersions.isEmpty {
      out.append(
        "<li>gateway version: \(HTMLText.escape(analysis.gatewayVersions.joined(separator: ", ")))</li>"
      )
    }
    for warning in analysis.warnings {
      out.append("<li class=\"warning\">warning: \(HTMLText.escape(warning))</li>")
    }
    out.append("</ul>")
    out.append("</section>")
    return out
  }

  static func footer(_ analysis: Analysis) -> String {
    let files = analysis.ruleFiles.map { "<code>\(HTMLText.escape($0))</code>" }.joined(
      separator: " + ")
    return
      "<footer>walog \(HTMLText.escape(analysis.walogVersion)) · rules \(files) · sha256 <code>\(HTMLText.escape(String(analysis.rulesHash.prefix(12))))</code></footer>"
  }

  static func badge(_ severity: Finding.Severity) -> String {
    "<span class=\"badge sev-\(severity.rawValue)\">\(severity.rawValue)</span>"
  }

  /// The CSS class of a status class's colour.
  static func tone(_ statusClass: StatusRule.StatusClass?) -> String {
    switch statusClass {
    case .persistent: "tone-persistent"
    case .transient: "tone-transient"
    case .benign: "tone-benign"
    case nil: "tone-unknown"
    }
  }

  static let stylesheet = """
    :root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --panel: #f6f8fa;
      --critical: #8b0000; --error: #cf222e; --warning: #bc4c00; --info: #0969da; --ok: #1a7f37;
      --persistent: #cf222e; --transient: #d4a72c; --benign: #2da44e; --unknown: #8c959f;
      --supervisor: #0969da; --health: #8250df; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 1100px; padding: 24px; color: var(--fg); background: var(--bg);
      font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; }
    h1 { font-size: 20px; margin: 0 0 8px; }
    h2 { font-size: 17px; border-bottom: 1px solid var(--line); padding-bottom: 4px; margin-top: 28px; }
    h3 { font-size: 15px; margin: 0 0 6px; }
    code, pre, td.line, td.place, td.time { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
    .verdict { font-size: 16px; padding: 10px 14px; border-radius: 6px; background: var(--panel); border-left: 6px solid var(--muted); margin: 0; }
    .verdict.sev-critical { border-color: var(--critical); } .verdict.sev-error { border-color: var(--error); }
    .verdict.sev-warning { border-color: var(--warning); } .verdict.sev-info { border-color: var(--info); }
    .verdict.tone-ok { border-color: var(--ok); }
    .scope, .about, .span, .note, footer { color: var(--muted); }
    .span { font-weight: normal; font-size: 13px; margin-left: 8px; }
    .badge { display: inline-block; min-width: 62px; text-align: center; padding: 1px 8px; border-radius: 10px;
      color: #fff; font-size: 12px; font-weight: 600; background: var(--muted); }
    .badge.sev-critical { background: var(--critical); } .badge.sev-error { background: var(--error); }
    .badge.sev-warning { background: var(--warning); } .badge.sev-info { background: var(--info); }
    table { border-collapse: collapse; }
    table.summary { width: 100%; margin-bottom: 12px; }
    table.summary th, table.summary td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); }
    table.summary a { color: inherit; }
    .finding { border: 1px solid var(--line); border-left-width: 6px; border-radius: 6px; padding: 10px 14px; margin: 12px 0; }
    .finding.sev-critical { border-left-color: var(--critical); } .finding.sev-error { border-left-color: var(--error); }
    .finding.sev-warning { border-left-color: var(--warning); } .finding.sev-info { border-left-color: var(--info); }
    .finding p { margin: 4px 0; }
    .actions { margin: 6px 0; padding-left: 22px; }
    .evidence summary { cursor: pointer; color: var(--muted); }
    .evidence table { width: 100%; margin-top: 6px; }
    .evidence td { vertical-align: top; padding: 2px 8px 2px 0; }
    td.place, td.time { white-space: nowrap; color: var(--muted); }
    td.line { white-space: pre-wrap; word-break: break-all; }
    .stream { margin: 14px 0 22px; }
    svg.timeline { width: 100%; height: auto; display: block; background: var(--panel); border-radius: 6px; }
    svg .lane { fill: var(--bg); }
    svg .lane-label { font-size: 12px; fill: var(--muted); text-anchor: end; }
    svg .run { stroke: rgba(0,0,0,.25); stroke-width: .5; }
    svg .run.outcome-recovered { opacity: .55; }
    svg .tone-persistent { fill: var(--persistent); } svg .tone-transient { fill: var(--transient); }
    svg .tone-benign { fill: var(--benign); } svg .tone-unknown { fill: var(--unknown); }
    svg .restart.supervisor { fill: var(--supervisor); } svg .restart.health { fill: var(--health); }
    svg .axis, svg .tick { stroke: var(--muted); stroke-width: 1; }
    svg .tick-label { font-size: 11px; fill: var(--muted); text-anchor: middle; }
    svg .tick-label.start { text-anchor: start; } svg .tick-label.end { text-anchor: end; }
    .legend { list-style: none; padding: 0; margin: 8px 0; display: flex; flex-wrap: wrap; gap: 6px 18px; color: var(--muted); font-size: 13px; }
    .swatch { display: inline-block; width: 14px; height: 10px; margin-right: 6px; border-radius: 2px; vertical-align: baseline; }
    .swatch.tone-persistent { background: var(--persistent); } .swatch.tone-transient { background: var(--transient); }
    .swatch.tone-benign { background: var(--benign); } .swatch.tone-unknown { background: var(--unknown); }
    .swatch.marker-supervisor { background: var(--supervisor); width: 10px; clip-path: polygon(50% 0, 100% 100%, 0 100%); }
    .swatch.marker-health { background: var(--health); width: 10px; clip-path: polygon(50% 0, 100% 50%, 50% 100%, 0 50%); }
    dl.counts { display: flex; flex-wrap: wrap; gap: 4px 22px; margin: 8px 0 0; }
    dl.counts div { display: flex; gap: 6px; }
    dl.counts dt { color: var(--muted); } dl.counts dd { margin: 0; font-weight: 600; }
    .warning { color: var(--warning); }
    footer { margin-top: 32px; font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }

    """
}

/// Escaping for HTML text and attribute values.
enum HTMLText {
  /// `&`, `<`, `>`, `"` and `'` as entities; control characters other than tab and newline
  /// (which HTML forbids) as U+FFFD.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n": out.unicodeScalars.append(scalar)
      case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value): out += "\u{FFFD}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Rule authors' prose: escaped, with `code spans` shown as `<code>` (an unpaired last
  /// backtick stays a backtick).
  static func prose(_ text: String) -> String {
    var parts = text.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
    if parts.count % 2 == 0 {
      let last = parts.removeLast()
      parts[parts.count - 1] += "`" + last
    }
    return parts.enumerated().map { index, part in
      index % 2 == 1 ? "<code>\(escape(part))</code>" : escape(part)
    }.joined()
  }
}
