import Foundation
import Testing

@testable import WalogCore

/// The finding shape of schema_version 2, shared by the JSON report and `walog watch`.
@Suite struct ReportFindingJSONTests {
  static func decoded(_ finding: Finding) throws -> [String: Any] {
    let text = FindingJSON.encode(finding).rendered()
    return try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
  }

  @Test func aFigureIsItsValueUnitAndText() throws {
    var finding = SyntheticAnalysis.finding("Session conflict")
    finding.figures = [
      Figure(name: "conflicts", value: 78, unit: .count, text: "78"),
      Figure(name: "loop_median_period", value: 345.5, unit: .seconds, text: "5m 46s"),
      Figure(name: "loop_log_lines_per_minute", value: 6.25, unit: .perMinute, text: "6.2"),
    ]
    let figures = try Self.decoded(finding)["figures"] as! [String: [String: Any]]
    #expect(figures["conflicts"]?["value"] as? Int == 78)
    #expect(figures["conflicts"]?["unit"] as? String == "count")
    #expect(figures["conflicts"]?["text"] as? String == "78")
    #expect(figures["loop_median_period"]?["value"] as? Double == 345.5)
    #expect(figures["loop_median_period"]?["unit"] as? String == "seconds")
    #expect(figures["loop_log_lines_per_minute"]?["unit"] as? String == "per_minute")
    // Keys keep the rule's order.
    let text = FindingJSON.encode(finding).rendered()
    let order = ["\"conflicts\"", "\"loop_median_period\"", "\"loop_log_lines_per_minute\""]
      .map { text.range(of: $0)!.lowerBound }
    #expect(order == order.sorted())
  }

  @Test func aStreamIsAnObjectAndEveryStreamIsListed() throws {
    let single = try Self.decoded(SyntheticAnalysis.finding("One"))
    let stream = single["stream"] as! [String: Any]
    #expect(stream["channel"] as? String == "whatsapp")
    #expect(stream["account"] as? String == "default")
    #expect(stream["pid"] is NSNull)
    #expect((single["streams"] as! [[String: Any]]).count == 1)

    var merged = SyntheticAnalysis.finding("Two processes")
    merged.streams = [
      StreamKey(channel: "whatsapp", account: "default", pid: 4242),
      StreamKey(channel: "whatsapp", account: "default", pid: 5151),
    ]
    let both = try Self.decoded(merged)
    #expect((both["stream"] as! [String: Any])["pid"] is NSNull)
    #expect((both["streams"] as! [[String: Any]]).map { $0["pid"] as? Int } == [4242, 5151])

    var accounts = SyntheticAnalysis.finding("Two accounts")
    accounts.streams = [
      StreamKey(channel: "whatsapp", account: "home"), StreamKey(channel: "whatsapp", account: "work"),
    ]
    let shared = try Self.decoded(accounts)["stream"] as! [String: Any]
    #expect(shared["channel"] as? String == "whatsapp")
    #expect(shared["account"] is NSNull)

    var log = SyntheticAnalysis.finding("Whole log")
    log.stream = nil
    log.streams = []
    let whole = try Self.decoded(log)
    #expect(whole["stream"] is NSNull)
    #expect((whole["streams"] as! [Any]).isEmpty)
  }
}
