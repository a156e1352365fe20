import Foundation
import Testing

@testable import WalogCore

/// The times chat apps put in front of a copied message (ChatTime.swift): Discord's and
/// Slack's `Today at` / `Yesterday at`, bare and bracketed 12-hour clocks, and WhatsApp
/// chat exports' dates.
@Suite struct ChatTimeTests {
  private func times(_ lines: [String]) -> [LogTime?] {
    var parser = EnvelopeParser()
    return lines.map { parser.snapshot($0).time }
  }

  private func clock(_ h: Int, _ m: Int, _ s: Int = 0, day: Int = 0) -> LogTime {
    LogTime(seconds: Double(day * 86400 + h * 3600 + m * 60 + s), offset: nil, precision: .timeOfDay)
  }

  private func dated(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int = 0) -> LogTime {
    let days = TimeParsing.daysFromCivil(year: y, month: mo, day: d)
    return LogTime(seconds: Double(days * 86400 + h * 3600 + mi * 60 + s), offset: nil, precision: .full)
  }

  static let line = "[whatsapp] Web connection closed (status 408). Retry 1/12 in 2.1s…"

  @Test(arguments: [
    ("[10:15 AM] ", 10, 15, 0), ("10:15 AM ", 10, 15, 0), ("[9:02:07 pm] ", 21, 2, 7),
    ("Today at 10:15 AM ", 10, 15, 0), ("today at 22:15 ", 22, 15, 0), ("Bob — Today at 12:05 AM ", 0, 5, 0),
    ("[10:15 AM] Bob: ", 10, 15, 0),
  ])
  func clocksOfChatApps(prefix: String, h: Int, m: Int, s: Int) {
    var parser = EnvelopeParser()
    let parsed = parser.snapshot(prefix + Self.line)
    #expect(parsed.time == clock(h, m, s), "\(prefix)")
    #expect(parsed.tag == "whatsapp" && parsed.message.hasPrefix("Web connection closed"), "\(prefix)")
  }

  /// `Yesterday` is the day before the `Today` of the lines after it, whatever the clocks.
  @Test func yesterdayComesTheDayBeforeToday() {
    let lines = ["Yesterday at 9:02 PM ", "Yesterday at 11:40 PM ", "Today at 10:15 AM ", "Today at 10:16 AM "]
    #expect(times(lines.map { $0 + Self.line }) == [clock(21, 2), clock(23, 40), clock(10, 15, day: 1), clock(10, 16, day: 1)])
  }

  @Test(arguments: [
    // The US export: month first with a 12-hour clock.
    ("[1/12/26, 10:15:03 AM] ", 2026, 1, 12, 10, 15, 3), ("1/12/26, 9:02 PM - ", 2026, 1, 12, 21, 2, 0),
    // Elsewhere day first, or whichever number cannot be a month.
    ("[12/01/2026, 10:15:03] ", 2026, 1, 12, 10, 15, 3), ("12.01.26, 22:15 - ", 2026, 1, 12, 22, 15, 0),
    ("[13/1/26, 10:15:03 AM] ", 2026, 1, 13, 10, 15, 3), ("[1/13/2026, 10:15] ", 2026, 1, 13, 10, 15, 0),
    // A European log viewer's dotted date.
    ("12.01.2026 10:15:03 ", 2026, 1, 12, 10, 15, 3),
  ])
  func datesOfChatExports(prefix: String, y: Int, mo: Int, d: Int, h: Int, mi: Int, s: Int) {
    var parser = EnvelopeParser()
    let parsed = parser.snapshot(prefix + Self.line)
    #expect(parsed.time == dated(y, mo, d, h, mi, s), "\(prefix)")
    #expect(parsed.tag == "whatsapp", "\(prefix)")
  }

  /// docs/formats.md's ranking: the gateway's own dated time beats the chat app's.
  @Test func theGatewaysOwnTimeWins() {
    var parser = EnvelopeParser()
    let parsed = parser.snapshot("[1/12/26, 10:15:03 AM] Bob: 2026-01-12T10:14:59.120+01:00 " + Self.line)
    #expect(parsed.time?.offset == 3600)
    let clockOnly = parser.snapshot("[1/12/26, 10:15:03 AM] 10:14:59 " + Self.line)
    #expect(clockOnly.time == dated(2026, 1, 12, 10, 15, 3))
  }

  /// A date that could be read two ways, or is no date, gives no date: the line keeps its
  /// tag and message, with only the clock when one is plain (seconds of the day, no date).
  @Test(arguments: [
    ("1/12/26 [whatsapp] x", nil), ("13/13/26, 10:15 [whatsapp] x", nil), ("Today at noon [whatsapp] x", nil),
    ("1/2/3, 10:15 [whatsapp] x", nil), ("01/12/2026 10:15:03 [whatsapp] x", 10 * 3600 + 15 * 60 + 3),
  ])
  func noDateWithoutDoubt(line: String, secondOfDay: Int?) {
    var parser = EnvelopeParser()
    let parsed = parser.snapshot(line)
    #expect(parsed.tag == "whatsapp" && parsed.message == "x", "\(line): \(parsed)")
    #expect(parsed.time == secondOfDay.map { clock(0, 0, $0) }, "\(line): \(parsed)")
  }
}
