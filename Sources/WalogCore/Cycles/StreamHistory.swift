/// One stream's story: its retry runs, restarts, cycles and loops, rebuilt event by event.
///
/// A small state machine with bounded memory: counters for everything, the first and last
/// runs and cycles in full, and the loop being built. It can be asked for its state at any
/// point (``finished(at:)`` closes open runs on a copy).
public struct StreamHistory: Sendable {
  public let key: StreamKey
  /// Every run, first and last ones kept in full.
  public private(set) var runs = BoundedList<RetryRun>(head: 100, tail: 100)
  public private(set) var outcomes: [RetryRun.Outcome: Int] = [:]
  public private(set) var runsBeganBeforeLog = 0
  public private(set) var cycles = BoundedList<Cycle>(head: 100, tail: 100)
  public private(set) var cyclesByRestarter: [String: Int] = [:]
  /// Every restart (supervisor and health monitor), first and last ones kept in full.
  public private(set) var restarts = BoundedList<RestartRecord>(head: 100, tail: 100)
  /// Completed loops (two or more cycles in a row), at most `loopCap` kept.
  public private(set) var loops: [Loop] = []
  public private(set) var loopCount = 0
  /// Restarts with no run or exit before them (a stale-socket restart of a quiet account).
  public private(set) var lonelyRestarts = 0
  /// Cycles with no retry run: the provider exited (or ended) as soon as it started.
  public private(set) var exitCycles = 0
  /// The most health restarts seen within one rolling hour.
  public private(set) var maxHealthRestartsInHour = 0
  /// Closes of status 440 that were retried (announced `Retry k/N`) rather than stopped.
  public private(set) var retriedConflicts = 0
  /// Announced `N` values of reconnect and supervisor counters.
  public private(set) var reconnectMaxima: Set<String> = []
  public private(set) var supervisorMaxima: Set<String> = []
  /// Announced reconnect delays outside the default backoff's range.
  public private(set) var delaysOffPolicy = 0
  public private(set) var delaysChecked = 0
  /// Runs of one close that recovered: the counter-reset signature (`Retry 1/12` forever).
  public private(set) var singleCloseRecoveries = 0
  /// Idle minutes announced by the watchdog (`No messages received in Nm`), in order.
  public private(set) var watchdogMinutes: [Int] = []

  static let loopCap = 32

  private var openRun: RetryRun?
  private var lastConnect: LogTime?
  private var connectedSinceClose = false
  /// A run (or an exit without one) that ended and waits for the restart that follows it.
  private var ended: (run: RetryRun?, ender: EventKind?, time: LogTime?, origin: Origin)?
  private var chain: Loop?
  private var chainLastRestart: LogTime?
  private var eventCount = 0
  private var chainStartEvents = 0
  private var chainStartLines = 0
  private var healthRestartTimes: [Double] = []

  public init(key: StreamKey) { self.key = key }

  /// Feeds the next event of this stream. `logLines` is the number of lines the whole log
  /// had produced when it was read, for loop rates.
  public mutating func add(_ event: Event, logLines: Int) {
    eventCount += 1
    switch event.kind {
    case .close: addClose(event)
    case .connected:
      openRun?.connects += 1
      openRun?.extend(to: event)
      lastConnect = event.time
      connectedSinceClose = true
    case .giveup: endRun(with: event, outcome: .gaveUp, countsAsClose: false)
    case .stop: endRun(with: event, outcome: .stopped, countsAsClose: true)
    case .logout: endRun(with: event, outcome: .loggedOut, countsAsClose: false)
    case .channelExit:
      if openRun != nil {
        endRun(with: event, outcome: .exited, countsAsClose: event.status != nil)
      } else {
        ended = (nil, .channelExit, event.time, event.origin)
      }
    case .autoRestart:
      if let max = event.maxAttempts { supervisorMaxima.insert(max) }
      restart(.supervisor(attempt: event.attempt, of: event.maxAttempts, delaySeconds: event.delaySeconds),
        event, logLines: logLines)
    case .healthRestart:
      noteHealthRestart(event.time)
      restart(.healthMonitor(reason: event.reason ?? "unknown"), event, logLines: logLines)
    case .watchdog:
      if let minutes = event.fields["minutes"].flatMap(Int.init), watchdogMinutes.count < 256 {
        watchdogMinutes.append(minutes)
      }
    default: break
    }
  }

  // MARK: - Runs

  private mutating func addClose(_ event: Event) {
    if event.status == "440", event.attempt != nil { retriedConflicts += 1 }
    if let max = event.maxAttempts { reconnectMaxima.insert(max) }
    checkDelay(event)
    if var run = openRun {
      if let attempt = event.attempt, let last = run.lastAttempt, attempt != last + 1 {
        let recovered = attempt == 1 || livedPastReset(before: event)
        finish(&run, outcome: recovered ? .recovered : .interrupted)
        openRun = RetryRun(startingWith: event)
      } else if event.attempt == nil, livedPastReset(before: event) {
        finish(&run, outcome: .recovered)
        openRun = RetryRun(startingWith: event)
      } else {
        openRun = run
      }
    } else {
      openRun = RetryRun(startingWith: event)
    }
    openRun!.addClose(event)
    connectedSinceClose = false
  }

  /// Whether the connection before this close lived longer than the counter reset.
  private func livedPastReset(before event: Event) -> Bool {
    guard connectedSinceClose, let connect = lastConnect, let time = event.time else { return false }
    return time.seconds - connect.seconds > Policy.Reconnect.counterResetSeconds
  }

  private mutating func endRun(with event: Event, outcome: RetryRun.Outcome, countsAsClose: Bool) {
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
    ended = (run, nil, event.time, event.origin)
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
    guard key.channel == "whatsapp", let attempt = event.attempt, let delay = event.delaySeconds,
      event.maxAttempts == String(Policy.Reconnect.maxAttempts)
    else { return }
    delaysChecked += 1
    let range = Policy.Reconnect.delayRange(attempt: attempt)
    // Announced delays are rounded to 2 decimals; allow a little slack around the range.
    if delay < range.lowerBound * 0.95 || delay > range.upperBound * 1.05 { delaysOffPolicy += 1 }
  }

  // MARK: - Restarts, cycles and loops

  private mutating func restart(_ restart: Restart, _ event: Event, logLines: Int) {
    restarts.append(RestartRecord(restart: restart, time: event.time, origin: event.origin))
    var cycle: Cycle?
    if let ended {
      cycle = Cycle(
        run: ended.run, ender: ended.ender, restart: restart,
        start: ended.run?.start ?? ended.time, restartTime: event.time,
        startOrigin: ended.run?.startOrigin ?? ended.origin, restartOrigin: event.origin)
      self.ended = nil
    } else if var run = openRun {
      openRun = nil
      run.extend(to: event)
      finish(&run, outcome: .restarted)
      cycle = Cycle(
        run: run, ender: nil, restart: restart, start: run.start, restartTime: event.time,
        startOrigin: run.startOrigin, restartOrigin: event.origin)
    }
    if cycle == nil, case .supervisor = restart {
      // The supervisor restarts only a provider whose task ended: with no run or exit line
      // before it, the provider ended without trying to connect (or without saying why).
      cycle = Cycle(
        run: nil, ender: .channelExit, restart: restart, start: event.time,
        restartTime: event.time, startOrigin: event.origin, restartOrigin: event.origin)
    }
    guard let cycle else {
      lonelyRestarts += 1
      return
    }
    cycles.append(cycle)
    if cycle.run == nil, cycle.ender == .channelExit { exitCycles += 1 }
    cyclesByRestarter[restart.restarter, default: 0] += 1
    chainCycle(cycle, logLines: logLines)
  }

  private mutating func chainCycle(_ cycle: Cycle, logLines: Int) {
    if var loop = chain, !startsAfterQuietHour(cycle) {
      loop.absorb(cycle)
      loop.streamEvents = eventCount - chainStartEvents
      loop.logLines = logLines - chainStartLines
      chain = loop
    } else {
      closeChain()
      var loop = Loop(startOrigin: cycle.startOrigin)
      loop.absorb(cycle)
      chainStartEvents = eventCount - 1
      chainStartLines = logLines
      loop.streamEvents = 1
      chain = loop
    }
    chainLastRestart = cycle.restartTime
  }

  private func startsAfterQuietHour(_ cycle: Cycle) -> Bool {
    guard let previous = chainLastRestart, let start = cycle.start ?? cycle.restartTime else {
      return false
    }
    return start.seconds - previous.seconds >= Policy.loopGapSeconds
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
    healthRestartTimes.removeAll { time.seconds - $0 >= 3600 }
    maxHealthRestartsInHour = max(maxHealthRestartsInHour, healthRestartTimes.count)
  }

  // MARK: - State at any point

  /// The history as it stands once the log ends at `logEnd`: an open run that reconnected
  /// and stayed up past the counter reset is recovered, else still open; the loop being
  /// built is closed.
  public func finished(at logEnd: LogTime?) -> StreamHistory {
    var copy = self
    if var run = copy.openRun {
      copy.openRun = nil
      var recovered = false
      if copy.connectedSinceClose, let connect = copy.lastConnect, let end = logEnd {
        recovered = end.seconds - connect.seconds > Policy.Reconnect.counterResetSeconds
      }
      copy.finish(&run, outcome: recovered ? .recovered : .open)
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
