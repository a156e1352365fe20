import Foundation
import Testing

/// Logs as users paste them (Fixtures/pasted/, written by us in the shape of real pastes):
/// the times they carry are used, every order of the health monitor's tags counts, and exit
/// code 3 means the input has nothing of OpenClaw's.
@Suite struct EndToEndPastedTests {
  static func streams(_ report: [String: Any]) -> [[String: Any]] {
    report["streams"] as? [[String: Any]] ?? []
  }

  /// `System: [2026-02-16 00:10:22 GMT+8] …`: the time in brackets, with its zone word.
  @Test func chatAppSystemLinesKeepTheirTimes() throws {
    let report = try WalogProcess.json([WalogProcess.fixture("pasted/bracketed-times.log")])
    #expect(Totals(report).closesByStatus == ["499": 2])
    let stream = try #require(Self.streams(report).first)
    #expect(stream["first_time"] as? String == "2026-02-16T00:10:22+08:00")
    #expect(stream["last_time"] as? String == "2026-02-16T00:26:52+08:00")
    // Two incidents 16 minutes apart, each recovered or open on its own.
    #expect((stream["history"] as? [String: Any])?["runs"] as? Int == 2)
  }

  @Test func bracketedISOTimesAreUsed() throws {
    let report = try WalogProcess.json([WalogProcess.fixture("pasted/discord-bracketed-iso.log")])
    #expect(Totals(report).closesByStatus == ["1006": 2])
    let stream = try #require(Self.streams(report).first)
    #expect(stream["channel"] as? String == "discord")
    // The paste printed no zone, and none is added.
    #expect(stream["first_time"] as? String == "2026-03-07T08:00:06")
    #expect(stream["last_time"] as? String == "2026-03-07T08:16:31")
  }

  /// Six restarts in four orders; the two without `[channel:account]` take the channel of
  /// the latest restart before them (telegram:ops, then whatsapp:default).
  @Test func healthMonitorInEveryOrder() throws {
    let report = try WalogProcess.json([WalogProcess.fixture("pasted/health-monitor-orders.log")])
    #expect(Totals(report).healthRestartsByReason == ["stale-socket": 5, "stuck": 1])
    let streams = Self.streams(report).map {
      "\($0["channel"] as? String ?? ""):\($0["account"] as? String ?? "")"
        + "=\((($0["totals"] as? [String: Any])?["health_restarts_by_reason"] as? [String: Int])?.values.reduce(0, +) ?? 0)"
    }
    #expect(streams == ["discord:alpha=1", "telegram:default=1", "telegram:ops=2", "whatsapp:default=2"])
  }

  @Test func openClawLinesWithoutLifecycleEventSaySo() throws {
    let path = WalogProcess.fixture("pasted/no-lifecycle-event.log")
    let check = try WalogProcess.run(["check", path])
    #expect(check.status == 0)
    #expect(check.stderr.contains("walog check: no lifecycle event in 4 OpenClaw lines\n"))
    let json = try WalogProcess.json([path])
    #expect(json["warnings"] as? [String] == ["no lifecycle event in 4 OpenClaw lines"])
    for format in ["text", "markdown", "html", "github"] {
      let result = try WalogProcess.run(["analyze", "--format", format, path])
      #expect(result.status == 0)
      #expect(result.stdout.lowercased().contains("no lifecycle event in 4 openclaw lines"), "\(format)")
    }
  }

  /// journald, a bare timestamp, a container prefix and a bracketed time alone: not OpenClaw's.
  @Test func prefixesAloneExitThree() throws {
    let result = try WalogProcess.run(["check", WalogProcess.fixture("pasted/prefixes-only.log")])
    #expect(result.status == 3)
    #expect(result.stderr.hasSuffix(
      "walog check: not an OpenClaw gateway log (no lifecycle event and no line with an OpenClaw tag or subsystem)\n"))
  }
}
