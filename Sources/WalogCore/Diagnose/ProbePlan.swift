/// The counting and rate leaves of all diagnoses, routed by the event's kind and channel,
/// so that an event is matched against each filter once, not once per scope and leaf.
///
/// Feeding an event used to walk every leaf of every diagnosis, rebuilding each diagnosis'
/// leaf list and hashing the kind and channel per leaf, in both scopes: that was most of the
/// analysis stage. Now one dictionary lookup per event finds the few probes that can count
/// it, with the kind and channel tests already done.
struct ProbePlan: Sendable {
  /// One counting or rate leaf: `values[diagnosis][leaf]` in ``ProbeState``.
  struct Probe: Sendable {
    var diagnosis: Int
    var leaf: Int
    var filter: EventFilter
    var isRate: Bool
  }

  /// A diagnosis' evidence filters.
  struct Evidence: Sendable {
    var diagnosis: Int
    var filters: [EventFilter]
  }

  /// What an event of one kind on one channel can touch.
  struct Route: Sendable {
    var probes: [Probe] = []
    var evidence: [Evidence] = []
  }

  /// The probes and evidence one event touches; filled by ``hits(_:classOf:into:)``.
  struct Hits: Sendable {
    var probes: [(diagnosis: Int, leaf: Int, isRate: Bool)] = []
    var evidence: [Int] = []
  }

  private struct RouteKey: Hashable {
    var kind: EventKind
    var channel: String
  }

  /// Per diagnosis, its leaves in ``Diagnosis/allLeaves`` order.
  let leaves: [[Condition.Leaf]]
  private let diagnoses: [Diagnosis]
  private var routes: [RouteKey: Route] = [:]

  init(diagnoses: [Diagnosis]) {
    self.diagnoses = diagnoses
    leaves = diagnoses.map(\.allLeaves)
  }

  /// Matches the event against the filters of its route and records what it counts.
  mutating func hits(
    _ event: Event, classOf: (String, String) -> StatusRule.StatusClass?, into hits: inout Hits
  ) {
    hits.probes.removeAll(keepingCapacity: true)
    hits.evidence.removeAll(keepingCapacity: true)
    let key = RouteKey(kind: event.kind, channel: event.channel)
    if routes[key] == nil { routes[key] = route(kind: event.kind, channel: event.channel) }
    let route = routes[key]!
    for probe in route.probes where probe.filter.matches(event, classOf: classOf) {
      hits.probes.append((probe.diagnosis, probe.leaf, probe.isRate))
    }
    for entry in route.evidence where entry.filters.contains(where: { $0.matches(event, classOf: classOf) }) {
      hits.evidence.append(entry.diagnosis)
    }
  }

  /// The probes and evidence filters that can match an event of this kind and channel, with
  /// those two tests taken out of the filters.
  private func route(kind: EventKind, channel: String) -> Route {
    func narrowed(_ filter: EventFilter) -> EventFilter? {
      if !filter.kinds.isEmpty && !filter.kinds.contains(kind) { return nil }
      if !filter.channels.isEmpty && !filter.channels.contains(channel) { return nil }
      var filter = filter
      filter.kinds = []
      filter.channels = []
      return filter
    }
    var route = Route()
    for (d, diagnosis) in diagnoses.enumerated() {
      if !diagnosis.channels.isEmpty && !diagnosis.channels.contains(channel) { continue }
      for (l, leaf) in leaves[d].enumerated() {
        switch leaf.measure {
        case .count(let filter):
          if let filter = narrowed(filter) { route.probes.append(Probe(diagnosis: d, leaf: l, filter: filter, isRate: false)) }
        case .rate(let filter, _):
          if let filter = narrowed(filter) { route.probes.append(Probe(diagnosis: d, leaf: l, filter: filter, isRate: true)) }
        default: continue
        }
      }
      let evidence = diagnosis.evidence.compactMap(narrowed)
      if !evidence.isEmpty { route.evidence.append(Evidence(diagnosis: d, filters: evidence)) }
    }
    return route
  }
}
