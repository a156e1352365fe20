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

  /// Two of the watchdog's checks (it looks once a minute): a reset clock announces its
  /// timeout give or take that.
  static let slack = 120.0

  /// A fire announcing `minutes` of idle time; `timeout` is the watchdog's (policy), if known.
  mutating func fire(minutes: Int?, time: LogTime?, timeout: Double?) {
    guard let minutes else { return }
    defer { last = (minutes, time) }
    guard let last else { return }
    let idle = Double(minutes) * 60
    if let time, let before = last.time, time.precision == before.precision {
      if time.seconds - before.seconds + Self.slack < idle { earlyFires += 1 }
    } else if time == nil, last.time == nil, let timeout, minutes > last.minutes, idle > timeout + Self.slack {
      earlyFires += 1
    }
  }

  /// A user's mark after the last fire, stating that it repeats every `period` seconds.
  mutating func repeats(every period: Double) {
    guard let last, period + Self.slack < Double(last.minutes) * 60 else { return }
    earlyFires += 1
  }
}
