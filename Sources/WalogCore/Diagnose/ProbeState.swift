/// The running measurements of every diagnosis in one scope (a stream, or the whole log):
/// event counts, sliding windows, the sequence of kinds, and evidence lines. Fed one event
/// at a time; memory is bounded whatever the log's length.
struct ProbeState: Sendable {
  /// Per diagnosis, per leaf: the count or the largest window count so far.
  var values: [[Int]]
  var windows: [[SlidingWindow?]]
  /// Per diagnosis, per leaf: the time of the latest anchor of an `after` leaf or the
  /// latest preceding anchor of a `near` leaf (`-∞` for an anchor without a time); nil while
  /// none was seen.
  var anchors: [[Double?]]
  /// Per diagnosis, per leaf: a `near` leaf's windows before and after (0: none).
  private let within: [[(preceding: Double, following: Double)]]
  /// Per diagnosis, per leaf: where in ``waiting`` a `near` leaf with a following anchor
  /// keeps its events (-1: no such leaf).
  private let waitingSlot: [[Int]]
  /// The times of such a leaf's events that no preceding anchor counted, waiting for a
  /// following one (at most ``waitingCap`` each).
  private var waiting: [[Double]]
  var evidence: [EvidenceSample]
  /// Per diagnosis, the first repeat it counted that stands for a user's mark of more of the
  /// same (``Event/mark``): the finding says it read the mark.
  var marks: [Event?]
  /// Per diagnosis, per leaf: the times between consecutive events a `count` leaf counted,
  /// for the `{name_gap}` placeholder (the median).
  var gaps: [[GapSample]]
  /// Event kinds in order, for sequence conditions.
  var kinds = KindTape()
  /// The lines behind each leaf of the diagnosis `walog analyze --why` traces (nil: none).
  var trace: LeafLines?

  static let waitingCap = 4096

  /// `leaves`: per diagnosis, its leaves (``ProbePlan/leaves``); `traced`: the diagnosis
  /// whose leaves keep the lines they read.
  init(leaves: [[Condition.Leaf]], traced: Int? = nil) {
    trace = traced.map { LeafLines(diagnosis: $0, leaves: leaves[$0].count) }
    values = leaves.map { Array(repeating: 0, count: $0.count) }
    windows = leaves.map { leaves in
      leaves.map { leaf in
        if case .rate(_, let window) = leaf.measure { return SlidingWindow(seconds: window) }
        return nil
      }
    }
    evidence = leaves.map { _ in EvidenceSample() }
    marks = Array(repeating: nil, count: leaves.count)
    anchors = leaves.map { Array(repeating: nil, count: $0.count) }
    within = leaves.map { leaves in
      leaves.map { leaf in
        guard case .near(_, let preceding, let following) = leaf.measure else { return (0, 0) }
        return (preceding?.within ?? 0, following?.within ?? 0)
      }
    }
    var slots = 0
    waitingSlot = leaves.map { leaves in
      leaves.map { leaf in
        guard case .near(_, _, .some) = leaf.measure else { return -1 }
        defer { slots += 1 }
        return slots
      }
    }
    waiting = Array(repeating: [], count: slots)
    gaps = leaves.map { Array(repeating: GapSample(), count: $0.count) }
  }

  /// Counts the event in this scope; `hits` says which probes and evidence it matched
  /// (the same in every scope, so matched once by ``ProbePlan``).
  mutating func add(_ event: Event, hits: ProbePlan.Hits) {
    kinds.append(event.kind)
    count(event, hits: hits)
  }

  /// Counts a gateway-wide event logged by another stream: its probes and evidence, but not
  /// this stream's sequence of kinds.
  mutating func addShared(_ event: Event, hits: ProbePlan.Hits) {
    count(event, hits: hits)
  }

  @inline(__always)
  private mutating func count(_ event: Event, hits: ProbePlan.Hits) {
    let time = event.time?.seconds
    for (d, l, role) in hits.probes {
      if d == trace?.diagnosis { trace!.add(event, leaf: l, role: role) }
      switch role {
      case .count:
        values[d][l] += 1
        if let logTime = event.time { gaps[d][l].add(logTime) }
      case .rate:
        guard let time else { continue }
        windows[d][l]!.add(time)
        if d == trace?.diagnosis, windows[d][l]!.count > values[d][l] { trace!.busiest(l, windows[d][l]!, event.time!) }
        values[d][l] = max(values[d][l], windows[d][l]!.count)
      case .afterCounted:
        if anchors[d][l] != nil { values[d][l] += 1 }
      case .afterAnchor:
        anchors[d][l] = time ?? -.infinity
        values[d][l] = 0
      case .nearCounted:
        guard let time else {
          // In an excerpt pasted without times (preceding anchors only without one, `-∞`),
          // order alone places an untimed event after the anchor.
          if anchors[d][l] == -.infinity { values[d][l] += 1 }
          continue
        }
        // An anchor later than the event (a detail the pairer passed on late) precedes nothing.
        if let anchor = anchors[d][l], time >= anchor, time - anchor <= within[d][l].preceding {
          values[d][l] += 1
        } else if case let slot = waitingSlot[d][l], slot >= 0 {
          if waiting[slot].count >= Self.waitingCap { waiting[slot].removeFirst(Self.waitingCap / 2) }
          waiting[slot].append(time)
        }
      case .precedingAnchor:
        anchors[d][l] = max(anchors[d][l] ?? -.infinity, time ?? -.infinity)
      case .followingAnchor:
        // Log time moves forward: what this anchor does not reach, no later one will.
        let slot = waitingSlot[d][l]
        guard let time, !waiting[slot].isEmpty else { continue }
        values[d][l] += waiting[slot].count { time - $0 <= within[d][l].following }
        waiting[slot].removeAll(keepingCapacity: true)
      }
    }
    for d in hits.evidence { evidence[d].add(event) }
    if event.mark != nil {
      for d in hits.evidence where marks[d] == nil { marks[d] = event }
    }
  }
}

/// The times between consecutive events, the first `cap` of them; none between times on
/// different clocks (a dated line and a time of day only, in a paste).
struct GapSample: Sendable {
  private var last: LogTime?
  private(set) var gaps: [Double] = []

  static let cap = 256

  mutating func add(_ time: LogTime) {
    if let last, last.precision == time.precision, gaps.count < Self.cap {
      gaps.append(max(0, time.seconds - last.seconds))
    }
    last = time
  }

  /// The median gap; nil with fewer than two events.
  var median: Double? {
    guard !gaps.isEmpty else { return nil }
    let sorted = gaps.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}

/// Event times within the last `seconds` of log time.
///
/// Log time only moves forward here: an out-of-order (earlier) line counts at the latest
/// time seen so far, so a window never grows backwards. docs/rules.md states this.
struct SlidingWindow: Sendable {
  let seconds: Double
  private var times: [Double] = []
  private var head = 0
  private var latest = -Double.infinity

  static let cap = 100_000

  init(seconds: Double) { self.seconds = seconds }

  var count: Int { times.count - head }

  /// The time of the oldest event still in the window.
  var oldest: Double? { head < times.count ? times[head] : nil }

  mutating func add(_ time: Double) {
    latest = max(latest, time)
    times.append(latest)
    while head < times.count, latest - times[head] >= seconds { head += 1 }
    if count > Self.cap { head = times.count - Self.cap }
    if head > 4096, head * 2 > times.count {
      times.removeFirst(head)
      head = 0
    }
  }
}

/// The lines each leaf of one diagnosis read, for `walog analyze --why`: the events its
/// filter matched, its anchors, and a rate's busiest window.
struct LeafLines: Sendable {
  let diagnosis: Int
  /// Per leaf: the events its filter matched (after the last anchor, for `after`).
  var candidates: [EvidenceSample]
  /// Per leaf: its anchors (`after`: the last one only).
  var anchors: [EvidenceSample]
  /// Per leaf: the oldest and newest time of a rate's busiest window.
  var windows: [(from: LogTime, to: LogTime)?]

  init(diagnosis: Int, leaves: Int) {
    self.diagnosis = diagnosis
    candidates = Array(repeating: EvidenceSample(), count: leaves)
    anchors = Array(repeating: EvidenceSample(), count: leaves)
    windows = Array(repeating: nil, count: leaves)
  }

  mutating func add(_ event: Event, leaf: Int, role: ProbePlan.Probe.Role) {
    switch role {
    case .count, .rate, .nearCounted, .afterCounted: candidates[leaf].add(event)
    case .afterAnchor:
      // What `after` counts is what followed the last anchor.
      anchors[leaf] = EvidenceSample()
      anchors[leaf].add(event)
      candidates[leaf] = EvidenceSample()
    case .precedingAnchor, .followingAnchor:
      // An event both filters match is one anchor.
      if anchors[leaf].events.last?.origin != event.origin { anchors[leaf].add(event) }
    }
  }

  /// The window that `time`'s event just made the busiest so far.
  mutating func busiest(_ leaf: Int, _ window: SlidingWindow, _ time: LogTime) {
    guard let oldest = window.oldest else { return }
    windows[leaf] = (LogTime(seconds: oldest, offset: time.offset, precision: time.precision), time)
  }
}

/// The first few and the last event that a diagnosis cites.
struct EvidenceSample: Sendable {
  private(set) var first: [Event] = []
  private(set) var last: Event?
  private(set) var count = 0

  static let firstCount = 3

  mutating func add(_ event: Event) {
    count += 1
    if first.count < Self.firstCount { first.append(event) } else { last = event }
  }

  var events: [Event] { first + (last.map { [$0] } ?? []) }
}
