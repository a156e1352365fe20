/// How the human reports say figures, event kinds, lists and counts in words.
enum ReportWords {
  /// Words for the figures of docs/rules.md; a name a rule gave (`as: conflicts`) is read as
  /// its `label:`, else with its underscores as spaces.
  static let figureLabels: [String: String] = [
    "max_retry_attempt": "highest attempt",
    "giveups": "give-ups",
    "auto_restarts": "auto-restarts",
    "supervisor_giveups": "supervisor give-ups",
    "runs": "retry runs",
    "runs_recovered": "recovered",
    "runs_gave_up": "given up",
    "runs_stopped": "stopped (fail-fast)",
    "runs_logged_out": "logged out",
    "runs_exited": "provider exited",
    "runs_restarted": "cut short by a restart",
    "runs_interrupted": "interrupted",
    "runs_open": "still retrying at the end",
    "runs_began_before_log": "began before the log",
    "supervisor_cycles": "supervisor cycles",
    "health_cycles": "health-monitor cycles",
    "exit_cycles": "cycles with no retry run",
    "lonely_restarts": "restarts with no failure before them",
    "loop_cycles": "cycles in the longest loop",
    "loop_median_period": "a cycle every",
    "loop_duration": "longest loop",
    "loop_closes_per_cycle": "closes per cycle",
    "loop_closes_per_health_restart": "closes per health restart",
    "loop_stream_lines_per_minute": "stream lines a minute",
    "loop_log_lines_per_minute": "log lines a minute",
    "max_health_restarts_in_hour": "most health restarts in an hour",
    "health_restarts_per_hour_limit": "hourly restart cap",
    "retried_conflicts": "retried conflicts",
    "delays_off_policy": "delays off the default backoff",
    "single_close_recoveries": "recoveries after one close",
    "watchdog_idle_growing": "idle time growing",
    "watchdog_early_fires": "watchdog fires sooner than the idle time they announce",
    "concurrent_processes": "gateway processes at once",
  ]

  /// Figures that are a yes or a no (1 or 0).
  static let yesNoFigures: Set<String> = ["watchdog_idle_growing"]

  static func label(_ name: String, rule label: String? = nil) -> String {
    if name.hasSuffix(Diagnosis.gapSuffix) {
      return "median gap (" + (label ?? self.label(String(name.dropLast(Diagnosis.gapSuffix.count)))) + ")"
    }
    return label ?? figureLabels[name] ?? name.replacing("_", with: " ")
  }

  /// The figures the human reports list: those that are not 0 (`given up: 0` beside a session
  /// conflict that stopped says nothing), and the first (the finding's key figure) when its
  /// condition held at 0; never one whose condition did not hold. JSON has all.
  static func shownFigures(_ finding: Finding) -> [Figure] {
    finding.figures.enumerated().filter { index, figure in
      figure.value != 0 || yesNoFigures.contains(figure.name) || (index == 0 && figure.held)
    }.map(\.element)
  }

  /// `began before the log: 1`, `idle time growing: no`.
  static func figure(_ figure: Figure) -> String {
    "\(label(figure.name, rule: figure.label)): \(value(figure))"
  }

  static func value(_ figure: Figure) -> String {
    yesNoFigures.contains(figure.name) ? (figure.value == 0 ? "no" : "yes") : figure.text
  }

  /// `provider_start` → `provider start`, `auto_restart` → `auto-restart`.
  static func kind(_ kind: EventKind) -> String {
    kind.rawValue.replacing("auto_", with: "auto-").replacing("_", with: " ")
  }

  /// `a`, `a and b`, `a, b and c`.
  static func list(_ items: [String]) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " and " + items.last!
  }

  /// `1 line`, `2,048 lines`.
  static func counted(_ value: Int, _ noun: String, plural: String? = nil) -> String {
    "\(TextReport.grouped(value)) \(value == 1 ? noun : plural ?? noun + "s")"
  }

  /// Which streams a finding holds for, in words: `whatsapp:default`,
  /// `whatsapp:default, gateway processes 1234 and 5678`,
  /// `whatsapp accounts home and work (the same in each)`.
  static func streams(_ finding: Finding) -> String? {
    guard let stream = finding.stream else { return nil }
    let host = stream.host.map { " on \($0)" } ?? ""
    if !finding.accounts.isEmpty {
      return "\(stream.channel) accounts \(list(finding.accounts)) (the same in each)\(host)"
    }
    if !finding.processes.isEmpty {
      return "\(stream.channel):\(stream.account), gateway processes "
        + list(finding.processes.map(String.init)) + host
    }
    return stream.description
  }

  /// The host a whole-log finding was judged on, when the log names several: `host gw-2`.
  static func host(_ finding: Finding) -> String? {
    guard finding.stream == nil, let host = finding.host else { return nil }
    return "host \(host)"
  }

  /// A host's part of the log in words: `2 streams, 140 lifecycle events, 1 finding (error)`.
  static func hostSummary(_ host: HostSummary, _ analysis: Analysis) -> String {
    let findings = host.findings(analysis)
    let severities = findings.isEmpty ? "" : " (\(ReportSummary.severityCounts(findings)))"
    return "\(counted(host.streams, "stream")), \(counted(host.totals.events, "lifecycle event")), "
      + counted(findings.count, "finding") + severities
  }

  /// What was read of an input: `509 lines, 3 recognised, console-compact, 1 over-long line
  /// cut`, or `binary data, 151,344 bytes`.
  static func read(_ input: InputSummary) -> String {
    if input.binary { return "binary data, " + counted(input.bytes, "byte") }
    var words = "\(counted(input.lines, "line")), \(TextReport.grouped(input.events)) recognised"
    let formats = input.formats.sorted().map(\.rawValue).joined(separator: ", ")
    if !formats.isEmpty { words += ", \(formats)" }
    if input.cutLines > 0 { words += ", \(counted(input.cutLines, "over-long line")) cut" }
    return words
  }

  /// A run's closes: `no close` (a run the log shows only the end of), `1 close`, `12 closes`.
  static func closes(_ count: Int) -> String { count == 0 ? "no close" : counted(count, "close") }

  /// `connected 4, provider start 4`: events by kind, in words.
  static func kinds(_ counts: [EventKind: Int]) -> String {
    counts.sorted { $0.key < $1.key }.map { "\(kind($0.key)) \($0.value)" }.joined(separator: ", ")
  }
}
