/// The counting and rate leaves of all diagnoses, routed by the event's kind and channel,
/// so that an event is matched against each filter once, not once per scope and leaf.
///
/// Feeding an event used to walk every leaf of every diagnosis, rebuilding each diagnosis'
/// leaf list and hashing the kind and channel per leaf, in both scopes: that was most of the
/// analysis stage. Now the event's route holds the few probes that can count it, with the
/// kind and channel tests already done, and what the route's filters decide is remembered
/// per rule, status and reason: a log repeats a few such combinations thousands of times.
struct ProbePlan: Sendable {
  /// One counting or rate leaf: `values[diagnosis][leaf]` in ``ProbeState``.
  struct Probe: Sendable {
    var diagnosis: Int
    var leaf: Int
    var filter: RoutedFilter
    var isRate: Bool
  }

  /// A diagnosis' evidence filters.
  struct Evidence: Sendable {
    var diagnosis: Int
    var filters: [RoutedFilter]
  }

  /// A filter whose `text:` words are bits of the route's ``TextNeedles`` (0: none).
  struct RoutedFilter: Sendable {
    var filter: EventFilter
    var textMask: UInt64 = 0

    func matches(_ event: Event, statusClass: StatusRule.StatusClass?, found: UInt64) -> Bool {
      (textMask == 0 || textMask & found != 0) && filter.matches(event, statusClass: statusClass)
    }
  }

  /// What an event of one kind on one channel can touch.
  struct Route: Sendable {
    var probes: [Probe] = []
    var evidence: [Evidence] = []
    /// Whether a filter above reads the reason (beyond the rule and status).
    var readsReason = false
    /// Filters that read the message text, tested for every event.
    var textProbes: [Probe] = []
    var textEvidence: [Evidence] = []
    var needles = TextNeedles()
  }

  /// The probes and evidence one event touches (``hits(_:statusClass:)``).
  struct Hits: Sendable {
    var probes: [(diagnosis: Int, leaf: Int, isRate: Bool)] = []
    var evidence: [Int] = []
  }

  /// What a route's filters read of an event, besides its kind and channel.
  private struct MemoKey: Hashable {
    var route: Int
    var rule: String
    var status: String?
    var reason: String?
  }

  /// Remembered outcomes are capped: reasons can be as many as the lines.
  static let memoCap = 4096

  /// Per diagnosis, its leaves in ``Diagnosis/allLeaves`` order.
  let leaves: [[Condition.Leaf]]
  private let diagnoses: [Diagnosis]
  /// Routes built so far, searched in order: a log has a few dozen kind and channel pairs,
  /// and comparing two short strings is cheaper than hashing them.
  private var routes: [(kind: EventKind, channel: String, route: Route)] = []
  private var memo: [MemoKey: Hits] = [:]

  init(diagnoses: [Diagnosis]) {
    self.diagnoses = diagnoses
    leaves = diagnoses.map(\.allLeaves)
  }

  /// The probes and evidence the event counts for. `statusClass` is its status's class.
  mutating func hits(_ event: Event, statusClass: StatusRule.StatusClass?) -> Hits {
    let found = routes.firstIndex { $0.kind == event.kind && $0.channel == event.channel }
    let index = found ?? routes.count
    if found == nil { routes.append((event.kind, event.channel, route(kind: event.kind, channel: event.channel))) }
    let route = routes[index].route
    let key = MemoKey(
      route: index, rule: event.ruleID, status: event.status, reason: route.readsReason ? event.reason : nil)
    var hits: Hits
    if let known = memo[key] {
      hits = known
    } else {
      hits = Hits()
      Self.add(event, statusClass: statusClass, found: 0, probes: route.probes, evidence: route.evidence, to: &hits)
      if memo.count < Self.memoCap { memo[key] = hits }
    }
    if !route.textProbes.isEmpty || !route.textEvidence.isEmpty {
      let found = route.needles.found(in: event.text)
      Self.add(
        event, statusClass: statusClass, found: found, probes: route.textProbes, evidence: route.textEvidence,
        to: &hits)
    }
    return hits
  }

  private static func add(
    _ event: Event, statusClass: StatusRule.StatusClass?, found: UInt64, probes: [Probe], evidence: [Evidence],
    to hits: inout Hits
  ) {
    for probe in probes where probe.filter.matches(event, statusClass: statusClass, found: found) {
      hits.probes.append((probe.diagnosis, probe.leaf, probe.isRate))
    }
    for entry in evidence where !hits.evidence.contains(entry.diagnosis) {
      if entry.filters.contains(where: { $0.matches(event, statusClass: statusClass, found: found) }) {
        hits.evidence.append(entry.diagnosis)
      }
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
    /// Moves a filter's text words into the route's needle set.
    func routed(_ filter: EventFilter) -> RoutedFilter {
      guard !filter.textContains.isEmpty, let mask = route.needles.mask(for: filter.textContains) else {
        return RoutedFilter(filter: filter)
      }
      var filter = filter
      filter.textContains = []
      return RoutedFilter(filter: filter, textMask: mask)
    }
    for (d, diagnosis) in diagnoses.enumerated() {
      if !diagnosis.channels.isEmpty && !diagnosis.channels.contains(channel) { continue }
      for (l, leaf) in leaves[d].enumerated() {
        let filter: EventFilter
        let isRate: Bool
        switch leaf.measure {
        case .count(let counted): (filter, isRate) = (counted, false)
        case .rate(let counted, _): (filter, isRate) = (counted, true)
        default: continue
        }
        guard let filter = narrowed(filter) else { continue }
        let probe = Probe(diagnosis: d, leaf: l, filter: routed(filter), isRate: isRate)
        if filter.textContains.isEmpty { route.probes.append(probe) } else { route.textProbes.append(probe) }
      }
      let evidence = diagnosis.evidence.compactMap(narrowed)
      let plain = evidence.filter { $0.textContains.isEmpty }.map(routed)
      let text = evidence.filter { !$0.textContains.isEmpty }.map(routed)
      if !plain.isEmpty { route.evidence.append(Evidence(diagnosis: d, filters: plain)) }
      if !text.isEmpty { route.textEvidence.append(Evidence(diagnosis: d, filters: text)) }
    }
    route.readsReason = (route.probes.map(\.filter) + route.evidence.flatMap(\.filters)).contains {
      !$0.filter.reasons.isEmpty
    }
    return route
  }
}
