/// What restarted a channel.
public enum Restart: Sendable, Equatable {
  /// The channel supervisor's `auto-restart attempt n/N in Ds`.
  case supervisor(attempt: Int?, of: String?, delaySeconds: Double?)
  /// The health monitor's `restarting (reason: R)`.
  case healthMonitor(reason: String)
  /// Every running channel of the process at once (a kind with the role
  /// `restarts_every_channel`, e.g. the gateway's `host thaw detected … restarting channels`).
  case everyChannel(kind: EventKind)

  /// Who restarted, in reports: `supervisor`, `health-monitor`, or the kind that restarted
  /// every channel (`host_thaw` reads `host-thaw`).
  public var restarter: String {
    switch self {
    case .supervisor: "supervisor"
    case .healthMonitor: "health-monitor"
    case .everyChannel(let kind): kind.rawValue.replacing("_", with: "-")
    }
  }

  /// Whether every channel was restarted at once (by design, not because one failed).
  public var isEveryChannel: Bool {
    if case .everyChannel = self { true } else { false }
  }
}

/// One turn of a loop: something ended the channel's connection (a retry run that gave up
/// or was stopped, a provider exit) and a restart began the next turn.
public struct Cycle: Sendable {
  /// The run that ended, if the channel retried at all (a provider that exits at once has none).
  public var run: RetryRun?
  /// With no run: the provider exited (an `exits` event, or a supervisor restart that only
  /// follows an exit).
  public var providerExited: Bool
  public var restart: Restart
  public var start: LogTime?
  public var restartTime: LogTime?
  public var startOrigin: Origin
  public var restartOrigin: Origin
}

/// Two or more cycles in a row with no quiet hour between them.
public struct Loop: Sendable {
  public var cycles = 0
  public var start: LogTime?
  public var end: LogTime?
  public var startOrigin: Origin
  public var endOrigin: Origin
  /// Seconds between consecutive cycle starts (up to `periodCap` of them).
  public var periods: [Double] = []
  /// Connection closes inside the loop.
  public var closes = 0
  public var healthRestarts = 0
  public var supervisorRestarts = 0
  /// This stream's events inside the loop.
  public var streamEvents = 0
  /// Lines of the whole log inside the loop (all inputs, all streams).
  public var logLines = 0

  /// Start of the most recent cycle, for the next period.
  var lastStart: Double?

  static let periodCap = 4096

  init(startOrigin: Origin) {
    self.startOrigin = startOrigin
    self.endOrigin = startOrigin
  }

  public var medianPeriod: Double? {
    guard !periods.isEmpty else { return nil }
    let sorted = periods.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  public var duration: Double? {
    guard let start, let end else { return nil }
    return end.seconds - start.seconds
  }

  public var closesPerCycle: Double { cycles > 0 ? Double(closes) / Double(cycles) : 0 }

  /// Connection attempts between two health-monitor restarts, when there are any.
  public var closesPerHealthRestart: Double? {
    healthRestarts > 0 ? Double(closes) / Double(healthRestarts) : nil
  }

  /// Lines per minute while looping, for this stream and for the whole log.
  public var streamLinesPerMinute: Double? { perMinute(streamEvents) }
  public var logLinesPerMinute: Double? { perMinute(logLines) }

  private func perMinute(_ count: Int) -> Double? {
    guard let duration, duration > 0 else { return nil }
    return Double(count) / (duration / 60)
  }
}
