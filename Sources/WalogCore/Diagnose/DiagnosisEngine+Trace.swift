extension DiagnosisEngine {
  /// The traced diagnosis (``init(diagnoses:statuses:channelNames:traced:)``) judged exactly
  /// as ``findings(contexts:logContexts:)`` judges it, with what each condition measured in
  /// each scope (each stream, or the whole log per host) and the lines behind it; nil when
  /// none is traced.
  public func trace(contexts: [Context], logContexts: [Context]) -> DiagnosisTrace? {
    guard let index = traced else { return nil }
    let diagnosis = diagnoses[index]
    var scopes: [DiagnosisTrace.Scope] = []
    var others: [StreamKey] = []
    switch diagnosis.scope {
    case .log:
      for logContext in logContexts {
        let log = logHosts.firstIndex(of: logContext.host).map { logs[$0] } ?? ProbeState(leaves: plan.leaves)
        scopes.append(traceScope(index, log, logContext))
      }
    case .stream:
      for context in contexts {
        guard let stream = context.stream, let probes = streams[stream] else { continue }
        if !diagnosis.channels.isEmpty && !diagnosis.channels.contains(stream.channel) {
          others.append(stream)
          continue
        }
        scopes.append(traceScope(index, probes, context))
      }
    }
    return DiagnosisTrace(
      id: diagnosis.id, severity: diagnosis.severity, scope: diagnosis.scope, channels: diagnosis.channels.sorted(),
      title: diagnosis.title, scopes: scopes, otherStreams: others, wholeLog: diagnosis.wholeLog)
  }

  private func traceScope(_ index: Int, _ probes: ProbeState, _ context: Context) -> DiagnosisTrace.Scope {
    let diagnosis = diagnoses[index]
    let measured = measure(index, probes, context)
    var next = 0
    let condition = node(diagnosis.condition, index, measured, probes, context, &next)
    let holds = diagnosis.condition.holds { measured[$0] }
    var actions: [DiagnosisTrace.Action] = []
    for action in diagnosis.actions {
      let inner = action.condition.map { node($0, index, measured, probes, context, &next) }
      let others = context.stream.map { action.channels.isEmpty || action.channels.contains($0.channel) } == false
      // An action with no condition and no channel is always shown: nothing to explain.
      guard inner != nil || !action.channels.isEmpty else { continue }
      actions.append(
        DiagnosisTrace.Action(
          text: action.text, shown: !others && (inner?.holds ?? true), condition: inner,
          otherChannels: others ? action.channels.sorted() : []))
    }
    let finding = holds ? conclude(index, measured, context, evidence: [], lines: 0, gaps: []).title : nil
    return DiagnosisTrace.Scope(
      stream: context.stream, holds: holds, condition: condition, actions: actions, finding: finding)
  }

  /// The condition's tree with each leaf's measurement; `next` numbers the leaves as
  /// ``Diagnosis/allLeaves`` does.
  private func node(
    _ condition: Condition, _ index: Int, _ measured: [Double?], _ probes: ProbeState, _ context: Context,
    _ next: inout Int
  ) -> DiagnosisTrace.Node {
    switch condition {
    case .all(let parts):
      let nodes = parts.map { node($0, index, measured, probes, context, &next) }
      return .all(nodes, holds: nodes.allSatisfy(\.holds))
    case .any(let parts):
      let nodes = parts.map { node($0, index, measured, probes, context, &next) }
      return .any(nodes, holds: nodes.contains(where: \.holds))
    case .not(let inner):
      let inside = node(inner, index, measured, probes, context, &next)
      return .not(inside, holds: !inside.holds)
    case .leaf(let leaf):
      defer { next += 1 }
      return .leaf(traceLeaf(leaf, next, index, measured[next], probes, context))
    }
  }

  private func traceLeaf(
    _ leaf: Condition.Leaf, _ l: Int, _ index: Int, _ value: Double?, _ probes: ProbeState, _ context: Context
  ) -> DiagnosisTrace.Leaf {
    var text: String?
    var notes: [String] = []
    switch leaf.measure {
    case .figure(let name):
      text = value.map { Figures.format($0, unit: Figures.unit(of: name) ?? .count) }
      if value == nil { notes.append("this log gives \(name) no value (it needs events with times, a loop, or a version)") }
    case .version:
      text = context.version.map { "v\($0)" }
      if text == nil { notes.append("the log names no gateway version") }
    case .after:
      text = value.map { Figures.format($0, unit: .count) }
      if value == nil { notes.append("no event matched the anchor filter, so nothing can have followed it") }
    case .sequence:
      text = value.map { Figures.format($0, unit: .count) }
      notes.append("the stream's event kinds: " + Self.lastKinds(probes.kinds, count: 24))
    case .rate(_, let window):
      text = value.map { Figures.format($0, unit: .count) }
      if let busiest = probes.trace?.windows[l] {
        notes.append(
          "the busiest \(TimeText.duration(window)): \(TimeText.human(busiest.from)) to \(TimeText.human(busiest.to))")
      } else {
        notes.append("events without a time count in no window")
      }
    case .count, .near:
      text = value.map { Figures.format($0, unit: .count) }
    }
    var lines: [DiagnosisTrace.Lines] = []
    if let trace = probes.trace, trace.diagnosis == index {
      let roles: [(String, EvidenceSample)] = [("candidates", trace.candidates[l]), ("anchors", trace.anchors[l])]
      for (role, sample) in roles where sample.count > 0 {
        lines.append(
          DiagnosisTrace.Lines(
            role: role, count: sample.count, shown: sample.events.map { Evidence($0, inputNames: context.inputNames) }))
      }
    }
    return DiagnosisTrace.Leaf(
      text: ConditionText.leaf(leaf), name: leaf.name, value: text,
      holds: Condition.leaf(leaf).holds { _ in value }, notes: notes, lines: lines)
  }

  /// The last `count` kinds of a stream's kinds text (`close close giveup …`).
  static func lastKinds(_ kinds: KindTape, count: Int) -> String {
    let (names, more) = kinds.names(last: count)
    guard !names.isEmpty else { return "(none)" }
    return (more ? "… " : "") + names.joined(separator: " ")
  }
}
