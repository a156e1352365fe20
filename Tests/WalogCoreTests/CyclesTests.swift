import Testing

@testable import WalogCore

/// Runs, cycles and loops rebuilt from event sequences, as a maintainer would read them.
@Suite struct CyclesTests {
  static let key = StreamKey(channel: "whatsapp", account: "default")
  /// The default rule file's WhatsApp policy.
  static let policy = RuleSet.default.policies.policy(for: "whatsapp")

  /// A tiny event script: (seconds, kind, status, attempt, max).
  static func events(_ script: [(Double, EventKind, String?, Int?)]) -> [Event] {
    script.enumerated().map { index, entry in
      Event(
        kind: entry.1, roles: .of(entry.1), ruleID: "test", time: LogTime(seconds: entry.0, offset: 0, precision: .full),
        channel: "whatsapp", account: "default", status: entry.2, attempt: entry.3,
        maxAttempts: entry.3 == nil ? nil : (entry.1 == .autoRestart ? "10" : "12"),
        reason: entry.1 == .healthRestart ? "stuck" : nil,
        origin: Origin(input: 0, line: index + 1), text: "")
    }
  }

  static func history(_ events: [Event], end: Double? = nil) -> StreamHistory {
    var history = StreamHistory(key: key, policy: policy)
    for (index, event) in events.enumerated() { history.add(event, logLines: index + 1) }
    let logEnd = end.map { LogTime(seconds: $0, offset: 0, precision: .full) } ?? events.last?.time
    return history.finished(at: logEnd)
  }

  static func outcomes(_ history: StreamHistory) -> [RetryRun.Outcome] {
    history.runs.kept.items.map(\.outcome)
  }

  @Test func risingAttemptsFormOneRunThatGivesUp() {
    var script: [(Double, EventKind, String?, Int?)] = []
    for attempt in 1...11 {
      script.append((Double(attempt * 10), .connected, nil, nil))
      script.append((Double(attempt * 10 + 5), .close, "440", attempt))
    }
    script.append((200, .giveup, nil, 12))
    let history = Self.history(Self.events(script))
    #expect(history.runs.count == 1)
    let run = history.runs.kept.items[0]
    #expect(run.closes == 11)
    #expect(run.firstAttempt == 1 && run.lastAttempt == 12)
    #expect(run.outcome == .gaveUp)
    #expect(run.statuses == ["440": 11])
    #expect(!run.beganBeforeLog)
  }

  @Test func aCloseThatDoesNotFollowStartsANewRun() {
    let history = Self.history(Self.events([(0, .close, "428", 1), (5, .close, "428", 2), (9, .close, "428", 5)]))
    #expect(history.runs.count == 2)
    #expect(Self.outcomes(history) == [.interrupted, .open])
    #expect(history.runs.kept.items[1].beganBeforeLog)
  }

  @Test func connectionThatOutlivesTheResetRecovers() {
    // Connected at 10 s, closed again at 200 s (> 60 s later): the counter reset to 1.
    let history = Self.history(Self.events([(0, .close, "428", 1), (10, .connected, nil, nil), (200, .close, "428", 1)]))
    #expect(Self.outcomes(history) == [.recovered, .open])
    #expect(history.singleCloseRecoveries == 1)
  }

  @Test func openRunAtTheEndRecoversWhenTheLogGoesOnPastTheReset() {
    let events = Self.events([(0, .close, "428", 1), (4, .connected, nil, nil)])
    // Up again 26 s before the end: reconnected, not still retrying, and not yet recovered.
    #expect(Self.outcomes(Self.history(events, end: 30)) == [.reconnected])
    #expect(Self.outcomes(Self.history(events, end: 400)) == [.recovered])
  }

  @Test func giveUpThenAutoRestartIsACycleAndRepeatedCyclesALoop() {
    var script: [(Double, EventKind, String?, Int?)] = []
    var t = 0.0
    for cycle in 1...3 {
      for attempt in 1...11 {
        t += 10
        script.append((t, .close, "440", attempt))
      }
      t += 5
      script.append((t, .giveup, nil, 12))
      script.append((t + 0.01, .autoRestart, nil, cycle))
    }
    let history = Self.history(Self.events(script))
    #expect(history.cycles.count == 3)
    #expect(history.cyclesByRestarter == ["supervisor": 3])
    #expect(history.loopCount == 1)
    let loop = history.longestLoop!
    #expect(loop.cycles == 3)
    #expect(loop.closes == 33)
    #expect(loop.medianPeriod == 115)
    #expect(loop.closesPerCycle == 11)
  }

  @Test func aQuietHourSeparatesLoops() {
    var script: [(Double, EventKind, String?, Int?)] = []
    for (index, start) in [0.0, 100, 200, 4000, 4100].enumerated() {
      script.append((start, .close, "440", nil))
      script.append((start + 1, .stop, "440", nil))
      script.append((start + 2, .autoRestart, nil, index + 1))
    }
    let history = Self.history(Self.events(script))
    #expect(history.cycles.count == 5)
    #expect(history.loopCount == 2)
    #expect(history.loops.map(\.cycles) == [3, 2])
  }

  @Test func healthRestartMidRunCutsItShortAndCounts() {
    let history = Self.history(Self.events([(0, .close, "440", 1), (10, .close, "440", 2), (20, .healthRestart, nil, nil)]))
    #expect(Self.outcomes(history) == [.restarted])
    #expect(history.cyclesByRestarter == ["health-monitor": 1])
  }

  @Test func restartOfAHealthyConnectionIsLonely() {
    let history = Self.history(Self.events([(0, .connected, nil, nil), (2100, .healthRestart, nil, nil)]))
    #expect(history.cycles.count == 0)
    #expect(history.lonelyRestarts == 1)
    #expect(history.restarts.count == 1)
  }

  /// `host thaw detected … restarting channels`: the gateway's line, every running channel's
  /// restart (docs/rules.md), those of its process only.
  @Test func aHostThawRestartsEveryChannelOfItsProcess() throws {
    func event(_ seconds: Double, _ kind: EventKind, _ channel: String, pid: Int = 7, attempt: Int? = nil) -> Event {
      Event(
        kind: kind, roles: .of(kind), ruleID: "test", time: LogTime(seconds: seconds, offset: 0, precision: .full), channel: channel,
        account: "default", status: kind == .close ? "428" : nil, attempt: attempt, maxAttempts: attempt.map { _ in "12" },
        origin: Origin(input: 0, line: Int(seconds) + 1, pid: pid), text: "")
    }
    var builder = AnalysisBuilder(diagnoses: [], statuses: [])
    for event in [
      event(0, .connected, "telegram"), event(1, .connected, "slack", pid: 8),
      event(5, .close, "whatsapp", attempt: 1), event(8, .giveup, "whatsapp", attempt: 12),
      event(20, .hostThaw, RuleSet.default.conventions.stream!),
    ] { builder.add(event) }
    let analysis = builder.analysis(inputs: [], rules: RuleSet.default.info, warnings: [], walogVersion: "test")
    func history(_ channel: String) throws -> StreamHistory {
      try #require(analysis.streams.first { $0.key.channel == channel }).history
    }
    // The run that gave up and the thaw's restart are a cycle.
    #expect(try history("whatsapp").cyclesByRestarter == ["host-thaw": 1])
    // A connected channel is restarted too, by design: no lonely restart.
    let telegram = try history("telegram")
    #expect(telegram.restarts.kept.items.map(\.restart) == [.everyChannel(kind: .hostThaw)])
    #expect(telegram.lonelyRestarts == 0 && telegram.cycles.count == 0)
    #expect(try history("slack").restarts.count == 0)
    #expect(try history(RuleSet.default.conventions.stream!).restarts.count == 0)
    #expect(analysis.totals.eventsByKind[.hostThaw] == 1)
  }

  @Test func providerExitsWithoutARunAreExitCycles() {
    let history = Self.history(Self.events([
      (0, .channelExit, nil, nil), (0.1, .autoRestart, nil, 1), (5, .channelExit, nil, nil), (5.1, .autoRestart, nil, 2),
    ]))
    #expect(history.exitCycles == 2)
    #expect(history.runs.count == 0)
  }

  @Test func aProviderThatRanForAWhileDidNotExitAtOnce() throws {
    let limit = try #require(Self.policy.quickExitSeconds)
    // Started, then restarted after the rule file's quick_exit and again just within it.
    let history = Self.history(Self.events([
      (0, .providerStart, nil, nil), (limit + 1, .autoRestart, nil, 1),
      (limit + 6, .providerStart, nil, nil), (2 * limit + 6, .channelExit, nil, nil), (2 * limit + 6.1, .autoRestart, nil, 2),
      // A restart with no start before it counts: nothing says how long the provider ran.
      (2 * limit + 9000, .autoRestart, nil, 3),
    ]))
    #expect(history.cycles.count == 3)
    #expect(history.exitCycles == 2)
  }

  @Test func historyStaysBoundedOnAnEndlessLoop() {
    var history = StreamHistory(key: Self.key, policy: Self.policy)
    for index in 0..<20_000 {
      let t = Double(index) * 10
      for event in Self.events([(t, .close, "440", nil), (t + 1, .stop, "440", nil), (t + 2, .autoRestart, nil, 1)]) {
        history.add(event, logLines: index)
      }
    }
    #expect(history.runs.count == 20_000)
    #expect(history.runs.kept.items.count == 200)
    #expect(history.cycles.kept.items.count == 200)
    #expect(history.restarts.kept.items.count == 200)
  }

  @Test func policyNotesReadTheLogAgainstTheDefaults() {
    var script: [(Double, EventKind, String?, Int?)] = []
    for index in 0..<3 {
      script.append((Double(index) * 300, .close, "440", 1))
      script.append((Double(index) * 300 + 5, .connected, nil, nil))
    }
    let history = Self.history(Self.events(script), end: 2000)
    let notes = history.policyNotes(version: GatewayVersion(2026, 4, 12)).map(\.id)
    #expect(notes.contains("conflict-retried-after-fail-fast"))
    #expect(notes.contains("counter-reset"))
    #expect(!history.policyNotes(version: GatewayVersion(2026, 2, 23)).map(\.id).contains("conflict-retried-after-fail-fast"))
  }

  /// The sentences the cycle builder wrote when the policies were Swift; the rule file's
  /// templates must render them unchanged.
  @Test func policyNotesReadAsBefore() {
    func event(
      _ t: Double, _ kind: EventKind, status: String? = nil, attempt: Int? = nil, max: String? = nil,
      delay: Double? = nil
    ) -> Event {
      Event(
        kind: kind, roles: .of(kind), ruleID: "test", time: LogTime(seconds: t, offset: 0, precision: .full), channel: "whatsapp",
        account: "default", status: status, attempt: attempt, maxAttempts: max, delaySeconds: delay,
        reason: kind == .healthRestart ? "stale-socket" : nil, origin: Origin(input: 0, line: Int(t) + 1), text: "")
    }
    var events: [Event] = []
    for k in 1...3 { events.append(event(Double(k) * 10, .close, status: "440", attempt: k + 1, max: "20", delay: 9)) }
    events.append(event(40, .giveup, attempt: 4, max: "20"))
    events.append(event(50, .autoRestart, attempt: 1, max: "5"))
    for k in 0..<4 { events.append(event(100 + Double(k) * 600, .healthRestart)) }
    let history = Self.history(events)
    #expect(
      history.policyNotes(version: GatewayVersion(2026, 3, 8)).map(\.text) == [
        "3 status-440 closes were retried, but v2026.3.8 stops on a session conflict (since v2026.2.24): an older gateway may be writing to this log too",
        "reconnect attempts are capped at 20, not the default 12: `web.reconnect.maxAttempts` is set",
        "the supervisor announced 5 restart attempts, not 10",
        "1 retry run began before the log did (first attempt above 1)",
      ])
    #expect(
      history.policyNotes(version: GatewayVersion(2026, 2, 20)).map(\.text).contains(
        "4 health restarts within one hour, above the monitor's cap of 3 for v2026.2.20"))

    var tuned: [Event] = []
    for k in 0..<11 { tuned.append(event(Double(k) * 10, .healthRestart)) }
    tuned.append(event(200, .close, status: "428", attempt: 1, max: "12", delay: 10))
    tuned.append(event(220, .close, status: "428", attempt: 2, max: "12", delay: 4))
    #expect(
      Self.history(tuned).policyNotes(version: nil).map(\.text) == [
        "11 health restarts within one hour, above the monitor's cap of 10 for current versions",
        "1 of 2 announced reconnect delays lie outside the default backoff (2 s × 1.8 up to 30 s): `web.reconnect` is tuned",
      ])
  }
}
