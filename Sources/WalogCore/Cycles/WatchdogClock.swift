/// The message watchdog's idle clock as its fires show it (`No messages received in Nm -
/// restarting connection`). A clock that the reconnect resets fires next when the timeout
/// has passed again, announcing about the timeout; a clock it does not reset (#54263) fires
/// again within minutes, announcing an idle time that keeps growing. So a fire that comes
/// sooner after the one before than the idle time it announces is the clock that was never
/// reset. What shows "sooner": the two fires' times; a user's mark after a fire stating a
/// period (`...repeats every 60s`); or, in an excerpt without times, an idle time past the
/// timeout and past the fire before it, which a reset clock cannot announce.
public struct WatchdogClock: Sendable {
  /// Fires that came sooner than the idle time they announce.
  public private(set) var earlyFires = 0
  private var last: (minutes: Int, time: LogTime?)?
  private let tolerance: Double?
  private let timeout: Double?

  /// `tolerance`: how far a reset clock's announcement strays from its timeout (the
  /// policy's `watchdog.idle_growth`, two of its checks); without it no fire is judged.
  /// `timeout`: the watchdog's (`watchdog.timeout`), for excerpts without times.
  init(tolerance: Double?, timeout: Double?) {
    self.tolerance = tolerance
    self.timeout = timeout
  }

  /// A fire announcing `minutes` of idle time.
  mutating func fire(minutes: Int?, time: LogTime?) {
    guard let minutes else { return }
    defer { last = (minutes, time) }
    guard let last, let tolerance else { return }
    let idle = Double(minutes) * 60
    if let time, let before = last.time, time.precision == before.precision {
      if time.seconds - before.seconds + tolerance < idle { earlyFires += 1 }
    } else if time == nil, last.time == nil, let timeout, minutes > last.minutes, idle > timeout + tolerance {
      earlyFires += 1
    }
  }

  /// A user's mark after the last fire, stating that it repeats every `period` seconds.
  mutating func repeats(every period: Double) {
    guard let last, let tolerance, period + tolerance < Double(last.minutes) * 60 else { return }
    earlyFires += 1
  }
}
