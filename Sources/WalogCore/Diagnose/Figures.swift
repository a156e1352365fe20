/// The figures of a stream's rebuilt cycles that conditions and templates can name.
/// docs/rules.md lists them; an unknown name is an error when the rule file loads.
public struct Figures: Sendable {
  public typealias Unit = Figure.Unit

  /// Name → (unit, what it means), as docs/rules.md lists them.
  public static let catalog: [(name: String, unit: Unit, meaning: String)] = [
    ("closes", .count, "connection closes"),
    ("retries", .count, "retry announcements with k/N"),
    ("max_retry_attempt", .count, "highest announced retry attempt"),
    ("giveups", .count, "reconnect give-ups (max attempts reached)"),
    ("auto_restarts", .count, "supervisor auto-restart lines"),
    ("supervisor_giveups", .count, "supervisor give-ups"),
    ("health_restarts", .count, "health-monitor restarts"),
    ("runs", .count, "retry runs"),
    ("runs_recovered", .count, "runs that recovered"),
    ("runs_gave_up", .count, "runs that ended in max attempts reached"),
    ("runs_stopped", .count, "runs ended by a fail-fast stop"),
    ("runs_logged_out", .count, "runs ended by a logout"),
    ("runs_exited", .count, "runs ended by a provider exit"),
    ("runs_restarted", .count, "runs cut short by a restart"),
    ("runs_interrupted", .count, "runs whose next close did not follow on"),
    ("runs_open", .count, "runs still retrying when the log ends"),
    ("runs_reconnected", .count, "runs that had reconnected when the log ends, not yet past the counter reset"),
    ("runs_unretried", .count, "runs whose last close announced no retry when the log ends"),
    ("runs_began_before_log", .count, "runs whose first attempt was above 1"),
    ("runs_began_before_window", .count, "under --since, a first run that began before the window"),
    ("cycles", .count, "cycles: a run, stop or exit followed by a restart"),
    ("supervisor_cycles", .count, "cycles restarted by the supervisor"),
    ("health_cycles", .count, "cycles restarted by the health monitor"),
    ("exit_cycles", .count, "cycles with no retry run: the provider exited within quick_exit of its start"),
    ("lonely_restarts", .count, "restarts with no failure before them"),
    ("loops", .count, "loops: two or more cycles with no quiet hour between"),
    ("loop_cycles", .count, "cycles in the longest loop"),
    ("loop_median_period", .seconds, "median time between cycle starts in the longest loop"),
    ("loop_duration", .seconds, "duration of the longest loop"),
    ("loop_closes_per_cycle", .ratio, "connection attempts per cycle in the longest loop"),
    ("loop_closes_per_health_restart", .ratio, "connection attempts per health restart in the longest loop"),
    ("loop_stream_lines_per_minute", .perMinute, "this stream's lines per minute while looping"),
    ("loop_log_lines_per_minute", .perMinute, "the whole log's lines per minute while looping"),
    ("max_health_restarts_in_hour", .count, "most health restarts within one rolling hour"),
    ("health_restarts_per_hour_limit", .count, "the health monitor's hourly cap for the log's version"),
    ("stale_threshold", .seconds, "the stale-socket threshold the log's version fixes (none when the log names no version or the version makes it a setting)"),
    ("retried_conflicts", .count, "closes of a fail-fast status that were retried"),
    ("delays_off_policy", .count, "reconnect delays outside the policy's backoff"),
    ("single_close_recoveries", .count, "runs of one close that recovered (counter reset)"),
    ("watchdog_idle_growing", .count, "1 when the watchdog's idle minutes grow from one reconnect to the next"),
    ("watchdog_early_fires", .count, "watchdog fires sooner after the one before than the idle time they announce"),
    ("concurrent_processes", .count, "gateway processes (journald PIDs) logging this account at the same time"),
    ("span", .seconds, "time from the stream's first to last event"),
  ]

  public static func unit(of name: String) -> Unit? {
    catalog.first { $0.name == name }?.unit
  }

  /// Whether a figure of several streams is their sum (closes, runs) rather than the
  /// largest of them (the highest attempt, the longest loop, a cap, a yes/no).
  public static func isAdditive(_ name: String) -> Bool {
    guard let unit = unit(of: name) else { return false }
    return unit == .count && !name.hasPrefix("max_") && !name.hasPrefix("loop_")
      && name != "health_restarts_per_hour_limit" && name != "concurrent_processes"
      && name != "watchdog_idle_growing"
  }

  /// The figures of several streams taken together: counts summed, the others the largest.
  public static func combined(_ figures: [Figures]) -> Figures {
    var values: [String: Double] = [:]
    for entry in catalog {
      let all = figures.compactMap { $0[entry.name] }
      guard !all.isEmpty else { continue }
      values[entry.name] = isAdditive(entry.name) ? all.reduce(0, +) : all.max()!
    }
    return Figures(values: values)
  }

  private var values: [String: Double]

  public init(values: [String: Double]) { self.values = values }

  public subscript(name: String) -> Double? { values[name] }

  /// The figures of one stream.
  public init(
    history: StreamHistory, tally: StreamTally, concurrentProcesses: Int, version: GatewayVersion?
  ) {
    let totals = tally.totals
    var values: [String: Double] = [
      "closes": Double(totals.closes),
      "retries": Double(totals.retries),
      "max_retry_attempt": Double(totals.maxRetryAttempt),
      "giveups": Double(totals.giveups),
      "auto_restarts": Double(totals.autoRestarts),
      "supervisor_giveups": Double(totals.supervisorGiveups),
      "health_restarts": Double(totals.healthRestarts),
      "runs": Double(history.runs.count),
      "runs_began_before_log": Double(history.runsBeganBeforeLog),
      "runs_began_before_window": Double(history.runsBeganBeforeWindow),
      "cycles": Double(history.cycles.count),
      "supervisor_cycles": Double(history.cyclesByRestarter["supervisor"] ?? 0),
      "health_cycles": Double(history.cyclesByRestarter["health-monitor"] ?? 0),
      "exit_cycles": Double(history.exitCycles),
      "lonely_restarts": Double(history.lonelyRestarts),
      "loops": Double(history.loopCount),
      "max_health_restarts_in_hour": Double(history.maxHealthRestartsInHour),
      "retried_conflicts": Double(history.retriedConflicts),
      "delays_off_policy": Double(history.delaysOffPolicy),
      "single_close_recoveries": Double(history.singleCloseRecoveries),
      "watchdog_idle_growing": history.watchdogIdleGrowing ? 1 : 0,
      "watchdog_early_fires": Double(history.watchdogClock.earlyFires),
      "concurrent_processes": Double(concurrentProcesses),
    ]
    if let limit = history.policy.healthMonitor.restartsPerHour?.value(at: version) {
      values["health_restarts_per_hour_limit"] = Double(limit)
    }
    if let threshold = history.policy.healthMonitor.staleThresholdSeconds?.stated(at: version) {
      values["stale_threshold"] = threshold
    }
    for outcome in RetryRun.Outcome.allCases {
      values["runs_" + outcome.rawValue] = Double(history.outcomes[outcome] ?? 0)
    }
    if let first = tally.firstTime, let last = tally.lastTime {
      values["span"] = last.seconds - first.seconds
    }

    if let loop = history.longestLoop {
      values["loop_cycles"] = Double(loop.cycles)
      values["loop_median_period"] = loop.medianPeriod
      values["loop_duration"] = loop.duration
      values["loop_closes_per_cycle"] = loop.closesPerCycle
      values["loop_closes_per_health_restart"] = loop.closesPerHealthRestart
      values["loop_stream_lines_per_minute"] = loop.streamLinesPerMinute
      values["loop_log_lines_per_minute"] = loop.logLinesPerMinute
    }
    self.values = values
  }

  /// A figure as a report shows it: counts whole, seconds as a duration, ratios and rates
  /// to 1 decimal.
  public static func format(_ value: Double, unit: Unit) -> String {
    switch unit {
    case .count: return String(Int(value.rounded()))
    case .seconds: return TimeText.duration(value)
    case .ratio, .perMinute:
      let tenths = Int((value * 10).rounded())
      return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
    }
  }
}

extension StreamHistory {
  /// The loop with the most cycles (the first one on a tie).
  public var longestLoop: Loop? {
    loops.reduce(nil) { best, loop in
      guard let best else { return loop }
      return loop.cycles > best.cycles ? loop : best
    }
  }

  /// Whether the watchdog's announced idle minutes grow across its reconnects: its clock is
  /// not reset by a reconnect. A clock that is reset announces the timeout each time, give or
  /// take the time of the watchdog's check, so growth counts only from the channel policy's
  /// `watchdog.idle_growth` on (never without it).
  public var watchdogIdleGrowing: Bool {
    guard watchdogMinutes.count >= 2, let growth = policy.watchdogIdleGrowthSeconds else { return false }
    return zip(watchdogMinutes, watchdogMinutes.dropFirst()).allSatisfy { $0 <= $1 }
      && Double(watchdogMinutes.last! - watchdogMinutes.first!) * 60 >= growth
  }
}
