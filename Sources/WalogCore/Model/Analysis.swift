/// Everything one run of walog found: the value every report renders.
public struct Analysis: Sendable {
  public var walogVersion: String
  /// The rule files in effect (the default, or `--rules`, plus `--extra-rules`).
  public var ruleFiles: [String]
  /// SHA-256 of the rule files' text, so a report says which rules produced it.
  public var rulesHash: String
  public var inputs: [InputSummary]
  public var totals: Totals
  public var streams: [StreamReport]
  public var findings: [Finding]
  /// Versions of the gateway that the log reveals (`OpenClaw Gateway (v2026.4.24)`).
  public var gatewayVersions: [String]
  /// Warnings about the analysis itself (disabled patterns, events dropped by --since).
  public var warnings: [String]
  /// How statuses read, per channel and code.
  public var statuses: [StatusRule]
  /// The ids of the diagnoses that were evaluated, so "no finding" says what was checked.
  public var checks: [String] = []
  /// The event kinds the rules declare, by id: what the events' kinds mean and their roles.
  public var kinds: [EventKind: KindRule] = [:]
  /// The most frequent warning and error shapes that no rule explained, and how many such
  /// lines there were in all.
  public var unexplained: [ProblemShape] = []
  public var unexplainedTotal = 0
  /// What the diagnosis `walog analyze --why ID` asked about measured, when one was asked about.
  public var trace: DiagnosisTrace?
  /// For an input with OpenClaw lines but no lifecycle event: what to paste for walog to
  /// judge it (the rule file's `paste-next` note); nil otherwise.
  public var pasteNext: String?
  /// The hosts whose gateways the log holds, by name, when it names more than one (a fleet's
  /// central journal, a `docker compose logs` of several services); empty otherwise, and then
  /// no stream or finding names a host.
  public var hosts: [HostSummary] = []
  /// The host the log named first, whether or not it names others; nil when it names none.
  /// With several hosts, its streams were kept without a host until the second appeared
  /// (`walog watch` keeps its alerts' identity across that); with one, it is the host every
  /// stream belongs to (Alertmanager's `host` label).
  public var firstHost: String?

  public init(
    walogVersion: String, ruleFiles: [String], rulesHash: String, inputs: [InputSummary],
    totals: Totals, streams: [StreamReport], findings: [Finding], gatewayVersions: [String],
    warnings: [String], statuses: [StatusRule]
  ) {
    self.walogVersion = walogVersion
    self.ruleFiles = ruleFiles
    self.rulesHash = rulesHash
    self.inputs = inputs
    self.totals = totals
    self.streams = streams
    self.findings = findings
    self.gatewayVersions = gatewayVersions
    self.warnings = warnings
    self.statuses = statuses
  }

  /// Whether any input held a lifecycle event or a line with an OpenClaw tag or subsystem;
  /// exit code 3 when not (a timestamp, journald or container prefix alone does not count).
  public var recognisedOpenClaw: Bool {
    inputs.contains { $0.openClawLines > 0 || $0.events > 0 }
  }

  /// For a log with OpenClaw lines but no lifecycle event, the sentence every format says
  /// (`no lifecycle event in 4 OpenClaw lines`); nil otherwise.
  public var noLifecycleEvent: String? { Self.noLifecycleEvent(inputs) }

  static func noLifecycleEvent(_ inputs: [InputSummary]) -> String? {
    let lines = inputs.reduce(0) { $0 + $1.openClawLines }
    guard lines > 0, !inputs.contains(where: { $0.events > 0 }) else { return nil }
    return "no lifecycle event in \(lines) OpenClaw line\(lines == 1 ? "" : "s")"
  }

  /// The roles of a kind in the rules (none for a kind they do not declare).
  public func kindRoles(_ kind: EventKind) -> KindRoles { kinds[kind]?.roleSet ?? [] }

  /// The status entry for a channel's code, if the rule file describes it.
  public func status(channel: String, code: String) -> StatusRule? {
    statuses.first { $0.channel == channel && $0.code == code }
  }
}

/// What was read from one input.
public struct InputSummary: Sendable {
  public var name: String
  public var bytes = 0
  public var lines = 0
  /// Lines the prefilter passed to the matcher.
  public var candidateLines = 0
  /// Lines that became events.
  public var events = 0
  /// Lines whose envelope is OpenClaw's (among those examined: a sample at the start
  /// and every candidate line).
  public var openClawLines = 0
  /// Lines longer than the cap, cut.
  public var cutLines = 0
  public var formats: Set<LineFormat> = []
  public var warnings: [String] = []
  /// Binary data, not a log (an executable, an image, a journald journal file: `BinarySniff`);
  /// its lines are not listed as unexplained.
  public var binary = false
  /// Counters of where time goes, for `--stats`.
  public var regexCalls = 0
  /// The time of the input's last line that printed one (read once per block, not per
  /// line), so an open run at the end is judged against the log's end, not its last event.
  public var lastTime: LogTime?
  /// Under a named `--tz` zone: the offsets its clock-only lines got, and from which date.
  public var clockOffsets = ClockOffsets()
  /// Channels with events before `--since`, left out: their first runs may have begun there.
  public var channelsBeforeWindow: Set<String> = []

  public init(name: String) { self.name = name }
}

/// One host's part of a log that names several.
public struct HostSummary: Sendable {
  public var name: String
  /// The sum of its streams' counts.
  public var totals: Totals
  public var streams: Int

  /// The summary of host `name` from the analysis' streams.
  public init(name: String, streams: [StreamReport]) {
    self.name = name
    let own = streams.filter { $0.key.host == name }
    self.streams = own.count
    totals = own.reduce(into: Totals()) { $0.merge($1.tally.totals) }
  }

  /// The findings about this host's gateway.
  public func findings(_ analysis: Analysis) -> [Finding] { analysis.findings.filter { $0.host == name } }
}

/// One stream's counts and its rebuilt runs, cycles and loops.
public struct StreamReport: Sendable {
  public var tally: StreamTally
  public var history: StreamHistory
  /// Where the log departs from the gateway's default policies.
  public var notes: [PolicyNote]
  public var key: StreamKey { tally.key }
  public init(tally: StreamTally, history: StreamHistory, notes: [PolicyNote]) {
    self.tally = tally
    self.history = history
    self.notes = notes
  }

  /// Runs and restarts in log order, as far as the bounded history kept them, and how many
  /// were left out between its two ends.
  public var timeline: (entries: [TimelineEntry], omitted: Int) {
    let runs = history.runs.kept
    let restarts = history.restarts.kept
    let unsorted = runs.items.map(TimelineEntry.run) + restarts.items.map(TimelineEntry.restart)
    // Times on different clocks (dated, time of day only) do not compare: log order then.
    let oneClock = Set(unsorted.compactMap { $0.time?.precision }).count <= 1
    let entries = unsorted
      .sorted { lhs, rhs in
        if oneClock, let left = lhs.time, let right = rhs.time, left.seconds != right.seconds {
          return left.seconds < right.seconds
        }
        return (lhs.origin.input, lhs.origin.line) < (rhs.origin.input, rhs.origin.line)
      }
    return (entries, runs.omitted + restarts.omitted)
  }
}

/// One line of a stream's timeline.
public enum TimelineEntry: Sendable {
  case run(RetryRun)
  case restart(RestartRecord)

  public var origin: Origin {
    switch self {
    case .run(let run): run.startOrigin
    case .restart(let restart): restart.origin
    }
  }

  public var time: LogTime? {
    switch self {
    case .run(let run): run.start
    case .restart(let restart): restart.time
    }
  }
}

/// A diagnosis that triggered.
public struct Finding: Sendable {
  public enum Severity: String, Sendable, Comparable, CaseIterable {
    case info, warning, error, critical
    var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
  }
  public var id: String
  public var severity: Severity
  public var title: String
  public var rootCause: String
  public var actions: [String]
  /// The figures that triggered it and those the rule reports, in the order the rule lists them.
  public var figures: [Figure]
  /// The stream it holds for; for several streams (processes or accounts merged into one
  /// finding) what they share, with `pid` nil and `account` the first one's; nil for a
  /// whole-log finding.
  public var stream: StreamKey?
  /// Every stream it holds for, sorted: one for a stream finding, several when findings that
  /// differ only by process or account were merged, none for a whole-log finding.
  public var streams: [StreamKey]
  /// The host whose gateway it is about when the log names several hosts (its streams'
  /// host, or the host a whole-log diagnosis was judged on); nil when the log names one.
  public var host: String?
  public var evidence: [Evidence]

  /// The gateway processes (journald PIDs) of a finding merged across them, else empty.
  public var processes: [Int] {
    streams.count > 1 && accounts.isEmpty ? streams.compactMap(\.pid) : []
  }

  /// The accounts of a finding merged across them (more than one), else empty.
  public var accounts: [String] {
    var seen: [String] = []
    for key in streams where !seen.contains(key.account) { seen.append(key.account) }
    return seen.count > 1 ? seen : []
  }

  public init(
    id: String, severity: Severity, title: String, rootCause: String, actions: [String],
    figures: [Figure], stream: StreamKey?, streams: [StreamKey]? = nil, evidence: [Evidence]
  ) {
    self.id = id
    self.severity = severity
    self.title = title
    self.rootCause = rootCause
    self.actions = actions
    self.figures = figures
    self.stream = stream
    self.streams = streams ?? stream.map { [$0] } ?? []
    self.evidence = evidence
  }
}

extension Finding {
  /// The finding with `transform` applied to every text it shows: title, cause, actions,
  /// figure texts and evidence lines (redaction, escaping).
  public func mappingTexts(_ transform: (String) -> String) -> Finding {
    var out = self
    out.title = transform(title)
    out.rootCause = transform(rootCause)
    out.actions = actions.map(transform)
    out.figures = figures.map { figure in
      var figure = figure
      figure.text = transform(figure.text)
      return figure
    }
    out.evidence = evidence.map { evidence in
      var evidence = evidence
      evidence.text = transform(evidence.text)
      return evidence
    }
    return out
  }
}

/// A log line cited by a finding.
public struct Evidence: Sendable {
  public var input: String
  public var line: Int
  public var time: LogTime?
  public var text: String
  public init(input: String, line: Int, time: LogTime?, text: String) {
    self.input = input
    self.line = line
    self.time = time
    self.text = text
  }

  /// An event as a cited line: its input's name (of `inputNames`), line, time and text.
  init(_ event: Event, inputNames: [String]) {
    self.init(
      input: event.origin.input < inputNames.count ? inputNames[event.origin.input] : "?",
      line: event.origin.line, time: event.time, text: event.text)
  }
}
