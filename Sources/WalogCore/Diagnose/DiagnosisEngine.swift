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
    let streamsBefore = streams.count
    let index = recentStream.index(of: stream, in: &streams) { ProbeState(leaves: leaves) }
    if streams.count != streamsBefore {
      // A scope that begins now counts the gateway-wide events that came before it.
      for (event, hits) in sharedEvents { streams.values[index].addShared(event, hits: hits) }
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
    var merged: [Finding] = []
    for finding in findings {
      if let index = merged.firstIndex(where: {
        $0.id == finding.id && $0.title == finding.title
          && $0.rootCause == finding.rootCause && $0.streams.first?.pid != nil
          && $0.stream?.channel == finding.stream?.channel
          && $0.stream?.account == finding.stream?.account
      }) {
        merged[index].evidence += finding.evidence
        merged[index].streams += finding.streams
        merged[index].stream?.pid = nil
      } else {
        merged.append(finding)
      }
    }
    return merged
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
          figures.append(Figure(name: name, value: value, unit: unit, text: text))
        }
      }
    }
    for entry in Figures.catalog where texts[entry.name] == nil {
      if let value = context.figures[entry.name] {
        texts[entry.name] = Figures.format(value, unit: entry.unit)
        values[entry.name] = (value, entry.unit)
      }
    }
    for name in diagnosis.report where !figures.contains(where: { $0.name == name }) {
      if let text = texts[name], let measured = values[name] {
        figures.append(Figure(name: name, value: measured.value, unit: measured.unit, text: text))
      }
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
