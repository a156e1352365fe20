/// Collects the event stream into totals, per-stream counts and histories, and diagnosis
/// probes. It can be asked for the analysis at any point of the stream (``analysis(...)``),
/// which is what live watching builds on.
public struct AnalysisBuilder: Sendable {
  /// Per channel account (and process): its counts and its rebuilt history.
  private struct Stream: Sendable {
    var tally: StreamTally
    var history: StreamHistory
  }
  private var streams: [StreamKey: Stream] = [:]
  private var recentStream = RecentIndex<StreamKey, Stream>()
  private var engine: DiagnosisEngine
  private var versions: [String] = []
  /// The latest line number seen per input, summed: the log's line clock for loop rates.
  private var latestLine: [Int: Int] = [:]
  private var linesSoFar = 0
  private var lastTime: LogTime?
  /// Accounts past ``maxStreams`` whose events went into their channel's "other accounts".
  private var foldedAccounts: Set<StreamKey> = []
  /// Per input, its latest events: what a user's mark of more of the same repeats.
  private var recentEvents: [Int: RecentEvents] = [:]
  /// The hosts the log names: streams are keyed by host once it names a second one.
  private var hosts = HostOrder()

  /// Streams kept apart, each with its history and probes. Past this many, a new channel
  /// account's events are summed into one "other accounts" stream of its channel, so memory
  /// stays bounded whatever the log names, and the totals (sums of every stream) stay exact.
  public static let maxStreams = 1_000
  public static let otherAccounts = StreamKey.otherAccounts
  private let policies: PolicyTable
  /// The stream of the gateway process's own events and the account of lines that name none.
  private let gatewayStream: String?
  private let fallbackAccount: String

  /// `traced`: the id of a diagnosis whose measurements the analysis reports (`--why`).
  public init(
    diagnoses: [Diagnosis], statuses: [StatusRule], policies: PolicyTable = RuleSet.default.policies,
    channelNames: [String: String] = RuleSet.default.channelNames,
    conventions: GatewayConventions = RuleSet.default.conventions, kinds: [EventKind: KindRule] = [:],
    traced: String? = nil
  ) {
    engine = DiagnosisEngine(
      diagnoses: diagnoses, statuses: statuses, channelNames: channelNames, conventions: conventions, kinds: kinds,
      policies: policies, traced: traced)
    self.policies = policies
    gatewayStream = conventions.stream
    fallbackAccount = conventions.fallbackAccount
  }

  /// The builder for `rules` and their compiled `diagnoses`.
  public init(rules: RuleSet, diagnoses: [Diagnosis], traced: String? = nil) {
    self.init(
      diagnoses: diagnoses, statuses: rules.file.statuses, policies: rules.policies, channelNames: rules.channelNames,
      conventions: rules.conventions, kinds: rules.kinds, traced: traced)
  }

  public mutating func add(_ event: Event) {
    let previous = latestLine[event.origin.input] ?? 0
    if event.origin.line > previous {
      linesSoFar += event.origin.line - previous
      latestLine[event.origin.input] = event.origin.line
    }
    if let time = event.time, lastTime.map({ $0 < time }) ?? true { lastTime = time }
    if event.kind == .elision {
      addMark(event)
      return
    }
    if hosts.note(event.host) { nameFirstHost() }
    if event.roles.contains(.tellsVersion) {
      if let version = event.fields["version"] ?? event.reason, !versions.contains(version) {
        versions.append(version)
      }
      return
    }
    // A process id tells two gateways on one channel account apart; the gateway's own
    // process-level events (service restarts, config errors) span many processes by nature.
    var key = StreamKey(
      channel: event.channel, account: event.account ?? fallbackAccount,
      pid: event.channel == gatewayStream ? nil : event.origin.pid, host: hosts.key(event.host))
    if streams.count >= Self.maxStreams, streams[key] == nil {
      if foldedAccounts.count <= Self.maxStreams { foldedAccounts.insert(key) }
      key = StreamKey(channel: key.channel, account: Self.otherAccounts, host: key.host)
    }
    let policies = self.policies
    let index = recentStream.index(of: key, in: &streams) {
      Stream(tally: StreamTally(key: key), history: StreamHistory(key: key, policy: policies.policy(for: key.channel)))
    }
    streams.values[index].tally.add(event)
    streams.values[index].history.add(event, logLines: linesSoFar)
    engine.add(event, stream: key)
    if event.roles.contains(.restartsEveryChannel) { restartEveryChannel(event) }
    recentEvents[event.origin.input, default: RecentEvents()].add(event, stream: key)
  }

  /// A user's mark of more of the same (``EventKind/elision``): the event it repeats (the
  /// input's latest, or the recent one whose message the cut-short line starts) counts
  /// once more in the diagnoses, as a repeat that cites the mark; never in totals or cycles.
  /// An event is repeated once however many marks follow it; a stated period also reaches
  /// its stream's history.
  private mutating func addMark(_ mark: Event) {
    let input = mark.origin.input
    guard let index = recentEvents[input]?.index(startingWith: mark.fields[RepeatMarks.repeatingField]) else { return }
    let (event, key, repeated) = recentEvents[input]!.entries[index]
    let period = mark.fields[RepeatMarks.periodField].flatMap(Double.init)
    if let period, let stream = streams.index(forKey: key) {
      streams.values[stream].history.addMark(repeating: event, every: period)
    }
    guard !repeated else { return }
    recentEvents[input]!.entries[index].repeated = true
    var again = event
    again.origin = mark.origin
    again.text = mark.text
    again.mark = mark.text
    if let period, let time = event.time {
      again.time = LogTime(seconds: time.seconds + period, offset: time.offset, precision: time.precision)
    } else {
      again.time = mark.time
    }
    engine.add(again, stream: key)
    // The period is the loop's: it goes to the latest failure before the mark (a drop before
    // the reconnect the mark follows).
    if let period, let recent = recentEvents[input] {
      for index in recent.newestFirst {
        let (event, stream, _) = recent.entries[index]
        if engine.notePeriod(period, of: event, stream: stream, repeat: again) { break }
      }
    }
  }

  /// The moment a second host appears: the streams so far were the first host's, and take
  /// its name.
  private mutating func nameFirstHost() {
    let host = hosts.first
    func named(_ key: StreamKey) -> StreamKey { key.onHost(host) }
    streams = Dictionary(uniqueKeysWithValues: streams.map { key, stream in
      var stream = stream
      stream.tally.key = named(key)
      stream.history.key = named(key)
      return (named(key), stream)
    })
    recentStream = RecentIndex()
    foldedAccounts = Set(foldedAccounts.map(named))
    for input in recentEvents.keys {
      for index in recentEvents[input]!.entries.indices {
        recentEvents[input]!.entries[index].stream = named(recentEvents[input]!.entries[index].stream)
      }
    }
    engine.nameFirstHost(host)
  }

  /// A restart of every channel (a host thaw) restarts each channel of its gateway process that
  /// has started so far on its host: a restart in each of their histories (the line itself
  /// counts once, in the gateway's stream).
  private mutating func restartEveryChannel(_ event: Event) {
    let host = hosts.key(event.host)
    for index in streams.values.indices {
      let key = streams.keys[index]
      guard key.channel != gatewayStream, key.host == host,
        event.origin.pid == nil || key.pid == event.origin.pid
      else {
        continue
      }
      streams.values[index].history.addRestartOfEveryChannel(event, logLines: linesSoFar)
      streams.values[index].tally.include(event)
    }
  }

  /// The whole log's totals: the sum of the streams' (every counted event is in one stream).
  public var totals: Totals {
    streams.values.reduce(into: Totals()) { $0.merge($1.tally.totals) }
  }

  /// The newest gateway version the log revealed.
  public var gatewayVersion: GatewayVersion? {
    versions.compactMap(GatewayVersion.init(parsing:)).max()
  }

  /// The analysis as of now. `inputs` are the per-input summaries the readers kept.
  public func analysis(
    inputs: [InputSummary], rules: RuleSetInfo, warnings: [String], walogVersion: String
  ) -> Analysis {
    let keys = streams.keys.sorted()
    let logEnd = (inputs.compactMap(\.lastTime) + [lastTime].compactMap { $0 }).max()
    let cut = inputs.reduce(into: Set<String>()) { $0.formUnion($1.channelsBeforeWindow) }
    let finished = keys.map { streams[$0]!.history.finished(at: logEnd, windowCut: cut.contains($0.channel)) }
    let version = gatewayVersion
    let names = inputs.map(\.name)
    let contexts = zip(keys, finished).map { key, history in
      DiagnosisEngine.Context(
        stream: key,
        figures: Figures(
          history: history, tally: streams[key]!.tally, concurrentProcesses: concurrentProcesses(key),
          version: version),
        version: version, inputNames: names, versionAsk: versionAsk(key.channel, version))
    }
    let hostNames: [String?] = hosts.several ? Set(keys.compactMap(\.host)).sorted() : [nil]
    let logContexts = hostNames.map { host in
      DiagnosisEngine.Context(
        stream: nil, figures: Figures.combined(contexts.filter { $0.stream?.host == host }.map(\.figures)),
        version: version, inputNames: names, host: host, versionAsk: versionAsk(nil, version))
    }
    let findings = engine.findings(contexts: contexts, logContexts: logContexts)
    let reports = zip(keys, finished).map { key, history in
      StreamReport(tally: streams[key]!.tally, history: history, notes: history.policyNotes(version: version))
    }
    var analysis = Analysis(
      walogVersion: walogVersion, ruleFiles: rules.files, rulesHash: rules.hash, inputs: inputs,
      totals: totals, streams: reports, findings: findings, gatewayVersions: versions,
      warnings: warnings + foldedWarning, statuses: rules.statuses)
    analysis.checks = engine.diagnoses.map(\.id)
    analysis.kinds = rules.kinds
    analysis.firstHost = hosts.first
    if hosts.several { analysis.hosts = hostNames.compactMap { $0 }.map { HostSummary(name: $0, streams: reports) } }
    if Analysis.noLifecycleEvent(inputs) != nil { analysis.pasteNext = policies.defaults.notes[ChannelPolicy.pasteNext] }
    analysis.trace = engine.trace(contexts: contexts, logContexts: logContexts)
    return analysis
  }

  /// The rule file's `ask-version` note for a channel (the top-level one for the whole log),
  /// when the log shows no version.
  private func versionAsk(_ channel: String?, _ version: GatewayVersion?) -> String? {
    guard version == nil else { return nil }
    return (channel.map(policies.policy(for:)) ?? policies.defaults).notes[ChannelPolicy.askVersion]
  }

  private var foldedWarning: [String] {
    guard !foldedAccounts.isEmpty else { return [] }
    let count = foldedAccounts.count > Self.maxStreams ? "more than \(Self.maxStreams)" : "\(foldedAccounts.count)"
    return [
      "the log names more than \(Self.maxStreams) channel accounts: the events of \(count) further ones are summed "
        + "in one '\(Self.otherAccounts)' stream per channel (totals are exact)"
    ]
  }

  /// Processes (journald PIDs) logging the same channel account on the same host while this
  /// one did.
  private func concurrentProcesses(_ key: StreamKey) -> Int {
    guard key.pid != nil, let mine = streams[key]?.tally, let start = mine.firstTime, let end = mine.lastTime
    else { return 1 }
    return streams.values.map(\.tally).filter { other in
      guard other.key.channel == key.channel, other.key.account == key.account, other.key.host == key.host,
        other.key.pid != nil,
        let otherStart = other.firstTime, let otherEnd = other.lastTime
      else { return false }
      return otherStart <= end && start <= otherEnd
    }.count
  }
}

/// An input's latest events and their streams, for marks of more of the same: a ring of the
/// last ``cap``.
private struct RecentEvents: Sendable {
  var entries: [(event: Event, stream: StreamKey, repeated: Bool)] = []
  /// Where the next entry goes once the ring is full.
  private var next = 0
  static let cap = 16

  mutating func add(_ event: Event, stream: StreamKey) {
    if entries.count < Self.cap {
      entries.append((event, stream, false))
    } else {
      entries[next] = (event, stream, false)
      next = (next + 1) % Self.cap
    }
  }

  /// Indexes from the newest to the oldest.
  var newestFirst: [Int] {
    let count = entries.count
    return (0..<count).map { (next + count - 1 - $0) % count }
  }

  /// The latest entry, or the latest whose message starts with `start`.
  func index(startingWith start: String?) -> Int? {
    guard let start else { return newestFirst.first }
    return newestFirst.first { entries[$0].event.text.hasPrefix(start) }
  }
}
