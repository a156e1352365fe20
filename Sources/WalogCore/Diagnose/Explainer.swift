/// The layer after the diagnoses: every stream with failure events that no diagnosis
/// explained gets one finding that says, in the rule file's words, what happened, how it
/// ended and what to do next. A failure is explained when a diagnosis that held for its stream
/// (or for the whole log) cites it as evidence. "No known problem" is thus left to logs
/// without a failure event at all.
struct Explainer: Sendable {
  /// The finding's id.
  static let findingID = "unexplained-failures"

  private let kinds: [EventKind: KindRule]
  private let statuses: [StatusKey: StatusRule]
  private let policies: PolicyTable
  /// The channels seen so far, and each one's explain policy (``explainPolicy(_:)``).
  private var explainChannels: [String] = []
  private var explainPolicies: [ExplainPolicy] = []
  /// The gateway's own stream (`conventions.stream`), whose findings are about the gateway.
  private let gatewayStream: String?
  private var ledgers: [StreamKey: FailureLedger] = [:]
  private var recent = RecentIndex<StreamKey, FailureLedger>()

  struct StatusKey: Hashable {
    var channel: String
    var code: String
  }

  init(kinds: [EventKind: KindRule], statuses: [StatusRule], policies: PolicyTable, gatewayStream: String?) {
    self.kinds = kinds
    self.gatewayStream = gatewayStream
    var byKey: [StatusKey: StatusRule] = [:]
    for status in statuses { byKey[StatusKey(channel: status.channel, code: status.code)] = status }
    self.statuses = byKey
    self.policies = policies
  }

  /// Counts an event of `stream`: `isFailure`, whether its kind is a failure; `statusClass`,
  /// its status's class; `citedBy`, the diagnoses whose evidence filters it matched.
  mutating func add(
    _ event: Event, stream: StreamKey, isFailure: Bool, statusClass: StatusRule.StatusClass?, citedBy: [Int]
  ) {
    // A status the rule file calls benign (expected, harmless) makes no failure of its line.
    if statusClass == .benign { return }
    let policy = explainPolicy(stream.channel)
    let kindEnding = explainPolicies[policy].endings[event.kind]
    guard isFailure || kindEnding != nil || FailureLedger.ending(of: event.roles) != nil else { return }
    let index = recent.index(of: stream, in: &ledgers) { FailureLedger() }
    // The policy's two figures, not the policy: copying it took a twentieth of the analysis.
    let window = explainPolicies[policy].repeatedWithinSeconds
    ledgers.values[index].add(
      event, isFailure: isFailure, kindEnding: kindEnding, citedBy: citedBy,
      repeated: window.map { ($0, explainPolicies[policy].repeatedBound(event.kind)) })
  }

  /// The index of a channel's explain policy in ``explainPolicies``, found by comparing
  /// channel names: a log has a few channels, and comparing short strings is cheaper than
  /// hashing one and copying a channel's whole policy for every event.
  private mutating func explainPolicy(_ channel: String) -> Int {
    if let index = explainChannels.firstIndex(of: channel) { return index }
    explainChannels.append(channel)
    explainPolicies.append(policies.policy(for: channel).explain)
    return explainPolicies.count - 1
  }

  /// The moment the log names a second host: the ledgers kept without a host were the first
  /// host's (``HostOrder``).
  mutating func nameFirstHost(_ host: String?) {
    ledgers = Dictionary(uniqueKeysWithValues: ledgers.map { ($0.key.onHost(host), $0.value) })
    recent = RecentIndex()
  }

  /// One finding per stream whose failures no held diagnosis cites. `explains(d, stream)`
  /// says whether diagnosis `d` held for that stream (or for the whole log); `looping(stream,
  /// kind, status)` whether that stream's failures of that kind and status have a finding of
  /// their cadence.
  func findings(
    explains: (Int, StreamKey) -> Bool,
    looping: (StreamKey, EventKind, String?) -> Bool = { _, _, _ in false }, inputNames: [String]
  ) -> [Finding] {
    ledgers.keys.sorted().compactMap { stream in
      let ledger = ledgers[stream]!
      let open = ledger.keys.filter { key in
        let statuses = ledger.tallies[key]!.statuses.keys.map(Optional.some)
        let loops = (statuses.isEmpty ? [nil] : statuses).allSatisfy { looping(stream, key.kind, $0) }
        return !loops && !key.citedBy.contains { explains($0, stream) }
      }
      guard !open.isEmpty else { return nil }
      return finding(stream, ledger, open: Set(open), inputNames: inputNames)
    }
  }

  private func finding(_ stream: StreamKey, _ ledger: FailureLedger, open: Set<FailureLedger.Key>, inputNames: [String])
    -> Finding
  {
    let policy = policies.policy(for: stream.channel).explain
    // The unexplained failures by kind, in the order the kinds first came.
    var order: [EventKind] = []
    var byKind: [EventKind: FailureLedger.Tally] = [:]
    for key in ledger.keys where open.contains(key) {
      if byKind[key.kind] == nil { order.append(key.kind) }
      byKind[key.kind, default: .init()].merge(ledger.tallies[key]!)
    }
    // Failures in a row (of any kinds, with no recovery between), or one kind's within the
    // policy's window or by its announced attempt `k/N`.
    var severity = Finding.Severity.info
    if let floor = policy.repeatedFloor(nil, times: ledger.longestStreak) { severity = floor }
    for kind in order {
      let tally = byKind[kind]!
      severity = max(severity, ownSeverity(kind, tally, channel: stream.channel))
      let times = max(tally.maxAttempt ?? 0, ledger.mostWithin[kind] ?? 0)
      if let floor = policy.repeatedFloor(kind, times: times) { severity = max(severity, floor) }
    }
    if let ending = ledger.ending, let floor = policy.ended[ending] { severity = max(severity, floor) }

    let runs = ledger.allRuns
    let story = FailureStory(
      subject: subject(stream), kinds: order.map { kind in
        FailureStory.Kind(
          kind: kind, tally: byKind[kind]!, meaning: kinds[kind]?.meaning ?? "",
          // Words that hold only when nothing worse happened.
          note: severity == .info ? kinds[kind]?.noteAtInfo ?? "" : "",
          statuses: byKind[kind]!.statuses.keys.sorted().map { code in
            (code, statuses[StatusKey(channel: stream.channel, code: code)])
          })
      },
      runs: runs.items.filter { open.contains($0.key) }.map { ($0.key.kind, $0.count) },
      omittedRuns: runs.omitted, ending: ledger.ending, endingEvent: ledger.endingEvent,
      endingMeaning: ledger.endingEvent.flatMap { kinds[$0.kind]?.meaning } ?? "",
      marks: order.compactMap { ledger.marks[$0] })

    var steps = NextSteps(policy.steps(gateway: stream.channel == gatewayStream), ending: ledger.ending)
    for kind in order.sorted(by: { ownSeverity($0, byKind[$0]!, channel: stream.channel) > ownSeverity($1, byKind[$1]!, channel: stream.channel) }) {
      let codes = byKind[kind]!.statuses.keys.sorted()
      steps.add(codes.compactMap { statuses[StatusKey(channel: stream.channel, code: $0)]?.action })
      steps.add(kinds[kind]?.nextSteps ?? [])
    }

    var figures = order.map { kind in
      let count = byKind[kind]!.count
      return Figure(
        name: kind.rawValue, label: FailureStory.plural(FailureStory.words(kind)), value: Double(count), unit: .count,
        text: String(count))
    }
    if let span = story.span {
      figures.append(Figure(name: "span", label: "from the first to the last", value: span, unit: .seconds, text: TimeText.duration(span)))
    }
    let events = order.flatMap { byKind[$0]!.evidence.events }.sorted {
      ($0.origin.input, $0.origin.line) < ($1.origin.input, $1.origin.line)
    }
    let cited = Array(events.prefix(EvidenceSample.firstCount)) + (events.count > EvidenceSample.firstCount ? [events.last!] : [])
    return Finding(
      id: Self.findingID, severity: severity, title: story.title, rootCause: story.rootCause, actions: steps.list,
      figures: figures, stream: stream,
      evidence: cited.map { Evidence($0, inputNames: inputNames) })
  }

  /// The next steps of a finding about `stream`'s failures of `kind` that tells no ending
  /// (a cadence): the stream's first check, then the kind's own steps.
  func steps(_ stream: StreamKey, _ kind: EventKind) -> [String] {
    var steps = NextSteps(policies.policy(for: stream.channel).explain.steps(gateway: stream.channel == gatewayStream), ending: nil)
    steps.add(kinds[kind]?.nextSteps ?? [])
    return steps.list
  }

  /// How serious a kind's failures are on their own: the kind's severity, or its statuses'
  /// where the rule file gives them one.
  private func ownSeverity(_ kind: EventKind, _ tally: FailureLedger.Tally, channel: String) -> Finding.Severity {
    let base = kinds[kind]?.level ?? .info
    let fromStatuses = tally.statuses.keys.compactMap { statuses[StatusKey(channel: channel, code: $0)]?.severity }
    return fromStatuses.max().map { max($0, base) } ?? base
  }

  /// Whom the finding is about: `telegram:default`, or the gateway itself.
  private func subject(_ stream: StreamKey) -> String {
    stream.channel == gatewayStream ? "The gateway" + (stream.pid.map { " (pid \($0))" } ?? "") : stream.description
  }
}

extension FailureLedger.Tally {
  /// Another key's tally of the same kind added to this one.
  mutating func merge(_ other: Self) {
    count += other.count
    statuses.merge(other.statuses, uniquingKeysWith: +)
    for reason in other.reasons where reasons.count < Self.reasonCap && !reasons.contains(reason) { reasons.append(reason) }
    if let attempt = other.maxAttempt { maxAttempt = max(maxAttempt ?? attempt, attempt) }
    if let time = other.first, first.map({ time < $0 }) ?? true { first = time }
    if let time = other.last, last.map({ $0 < time }) ?? true { last = time }
    for event in other.evidence.events { evidence.add(event) }
  }
}
