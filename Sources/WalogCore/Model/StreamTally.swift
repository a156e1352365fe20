/// What one stream (channel account) did: its counts and when.
public struct StreamTally: Sendable {
  public var key: StreamKey
  public var totals = Totals()
  public var firstTime: LogTime?
  public var lastTime: LogTime?
  public var firstOrigin: Origin?
  public var lastOrigin: Origin?
  /// The times of the first and last timed events in log order, whatever their clock: the
  /// span reports show when ``mixedClocks`` (dated and undated times cannot be compared).
  public var firstSeenTime: LogTime?
  public var lastSeenTime: LogTime?
  /// Whether its events' times are on different clocks (dated, no year, time of day only).
  public var mixedClocks = false

  public init(key: StreamKey) { self.key = key }

  public mutating func add(_ event: Event) {
    totals.add(event)
    include(event)
  }

  /// Stretches the span to an event of its timeline that is not its own line (the gateway's
  /// host thaw restarting it), without counting it.
  public mutating func include(_ event: Event) {
    if firstOrigin == nil { firstOrigin = event.origin }
    lastOrigin = event.origin
    // Times of different precision (a dated log and a time-of-day one) do not share a
    // clock: the span is measured on the first kind seen.
    guard let time = event.time else { return }
    if firstSeenTime == nil { firstSeenTime = time }
    lastSeenTime = time
    if firstTime.map({ $0.precision == time.precision }) ?? true {
      if firstTime == nil || time < firstTime! { firstTime = time }
      if lastTime == nil || lastTime! < time { lastTime = time }
    } else {
      mixedClocks = true
    }
  }
}
