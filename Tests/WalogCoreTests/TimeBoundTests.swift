import Testing

@testable import WalogCore

/// `--since`/`--until` as written, read by the envelope's own time reader.
@Suite struct TimeBoundTests {
  @Test func datesAndTimesInEveryWrittenForm() throws {
    let noon = 1_775_995_200.0  // 2026-04-12T12:00:00Z
    #expect(TimeBound(parsing: "2026-04-12T12:00:00Z", zone: nil)?.instant == noon)
    #expect(TimeBound(parsing: "2026-04-12T14:00+02:00", zone: nil)?.instant == noon)
    #expect(TimeBound(parsing: "2026-04-12T14:00:00.500+02:00", zone: nil)?.instant == noon + 0.5)
    let written = try #require(TimeBound(parsing: "2026-04-12T07:00-05:00", zone: nil))
    #expect(written.offset == -18_000 && written.offsetWritten && !written.onLogClock)
    // Without an offset: on the log's clock, or in --tz at that date.
    let clock = try #require(TimeBound(parsing: "2026-04-12 12:00", zone: nil))
    #expect(clock.instant == noon && clock.onLogClock)
    let rome = try #require(LogZone(identifier: "Europe/Rome"))
    let inRome = try #require(TimeBound(parsing: "2026-04-12T14:00", zone: rome))
    #expect(inRome.instant == noon && inRome.offset == 7200 && !inRome.onLogClock)
    #expect(TimeBound(parsing: "2026-01-12T13:00", zone: rome)?.offset == 3600)
    #expect(TimeBound(parsing: "2026-04-12", zone: nil)?.instant == noon - 12 * 3600)
    #expect(TimeBound(parsing: "11:30:15", zone: nil)?.timeOfDay == 41_415)
  }

  @Test func whatIsNoTimeIsRefused() {
    for text in ["2026-02-31", "2026-13-01", "2026-04-12T25:00", "2026-04-12T11:30x", "yesterday", "2026-4-12", "11:60"] {
      #expect(TimeBound(parsing: text, zone: nil) == nil, "\(text)")
    }
  }
}
