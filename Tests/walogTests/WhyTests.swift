import Foundation
import Testing

/// `walog analyze --why ID`: each condition of a diagnosis with the value it had on the log.
@Suite struct WhyTests {
  /// A diagnosis that fires: every condition holds, with its value and the lines behind it.
  @Test func aFiringDiagnosisShowsEachConditionHolding() throws {
    let log = WalogProcess.fixture("diagnoses/stop-timeout-dead.log")
    let result = try WalogProcess.run(["analyze", "--why", "stop-timeout-dead-channel", log])
    #expect(result.status == 0)
    let text = result.stdout
    #expect(text.contains("slack:default: holds"))
    #expect(text.contains("finding: The stop of slack:default timed out"))
    #expect(text.contains("[holds] count {rule: channel-stop-timeout} at least 1 (timeouts): 1"))
    // The stop timeout is the candidate and the anchor; nothing started the channel after it.
    #expect(
      text.contains(
        "[holds] count {kind: [connected, provider_start, stop_timeout], except: {rule: channel-stop-timeout}} after the last {rule: channel-stop-timeout} at most 0: 0"
      ))
    #expect(text.contains("stop-timeout-dead.log:8  2026-04-30 03:30:39  [default] channel stop exceeded 5000ms"))
    // Not the report.
    #expect(!text.contains("Findings"))
  }

  /// A diagnosis that does not fire: which condition failed, with the line that made it fail.
  @Test func aQuietDiagnosisShowsTheConditionThatFailed() throws {
    let log = WalogProcess.fixture("diagnoses/stop-timeout-dead-control.log")
    let result = try WalogProcess.run(["analyze", "--why", "stop-timeout-dead-channel", log])
    #expect(result.status == 0)
    let text = result.stdout
    #expect(text.contains("It does not hold on this log."))
    #expect(text.contains("slack:default: does not hold"))
    #expect(
      text.contains(
        "[fails] count {kind: [connected, provider_start, stop_timeout], except: {rule: channel-stop-timeout}} after the last {rule: channel-stop-timeout} at most 0: 3"
      ))
    // What followed the stop timeout is listed.
    #expect(text.contains("stop-timeout-dead-control.log:7  2026-04-30 03:30:20  socket mode connected"))
  }

  /// A diagnosis for other channels says which streams it was not judged on, and a version
  /// condition with no version in the log says so.
  @Test func otherChannelsAndUnknownVersionsAreNamed() throws {
    let log = WalogProcess.fixture("diagnoses/stop-timeout-dead.log")
    let result = try WalogProcess.run(["analyze", "--why", "whatsapp-session-conflict", log])
    #expect(result.status == 0)
    #expect(result.stdout.contains("not judged: the log has no stream of them."))
    #expect(result.stdout.contains("Not judged on slack:default: the diagnosis is for whatsapp only."))
  }

  @Test func anUnknownIdIsAUsageErrorThatSuggestsIds() throws {
    let log = WalogProcess.fixture("diagnoses/stop-timeout-dead.log")
    let result = try WalogProcess.run(["analyze", "--why", "stop-timeout", log])
    #expect(result.status == 2)
    #expect(result.stderr.contains("no diagnosis 'stop-timeout' in the rules; did you mean: stop-timeout-dead-channel"))
    // A finding a report shows that no rule makes: said what it is.
    let own = try WalogProcess.run(["analyze", "--why", "unexplained-failures", log])
    #expect(own.status == 2)
    #expect(own.stderr.contains("'unexplained-failures' is walog's own finding for a stream's failures that no diagnosis of the rules explains, not a diagnosis; `--why` takes one of its diagnoses:"))
    let json = try WalogProcess.run(["analyze", "--why", "stop-timeout-dead-channel", "--format", "json", log])
    #expect(json.status == 2)
    #expect(json.stderr.contains("--why prints text only"))
  }
}
