import Foundation
import Testing

@testable import WalogCore

/// A stream's header says when it began and ended: from its first event to its last, never a
/// span its own timeline steps out of.
@Suite struct ReportSpanTests {
  /// Every fixture log whose times are on one clock or several.
  static func fixtureLogs() throws -> [String] {
    try ["diagnoses", "seeds", "real-shaped", "pasted", "runs", "time", "envelopes"].flatMap { folder in
      try FileManager.default.contentsOfDirectory(atPath: ReportFixture.path("Fixtures/\(folder)"))
        .filter { $0.hasSuffix(".log") }.sorted().map { "Fixtures/\(folder)/\($0)" }
    }
  }

  @Test func everyTimelineLiesWithinItsStreamsSpan() throws {
    let logs = try Self.fixtureLogs()
    #expect(logs.count > 50)
    for log in logs {
      for stream in try ReportFixture.analysis(log, extraRules: false).streams {
        let tally = stream.tally
        guard !tally.mixedClocks, let first = tally.firstTime, let last = tally.lastTime else { continue }
        for entry in stream.timeline.entries {
          let times: [LogTime?] =
            switch entry {
            case .run(let run): [run.start, run.end]
            case .restart(let restart): [restart.time]
            }
          for time in times.compactMap({ $0 }) {
            #expect(first <= time && time <= last, "\(log) \(stream.key): \(TimeText.human(time)) outside \(TextReport.span(tally))")
          }
        }
      }
    }
  }

  /// A dated line, then console lines with a time of day only: one span from the first to
  /// the last, with no duration (the two clocks do not compare), and the timeline in log order.
  @Test func datedAndUndatedTimesSpanTheWholeStreamWithoutADuration() throws {
    let analysis = try ScratchLogs.analysis("""
      2026-07-14T11:00:00.000+02:00 [whatsapp] [default] starting provider (+15550001111)
      11:30:00 [whatsapp] Web connection closed (status 428). Retry 1/12 in 2.1s…
      11:31:00 [whatsapp] [default] auto-restart attempt 1/10 in 5s
      """)
    let stream = try #require(analysis.streams.first)
    #expect(stream.tally.mixedClocks)
    let text = TextReport.render(analysis)
    #expect(text.contains("whatsapp:default  2026-07-14 11:00:00 → 11:31:00 (dated and undated times: no duration)"), "\(text)")
    #expect(stream.timeline.entries.map(\.origin.line) == [2, 3])
  }

  /// A dated restart and one with a time of day only are no gap of 0s (or of days).
  @Test func noMedianGapAcrossClocks() throws {
    let analysis = try ReportFixture.analysis("Fixtures/pasted/health-monitor-orders.log", extraRules: false)
    let ops = try #require(analysis.findings.first { $0.stream?.account == "ops" })
    #expect(ops.figures.allSatisfy { !$0.name.hasSuffix("_gap") }, "\(ops.figures)")
    #expect(!ops.rootCause.contains("median gap"), "\(ops.rootCause)")
    let whatsapp = try #require(analysis.findings.first { $0.stream?.channel == "whatsapp" })
    #expect(whatsapp.rootCause.contains("(35m 0s apart, the median gap between two of them)"), "\(whatsapp.rootCause)")
  }
}
