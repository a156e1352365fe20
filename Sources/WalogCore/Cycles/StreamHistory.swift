/// One stream's story: its retry runs, restarts, cycles and loops, rebuilt event by event.
///
/// A small state machine with bounded memory: counters for everything, the first and last
/// runs and cycles in full, and the loop being built. It can be asked for its state at any
/// point (``finished(at:)`` closes open runs on a copy). What the gateway's policies are
/// (attempt limits, backoff, counter reset, loop gap) comes from the rule file.
public struct StreamHistory: Sendable {
  public internal(set) var key: StreamKey
  /// The channel's policy as the rule file states it.
  public let policy: ChannelPolicy
  /// Every run, first and last ones kept in full.
  public private(set) var runs = BoundedList<RetryRun>(head: 100, tail: 100)
  public private(set) var outcomes: [RetryRun.Outcome: Int] = [:]
  public private(set) var runsBeganBeforeLog = 0
  /// Under `--since`: 1 when the first run began before the window (its earlier lines were
  /// left out), else 0.
  public private(set) var runsBeganBeforeWindow = 0
  public private(set) var cycles = BoundedList<Cycle>(head: 100, tail: 100)
  public private(set) var cyclesByRestarter: [String: Int] = [:]
  /// Every restart (supervisor, health monitor, host thaw), first and last ones kept in full.
  public private(set) var restarts = BoundedList<RestartRecord>(head: 100, tail: 100)
  /// Completed loops (two or more cycles in a row), at most `loopCap` kept.
  public private(set) var loops: [Loop] = []
  public private(set) var loopCount = 0
  /// Restarts with no run or exit before them (a stale-socket restart of a quiet account);
  /// a restart of every channel (a host thaw) restarts healthy channels by design and is not one.
  public private(set) var lonelyRestarts = 0
  /// Cycles with no retry run: the provider exited (or ended) as soon as it started.
  public private(set) var exitCycles = 0
  /// The most health restarts seen within one rolling hour.
  public private(set) var maxHealthRestartsInHour = 0
  /// Closes of a fail-fast status (``ChannelPolicy/failFast``) that were retried (announced
  /// `Retry k/N`) rather than stopped, in all and per status.
  public private(set) var retriedConflicts = 0
  public private(set) var retriedByStatus: [String: Int] = [:]
  /// Announced `N` values of reconnect and supervisor counters.
  public private(set) var reconnectMaxima: Set<String> = []
  public private(set) var supervisorMaxima: Set<String> = []
  /// Announced reconnect delays outside the policy's backoff range.
  public private(set) var delaysOffPolicy = 0
  public private(set) var delaysChecked = 0
  /// Runs of one close that recovered: the counter-reset signature (`Retry 1/12` forever).
  public private(set) var singleCloseRecoveries = 0
  /// Idle minutes announced by the watchdog (`No messages received in Nm`), in order.
  public private(set) var watchdogMinutes: [Int] = []
  /// The watchdog's fires read for a clock that is never reset.
  public private(set) var watchdogClock: WatchdogClock

  static let loopCap = 32
  /// The window of `restarts_per_hour`, the unit the health monitor's cap is stated in.
  static let rollingHour = 3600.0

  private var openRun: RetryRun?
  private var lastConnect: LogTime?
  private var connectedSinceClose = false
  /// A run (or an exit without one) that ended and waits for the restart that follows it.
  private var ended: (run: RetryRun?, time: LogTime?, origin: Origin)?
  private var chain: Loop?
  private var chainLastRestart: LogTime?
  private var eventCount = 0
  /// The whole log's lines so far, as `add` was last told.
  private var logLines = 0
  /// Stream events and log lines before the current run (or exit) began, and before the
  /// one `ended` holds: a loop's rates count from its first cycle's start, inclusive.
  private var runStartCounts = (events: 0, lines: 0)
  private var endedStartCounts = (events: 0, lines: 0)
  private var chainStartEvents = 0
  private var chainStartLines = 0
  private var healthRestartTimes: [Double] = []
  /// The provider's latest start not yet followed by a cycle: how long it ran tells an exit
  /// at once from a provider that ran for a while.
  private var providerStart: LogTime?

  public init(key: StreamKey, policy: ChannelPolicy) {
    self.key = key
    self.policy = policy
    watchdogClock = WatchdogClock(tolerance: policy.watchdogIdleGrowthSeconds, timeout: policy.watchdogTimeoutSeconds)
  }

  /// Feeds the next event of this stream. `logLines` is the number of lines the whole log
  /// had produced when it was read, for loop rates. What the event does follows its kind's
  /// roles (``KindRole``); a kind has one role of ``KindRole/cycleRoles`` at most.
  public mutating func add(_ event: Event, logLines: Int) {
    eventCount += 1
    self.logLines = logLines
    let roles = event.roles
    if roles.contains(.closes) {
      addClose(event)
    } else if roles.contains(.connects) {
      openRun?.connects += 1
      openRun?.extend(to: event)
      lastConnect = event.time
      connectedSinceClose = true
    } else if roles.contains(.givesUp) {
      endRun(with: event, outcome: .gaveUp, countsAsClose: false)
    } else if roles.contains(.stops) {
      endRun(with: event, outcome: .stopped, countsAsClose: true)
    } else if roles.contains(.logsOut) {
      endRun(with: event, outcome: .loggedOut, countsAsClose: false)
    } else if roles.contains(.exits) {
      if openRun != nil {
        endRun(with: event, outcome: .exited, countsAsClose: event.status != nil)
      } else {
        noteRunStart()
        ended = (nil, event.time, event.origin)
        endedStartCounts = runStartCounts
      }
    } else if roles.contains(.restarts) {
      if let max = event.maxAttempts { supervisorMaxima.insert(max) }
      restart(
        .supervisor(attempt: event.attempt, of: event.maxAttempts, delaySeconds: event.delaySeconds),
        event)
    } else if roles.contains(.healthRestarts) {
      noteHealthRestart(event.time)
      restart(.healthMonitor(reason: event.reason ?? "unknown"), event)
    } else if roles.contains(.starts) {
      providerStart = event.time
    }
    // A retry line that is no close announces the open run's next attempt.
    if roles.contains(.retries), !roles.contains(.closes) { openRun?.addRetry(event) }
    if roles.contains(.reportsIdle) {
      let minutes = event.fields["minutes"].flatMap(Int.init)
      if let minutes, watchdogMinutes.count < 256 { watchdogMinutes.append(minutes) }
      watchdogClock.fire(minutes: minutes, time: event.time)
    }
  }

  /// A user's mark that `event` (this stream's latest) repeats every `period` seconds.
  public mutating func addMark(repeating event: Event, every period: Double) {
    if event.roles.contains(.reportsIdle) { watchdogClock.repeats(every: period) }
  }

  /// The gateway restarted every running channel of its process (an event whose kind has the
  /// role `restarts_every_channel`, a host thaw): a restart of this stream, though the line is
  /// the gateway's and counts in its stream.
  public mutating func addRestartOfEveryChannel(_ event: Event, logLines: Int) {
    self.logLines = logLines
    restart(.everyChannel(kind: event.kind), event)
  }

  // MARK: - Runs

  private mutating func addClose(_ event: Event) {
    if let status = event.status, event.attempt != nil, policy.failFast.contains(where: { $0.code == status }) {
      retriedConflicts += 1
      retriedByStatus[status, default: 0] += 1
    }
    if let max = event.maxAttempts { reconnectMaxima.insert(max) }
    checkDelay(event)
    if var run = openRun {
      if let attempt = event.attempt, let last = run.lastAttempt, attempt != last + 1 {
        let recovered = attempt == 1 || livedPastReset(before: event)
        finish(&run, outcome: recovered ? .recovered : .interrupted)
        startRun(with: event)
      } else if event.attempt == nil, livedPastReset(before: event) {
        finish(&run, outcome: .recovered)
        startRun(with: event)
      } else {
        openRun = run
      }
    } else {
      startRun(with: event)
    }
    openRun!.addClose(event)
    if openRun!.closes == 1, let attempt = event.attempt, attempt > 1, (runs.last.last ?? runs.first.last)?.lastAttempt == attempt - 1 {
      openRun!.continuesEarlierRun = true
    }
    connectedSinceClose = false
  }

  private mutating func startRun(with event: Event) {
    openRun = RetryRun(startingWith: event)
    noteRunStart()
  }

  /// Counts before the current event: it is the first of a new run or cycle.
  private mutating func noteRunStart() {
    runStartCounts = (eventCount - 1, logLines - 1)
  }

  /// Whether the connection before this close lived longer than the counter reset.
  private func livedPastReset(before event: Event) -> Bool {
    guard connectedSinceClose, let connect = lastConnect, let time = event.time,
      let reset = policy.reconnect.counterResetSeconds
    else { return false }
    return time.seconds - connect.seconds > reset
  }

  private mutating func endRun(with event: Event, outcome: RetryRun.Outcome, countsAsClose: Bool) {
    if openRun == nil { noteRunStart() }
    var run = openRun ?? RetryRun(startingWith: event)
    if countsAsClose {
      run.addClose(event)
    } else {
      run.extend(to: event)
      if let attempt = event.attempt {
        if run.firstAttempt == nil { run.firstAttempt = attempt }
        run.lastAttempt = attempt
      }
      if let max = event.maxAttempts { run.maxAttempts = max }
    }
    openRun = nil
    finish(&run, outcome: outcome)
    ended = (run, event.time, event.origin)
    endedStartCounts = runStartCounts
    connectedSinceClose = false
  }

  private mutating func finish(_ run: inout RetryRun, outcome: RetryRun.Outcome) {
    run.outcome = outcome
    runs.append(run)
    outcomes[outcome, default: 0] += 1
    if run.beganBeforeLog { runsBeganBeforeLog += 1 }
    if outcome == .recovered, run.closes == 1, run.firstAttempt == 1 { singleCloseRecoveries += 1 }
  }

  private mutating func checkDelay(_ event: Event) {
    guard let attempt = event.attempt, let delay = event.delaySeconds,
      let maxAttempts = policy.reconnect.maxAttempts, event.maxAttempts == String(maxAttempts),
      let range = policy.reconnect.delayRange(attempt: attempt)
    else { return }
    delaysChecked += 1
    // Announced delays are rounded: the policy's slack around the range still fits.
    let slack = policy.reconnect.delaySlack ?? 0
    if delay < range.lowerBound * (1 - slack) || delay > range.upperBound * (1 + slack) { delaysOffPolicy += 1 }
  }

  // MARK: - Restarts, cycles and loops

  private mutating func restart(_ restart: Restart, _ event: Event) {
    restarts.append(RestartRecord(restart: restart, time: event.time, origin: event.origin))
    var cycle: Cycle?
    var startCounts = runStartCounts
    if let ended {
      startCounts = endedStartCounts
      cycle = Cycle(
        run: ended.run, providerExited: ended.run == nil, restart: restart,
        start: ended.run?.start ?? ended.time, restartTime: event.time,
        startOrigin: ended.run?.startOrigin ?? ended.origin, restartOrigin: event.origin)
      self.ended = nil
    } else if var run = openRun {
      openRun = nil
      run.extend(to: event)
      finish(&run, outcome: .restarted)
      cycle = Cycle(
        run: run, providerExited: false, restart: restart, start: run.start, restartTime: event.time,
        startOrigin: run.startOrigin, restartOrigin: event.origin)
    }
    if cycle == nil, case .supervisor = restart {
      // The supervisor restarts only a provider whose task ended: with no run or exit line
      // before it, the provider ended without trying to connect (or without saying why).
      cycle = Cycle(
        run: nil, providerExited: true, restart: restart, start: event.time,
        restartTime: event.time, startOrigin: event.origin, restartOrigin: event.origin)
      startCounts = (eventCount - 1, logLines - 1)
    }
    guard let cycle else {
      if !restart.isEveryChannel { lonelyRestarts += 1 }
      return
    }
    cycles.append(cycle)
    if cycle.run == nil, cycle.providerExited, exitedAtOnce(at: cycle.start) { exitCycles += 1 }
    providerStart = nil
    cyclesByRestarter[restart.restarter, default: 0] += 1
    chainCycle(cycle, startCounts: startCounts)
  }

  /// Whether a provider that ended at `end` had run no longer than the policy's `quick_exit`
  /// since its start; with no start, no time or no such policy, it counts as at once.
  private func exitedAtOnce(at end: LogTime?) -> Bool {
    guard let limit = policy.quickExitSeconds, let start = providerStart, let end,
      start.precision == end.precision
    else { return true }
    return end.seconds - start.seconds <= limit
  }

  /// Adds the cycle to the loop being built, or starts one with it; a loop's event and
  /// line counts run from its first cycle's start to its last restart, both included.
  private mutating func chainCycle(_ cycle: Cycle, startCounts: (events: Int, lines: Int)) {
    var loop: Loop
    if let current = chain, !startsAfterQuietHour(cycle) {
      loop = current
    } else {
      closeChain()
      loop = Loop(startOrigin: cycle.startOrigin)
      (chainStartEvents, chainStartLines) = startCounts
    }
    loop.absorb(cycle)
    loop.streamEvents = eventCount - chainStartEvents
    loop.logLines = logLines - chainStartLines
    chain = loop
    chainLastRestart = cycle.restartTime
  }

  private func startsAfterQuietHour(_ cycle: Cycle) -> Bool {
    guard let previous = chainLastRestart, let start = cycle.start ?? cycle.restartTime,
      let gap = policy.loopGapSeconds
    else { return false }
    return start.seconds - previous.seconds >= gap
  }

  private mutating func closeChain() {
    if let loop = chain, loop.cycles >= 2 {
      loopCount += 1
      if loops.count < Self.loopCap { loops.append(loop) }
    }
    chain = nil
  }

  private mutating func noteHealthRestart(_ time: LogTime?) {
    guard let time else { return }
    healthRestartTimes.append(time.seconds)
    healthRestartTimes.removeAll { time.seconds - $0 >= Self.rollingHour }
    maxHealthRestartsInHour = max(maxHealthRestartsInHour, healthRestartTimes.count)
  }

  // MARK: - State at any point

  /// The history as it stands once the log ends at `logEnd`: an open run that reconnected
  /// and stayed up past the counter reset is recovered, one that reconnected later is
  /// `reconnected`; one whose last close announced no retry is `unretried`, else it is still
  /// open; the loop being built is closed. `windowCut`: `--since` left out this channel's
  /// earlier events, so a first run that begins mid-way began before the window, not the log.
  public func finished(at logEnd: LogTime?, windowCut: Bool = false) -> StreamHistory {
    var copy = self
    if var run = copy.openRun {
      copy.openRun = nil
      var outcome = RetryRun.Outcome.open
      if copy.connectedSinceClose {
        outcome = .reconnected
        if let connect = copy.lastConnect, let end = logEnd,
          let reset = policy.reconnect.counterResetSeconds, end.seconds - connect.seconds > reset
        {
          outcome = .recovered
        }
      } else if !run.lastCloseAnnouncedRetry {
        outcome = .unretried
      }
      copy.finish(&run, outcome: outcome)
    }
    if windowCut, copy.runs.first.first?.beganBeforeLog == true {
      copy.runs.updateFirst { $0.followsWindowCut = true }
      copy.runsBeganBeforeLog -= 1
      copy.runsBeganBeforeWindow = 1
    }
    copy.closeChain()
    return copy
  }

}

/// A restart as the timeline shows it.
public struct RestartRecord: Sendable {
  public var restart: Restart
  public var time: LogTime?
  public var origin: Origin
}

extension Loop {
  mutating func absorb(_ cycle: Cycle) {
    cycles += 1
    closes += cycle.run?.closes ?? 0
    switch cycle.restart {
    case .supervisor: supervisorRestarts += 1
    case .healthMonitor: healthRestarts += 1
    case .everyChannel: break
    }
    if let cycleStart = cycle.start ?? cycle.restartTime {
      if start == nil { start = cycleStart }
      if let previous = lastStart, periods.count < Self.periodCap {
        periods.append(cycleStart.seconds - previous)
      }
      lastStart = cycleStart.seconds
    }
    if let time = cycle.restartTime ?? cycle.start { end = time }
    endOrigin = cycle.restartOrigin
  }
}
