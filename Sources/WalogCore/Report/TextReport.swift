/// The default human report: findings first, then each stream's story and counts, then
/// what was read. A pure function of the analysis.
public enum TextReport {
  public static func render(_ analysis: Analysis, style: TextStyle = .init(enabled: false)) -> String {
    let analysis = ReadableText.prepared(analysis)
    var out: [String] = []
    out.append(style.bold(headline(analysis)))
    out.append("")
    out += findings(analysis, style)
    out += streams(analysis, style)
    out += unexplained(analysis, style)
    out += inputs(analysis, style)
    return out.joined(separator: "\n") + "\n"
  }

  static func headline(_ analysis: Analysis) -> String {
    let lines = analysis.inputs.reduce(0) { $0 + $1.lines }
    let events = analysis.totals.events
    let hosts = analysis.hosts.isEmpty ? "" : " on \(ReportWords.counted(analysis.hosts.count, "host"))"
    return "walog \(analysis.walogVersion): \(ReportWords.counted(analysis.inputs.count, "input")), "
      + "\(ReportWords.counted(lines, "line")), \(ReportWords.counted(events, "lifecycle event")), "
      + ReportWords.counted(analysis.streams.count, "stream") + hosts
  }

  static func findings(_ analysis: Analysis, _ style: TextStyle) -> [String] {
    var out = [style.bold("Findings")]
    if analysis.findings.isEmpty {
      out.append("  " + ReportSummary.nothingFound(analysis))
    }
    for finding in analysis.findings {
      out.append("  " + style.severity(finding.severity, "[\(finding.severity.rawValue)]") + " " + style.bold(finding.title))
      if let streams = ReportWords.streams(finding) { out.append("    stream: " + streams) }
      if let host = finding.host, finding.stream == nil { out.append("    host: " + host) }
      out.append("    " + finding.rootCause)
      if !finding.figures.isEmpty {
        out.append("    " + style.dim("figures: " + ReportWords.shownFigures(finding).map(ReportWords.figure).joined(separator: " · ")))
      }
      for action in finding.actions { out.append("    → " + action) }
      if !finding.evidence.isEmpty {
        out.append("    evidence:")
        for evidence in finding.evidence {
          let time = evidence.time.map { TimeText.human($0) + "  " } ?? ""
          out.append("      " + style.dim("\(evidence.input):\(evidence.line)") + "  \(time)\(evidence.text)")
        }
      }
    }
    out.append("")
    return out
  }

  static func streams(_ analysis: Analysis, _ style: TextStyle) -> [String] {
    guard !analysis.streams.isEmpty else { return ["No channel lifecycle events found.", ""] }
    var out: [String] = []
    for group in ReportSummary.byHost(analysis.streams, analysis) {
      if let host = group.host {
        // Each host's totals first, in the words of a stream's counts.
        out.append(style.bold("Host \(host.name)") + "  " + ReportWords.hostSummary(host, analysis))
        out += counts(host.totals, channel: nil, analysis)
        out.append("")
      }
      for stream in group.streams {
        let tally = stream.tally
        out.append(style.bold(tally.key.description) + "  " + span(tally))
        out += counts(tally.totals, channel: tally.key.channel, analysis)
        out += timeline(stream)
        out += loops(stream.history)
        for note in stream.notes { out.append("  " + style.yellow("note: ") + note.text) }
        out.append("")
      }
    }
    return out
  }

  /// A compact timeline: the first and last few runs and restarts.
  static func timeline(_ stream: StreamReport) -> [String] {
    let (entries, omitted) = stream.timeline
    guard !entries.isEmpty else { return [] }
    let shown = 12
    var rows: [String] = ["  timeline"]
    let head = entries.count > shown ? Array(entries.prefix(shown / 2)) : entries
    let tail = entries.count > shown ? Array(entries.suffix(shown / 2)) : []
    rows += head.map { "    " + describe($0) }
    let hidden = entries.count - head.count - tail.count + omitted
    if hidden > 0 { rows.append("    … \(hidden) more") }
    rows += tail.map { "    " + describe($0) }
    return rows
  }

  static func describe(_ entry: TimelineEntry) -> String {
    let time = entry.time.map(TimeText.human) ?? "line \(entry.origin.line)"
    switch entry {
    case .run(let run):
      let statuses = sortedCounts(run.statuses).map { "\($0.key)×\($0.value)" }.joined(separator: " ")
      var attempts = ""
      if let first = run.firstAttempt, let last = run.lastAttempt {
        attempts = first == last ? " attempt \(first)" : " attempts \(first)→\(last)"
        if let max = run.maxAttempts { attempts += "/\(max)" }
      }
      let closes = ReportWords.closes(run.closes)
      let before =
        run.beganBeforeLog ? ", began before the log" : run.beganBeforeWindow ? ", began before --since" : ""
      return "\(time)  run: \(closes)\(statuses.isEmpty ? "" : " (\(statuses))")\(attempts), \(run.outcomeText)\(before)"
    case .restart(let record):
      switch record.restart {
      case .supervisor(let attempt, let of, let delay):
        let count = attempt.map { " \($0)" + (of.map { "/\($0)" } ?? "") } ?? ""
        let wait = delay.map { " in \(TimeText.duration($0))" } ?? ""
        return "\(time)  auto-restart\(count)\(wait)"
      case .healthMonitor(let reason):
        return "\(time)  health-monitor restart (\(reason))"
      case .everyChannel:
        return "\(time)  \(record.restart.restarter) restart (the gateway restarted every channel)"
      }
    }
  }

  static func loops(_ history: StreamHistory) -> [String] {
    guard let loop = history.longestLoop else { return [] }
    var parts = ["\(history.loopCount) \(history.loopCount == 1 ? "loop" : "loops"); the longest: \(loop.cycles) cycles"]
    if let duration = loop.duration { parts.append("over \(TimeText.duration(duration))") }
    if let period = loop.medianPeriod { parts.append("one every \(TimeText.duration(period))") }
    let perCycle = Figures.format(loop.closesPerCycle, unit: .ratio)
    parts.append("\(perCycle) \(perCycle == "1" ? "close" : "closes") per cycle")
    if let perHealth = loop.closesPerHealthRestart {
      parts.append("\(Figures.format(perHealth, unit: .ratio)) per health restart")
    }
    if let stream = loop.streamLinesPerMinute, let log = loop.logLinesPerMinute {
      parts.append("\(Figures.format(stream, unit: .ratio)) lines/min from this stream, \(Figures.format(log, unit: .ratio)) from the whole log")
    }
    return ["  " + parts.joined(separator: ", ")]
  }

  /// A stream's counts, each once: closes (with what each status means), retries, restarts,
  /// then the events no row above counted. `channel` nil: a host's counts over its channels,
  /// whose statuses are shown without a channel's meaning.
  static func counts(_ totals: Totals, channel: String?, _ analysis: Analysis) -> [String] {
    var rows: [(String, String)] = []
    let roles = analysis.kindRoles
    // The kinds a row below counts: closes, give-ups, restarts, supervisor give-ups.
    var counted = Set(totals.eventsByKind.keys.filter {
      roles($0).containsAny(KindRoles([.closes, .givesUp, .restarts, .supervisorGivesUp, .healthRestarts]))
    })
    if totals.closes > 0 {
      let closeLines = totals.eventsByKind.filter { roles($0.key).contains(.closes) }.values.reduce(0, +)
      let others = totals.closes - closeLines
      var note = ""
      if others > 0 {
        let kinds = totals.eventsByKind.keys.filter {
          !roles($0).contains(.closes) && roles($0).containsAny(Totals.closingRoles)
        }.sorted { closingOrder(roles($0)) < closingOrder(roles($1)) }
        // Counted once: in the closes when every such line printed a status.
        if kinds.reduce(0, { $0 + totals.eventsByKind[$1]! }) == others { counted.formUnion(kinds) }
        note = "  (\(others) of them " + closingNote(kinds, others, roles: roles) + ")"
      }
      rows.append(("closes", "\(totals.closes)" + note))
      for entry in sortedCounts(totals.closesByStatus) {
        let info = channel.flatMap { analysis.status(channel: $0, code: entry.key) }
        let name = info.map { " \($0.name)" } ?? ""
        let meaning = info.map { ": " + $0.meaning } ?? ""
        rows.append(("", "status \(entry.key)\(name) ×\(entry.value)\(meaning)"))
      }
    }
    if totals.retries > 0 {
      rows.append(("retries", "\(totals.retries)  highest attempt \(totals.maxRetryAttempt)"))
    }
    if totals.giveups > 0 { rows.append(("give-ups", "\(totals.giveups)")) }
    if totals.autoRestarts > 0 { rows.append(("auto-restarts", "\(totals.autoRestarts)")) }
    if totals.supervisorGiveups > 0 {
      rows.append(("supervisor gave up", "\(totals.supervisorGiveups)"))
    }
    if totals.healthRestarts > 0 {
      let reasons = sortedCounts(totals.healthRestartsByReason).map { "\($0.key) ×\($0.value)" }
      rows.append(("health restarts", "\(totals.healthRestarts)  " + reasons.joined(separator: ", ")))
    }
    let rest = totals.eventsByKind.filter { !counted.contains($0.key) }
    if !rest.isEmpty { rows.append((rows.isEmpty ? "events" : "other events", ReportWords.kinds(rest))) }
    let width = rows.map(\.0.count).max() ?? 0
    return rows.map { "  " + $0.0 + String(repeating: " ", count: width - $0.0.count) + "  " + $0.1 }
  }

  /// The order closing kinds are listed in: stops, give-ups, exits.
  static func closingOrder(_ roles: KindRoles) -> Int {
    roles.contains(.stops) ? 0 : roles.contains(.givesUp) ? 1 : 2
  }

  /// `a fail-fast stop`, `provider exits`: what the closes that are not close lines were, by
  /// their kinds' roles.
  static func closingNote(_ kinds: [EventKind], _ count: Int, roles: (EventKind) -> KindRoles) -> String {
    func words(_ kind: EventKind) -> (one: String, many: String)? {
      let roles = roles(kind)
      if roles.contains(.stops) { return ("a fail-fast stop", "fail-fast stops") }
      if roles.contains(.givesUp) { return ("a give-up", "give-ups") }
      if roles.contains(.exits) { return ("a provider exit", "provider exits") }
      return nil
    }
    guard kinds.count == 1, let word = words(kinds[0]) else {
      return ReportWords.list(kinds.map { words($0)?.many ?? ReportWords.kind($0) }).replacing(" and ", with: " or ")
    }
    return count == 1 ? word.one : word.many
  }

  /// Warnings and errors no rule explained: the reader should not take "no known problem"
  /// for "nothing wrong".
  static func unexplained(_ analysis: Analysis, _ style: TextStyle) -> [String] {
    guard analysis.unexplainedTotal > 0 else { return [] }
    var out = [style.bold("Warnings and errors no rule explained") + " (\(ReportWords.counted(analysis.unexplainedTotal, "line")))"]
    for problem in analysis.unexplained {
      out.append("  ×\(problem.count)  [\(problem.level)] \(problem.shape)")
      out.append("      " + style.dim("first at \(problem.firstSeen): \(problem.example)"))
    }
    out.append("")
    return out
  }

  static func inputs(_ analysis: Analysis, _ style: TextStyle) -> [String] {
    var out = [style.bold("Inputs")]
    for input in analysis.inputs {
      out.append("  \(input.name): \(ReportWords.read(input))")
      for note in TimeText.clockOffsetNotes(input.clockOffsets) { out.append("    " + note) }
      for warning in input.warnings { out.append("    " + style.yellow("warning: ") + warning) }
    }
    if !analysis.gatewayVersions.isEmpty {
      out.append("  gateway version: " + analysis.gatewayVersions.joined(separator: ", "))
    }
    for warning in analysis.warnings { out.append("  " + style.yellow("warning: ") + warning) }
    return out
  }

  /// From a stream's first to its last event; on one clock, with its duration and offset.
  static func span(_ tally: StreamTally) -> String {
    guard tally.mixedClocks, let first = tally.firstSeenTime, let last = tally.lastSeenTime else {
      return span(tally.firstTime, tally.lastTime)
    }
    return "\(TimeText.human(first)) → \(TimeText.human(last)) (dated and undated times: no duration)"
  }

  static func span(_ first: LogTime?, _ last: LogTime?) -> String {
    guard let first, let last else { return "(times unknown)" }
    let zone = first.zulu ? " (UTC)" : first.offset.map { " (UTC\(TimeText.offsetText($0)))" } ?? ""
    return "\(TimeText.human(first)) → \(TimeText.human(last)), \(TimeText.duration(last.seconds - first.seconds))\(zone)"
  }

  /// `the input is binary data, not a text log (151,344 bytes skipped)` when every input is,
  /// for the executable's message.
  public static func binaryInput(_ analysis: Analysis) -> String? { ReportSummary.binaryInput(analysis) }

  static func grouped(_ value: Int) -> String {
    let digits = Array(String(value))
    var out = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
      out.append(digit)
    }
    return out
  }
}
