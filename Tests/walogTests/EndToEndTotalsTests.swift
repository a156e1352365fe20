import Foundation
import Testing
import WalogTestSupport

/// The totals a user reads in the JSON report, for every kind of input walog accepts.
@Suite struct EndToEndTotalsTests {
  // The highest attempt a run reached: `max attempts reached (12/12)` reports 12 when the
  // retries announced only up to 11 (or a pasted excerpt only 3).
  static let seedExcerpt = Totals(
    closes: ["440": 3], retries: 3, maxRetryAttempt: 12, giveups: 1, autoRestarts: 1, health: [:])

  @Test func seedExcerptCountsAsAPersonWould() throws {
    #expect(Totals(try WalogProcess.json([WalogProcess.fixture("seeds/000-excerpt.log")])) == Self.seedExcerpt)
  }

  @Test func seventyEightConflictCloses() throws {
    let report = try WalogProcess.json([WalogProcess.fixture("seeds/001-78-conflicts.log")])
    #expect(
      Totals(report)
        == Totals(closes: ["440": 78], retries: 78, maxRetryAttempt: 12, giveups: 7, autoRestarts: 7, health: ["stuck": 1]))
  }

  /// One scripted incident rendered into every envelope: one mechanism, identical totals.
  @Test(arguments: try nonEmpty(FileManager.default.contentsOfDirectory(
    atPath: WalogProcess.packageRoot.appendingPathComponent("Fixtures/envelopes").path
  ).sorted()))
  func everyEnvelopeGivesTheSameTotals(file: String) throws {
    let report = try WalogProcess.json([WalogProcess.fixture("envelopes/" + file)])
    var expected = Totals(
      closes: ["440": 14], retries: 14, maxRetryAttempt: 12, giveups: 1, autoRestarts: 1, health: ["stuck": 1])
    var channels = ["whatsapp"]
    switch file {
    case "pasted-masked-digits.log":
      // Every digit is an X: the 14 closes have an unknown status and counter.
      expected.closesByStatus = ["unknown": 14]
      expected.maxRetryAttempt = 0
    case "pasted-account-without-channel-tag.log":
      // Its first line, `[default] starting provider`, comes before any line names a channel
      // (the later `[default]` lines are WhatsApp's, the only channel with a default account).
      // In pasted-without-channel-account.log, `[health-monitor] restarting …` names neither
      // channel nor account: it takes the channel of the nearest line before it that named one.
      channels = ["unknown", "whatsapp"]
    default: break
    }
    #expect(Totals(report) == expected, "\(file)")
    let streams = report["streams"] as? [[String: Any]] ?? []
    #expect(streams.map { $0["channel"] as? String } == channels, "\(file)")
  }

  @Test(arguments: ["seed-000.log.gz", "seed-000-utf16le.log", "seed-000-crlf-ansi.log"])
  func encodedInputsGiveTheSeedTotals(file: String) throws {
    #expect(Totals(try WalogProcess.json([WalogProcess.fixture("input/" + file)])) == Self.seedExcerpt)
  }

  @Test func standardInputIsReadWhenPiped() throws {
    let data = try Data(contentsOf: WalogProcess.packageRoot.appendingPathComponent("Fixtures/input/seed-000.log.gz"))
    #expect(Totals(try WalogProcess.json([], stdin: data)) == Self.seedExcerpt)
    #expect(Totals(try WalogProcess.json(["-"], stdin: data)) == Self.seedExcerpt)
  }

  /// launchd splits one story over gateway.log (info) and gateway.err.log (errors): the
  /// retry lines name no account, so only a merge by time attributes them right.
  @Test func launchdPairIsMergedByTime() throws {
    let report = try WalogProcess.json([WalogProcess.fixture("input/launchd")])
    let streams = (report["streams"] as? [[String: Any]] ?? []).map {
      ($0["account"] as? String ?? "", ($0["totals"] as? [String: Any])?["closes"] as? Int ?? -1)
    }
    #expect(streams.map(\.0) == ["default", "work"])
    #expect(streams.map(\.1) == [3, 1])
  }

  @Test func sinceAndUntilRestrictTheAnalysis() throws {
    let path = WalogProcess.fixture("seeds/001-78-conflicts.log")
    let report = try WalogProcess.json([path, "--since", "2026-02-04T09:30:00-08:00", "--until", "2026-02-04T09:45:00-08:00"])
    // 26 of the 78 close lines are stamped from 09:30:00 up to (not including) 09:45:00.
    #expect(Totals(report).closesByStatus == ["440": 26])
    let excerpt = try WalogProcess.json([WalogProcess.fixture("seeds/000-excerpt.log"), "--since", "11:31"])
    #expect(Totals(excerpt).closesByStatus == ["440": 2])
  }
}
