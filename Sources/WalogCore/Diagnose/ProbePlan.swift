/// The counting and rate leaves of all diagnoses, indexed by the event kind they can count,
/// built once per engine.
///
/// Feeding an event used to walk every leaf of every diagnosis, rebuilding each diagnosis'
/// leaf list on the way: that was most of the analysis stage. Most filters name their kinds,
/// so an event now only meets the few probes that can count it.
struct ProbePlan: Sendable {
  /// One counting or rate leaf: `values[diagnosis][leaf]` in ``ProbeState``.
  struct Probe: Sendable {
    var diagnosis: Int
    var leaf: Int
    var filter: EventFilter
    var isRate: Bool
  }

  /// A diagnosis' evidence filters, for the kinds they can cite.
  struct Evidence: Sendable {
    var diagnosis: Int
    var filters: [EventFilter]
  }

  /// Per diagnosis, its leaves in ``Diagnosis/allLeaves`` order.
  let leaves: [[Condition.Leaf]]
  let channels: [Set<String>]
  private var probesByKind: [EventKind: [Probe]] = [:]
  /// Probes whose filter names no kind: they meet every event.
  private var anyKindProbes: [Probe] = []
  private var evidenceByKind: [EventKind: [Evidence]] = [:]
  private var anyKindEvidence: [Evidence] = []

  init(diagnoses: [Diagnosis]) {
    leaves = diagnoses.map(\.allLeaves)
    channels = diagnoses.map(\.channels)
    for (d, diagnosisLeaves) in leaves.enumerated() {
      for (l, leaf) in diagnosisLeaves.enumerated() {
        let probe: Probe
        switch leaf.measure {
        case .count(let filter): probe = Probe(diagnosis: d, leaf: l, filter: filter, isRate: false)
        case .rate(let filter, _): probe = Probe(diagnosis: d, leaf: l, filter: filter, isRate: true)
        default: continue
        }
        if probe.filter.kinds.isEmpty {
          anyKindProbes.append(probe)
        } else {
          for kind in probe.filter.kinds { probesByKind[kind, default: []].append(probe) }
        }
      }
      let evidence = diagnoses[d].evidence
      guard !evidence.isEmpty else { continue }
      if evidence.contains(where: \.kinds.isEmpty) {
        anyKindEvidence.append(Evidence(diagnosis: d, filters: evidence))
      } else {
        for kind in Set(evidence.flatMap(\.kinds)) {
          evidenceByKind[kind, default: []].append(
            Evidence(diagnosis: d, filters: evidence.filter { $0.kinds.contains(kind) }))
        }
      }
    }
  }

  /// Calls `body` with the probes an event of `kind` may count: those for the kind, then
  /// those for any kind.
  func forEachProbe(of kind: EventKind, _ body: (Probe) -> Void) {
    if let probes = probesByKind[kind] { probes.forEach(body) }
    anyKindProbes.forEach(body)
  }

  /// Calls `body` with the evidence filters that may cite an event of `kind`.
  func forEachEvidence(of kind: EventKind, _ body: (Evidence) -> Void) {
    if let evidence = evidenceByKind[kind] { evidence.forEach(body) }
    anyKindEvidence.forEach(body)
  }

  /// Whether the diagnosis looks at the event's channel at all.
  func applies(_ diagnosis: Int, to channel: String) -> Bool {
    channels[diagnosis].isEmpty || channels[diagnosis].contains(channel)
  }
}
