import Foundation
import Testing

@testable import WalogCore

/// `--tz` zones read through the C library, checked against Foundation's ICU zones.
@Suite struct TimeLogZoneTests {
  @Test(arguments: ["Europe/Rome", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"])
  func offsetsAgreeWithICUThroughTheYear(_ name: String) throws {
    let zone = try #require(LogZone(identifier: name))
    let icu = try #require(TimeZone(identifier: name))
    // Every 3 days and 7 hours of 2026, which crosses each summer-time change.
    for step in 0..<120 {
      let instant = 1_767_225_600 + Double(step) * (3 * 86_400 + 7 * 3600)
      #expect(zone.secondsFromGMT(at: instant) == icu.secondsFromGMT(for: Date(timeIntervalSince1970: instant)))
    }
  }

  @Test func summerAndWinterInRome() throws {
    let rome = try #require(LogZone(identifier: "Europe/Rome"))
    #expect(rome.secondsFromGMT(at: 1_784_030_400) == 7200)  // 2026-07-14T12:00Z
    #expect(rome.secondsFromGMT(at: 1_768_392_000) == 3600)  // 2026-01-14T12:00Z
    // 2026-03-29 02:30 does not exist in Rome; 03:30 is summer time.
    #expect(rome.secondsFromGMT(forLocal: 1_774_755_000) == 7200)  // 03:30 local
    #expect(rome.secondsFromGMT(forLocal: 1_774_744_200) == 3600)  // 00:30 local
  }

  @Test func fixedOffsets() throws {
    #expect(LogZone(identifier: "+02:00")?.secondsFromGMT(at: 0) == 7200)
    #expect(LogZone(identifier: "UTC-05:30")?.secondsFromGMT(at: 0) == -19800)
    #expect(LogZone(identifier: "GMT+01")?.identifier == "UTC+01:00")
  }

  /// docs/formats.md: a fixed offset needs no date, so clock-only lines say none.
  @Test func aFixedOffsetGivesClockLinesItsOffsetWithoutADate() {
    var parser = EnvelopeParser(options: EnvelopeOptions(defaultZone: LogZone(identifier: "+05:30")))
    let line = parser.snapshots(ofText: "11:30:00 [whatsapp] a").first
    #expect(line?.time?.offset == 19800)
    #expect(parser.times.lastClockBasis == nil)
  }

  @Test func namesThatAreNoZoneAreRefused() {
    for name in ["Mars/Olympus", "Europe", "zone.tab", "../../etc/passwd", "/etc/localtime", "Europe//Rome", "", "+25:00"] {
      #expect(LogZone(identifier: name) == nil, "\(name)")
    }
    #expect(LogZone.unknownMessage("Mars/Olympus").hasPrefix("unknown time zone 'Mars/Olympus'; use an IANA name such as Europe/Rome or UTC"))
  }

  @Test func theCallersTZIsLeftAsItWas() throws {
    let before = ProcessInfo.processInfo.environment["TZ"]
    _ = try #require(LogZone(identifier: "Asia/Tokyo")).secondsFromGMT(at: 0)
    #expect(ProcessInfo.processInfo.environment["TZ"] == before)
  }
}
