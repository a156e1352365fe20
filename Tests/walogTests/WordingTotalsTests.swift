import Foundation
import Testing
import WalogTestSupport

/// Every 2026.3 → 2026.9 wording in a small log of ours, with totals counted by hand (the
/// comments count them line by line), as docs/json-schema.md defines them.
@Suite struct WordingTotalsTests {
  /// One log and what a person counts in it: the shared headline totals, plus every close
  /// and the events by kind.
  struct Expected: Sendable, CustomStringConvertible {
    var file: String
    var totals: Totals
    var closes: Int
    var kinds: [String: Int]
    var description: String { file }

    init(
      file: String, closesByStatus: [String: Int], closes: Int, retries: Int, maxRetryAttempt: Int, giveups: Int,
      kinds: [String: Int]
    ) {
      self.file = file
      totals = Totals(
        closes: closesByStatus, retries: retries, maxRetryAttempt: maxRetryAttempt, giveups: giveups,
        autoRestarts: 0, health: [:])
      self.closes = closes
      self.kinds = kinds
    }
  }

  static let cases: [Expected] = [
    // Closes 499 (watchdog recovering), 428, 428 (during setup, each with its retry); give-ups
    // 408 (during setup, after 12/12) and 428 (Reached max retries): statuses counted once,
    // and the give-ups are closes too (5); the setup give-up announced attempt 12.
    Expected(
      file: "whatsapp-2026.log", closesByStatus: ["408": 1, "428": 3, "499": 1], closes: 5, retries: 3,
      maxRetryAttempt: 12, giveups: 2,
      kinds: [
        "provider_start": 1, "connected": 2, "close": 3, "giveup": 2, "watchdog": 2, "listener_stuck": 1,
        "restart_skipped": 1, "channel_exit": 1,
      ]),
    // Two conflicts, each printed twice (diag line + retrying line): two closes 409. Two
    // stalls, one runner stop timeout, two runner restarts (retries without k/N).
    Expected(
      file: "telegram-2026.log", closesByStatus: ["409": 2], closes: 2, retries: 0, maxRetryAttempt: 0, giveups: 0,
      kinds: ["provider_start": 1, "close": 2, "polling_stall": 2, "stop_timeout": 1, "retry": 2]),
    // The three counter shapes and the start failure are four closes with retries (no
    // status); the max-attempts line (12/12, no status) is the give-up.
    Expected(
      file: "slack-2026.log", closesByStatus: [:], closes: 4, retries: 4, maxRetryAttempt: 12, giveups: 1,
      kinds: [
        "provider_start": 1, "connection_count": 1, "connected": 1, "close": 4, "giveup": 1, "stop_timeout": 1,
      ]),
    // Breaker tripped, suppressing, recovered; launchd exit 78; two liveness lines; one thaw
    // (the timing gap restarts nothing); a skipped health restart; a completed timed-out stop.
    Expected(
      file: "gateway-2026.log", closesByStatus: [:], closes: 0, retries: 0, maxRetryAttempt: 0, giveups: 0,
      kinds: [
        "crash_loop_breaker": 2, "crash_loop_recovered": 1, "gateway_exit": 1, "liveness_warning": 2, "host_thaw": 1,
        "restart_skipped": 1,
        "stop_timeout": 1,
      ]),
    // imsg rpc: Full Disk Access, not ready, watch.subscribe (three rpc failures) and the exit;
    // Discord open, close 1006, two watchdogs; Feishu's give-up after 7 tries; Matrix's exit.
    Expected(
      file: "imessage-discord-feishu-2026.log", closesByStatus: ["1006": 1], closes: 1, retries: 0,
      maxRetryAttempt: 7, giveups: 1,
      kinds: [
        "provider_start": 1, "rpc_failure": 3, "channel_exit": 2, "connected": 1, "close": 1, "watchdog": 2,
        "giveup": 1,
      ]),
  ]

  @Test(arguments: try nonEmpty(cases))
  func totalsAreCountedAsAPersonWould(expected: Expected) throws {
    let report = try WalogProcess.json([WalogProcess.fixture("wordings/" + expected.file)])
    #expect(Totals(report) == expected.totals)
    let totals = report["totals"] as? [String: Any] ?? [:]
    #expect(totals["closes"] as? Int == expected.closes)
    #expect(totals["events_by_kind"] as? [String: Int] == expected.kinds)
  }
}
