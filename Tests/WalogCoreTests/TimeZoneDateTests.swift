import Foundation
import Testing

@testable import WalogCore

/// Which date a named zone's offset is taken at for clock-only lines, and how it is told.
@Suite struct TimeZoneDateTests {
  static let rome = LogZone(identifier: "Europe/Rome")!

  static func seconds(_ iso: String) -> Double {
    ISO8601DateFormatter().date(from: iso)!.timeIntervalSince1970
  }

  static func offsets(_ text: String, modified: String?) -> [Int?] {
    var parser = EnvelopeParser(
      options: EnvelopeOptions(defaultZone: rome, fileModified: modified.map(seconds)))
    return parser.snapshots(ofText: text).map { $0.time?.offset }
  }

  @Test func theFileDateDecidesUntilADatedLineDoes() {
    let text = """
      11:30:00 [whatsapp] a
      2026-01-14T11:31:00 [whatsapp] b
      11:32:00 [whatsapp] c
      """
    #expect(Self.offsets(text, modified: "2026-07-14T12:00:00Z") == [7200, 3600, 3600])
    #expect(Self.offsets(text, modified: "2026-01-14T12:00:00Z") == [3600, 3600, 3600])
  }

  @Test func aPrintedOffsetIsKeptAndNotReported() {
    var parser = EnvelopeParser(options: EnvelopeOptions(defaultZone: Self.rome, fileModified: 0))
    let line = parser.snapshots(ofText: "11:30:00+05:30 [whatsapp] a").first
    #expect(line?.time?.offset == 19800)
    #expect(parser.times.lastClockBasis == nil)
  }

  /// The dated line's own clock starts the count: 23:50 then a clock line at 00:10 is the
  /// next day.
  @Test func theDatedLinesClockCountsTowardsTheNextMidnight() {
    var parser = EnvelopeParser(options: EnvelopeOptions(defaultZone: Self.rome))
    _ = parser.snapshots(ofText: "2026-03-28T23:50:00 [whatsapp] a\n00:10:00 [whatsapp] b")
    let day = parser.times.lastClockBasis?.day
    #expect(day.map(TimeText.date) == "2026-03-29")
  }

  @Test func clockOffsetsKeepOneEntryPerRunAndAreBounded() {
    var offsets = ClockOffsets()
    offsets.note(zone: "Europe/Rome", basis: .datedLine, day: 10, offset: 3600)
    offsets.note(zone: "Europe/Rome", basis: .datedLine, day: 11, offset: 3600)
    #expect(offsets.entries.map { [$0.firstDay, $0.lastDay, $0.lines] } == [[10, 11, 2]])
    for index in 0..<20 {
      offsets.note(zone: "Europe/Rome", basis: .datedLine, day: 12, offset: index % 2 == 0 ? 7200 : 3600)
    }
    #expect(offsets.entries.count == ClockOffsets.maxEntries)
    #expect(offsets.entries.reduce(0) { $0 + $1.lines } + offsets.omittedLines == 22)
    #expect(TimeText.clockOffsetNotes(offsets).last == "\(offsets.omittedLines) more clock times read at other offsets")
  }

  /// `--since 11:31` is a reading of each line's own clock; no zone or date is needed.
  @Test func aTimeOfDayBoundComparesTheLinesOwnClock() throws {
    let bound = try #require(TimeBound(parsing: "11:31", zone: Self.rome))
    let summer = LogTime(seconds: 11.5 * 3600 - 7200, offset: 7200, precision: .timeOfDay)
    let winter = LogTime(seconds: 11.5 * 3600 - 3600, offset: 3600, precision: .timeOfDay)
    #expect(!bound.admits(summer, after: true) && !bound.admits(winter, after: true))
    let later = LogTime(seconds: 11.6 * 3600 - 7200, offset: 7200, precision: .timeOfDay)
    #expect(bound.admits(later, after: true))
  }
}
