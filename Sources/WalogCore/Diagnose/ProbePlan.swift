/// The counting leaves of all diagnoses (count, rate, after, near), routed by the event's
/// kind and channel, so that an event is matched against each filter once, not once per scope
/// and leaf.
///
/// Feeding an event used to walk every leaf of every diagnosis, rebuilding each diagnosis'
/// leaf list and hashing the kind and channel per leaf, in both scopes: that was most of the
/// analysis stage. Now the event's route holds the few probes that can count it, with the
/// kind and channel tests already done, and what the route's filters decide is remembered
/// per rule, status and reason: a log repeats a few such combinations thousands of times.
struct ProbePlan: Sendable {
  /// One filter of a leaf: `values[diagnosis][leaf]` in ``ProbeState``.
  struct Probe: Sendable {
    /// What a matching event does to its leaf.
    enum Role: Sendable {
      case count
      case rate
      /// Counted when it follows the leaf's anchor (`after`).
      case afterCounted
      /// Resets the `after` count and marks the anchor as seen.
      case afterAnchor
      /// Counted once when an anchor lay at most the leaf's `within` seconds before it, or a
      /// following anchor comes at most `followed_within` seconds after it.
      case nearCounted
      /// Remembers its time for `nearCounted`.
      case precedingAnchor
      /// Counts the `nearCounted` events waiting for it.
      case followingAnchor
    }
    var diagnosis: Int
    var leaf: Int
    var filter: RoutedFilter
    var role: Role
  }

  /// A diagnosis' evidence filters, or the filters of what else it explains (`explains:`).
  struct Evidence: Sendable {
    var diagnosis: Int
    var filters: [RoutedFilter]
    /// Whether it is cited, or only explained.
    var cited = true
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
    /// Filters that read the message text or fields, tested for every event.
    var textProbes: [Probe] = []
    var textEvidence: [Evidence] = []
    var needles = TextNeedles()
    /// What a gateway-wide event of this kind and channel can touch; nil for most routes, so
    /// that copying a route costs nothing more.
    var gateway: GatewayRoute?
  }

  /// Diagnoses whose `gateway_wide` filters can match a route's kind and channel, with those
  /// filters, and their probes and evidence whatever the diagnosis' channels.
  struct GatewayRoute: Sendable {
    var diagnoses: [(diagnosis: Int, filters: [EventFilter])] = []
    var probes: [Probe] = []
    var evidence: [Evidence] = []
  }

  /// The probes and evidence one event touches (``hits(_:statusClass:)``).
  struct Hits: Sendable {
    var probes: [(diagnosis: Int, leaf: Int, role: Probe.Role)] = []
    var evidence: [Int] = []
    /// Diagnoses that explain the event without citing it (`explains:`).
    var explains: [Int] = []
    var isEmpty: Bool { probes.isEmpty && evidence.isEmpty && explains.isEmpty }
    /// The diagnoses that account for the event if they hold: those citing it and the others
    /// (``settle()``, once with the remembered hits rather than for every event).
    private(set) var accountedBy: [Int] = []

    mutating func settle() {
      accountedBy = explains.isEmpty ? evidence : evidence + explains.filter { !evidence.contains($0) }
    }
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

  /// The probes and evidence the event counts for in its own stream (and the log), and those
  /// it counts for in every other stream as a gateway-wide event (usually none).
  /// `statusClass` is its status's class.
  mutating func hits(_ event: Event, statusClass: StatusRule.StatusClass?) -> (own: Hits, shared: Hits) {
    let found = routes.firstIndex { $0.kind == event.kind && $0.channel == event.channel }
    let index = found ?? routes.count
    if found == nil {
      routes.append((event.kind, event.channel, route(kind: event.kind, roles: event.roles, channel: event.channel)))
    }
    let route = routes[index].route
    let key = MemoKey(
      route: index, rule: event.ruleID, status: event.status, reason: route.readsReason ? event.reason : nil)
    var hits: Hits
    if let known = memo[key] {
      hits = known
    } else {
      hits = Hits()
      Self.add(event, statusClass: statusClass, found: 0, probes: route.probes, evidence: route.evidence, to: &hits)
      hits.settle()
      if memo.count < Self.memoCap { memo[key] = hits }
    }
    var words: UInt64 = 0
    if !route.textProbes.isEmpty || !route.textEvidence.isEmpty {
      words = route.needles.found(in: event.text)
      let accounting = hits.evidence.count + hits.explains.count
      Self.add(
        event, statusClass: statusClass, found: words, probes: route.textProbes, evidence: route.textEvidence,
        to: &hits)
      if hits.evidence.count + hits.explains.count != accounting { hits.settle() }
    }
    var shared = Hits()
    if let gateway = route.gateway {
      for (diagnosis, filters) in gateway.diagnoses
      where filters.contains(where: { $0.matches(event, statusClass: statusClass) }) {
        Self.add(
          event, statusClass: statusClass, found: words != 0 ? words : route.needles.found(in: event.text),
          probes: gateway.probes.filter { $0.diagnosis == diagnosis },
          evidence: gateway.evidence.filter { $0.diagnosis == diagnosis }, to: &shared)
      }
      shared.settle()
    }
    return (hits, shared)
  }

  private static func add(
    _ event: Event, statusClass: StatusRule.StatusClass?, found: UInt64, probes: [Probe], evidence: [Evidence],
    to hits: inout Hits
  ) {
    for probe in probes where probe.filter.matches(event, statusClass: statusClass, found: found) {
      hits.probes.append((probe.diagnosis, probe.leaf, probe.role))
    }
    for entry in evidence where !(entry.cited ? hits.evidence : hits.explains).contains(entry.diagnosis) {
      if entry.filters.contains(where: { $0.matches(event, statusClass: statusClass, found: found) }) {
        if entry.cited { hits.evidence.append(entry.diagnosis) } else { hits.explains.append(entry.diagnosis) }
      }
    }
  }

  /// A leaf's filters with what each does. Counted filters come after a following anchor and
  /// before a preceding one, so an event that is both is counted against the anchors around
  /// it, never against itself.
  private static func probeFilters(_ leaf: Condition.Leaf) -> [(EventFilter, Probe.Role)] {
    switch leaf.measure {
    case .count(let filter): [(filter, .count)]
    case .rate(let filter, _): [(filter, .rate)]
    case .after(let anchor, let counting): [(counting, .afterCounted), (anchor, .afterAnchor)]
    case .near(let filter, let preceding, let following):
      (following.map { [($0.filter, .followingAnchor)] } ?? []) + [(filter, .nearCounted)]
        + (preceding.map { [($0.filter, .precedingAnchor)] } ?? [])
    case .sequence, .figure, .version: []
    }
  }

  /// The probes and evidence filters that can match an event of this kind (with its kind's
  /// roles) and channel, with those tests taken out of the filters.
  private func route(kind: EventKind, roles: KindRoles, channel: String) -> Route {
    func narrowed(_ filter: EventFilter) -> EventFilter? {
      if !filter.kinds.isEmpty && !filter.kinds.contains(kind) { return nil }
      if !filter.roles.isEmpty && !roles.containsAny(filter.roles) { return nil }
      if !filter.channels.isEmpty && !filter.channels.contains(channel) { return nil }
      var filter = filter
      filter.kinds = []
      filter.roles = []
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
    func probes(_ d: Int) -> [(Probe, readsEachEvent: Bool)] {
      leaves[d].enumerated().flatMap { l, leaf in
        Self.probeFilters(leaf).compactMap { filter, role in
          narrowed(filter).map { (Probe(diagnosis: d, leaf: l, filter: routed($0), role: role), $0.readsEachEvent) }
        }
      }
    }
    func evidence(_ d: Int) -> [EventFilter] { diagnoses[d].evidence.compactMap(narrowed) }
    for (d, diagnosis) in diagnoses.enumerated() {
      let gatewayWide = diagnosis.gatewayWide.compactMap(narrowed)
      if !gatewayWide.isEmpty {
        var gateway = route.gateway ?? GatewayRoute()
        gateway.diagnoses.append((d, gatewayWide))
        gateway.probes += probes(d).map(\.0)
        let filters = evidence(d).map(routed)
        if !filters.isEmpty { gateway.evidence.append(Evidence(diagnosis: d, filters: filters)) }
        route.gateway = gateway
      }
      if !diagnosis.channels.isEmpty && !diagnosis.channels.contains(channel) { continue }
      for (probe, readsEachEvent) in probes(d) {
        if readsEachEvent { route.textProbes.append(probe) } else { route.probes.append(probe) }
      }
      for (filters, cited) in [(evidence(d), true), (diagnosis.explains.compactMap(narrowed), false)] {
        let plain = filters.filter { !$0.readsEachEvent }.map(routed)
        let each = filters.filter(\.readsEachEvent).map(routed)
        if !plain.isEmpty { route.evidence.append(Evidence(diagnosis: d, filters: plain, cited: cited)) }
        if !each.isEmpty { route.textEvidence.append(Evidence(diagnosis: d, filters: each, cited: cited)) }
      }
    }
    route.readsReason = (route.probes.map(\.filter) + route.evidence.flatMap(\.filters)).contains {
      $0.filter.readsReason
    }
    return route
  }
}
