import Foundation
import Testing

@testable import WalogCore

/// The layer after the diagnoses (issue 17 §1): every stream with failure events that no
/// diagnosis that held cites gets one `unexplained-failures` finding; its severity follows the
/// kinds, the statuses, how the stream ended and how often a failure repeated.
@Suite struct DiagnoseExplainTests {
  static func kind(
    _ id: EventKind, failure: Bool, _ meaning: String = "", severity: Finding.Severity = .info, next: String? = nil,
    note: String? = nil, roles: [KindRole] = []
  ) -> (EventKind, KindRule) {
    (
      id,
      KindRule(
        id: id, failure: failure, meaning: meaning, severity: severity, nextSteps: next.map { [$0] }, noteAtInfo: note, roles: roles,
        location: SourceLocation(file: "test", line: 1, column: 1))
    )
  }

  static let kinds: [EventKind: KindRule] = Dictionary(uniqueKeysWithValues: [
    kind("close", failure: true, "the connection closed", next: "Probe it.", roles: [.closes]),
    kind("channel_exit", failure: true, "the channel's task ended", next: "Read the error.", roles: [.exits]),
    kind("auto_restart", failure: true, "the supervisor restarts it", roles: [.restarts]),
    kind("giveup", failure: true, "it stopped retrying", severity: .error, next: "Read the closes before it.", roles: [.givesUp]),
    kind("stall", failure: true, "the watchdog restarted it", next: "If it stays down, `demo restart` it.", note: "on a quiet account this is expected"),
    kind("connected", failure: false, "the connection is up", roles: [.connects]),
    kind("provider_start", failure: false, roles: [.starts]),
    kind("service_stop", failure: false, "a stop was asked for"),
  ])

  static let policies: PolicyTable = {
    var policy = ChannelPolicy()
    policy.explain.endings = ["service_stop": .shutDown]
    policy.explain.ended = [.exited: .warning]
    policy.explain.repeatedSeverity = .warning
    policy.explain.repeatedAtLeast = 3
    policy.explain.repeatedByKind = ["auto_restart": 2]
    policy.explain.repeatedWithinSeconds = 3600
    policy.explain.steps = ExplainSteps(
      first: ["check it with `demo status`."],
      ended: [.exited: ["Nothing restarted it: `demo restart` it."], .gaveUp: ["It gave up: `demo restart` it."]])
    policy.explain.gatewaySteps = ExplainSteps(first: ["Check the service with `demo service`."])
    return PolicyTable(defaults: policy, byChannel: [:])
  }()

  static let statuses = [
    StatusRule(
      channel: "demo", code: "440", name: "session conflict", statusClass: .persistent,
      meaning: "Another session uses the same account.", severity: .error, action: "Close the other session.")
  ]

  /// An event of line `line`, at `line × 10` seconds when `timed` (three or more failures at
  /// a steady period are a cadence, told by a finding of its own: the tests of repetition and
  /// order use untimed lines, as an excerpt without times has).
  static func event(
    _ line: Int, _ kind: EventKind, status: String? = nil, attempt: Int? = nil, max: String? = nil,
    delay: Double? = nil, reason: String? = nil, timed: Bool = true, channel: String = "demo"
  ) -> Event {
    var event = Event(
      kind: kind, ruleID: kind.rawValue,
      time: timed ? LogTime(seconds: Double(line) * 10, offset: 0, precision: .full) : nil,
      channel: channel, account: "default", status: status, attempt: attempt, maxAttempts: max, delaySeconds: delay,
      reason: reason, origin: Origin(input: 0, line: line), text: "line \(line)")
    event.roles = kinds[kind]?.roleSet ?? []
    return event
  }

  /// The findings after feeding the events, with `diagnoses` (YAML) beside the explanation.
  static func findings(_ events: [Event], diagnoses: String = "") throws -> [Finding] {
    let compiled: [Diagnosis]
    let statuses: [StatusRule]
    if diagnoses.isEmpty {
      (compiled, statuses) = ([], Self.statuses)
    } else {
      let (rules, parsed) = try DiagnoseConditionTests.rules(diagnoses)
      (compiled, statuses) = (parsed, rules.file.statuses + Self.statuses)
    }
    var builder = AnalysisBuilder(
      diagnoses: compiled, statuses: statuses, policies: Self.policies, kinds: Self.kinds)
    for event in events { builder.add(event) }
    return builder.analysis(
      inputs: [InputSummary(name: "demo.log")], rules: RuleSet.default.info, warnings: [], walogVersion: "test"
    ).findings
  }

  static func explained(_ events: [Event], diagnoses: String = "") throws -> Finding? {
    try findings(events, diagnoses: diagnoses).first { $0.id == "unexplained-failures" }
  }

  @Test func oneCloseThatRecoveredIsInfoAndSaysSo() throws {
    let finding = try #require(
      try Self.explained([Self.event(1, "close", status: "428", attempt: 1, max: "12", delay: 2), Self.event(2, "connected")]))
    #expect(finding.severity == .info)
    #expect(finding.title == "demo:default: 1 close (status 428), then it recovered")
    #expect(finding.rootCause.contains("What happened: 1 close, at "))
    #expect(finding.rootCause.contains("A close means the connection closed."))
    #expect(finding.rootCause.contains("How it ended: it recovered: its last event, at 1970-01-01 00:00:20, says the connection is up."))
    // The stream's first check (capitalised), then the kind's own step.
    #expect(finding.actions == ["Check it with `demo status`.", "Probe it."])
    #expect(finding.evidence.map(\.line) == [1])
  }

  /// A long log keeps its first and last runs of failures only: when those are all of kinds a
  /// diagnosis explained, the story of the others still counts them (the 1 GiB benchmark log
  /// crashed walog here).
  @Test func aStoryWhoseRunsWereAllLeftOutStillCountsItsFailures() {
    var tally = FailureLedger.Tally()
    tally.count = 4
    let story = FailureStory(
      subject: "parrot:default", kinds: [.init(kind: EventKind(rawValue: "disconnect"), tally: tally, meaning: "it dropped", statuses: [])],
      runs: [], omittedRuns: 40, ending: nil, endingEvent: nil)
    #expect(story.rootCause.hasPrefix("What happened: 4 disconnects."), "\(story.rootCause)")
  }

  @Test func noFailureNoFinding() throws {
    #expect(try Self.findings([Self.event(1, "provider_start"), Self.event(2, "connected")]).isEmpty)
  }

  @Test func anExitWithNothingAfterItIsAWarningByItsEnding() throws {
    let finding = try #require(try Self.explained([Self.event(1, "channel_exit", reason: "boom")]))
    #expect(finding.severity == .warning)
    #expect(finding.title.hasSuffix("then it exited, with no restart read after it"))
    #expect(finding.rootCause.contains("A channel exit means the channel's task ended. The reason given: `boom`."))
    // Restarted, it is no longer the ending; one exit and one restart stay info.
    let restarted = try #require(
      try Self.explained([Self.event(1, "channel_exit"), Self.event(2, "auto_restart", attempt: 1, max: "10", delay: 5)]))
    #expect(restarted.severity == .info)
    #expect(restarted.rootCause.contains("being restarted when the log ends"))
  }

  @Test func anExitAfterAStopThatWasAskedForIsThatStopCompleting() throws {
    let finding = try #require(try Self.explained([Self.event(1, "service_stop"), Self.event(2, "channel_exit")]))
    #expect(finding.severity == .info)
    #expect(finding.title == "demo:default: 1 channel exit, then it was shut down")
  }

  @Test func aSecondAutoRestartOrAThirdCloseInARowIsAWarning() throws {
    let second = try #require(try Self.explained([Self.event(1, "auto_restart", attempt: 2, max: "10", delay: 10)]))
    #expect(second.severity == .warning)
    let closes = (1...3).map { Self.event($0, "close", status: "428", attempt: $0, max: "12", delay: 2, timed: false) }
    #expect(try Self.explained(closes)?.severity == .warning)
    #expect(try Self.explained(Array(closes.prefix(2)))?.severity == .info)
    // Recovered in between, they are not in a row.
    let apart = [closes[0], Self.event(4, "connected"), closes[0], Self.event(6, "connected"), closes[0]]
    #expect(try Self.explained(apart)?.severity == .info)
    // But three within the hour are (at uneven times: no steady period, no cadence).
    let recovered = [1, 11, 95].flatMap { line in
      [Self.event(line, "close", status: "428", attempt: 1, max: "12", delay: 2), Self.event(line + 1, "connected")]
    }
    #expect(try Self.explained(recovered)?.severity == .warning)
    #expect(try Self.explained(Array(recovered.prefix(4)))?.severity == .info)
  }

  @Test func aStatusOwnSeverityAndActionWin() throws {
    let finding = try #require(
      try Self.explained([Self.event(1, "close", status: "440", attempt: 1, max: "12", delay: 2), Self.event(2, "connected")]))
    #expect(finding.severity == .error)
    #expect(finding.actions == ["Check it with `demo status`.", "Close the other session.", "Probe it."])
    #expect(finding.rootCause.contains("Status 440 (session conflict): Another session uses the same account."))
  }

  @Test func failuresCitedByADiagnosisThatHeldAreExplained() throws {
    let twoCloses = """
        - id: two-closes
          severity: warning
          title: t
          root_cause: r
          when:
            count: {kind: close}
            at_least: 2
      """
    let one = [Self.event(1, "close", status: "428")]
    let two = one + [Self.event(2, "close", status: "428")]
    #expect(try Self.findings(two, diagnoses: twoCloses).map(\.id) == ["two-closes"])
    // The diagnosis does not hold on one close: the close is the explanation's.
    #expect(try Self.findings(one, diagnoses: twoCloses).map(\.id) == ["unexplained-failures"])
    // An exit the diagnosis does not cite is explained on its own.
    let found = try Self.findings(two + [Self.event(3, "channel_exit")], diagnoses: twoCloses)
    #expect(found.map(\.id) == ["two-closes", "unexplained-failures"])
    #expect(found[1].title == "demo:default: 1 channel exit, then it exited, with no restart read after it")
  }

  @Test func theOrderSaysWhatCameAfterWhatAndSkipsTheMiddleOfALongStory() throws {
    var events: [Event] = []
    for round in 0..<40 {
      events.append(Self.event(round * 3 + 1, "close", status: "408", attempt: 1, max: "12", delay: 2, timed: false))
      events.append(Self.event(round * 3 + 2, "channel_exit", timed: false))
      events.append(Self.event(round * 3 + 3, "auto_restart", attempt: 1, max: "10", delay: 5, timed: false))
    }
    let finding = try #require(try Self.explained(events))
    #expect(finding.title.hasPrefix("demo:default: 40 closes (status 408), 40 channel exits and 40 auto restarts"))
    #expect(finding.rootCause.contains("What happened: 1 close, then 1 channel exit, then 1 auto restart, then 1 close"))
    #expect(finding.rootCause.contains("then more of the same, ending with 1 auto restart."))
    #expect(finding.evidence.map(\.line) == [1, 2, 3, 120])
    #expect(finding.figures.map(\.name) == ["close", "channel_exit", "auto_restart"])
  }

  @Test func aNoteForAQuietCaseIsToldOnlyWhileTheFindingStaysAtInfo() throws {
    let alone = try #require(try Self.explained([Self.event(1, "stall")]))
    #expect(alone.severity == .info)
    #expect(alone.rootCause.contains("A stall means the watchdog restarted it. On a quiet account this is expected."))
    // Then it exited with nothing to restart it: a warning, beside which the note would reassure wrongly.
    let exited = try #require(try Self.explained([Self.event(1, "stall"), Self.event(2, "channel_exit")]))
    #expect(exited.severity == .warning)
    #expect(exited.rootCause.contains("A stall means the watchdog restarted it."))
    #expect(!exited.rootCause.contains("quiet account"))
  }

  @Test func theEndingsStepComesFirst() throws {
    let exited = try #require(try Self.explained([Self.event(1, "close", status: "428"), Self.event(2, "channel_exit")]))
    #expect(exited.actions == ["Nothing restarted it: `demo restart` it.", "Check it with `demo status`.", "Probe it.", "Read the error."])
    let gaveUp = try #require(try Self.explained([Self.event(1, "close", status: "428"), Self.event(2, "giveup")]))
    #expect(gaveUp.actions == ["It gave up: `demo restart` it.", "Check it with `demo status`.", "Read the closes before it.", "Probe it."])
    // Restarted after the exit, it did not end so: no ending step.
    let restarted = try #require(
      try Self.explained([Self.event(1, "channel_exit"), Self.event(2, "auto_restart", attempt: 1, max: "10", delay: 5)]))
    #expect(restarted.actions == ["Check it with `demo status`.", "Read the error."])
  }

  @Test func aKindsStepThatNamesTheEndingsCommandIsLeftToTheEnding() throws {
    let alone = try #require(try Self.explained([Self.event(1, "stall")]))
    #expect(alone.actions == ["Check it with `demo status`.", "If it stays down, `demo restart` it."])
    let exited = try #require(try Self.explained([Self.event(1, "stall"), Self.event(2, "channel_exit")]))
    #expect(exited.actions == ["Nothing restarted it: `demo restart` it.", "Check it with `demo status`.", "Read the error."])
  }

  @Test func theGatewaysOwnStreamTakesItsOwnFirstStepAndTheSharedRest() throws {
    let finding = try #require(try Self.explained([Self.event(1, "channel_exit", channel: "gateway")]))
    #expect(finding.actions == ["Nothing restarted it: `demo restart` it.", "Check the service with `demo service`.", "Read the error."])
  }
}
