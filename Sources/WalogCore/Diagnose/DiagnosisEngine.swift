/// Evaluates the rule file's diagnoses over the event stream and the rebuilt cycles.
///
/// Events are fed as they pass (``add(_:stream:)``); ``findings(...)`` can be asked at any
/// point and evaluates the conditions on what was seen so far.
public struct DiagnosisEngine: Sendable {
  public let diagnoses: [Diagnosis]
  private let statuses: [StatusKey: StatusRule.StatusClass]
  private var streams: [StreamKey: ProbeState] = [:]
  private var recentStream = RecentIndex<StreamKey, ProbeState>()
  private var log: ProbeState
  private var plan: ProbePlan
  /// Gateway-wide events seen so far, replayed into a stream's state when it begins.
  private var sharedEvents: [(Event, ProbePlan.Hits)] = []

  private struct StatusKey: Hashable {
    var channel: String
    var code: String
  }

  public init(diagnoses: [Diagnosis], statuses: [StatusRule]) {
    self.diagnoses = diagnoses
    var classes: [StatusKey: StatusRule.StatusClass] = [:]
    for status in statuses { classes[StatusKey(channel: status.channel, code: status.code)] = status.statusClass }
    self.statuses = classes
    plan = ProbePlan(diagnoses: diagnoses)
    log = ProbeState(leaves: plan.leaves)
  }

  public mutating func add(_ event: Event, stream: StreamKey) {
    let statusClass = event.status.flatMap { statuses[StatusKey(channel: event.channel, code: $0)] }
    let (hits, shared) = plan.hits(event, statusClass: statusClass)
    let leaves = plan.leaves
    let replay = sharedEvents
    let index = recentStream.index(of: stream, in: &streams) {
      var state = ProbeState(leaves: leaves)
      for (event, hits) in replay { state.addShared(event, hits: hits) }
      return state
    }
    streams.values[index].add(event, hits: hits)
    log.add(event, hits: hits)
    if !shared.isEmpty { share(event, hits: shared, except: index) }
  }

  /// Counts a gateway-wide event in every other stream, and keeps it for streams that begin
  /// later (the most recent ``sharedCap`` of them).
  private mutating func share(_ event: Event, hits: ProbePlan.Hits, except own: Dictionary<StreamKey, ProbeState>.Index) {
    for index in streams.indices where index != own { streams.values[index].addShared(event, hits: hits) }
    sharedEvents.append((event, hits))
    if sharedEvents.count > Self.sharedCap { sharedEvents.removeFirst(sharedEvents.count - Self.sharedCap / 2) }
  }

  static let sharedCap = 4096

  /// What one scope looks like to the conditions.
  public struct Context {
    public var stream: StreamKey?
    public var figures: Figures
    public var version: GatewayVersion?
    public var inputNames: [String]
  }

  /// The findings that hold, most severe first, then by id and stream.
  public func findings(contexts: [Context], logContext: Context) -> [Finding] {
    var found: [Finding] = []
    for (index, diagnosis) in diagnoses.enumerated() {
      switch diagnosis.scope {
      case .log:
        if let finding = evaluate(index, log, logContext) { found.append(finding) }
      case .stream:
        for context in contexts {
          guard let stream = context.stream, let probes = streams[stream] else { continue }
          if !diagnosis.channels.isEmpty && !diagnosis.channels.contains(stream.channel) { continue }
          if let finding = evaluate(index, probes, context) { found.append(finding) }
        }
      }
    }
    return Self.mergingProcesses(found).sorted { lhs, rhs in
      if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
      if lhs.id != rhs.id { return lhs.id < rhs.id }
      return (lhs.stream?.description ?? "") < (rhs.stream?.description ?? "")
    }
  }

  /// One finding for what the same diagnosis says word for word about several processes
  /// (journald PIDs) of one account: the story is the account's, the evidence from all, and
  /// the finding lists the processes (its figures are each process's).
  static func mergingProcesses(_ findings: [Finding]) -> [Finding] {
    var merged: [(finding: Finding, pids: [Int])] = []
    for finding in findings {
      if let index = merged.firstIndex(where: {
        $0.finding.id == finding.id && $0.finding.title == finding.title
          && $0.finding.rootCause == finding.rootCause && $0.finding.stream?.pid != nil
          && $0.finding.stream?.channel == finding.stream?.channel
          && $0.finding.stream?.account == finding.stream?.account
      }) {
        merged[index].finding.evidence += finding.evidence
        merged[index].pids += finding.stream?.pid.map { [$0] } ?? []
      } else {
        merged.append((finding, finding.stream?.pid.map { [$0] } ?? []))
      }
    }
    return merged.map { entry in
      guard entry.pids.count > 1 else { return entry.finding }
      var finding = entry.finding
      finding.stream?.pid = nil
      finding.processes = entry.pids
      return finding
    }
  }

  private func evaluate(_ index: Int, _ probes: ProbeState, _ context: Context) -> Finding? {
    let diagnosis = diagnoses[index]
    let leaves = plan.leaves[index]
    let measured: [Double?] = leaves.enumerated().map { l, leaf in
      switch leaf.measure {
      case .count, .rate, .preceded: Double(probes.values[index][l])
      case .after: probes.anchors[index][l] == nil ? nil : Double(probes.values[index][l])
      case .sequence(let pattern): Double(pattern.count(in: probes.kinds))
      case .figure(let name): context.figures[name]
      case .version(let release): context.version.map { $0 < release ? -1 : 1 }
      }
    }
    guard diagnosis.condition.holds({ measured[$0] }) else { return nil }

    var texts = builtins(context)
    texts["lines"] = String(probes.evidence[index].count)
    var figures: [(name: String, value: String)] = []
    for (l, leaf) in leaves.enumerated() {
      guard let value = measured[l] else { continue }
      let text: String
      if case .figure(let name) = leaf.measure, let unit = Figures.unit(of: name) {
        text = Figures.format(value, unit: unit)
      } else {
        text = Figures.format(value, unit: .count)
      }
      if case .figure(let name) = leaf.measure { texts[name] = text }
      if let name = leaf.name {
        texts[name] = text
        if l < diagnosis.condition.leaves.count { figures.append((name, text)) }
      }
    }
    for entry in Figures.catalog where texts[entry.name] == nil {
      if let value = context.figures[entry.name] { texts[entry.name] = Figures.format(value, unit: entry.unit) }
    }
    for name in diagnosis.report where !figures.contains(where: { $0.name == name }) {
      if let text = texts[name] { figures.append((name, text)) }
    }

    var actionLeaf = diagnosis.condition.leaves.count
    var actions: [String] = []
    for action in diagnosis.actions {
      var shown = true
      if let condition = action.condition {
        let offset = actionLeaf
        shown = condition.holds { measured[offset + $0] }
        actionLeaf += condition.leaves.count
      }
      if shown { actions.append(Template.render(action.text, texts)) }
    }

    let evidence = probes.evidence[index].events.map { event in
      Evidence(
        input: event.origin.input < context.inputNames.count ? context.inputNames[event.origin.input] : "?",
        line: event.origin.line, time: event.time, text: event.text)
    }
    return Finding(
      id: diagnosis.id, severity: diagnosis.severity, title: Template.render(diagnosis.title, texts),
      rootCause: Template.render(diagnosis.rootCause, texts), actions: actions, figures: figures,
      stream: context.stream, evidence: evidence)
  }

  private func builtins(_ context: Context) -> [String: String] {
    var values: [String: String] = [:]
    if let stream = context.stream {
      values["channel"] = stream.channel
      values["account"] = stream.account
      values["stream"] = stream.description
      values["account_flag"] = stream.account == StreamKey.fallbackAccount ? "" : " --account \(stream.account)"
    } else {
      values["account_flag"] = ""
    }
    values["version"] = context.version.map { "v\($0)" } ?? "an unknown version"
    return values
  }
}
