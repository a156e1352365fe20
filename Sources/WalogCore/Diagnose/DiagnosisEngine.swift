/// Evaluates the rule file's diagnoses over the event stream and the rebuilt cycles.
///
/// Events are fed as they pass (``add(_:stream:)``); ``findings(...)`` can be asked at any
/// point and evaluates the conditions on what was seen so far.
public struct DiagnosisEngine: Sendable {
  public let diagnoses: [Diagnosis]
  private let statuses: [StatusKey: StatusRule.StatusClass]
  /// Channel id → the name texts call it by (`{channel_name}`: `imessage` → `iMessage`).
  private let channelNames: [String: String]
  /// How commands name an account (`{account_flag}`).
  private let conventions: GatewayConventions
  private(set) var streams: [StreamKey: ProbeState] = [:]
  private var recentStream = RecentIndex<StreamKey, ProbeState>()
  /// The whole log's scope, per host (``StreamKey/host``, in ``logHosts``): one gateway's
  /// log, whatever else the log holds. A fleet has a few hosts: searched, not hashed.
  private(set) var logs: [ProbeState] = []
  private(set) var logHosts: [String?] = []
  private var recentLog = 0
  private(set) var plan: ProbePlan
  /// The diagnosis whose leaves keep the lines they read (`walog analyze --why`).
  let traced: Int?
  /// Gateway-wide events seen so far, replayed into a stream's state when it begins on their
  /// host.
  private var sharedEvents: [(event: Event, hits: ProbePlan.Hits, host: String?)] = []
  /// The failures no diagnosis explains, found after the diagnoses.
  private var explainer: Explainer
  /// Failures that recur at a steady period, found after the diagnoses too.
  private var cadence = Cadence()
  private let kinds: [EventKind: KindRule]
  private let failureKinds: Set<EventKind>
  private let statusRules: [Cadence.StatusKey: StatusRule]

  private struct StatusKey: Hashable {
    var channel: String
    var code: String
  }

  /// `kinds` and `policies` are what the rule file says of event kinds and channels, for the
  /// failures no diagnosis explains; `traced`: the id of a diagnosis to trace
  /// (``trace(contexts:logContexts:)``).
  public init(
    diagnoses: [Diagnosis], statuses: [StatusRule], channelNames: [String: String] = [:],
    conventions: GatewayConventions = RuleSet.default.conventions,
    kinds: [EventKind: KindRule] = [:], policies: PolicyTable = PolicyTable(defaults: ChannelPolicy(), byChannel: [:]),
    traced: String? = nil
  ) {
    self.diagnoses = diagnoses
    self.traced = traced.flatMap { id in diagnoses.firstIndex { $0.id == id } }
    explainer = Explainer(kinds: kinds, statuses: statuses, policies: policies, gatewayStream: conventions.stream)
    self.kinds = kinds
    failureKinds = Set(kinds.filter(\.value.isFailure).keys)
    var rules: [Cadence.StatusKey: StatusRule] = [:]
    for status in statuses { rules[Cadence.StatusKey(channel: status.channel, code: status.code)] = status }
    statusRules = rules
    self.channelNames = channelNames
    self.conventions = conventions
    var classes: [StatusKey: StatusRule.StatusClass] = [:]
    for status in statuses { classes[StatusKey(channel: status.channel, code: status.code)] = status.statusClass }
    self.statuses = classes
    plan = ProbePlan(diagnoses: diagnoses)
  }

  public mutating func add(_ event: Event, stream: StreamKey) {
    let statusClass = event.status.flatMap { statuses[StatusKey(channel: event.channel, code: $0)] }
    let (hits, shared) = plan.hits(event, statusClass: statusClass)
    let leaves = plan.leaves
    let traced = self.traced
    let streamsBefore = streams.count
    let index = recentStream.index(of: stream, in: &streams) { ProbeState(leaves: leaves, traced: traced) }
    if streams.count != streamsBefore {
      // A scope that begins now counts the gateway-wide events that came before it.
      for shared in sharedEvents where shared.host == stream.host {
        streams.values[index].addShared(shared.event, hits: shared.hits)
      }
    }
    streams.values[index].add(event, hits: hits)
    logs[logIndex(stream.host)].add(event, hits: hits)
    let accountedBy = hits.accountedBy
    let isFailure = failureKinds.contains(event.kind)
    explainer.add(event, stream: stream, isFailure: isFailure, statusClass: statusClass, citedBy: accountedBy)
    if isFailure { cadence.add(event, stream: stream, citedBy: accountedBy) }
    if !shared.isEmpty { share(event, hits: shared, host: stream.host, except: index) }
  }

  /// A user's note that `event` of `stream` repeats every `period` seconds; `repeat` is the
  /// repeat that stands for the note (``add(_:stream:)`` counted it).
  /// Whether `event` is a failure, whose shape the period was given to.
  @discardableResult
  public mutating func notePeriod(_ period: Double, of event: Event, stream: StreamKey, repeat: Event) -> Bool {
    guard failureKinds.contains(event.kind) else { return false }
    cadence.stated(period, of: event, stream: stream, repeat: `repeat`)
    return true
  }

  /// Counts a gateway-wide event in every other stream of its host, and keeps it for streams
  /// that begin later (the most recent ``sharedCap`` of them).
  private mutating func share(
    _ event: Event, hits: ProbePlan.Hits, host: String?, except own: Dictionary<StreamKey, ProbeState>.Index
  ) {
    for index in streams.indices where index != own && streams.keys[index].host == host {
      streams.values[index].addShared(event, hits: hits)
    }
    sharedEvents.append((event, hits, host))
    if sharedEvents.count > Self.sharedCap { sharedEvents.removeFirst(sharedEvents.count - Self.sharedCap / 2) }
  }

  /// The moment the log names a second host: what was kept without a host was the first
  /// host's (``HostOrder``).
  mutating func nameFirstHost(_ host: String?) {
    streams = Dictionary(uniqueKeysWithValues: streams.map { ($0.key.onHost(host), $0.value) })
    explainer.nameFirstHost(host)
    cadence.nameFirstHost(host)
    recentStream = RecentIndex()
    logHosts = logHosts.map { $0 ?? host }
    sharedEvents = sharedEvents.map { ($0.event, $0.hits, $0.host ?? host) }
  }

  static let sharedCap = 4096

  /// The index of `host`'s whole-log scope, made when new.
  private mutating func logIndex(_ host: String?) -> Int {
    if recentLog < logHosts.count, logHosts[recentLog] == host { return recentLog }
    if let index = logHosts.firstIndex(of: host) {
      recentLog = index
      return index
    }
    logHosts.append(host)
    logs.append(ProbeState(leaves: plan.leaves, traced: traced))
    recentLog = logs.count - 1
    return recentLog
  }

  /// What one scope looks like to the conditions.
  public struct Context {
    public var stream: StreamKey?
    public var figures: Figures
    public var version: GatewayVersion?
    public var inputNames: [String]
    /// For the whole log's scope: the host it is about when the log names several (a stream's
    /// host is its key's).
    public var host: String? = nil
    /// What to ask when the log shows no version and a diagnosis' advice depends on it (the
    /// rule file's `ask-version` note); nil when the version is known or the rules say nothing.
    public var versionAsk: String? = nil
  }

  /// The findings that hold, most severe first, then by id, stream and host: the diagnoses',
  /// one for each stream whose failures none of them explains, and one for each failure that
  /// recurs at a steady period. `logContexts` are the whole log's scopes: one per host when
  /// the log names several, else one.
  public func findings(contexts: [Context], logContexts: [Context]) -> [Finding] {
    var found: [Finding] = []
    var heldForLog: Set<HeldLogKey> = []
    var heldForStream: Set<HeldKey> = []
    for (index, diagnosis) in diagnoses.enumerated() {
      switch diagnosis.scope {
      case .log:
        // One gateway's whole log: a fleet's hosts are judged each on its own.
        for logContext in logContexts {
          let log = logHosts.firstIndex(of: logContext.host).map { logs[$0] } ?? ProbeState(leaves: plan.leaves)
          let measured = measure(index, log, logContext)
          guard diagnosis.condition.holds({ measured[$0] }) else { continue }
          heldForLog.insert(HeldLogKey(diagnosis: index, host: logContext.host))
          found.append(
            conclude(
              index, measured, logContext, evidence: log.evidence[index].events,
              lines: log.evidence[index].count, gaps: log.gaps[index].map(\.median), mark: log.marks[index]))
        }
      case .stream:
        var held: [Held] = []
        for context in contexts {
          guard let stream = context.stream, let probes = streams[stream] else { continue }
          if !diagnosis.channels.isEmpty && !diagnosis.channels.contains(stream.channel) { continue }
          let measured = measure(index, probes, context)
          if diagnosis.condition.holds({ measured[$0] }) {
            held.append(
              Held(
                context: context, measured: measured, evidence: probes.evidence[index].events,
                lines: probes.evidence[index].count, gaps: probes.gaps[index].map(\.median),
                mark: probes.marks[index]))
          }
        }
        for entry in held { heldForStream.insert(HeldKey(diagnosis: index, stream: entry.context.stream!)) }
        found += concludeByAccount(index, held)
      }
    }
    let explains = { (diagnosis: Int, stream: StreamKey) in
      heldForLog.contains(HeldLogKey(diagnosis: diagnosis, host: stream.host))
        || heldForStream.contains(HeldKey(diagnosis: diagnosis, stream: stream))
    }
    // A failure that recurs at a steady period is told once, by its cadence.
    let inputNames = logContexts.first?.inputNames ?? contexts.first?.inputNames ?? []
    let loops = cadence.loops(
      explains: explains, kinds: kinds, statuses: statusRules, steps: explainer.steps, inputNames: inputNames)
    let looping = Set(loops.map(\.shape))
    var general = explainer.findings(
      explains: explains, looping: { looping.contains(Cadence.Shape(stream: $0, kind: $1, status: $2)) },
      inputNames: inputNames)
    general += loops.map(\.finding)
    for index in general.indices { general[index].host = general[index].stream?.host }
    found += general
    let sorted = FindingMerger.mergingAccounts(found).sorted(by: Finding.inReportOrder)
    return Self.askingOnce(sorted, asks: Set((contexts + logContexts).compactMap(\.versionAsk)))
  }

  /// The findings walog makes itself, beside the rules' diagnoses, by id: what each one is.
  public static let ownFindings: [String: String] = [
    Explainer.findingID: "walog's own finding for a stream's failures that no diagnosis of the rules explains",
    Cadence.findingID: "walog's own finding for a failure that recurs at a steady period",
  ]

  /// The findings with the request for the version (``Context/versionAsk``) in the first that
  /// makes it only: a report asks once.
  static func askingOnce(_ findings: [Finding], asks: Set<String>) -> [Finding] {
    guard !asks.isEmpty else { return findings }
    var asked: Set<String> = []
    return findings.map { finding in
      var finding = finding
      finding.actions = finding.actions.filter { action in
        guard asks.contains(action) else { return true }
        return asked.insert(action).inserted
      }
      return finding
    }
  }

  private struct HeldKey: Hashable {
    var diagnosis: Int
    var stream: StreamKey
  }

  private struct HeldLogKey: Hashable {
    var diagnosis: Int
    var host: String?
  }

  /// A diagnosis that held for one stream: what it measured there and what it cites.
  private struct Held {
    var context: Context
    var measured: [Double?]
    var evidence: [Event]
    /// How many lines the evidence filters matched (`{lines}`).
    var lines: Int
    /// Per leaf, the median time between the events a count counted.
    var gaps: [Double?]
    /// A repeat it counted that stands for a user's mark of more of the same.
    var mark: Event?
  }

  /// One finding per stream, except for several gateway processes (journald PIDs) of one
  /// account where the diagnosis held in each: one finding for the account that cites the
  /// whole (counts summed over the processes, each process's part in the figure's text).
  private func concludeByAccount(_ index: Int, _ held: [Held]) -> [Finding] {
    var groups: [[Held]] = []
    for entry in held {
      let key = entry.context.stream!
      if key.pid != nil, let group = groups.firstIndex(where: {
        let other = $0[0].context.stream!
        return other.pid != nil && other.channel == key.channel && other.account == key.account
          && other.host == key.host
      }) {
        groups[group].append(entry)
      } else {
        groups.append([entry])
      }
    }
    let alone = { (entry: Held) in
      conclude(
        index, entry.measured, entry.context, evidence: entry.evidence, lines: entry.lines, gaps: entry.gaps,
        mark: entry.mark)
    }
    return groups.flatMap { group -> [Finding] in
      guard group.count > 1 else { return [alone(group[0])] }
      let leaves = plan.leaves[index]
      let measured: [Double?] = leaves.indices.map { l in
        let values = group.compactMap { $0.measured[l] }
        guard !values.isEmpty else { return nil }
        return Self.sums(leaves[l].measure) ? values.reduce(0, +) : values.max()
      }
      // A bound the sum exceeds (`at_most`) keeps each process's own finding.
      guard diagnoses[index].condition.holds({ measured[$0] }) else { return group.map(alone) }
      let keys = group.map { $0.context.stream! }
      var context = group[0].context
      context.stream = StreamKey(channel: keys[0].channel, account: keys[0].account, host: keys[0].host)
      context.figures = Figures.combined(group.map(\.context.figures))
      let evidence = group.flatMap(\.evidence).sorted {
        ($0.origin.input, $0.origin.line) < ($1.origin.input, $1.origin.line)
      }
      // Gaps of interleaved processes are no one process's rhythm: left out.
      var finding = conclude(
        index, measured, context, evidence: evidence, lines: group.reduce(0) { $0 + $1.lines }, gaps: [],
        mark: group.lazy.compactMap(\.mark).first)
      finding.streams = keys
      let parts = group.map { conclude(index, $0.measured, $0.context, evidence: [], lines: $0.lines, gaps: []).figures }
      finding.figures = finding.figures.map { figure in
        guard figure.value != 0, additive(figure.name, index) else { return figure }
        var figure = figure
        let each = parts.map { $0.first { $0.name == figure.name }?.text ?? "0" }
        figure.text += " (" + Self.perProcess(each, keys.compactMap(\.pid)) + ")"
        return figure
      }
      return [finding]
    }
  }

  /// Whether a figure a finding reports sums over streams: a count the condition made, or
  /// an additive figure of the catalog.
  private func additive(_ name: String, _ index: Int) -> Bool {
    if let leaf = plan.leaves[index].first(where: { $0.name == name }) { return Self.sums(leaf.measure) }
    return Figures.isAdditive(name)
  }

  /// Whether a measure of several streams is their sum (counts) rather than the largest
  /// (a busiest window, a version, a figure such as the highest attempt).
  private static func sums(_ measure: Condition.Leaf.Measure) -> Bool {
    switch measure {
    case .count, .sequence, .near, .after: true
    case .figure(let name): Figures.isAdditive(name)
    case .rate, .version: false
    }
  }

  /// `3 in each of processes 1234 and 5678`, or `4 in process 1234, 2 in 5678`.
  static func perProcess(_ values: [String], _ pids: [Int]) -> String {
    let names = pids.map(String.init)
    if Set(values).count == 1 {
      return "\(values[0]) in each of processes " + names.dropLast().joined(separator: ", ")
        + " and " + names.last!
    }
    return zip(values, names).enumerated().map { offset, pair in
      offset == 0 ? "\(pair.0) in process \(pair.1)" : "\(pair.0) in \(pair.1)"
    }.joined(separator: ", ")
  }

  func measure(_ index: Int, _ probes: ProbeState, _ context: Context) -> [Double?] {
    plan.leaves[index].enumerated().map { l, leaf in
      switch leaf.measure {
      case .count, .rate, .near: Double(probes.values[index][l])
      case .after: probes.anchors[index][l] == nil ? nil : Double(probes.values[index][l])
      case .sequence(let pattern): Double(pattern.count(in: probes.kinds))
      case .figure(let name): context.figures[name]
      case .version(let release): context.version.map { $0 < release ? -1 : 1 }
      }
    }
  }

  /// The finding a diagnosis that held concludes from what it measured.
  func conclude(
    _ index: Int, _ measured: [Double?], _ context: Context, evidence events: [Event], lines: Int,
    gaps: [Double?], mark: Event? = nil
  ) -> Finding {
    let diagnosis = diagnoses[index]
    let leaves = plan.leaves[index]

    var texts = builtins(context)
    texts["lines"] = String(lines)
    var figures: [Figure] = []
    var values: [String: (value: Double, unit: Figures.Unit)] = [:]
    for (l, leaf) in leaves.enumerated() {
      guard let value = measured[l] else { continue }
      var unit = Figures.Unit.count
      if case .figure(let name) = leaf.measure {
        unit = Figures.unit(of: name) ?? .count
        texts[name] = Figures.format(value, unit: unit)
        values[name] = (value, unit)
      }
      let text = Figures.format(value, unit: unit)
      if let name = leaf.name {
        texts[name] = text
        values[name] = (value, unit)
        if l < diagnosis.condition.leaves.count {
          let held = Condition.leaf(leaf).holds { _ in value }
          figures.append(Figure(name: name, label: leaf.label, value: value, unit: unit, text: text, held: held))
        }
      }
    }
    for (l, leaf) in leaves.enumerated() {
      guard let name = leaf.name, case .count = leaf.measure, l < gaps.count, let gap = gaps[l] else { continue }
      texts[name + Diagnosis.gapSuffix] = Figures.format(gap, unit: .seconds)
      values[name + Diagnosis.gapSuffix] = (gap, .seconds)
    }
    for entry in Figures.catalog where texts[entry.name] == nil {
      if let value = context.figures[entry.name] {
        texts[entry.name] = Figures.format(value, unit: entry.unit)
        values[entry.name] = (value, entry.unit)
      }
    }
    for name in diagnosis.report where !figures.contains(where: { $0.name == name }) {
      if let text = texts[name], let measured = values[name] {
        let counted = name.hasSuffix(Diagnosis.gapSuffix) ? String(name.dropLast(Diagnosis.gapSuffix.count)) : name
        let label = leaves.first { $0.name == counted }?.label
        figures.append(Figure(name: name, label: label, value: measured.value, unit: measured.unit, text: text))
      }
    }

    var actionLeaf = diagnosis.condition.leaves.count
    var actions: [String] = []
    for action in diagnosis.actions {
      var shown = action.channels.isEmpty || context.stream.map { action.channels.contains($0.channel) } == true
      if let condition = action.condition {
        let offset = actionLeaf
        shown = shown && condition.holds { measured[offset + $0] }
        actionLeaf += condition.leaves.count
      }
      if shown { actions.append(Template.render(action.text, texts, unknown: Self.unknown)) }
    }
    if let ask = context.versionAsk, diagnosis.dependsOnVersion(channel: context.stream?.channel) {
      actions.append(ask)
    }

    let evidence = events.map { Evidence($0, inputNames: context.inputNames) }
    var rootCause = Template.render(diagnosis.rootCause, texts, unknown: Self.unknown)
    if let mark { rootCause += " " + Self.markRead(mark, context.inputNames) }
    var finding = Finding(
      id: diagnosis.id, severity: diagnosis.severity, title: Template.render(diagnosis.title, texts, unknown: Self.unknown),
      rootCause: rootCause, actions: actions, figures: figures, stream: context.stream, evidence: evidence)
    finding.host = context.stream?.host ?? context.host
    return finding
  }

  /// What a finding says when a repeat it counted stands for a user's mark: the mark, where,
  /// and how it was read.
  static func markRead(_ mark: Event, _ inputNames: [String]) -> String {
    let text = mark.mark ?? mark.text
    let shown = text.count > 80 ? String(text.prefix(79)) + "…" : text
    return "Its counts include one more for the paste's mark `\(shown)` on line \(mark.origin.line), read as more of the same."
  }

  private func builtins(_ context: Context) -> [String: String] {
    var values: [String: String] = [:]
    if let stream = context.stream {
      values["channel"] = stream.channel
      values["channel_name"] = channelNames[stream.channel] ?? stream.channel
      values["account"] = stream.account
      values["stream"] = stream.description
      values["account_flag"] = conventions.accountFlag(for: stream.account)
    } else {
      values["account_flag"] = ""
    }
    if let version = context.version { values["version"] = "v\(version)" }
    return values
  }

  /// Words for a builtin the log leaves unknown: they fill a bare `{version}`, while a
  /// `[[ … ]]` segment naming it is left out.
  private static let unknown = ["version": "an unknown version"]
}
