/// The running measurements of every diagnosis in one scope (a stream, or the whole log):
/// event counts, sliding windows, the sequence of kinds, and evidence lines. Fed one event
/// at a time; memory is bounded whatever the log's length.
struct ProbeState: Sendable {
  /// Per diagnosis, per leaf: the count or the largest window count so far.
  var values: [[Int]]
  var windows: [[SlidingWindow?]]
  var evidence: [EvidenceSample]
  /// Event kinds in order, each followed by a space, for sequence conditions; the oldest
  /// are dropped past `kindsCap` bytes.
  var kinds: [UInt8] = []

  static let kindsCap = 1 << 20

  /// `leaves`: per diagnosis, its leaves (``ProbePlan/leaves``).
  init(leaves: [[Condition.Leaf]]) {
    values = leaves.map { Array(repeating: 0, count: $0.count) }
    windows = leaves.map { leaves in
      leaves.map { leaf in
        if case .rate(_, let window) = leaf.measure { return SlidingWindow(seconds: window) }
        return nil
      }
    }
    evidence = leaves.map { _ in EvidenceSample() }
  }

  /// Counts the event in this scope; `hits` says which probes and evidence it matched
  /// (the same in every scope, so matched once by ``ProbePlan``).
  mutating func add(_ event: Event, hits: ProbePlan.Hits) {
    kinds.append(contentsOf: event.kind.rawValue.utf8)
    kinds.append(0x20)
    if kinds.count > Self.kindsCap {
      // Keep whole kinds: cut after a space.
      let cut = kinds.firstIndex(of: 0x20, after: kinds.count - Self.kindsCap / 2)
      kinds.removeFirst(cut)
    }
    for (d, l, isRate) in hits.probes {
      if !isRate {
        values[d][l] += 1
      } else if let time = event.time {
        windows[d][l]!.add(time.seconds)
        values[d][l] = max(values[d][l], windows[d][l]!.count)
      }
    }
    for d in hits.evidence { evidence[d].add(event) }
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

extension Array where Element == UInt8 {
  /// Index just past the first `byte` at or after `start` (the array's end when none).
  fileprivate func firstIndex(of byte: UInt8, after start: Int) -> Int {
    var index = Swift.max(start, 0)
    while index < count, self[index] != byte { index += 1 }
    return Swift.min(index + 1, count)
  }
}
