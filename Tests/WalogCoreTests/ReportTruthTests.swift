import Foundation
import Testing

@testable import WalogCore

/// Issue 19: no sentence of a report may be contradicted by the lines it came from. Each test
/// reads a fixture of the shape a contradiction was seen in and checks what a reader would.
@Suite struct ReportTruthTests {
  static func report(_ fixture: String) throws -> String {
    TextReport.render(try ReportFixture.analysis("Fixtures/contradictions/\(fixture)", extraRules: false))
  }

  static func finding(_ id: String, in fixture: String) throws -> Finding? {
    try ReportFixture.analysis("Fixtures/contradictions/\(fixture)", extraRules: false).findings.first { $0.id == id }
  }

  /// A logout that a 401 exit revealed: no `logout lines: 0` beside it, in any human report.
  @Test func noFigureReadsZeroBesideTheFindingItSupports() throws {
    let finding = try #require(try Self.finding("whatsapp-logged-out", in: "exit-401.log"))
    #expect(ReportWords.shownFigures(finding).map(\.name) == ["closes401"])
    #expect(ReportSummary.keyFigure(finding) == "closes with status 401: 1")
    #expect(!(try Self.report("exit-401.log")).contains("logout lines: 0"))
    // JSON lists every named figure, with whether its condition held.
    #expect(finding.figures.map(\.name) == ["logouts", "closes401"])
    #expect(finding.figures.map(\.held) == [false, true])
  }

  /// A retry line after a close is a retry announced: the run that logged it never reads
  /// "no retry announced" beside "retry 2".
  @Test func noNoRetryAnnouncedBesideACountedRetry() throws {
    let report = try Self.report("resume-then-close.log")
    #expect(report.contains("other events  retry 2"))
    #expect(!report.contains("no retry announced"))
    // Its last close had no retry after it, and the run says so about that close.
    #expect(report.contains("run: 3 closes (1005×1 1006×2), closed as the log ends: nothing followed its last close"))
    // Nor beside the reconnection the run shows between its closes.
    let reopened = try Self.report("reopened-then-closed.log")
    #expect(reopened.contains("other events  connected 2"))
    #expect(!reopened.contains("no retry announced"))
    // A retry after the last close: still retrying.
    let last = try Self.report("resume-last.log")
    #expect(last.contains("run: 1 close (1006×1), still retrying at the end of the log"))
  }

  /// A stream's span covers its own timeline: a host-thaw restart two hours after its last
  /// line is in it.
  @Test func aStreamSpanCoversItsOwnTimeline() throws {
    let analysis = try ReportFixture.analysis("Fixtures/contradictions/thaw-after-stop-timeout.log", extraRules: false)
    let slack = try #require(analysis.streams.first { $0.tally.key.channel == "slack" })
    #expect(slack.timeline.entries.count == 1)
    let report = TextReport.render(analysis)
    #expect(report.contains("slack:default  2026-08-19 09:12:40 → 2026-08-19 11:52:17, 2h 39m (UTC+02:00)"))
  }

  /// What a user noted on a line (`-> 11:52:24 socket mode connected`) is a line of the log:
  /// a report never says nothing followed when the note says the channel connected.
  @Test func aDenialHoldsOnlyWhenNoNoteSaysOtherwise() throws {
    let analysis = try ReportFixture.analysis("Fixtures/contradictions/noted-reconnect.log", extraRules: false)
    #expect(!analysis.findings.contains { $0.id == "stop-timeout-dead-channel" })
    let slack = try #require(analysis.streams.first { $0.tally.key.channel == "slack" })
    // Both stop timeouts count, the second without an account tag; the note's connection too.
    #expect(slack.tally.totals.eventsByKind[.stopTimeout] == 2)
    #expect(slack.tally.totals.eventsByKind[.connected] == 1)
    #expect(slack.tally.lastTime.map(TimeText.human) == "11:52:24")
  }

  /// A run whose first attempt follows on from the run a restart cut short began in the log,
  /// not before it.
  @Test func aRunTheLogShowsBeginningDidNotBeginBeforeIt() throws {
    let report = try Self.report("run-continues-after-restart.log")
    #expect(report.contains("run: 1 close attempt 4/12, still retrying at the end of the log"))
    #expect(!report.contains("began before the log"))
  }

  /// OpenClaw lines but nothing a diagnosis judges: no all-clear, and what to paste next, in
  /// every human format.
  @Test func nothingJudgeableSaysWhatToPasteNext() throws {
    let analysis = try ReportFixture.analysis("Fixtures/contradictions/gateway-lines-only.log", extraRules: false)
    let text = TextReport.render(analysis)
    #expect(!text.contains("No known problem found"))
    #expect(text.contains("Nothing walog can judge: it read 3 lines of 1 input, 3 OpenClaw lines among them"))
    for report in [text, MarkdownReport.render(analysis), HTMLReport.render(analysis), GitHubReport.render(analysis)] {
      #expect(report.contains("`openclaw --version`") && report.contains("`openclaw channels status --probe`"))
      #expect(report.contains("a longer excerpt around the problem"))
    }
  }

  /// A finding whose advice depends on the version asks for it when the log shows none, and
  /// only then.
  @Test func aVersionDependentFindingAsksForTheVersion() throws {
    let ask = "Check the gateway version with `openclaw --version`"
    let without = try #require(try Self.finding("whatsapp-session-conflict", in: "conflict-without-version.log"))
    #expect(without.actions.contains { $0.hasPrefix(ask) })
    let with = try #require(try Self.finding("whatsapp-session-conflict", in: "conflict-with-version.log"))
    #expect(!with.actions.contains { $0.hasPrefix(ask) })
    #expect(with.actions.contains { $0.contains("this log shows v2026.2.19") })
    // A finding that depends on no version asks nothing.
    let stuck = try ReportFixture.analysis("Fixtures/diagnoses/discord-stuck.log", extraRules: false).findings
      .first { $0.id == "health-stuck-busy-discord" }
    #expect(stuck.map { !$0.actions.contains { $0.hasPrefix(ask) } } == true)
  }

  /// Stale-socket restarts: the report says the gap it measured, and a threshold only where
  /// the version states one.
  @Test func aThresholdOnlyWhereTheVersionStatesIt() throws {
    let fast = try #require(try Self.finding("health-stale-socket-quiet", in: "stale-restarts-fast.log"))
    #expect(fast.rootCause.contains("(11m 26s apart, the median gap between two of them)"))
    #expect(!fast.rootCause.contains("30 minutes") && !fast.rootCause.contains("30m"))
    let fixed = try #require(try Self.finding("health-stale-socket-quiet", in: "stale-restarts-fixed-threshold.log"))
    #expect(fixed.rootCause.contains("older than its stale threshold (30m 0s in v2026.3.8)"))
    #expect(fixed.actions.contains { $0.contains("v2026.3.8 has no setting for the threshold") })
    #expect(!fixed.actions.contains { $0.hasPrefix("Raise") })
  }

  /// A 440 at the end of the gateway's own watchdog reconnects, with no conflict before them:
  /// a conflict the gateway made with itself, with its own fix, not "quit wacli".
  @Test func aConflictAfterTheGatewaysOwnChurnIsItsOwn() throws {
    let analysis = try ReportFixture.analysis("Fixtures/contradictions/whatsapp-conflict-after-watchdog.log", extraRules: false)
    let ids = analysis.findings.map(\.id)
    #expect(ids.contains("whatsapp-self-conflict"))
    #expect(!ids.contains("whatsapp-session-conflict"))
    let own = try #require(analysis.findings.first { $0.id == "whatsapp-self-conflict" })
    #expect(own.rootCause.contains("watchdog reconnect"))
    #expect(own.rootCause.contains("`ps aux | grep -i -e openclaw -e wacli`"))
    #expect(!own.actions.contains { $0.contains("quit wacli") })
    // Nor does the same report call the connection fine or the reconnects harmless.
    #expect(!ids.contains("whatsapp-watchdog-quiet-account"))
    let flapping = try #require(analysis.findings.first { $0.id == "whatsapp-watchdog-flapping" })
    #expect(!(flapping.rootCause + flapping.actions.joined()).contains("fine"))
    #expect(!flapping.actions.contains { $0.contains("harmless") })
    #expect(flapping.actions.contains { $0.hasPrefix("The account did not stay up here") })
    // A watchdog loop that nothing stopped is still harmless noise.
    let quietLoop = try #require(try ReportFixture.analysis("Fixtures/diagnoses/watchdog-flapping.log", extraRules: false)
      .findings.first { $0.id == "whatsapp-watchdog-flapping" })
    #expect(quietLoop.actions.contains { $0.contains("harmless noise: the connection itself is fine") })
    // A conflict loop with no reconnect of the gateway's own before it stays a second session.
    let loop = try ReportFixture.analysis("Fixtures/seeds/000-excerpt.log", extraRules: false).findings.map(\.id)
    #expect(loop.contains("whatsapp-session-conflict") && !loop.contains("whatsapp-self-conflict"))
  }

  /// A 409 within the poll timeout of the gateway's own start of polling is its own previous
  /// poll; one with nothing before it says both causes and what tells them apart.
  @Test func aConflictAtTheGatewaysOwnStartIsItsPreviousPoller() throws {
    let analysis = try ReportFixture.analysis("Fixtures/contradictions/telegram-409-after-restart.log", extraRules: false)
    let ids = analysis.findings.map(\.id)
    #expect(ids.contains("telegram-conflict-own-restart"))
    #expect(!ids.contains("telegram-getupdates-conflict"))
    let own = try #require(analysis.findings.first { $0.id == "telegram-conflict-own-restart" })
    #expect(own.rootCause.contains("its own previous"))
    #expect(!own.actions.contains { $0.hasPrefix("Stop the other poller") })
    let bare = try #require(try ReportFixture.analysis("Fixtures/diagnoses/excerpt-telegram-409.log", extraRules: false)
      .findings.first { $0.id == "telegram-getupdates-conflict" })
    for word in ["a second gateway", "the gateway's own previous poll", "`ps aux", "the version"] {
      #expect(bare.rootCause.contains(word), "\(word)")
    }
  }

  /// A run is "closed as the log ends" only when no later line says the channel connected.
  @Test func aRunEndsClosedOnlyWhenNoLineSaysItConnected() throws {
    let report = try Self.report("pairing-restart-connected.log")
    #expect(report.contains("run: 1 close (515×1), reconnected as the log ends"))
    #expect(!report.contains("closed as the log ends"))
  }

  /// A line is explained or unexplained, never both: a line whose note became an event is not
  /// listed under the warnings and errors no rule explained.
  @Test func aLineIsNeverBothExplainedAndUnexplained() throws {
    let analysis = try ReportFixture.analysis("Fixtures/contradictions/noted-error-line.log", extraRules: false)
    #expect(analysis.totals.eventsByKind[.connected] == 1)
    #expect(analysis.unexplainedTotal == 0)
    // Over every fixture of this suite, no line cited as evidence is listed as unexplained.
    let folder = FixturePaths.packageRoot.appendingPathComponent("Fixtures/contradictions").path
    for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where name.hasSuffix(".log") {
      let analysis = try ReportFixture.analysis("Fixtures/contradictions/\(name)", extraRules: false)
      let cited = Set(analysis.findings.flatMap(\.evidence).map { "\($0.input):\($0.line)" })
      for problem in analysis.unexplained { #expect(!cited.contains(problem.firstSeen), "\(name): \(problem.firstSeen)") }
    }
  }

  /// A record that waited for a human line none came for keeps its place in the log: the
  /// conflict's record before the exit and restart that followed it is no close "as the log
  /// ends", and the restart that came after it is no earlier poll start for it.
  @Test func aRecordPassedOnAloneKeepsItsPlace() throws {
    let analysis = try ReportFixture.analysis("Fixtures/contradictions/conflict-record-before-exit.log", extraRules: false)
    let report = TextReport.render(analysis)
    #expect(report.contains("run: 1 close (409×1), provider exited"))
    #expect(!report.contains("closed as the log ends"))
    #expect(!report.contains("says the connection closed"))
    let ids = analysis.findings.map(\.id)
    #expect(ids.contains("telegram-getupdates-conflict") && !ids.contains("telegram-conflict-own-restart"))
  }
}
