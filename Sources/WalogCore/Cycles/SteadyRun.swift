/// The longest run of one thing recurring at a steady period: occurrences whose gaps all lie
/// within ±20 % of the run's median gap (a cadence, issue 17 §2). Fed the times of one shape
/// in log order; memory is bounded (the gaps of the current run, at most ``gapCap``).
///
/// Occurrences less than ``sameMoment`` apart are one occurrence (a failure that logs two
/// lines at once); a time on another clock than the run's (a dated line among time-of-day
/// ones) starts a new run. A run needs ``minimumOccurrences`` and a median of at least a
/// second to be one.
public struct SteadyRun<Tag: Sendable>: Sendable {
  /// A run of occurrences at a steady period.
  public struct Span: Sendable {
    public var first: LogTime
    public var last: LogTime
    public var occurrences: Int
    /// The median gap, in seconds.
    public var period: Double
    /// What the caller gave with the run's first and last occurrences (its evidence).
    public var firstTag: Tag
    public var lastTag: Tag
  }

  /// Gaps within this share of the median are steady.
  public static var tolerance: Double { 0.2 }
  public static var minimumOccurrences: Int { 3 }
  public static var sameMoment: Double { 1.0 }
  static var gapCap: Int { 512 }

  /// The longest run so far, once it has ``minimumOccurrences``.
  public private(set) var best: Span?
  private var current: Span?
  /// The current run's gaps, sorted.
  private var gaps: [Double] = []

  public init() {}

  /// The longest run, the current one included.
  public var longest: Span? {
    guard let current, Self.counts(current) else { return best }
    guard let best else { return current }
    return current.occurrences > best.occurrences ? current : best
  }

  public mutating func add(_ time: LogTime, _ tag: Tag) {
    guard var run = current, run.last.precision == time.precision else {
      start(at: time, tag)
      return
    }
    let gap = time.seconds - run.last.seconds
    guard gap >= Self.sameMoment else { return }
    if accepts(gap) {
      insert(gap)
      run.last = time
      run.lastTag = tag
      run.occurrences += 1
      run.period = median
      current = run
      return
    }
    close()
    // The new run begins with the last occurrence of the old one.
    current = Span(first: run.last, last: time, occurrences: 2, period: gap, firstTag: run.lastTag, lastTag: tag)
    gaps = [gap]
  }

  private mutating func start(at time: LogTime, _ tag: Tag) {
    close()
    current = Span(first: time, last: time, occurrences: 1, period: 0, firstTag: tag, lastTag: tag)
    gaps = []
  }

  /// Keeps the current run as the best when it is one and longer.
  private mutating func close() {
    guard let run = current, Self.counts(run) else { return }
    if best.map({ run.occurrences > $0.occurrences }) ?? true { best = run }
  }

  private static func counts(_ run: Span) -> Bool {
    run.occurrences >= minimumOccurrences && run.period >= sameMoment
  }

  /// Whether every gap, `gap` among them, lies within the tolerance of their median (read
  /// off the sorted gaps as if `gap` were among them, without a copy).
  private func accepts(_ gap: Double) -> Bool {
    guard !gaps.isEmpty else { return true }
    // Past the cap the median no longer moves: a gap is judged against it.
    if gaps.count >= Self.gapCap { return abs(gap - median) <= Self.tolerance * median }
    let at = insertionIndex(gap)
    let count = gaps.count + 1
    let element = { (k: Int) in k < at ? gaps[k] : k == at ? gap : gaps[k - 1] }
    let middle = count % 2 == 1 ? element(count / 2) : (element(count / 2 - 1) + element(count / 2)) / 2
    return Swift.min(gaps.first!, gap) >= middle * (1 - Self.tolerance)
      && Swift.max(gaps.last!, gap) <= middle * (1 + Self.tolerance)
  }

  private mutating func insert(_ gap: Double) {
    guard gaps.count < Self.gapCap else { return }
    gaps.insert(gap, at: insertionIndex(gap))
  }

  /// Where `gap` goes in the sorted gaps (after equal ones).
  private func insertionIndex(_ gap: Double) -> Int {
    var low = 0
    var high = gaps.count
    while low < high {
      let mid = (low + high) / 2
      if gaps[mid] <= gap { low = mid + 1 } else { high = mid }
    }
    return low
  }

  private var median: Double { Self.median(gaps) }

  private static func median(_ sorted: [Double]) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}
