import Foundation
import Testing

@testable import WalogCore

/// Shapes seen in logs users paste into issues: grep output with file names and short line
/// numbers, and journald month names in the reader's locale. Every line is invented.
@Suite struct EnvelopePastedLogTests {
  private func parse(_ line: String) -> ParsedSnapshot {
    var parser = EnvelopeParser()
    return parser.snapshot(line)
  }

  private func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Double) -> Double {
    Double(TimeParsing.daysFromCivil(year: y, month: mo, day: d)) * 86400
      + Double(h * 3600 + mi * 60) + s
  }

  @Test func shortGrepLineNumberBeforeAnUntaggedMessageIsPeeled() {
    let line = parse("12:WhatsApp Web connection closed (status 408). Retry 1/12 in 2.11s…")
    #expect(line.message == "WhatsApp Web connection closed (status 408). Retry 1/12 in 2.11s…")
    #expect(line.format == .bare && line.time == nil)
    // A clock and a number followed by a space stay what they are.
    #expect(parse("12:00:00 [whatsapp] x").format == .consolePretty)
    #expect(parse("3: not a grep line").message == "3: not a grep line")
  }

  @Test func grepWithFileNameAndLineNumber() {
    let line = parse(
      "gateway.err.log:4711:2026-04-30T14:15:40.353+02:00 [whatsapp] Web connection closed (status 408).")
    #expect(line.format == .consoleCompact && line.tag == "whatsapp")
    #expect(line.message == "Web connection closed (status 408).")
    #expect(line.time?.offset == 7200)

    let untagged = parse(
      "/home/example/.openclaw/logs/gateway.err.log:207027:WhatsApp Web connection closed (status 408).")
    #expect(untagged.message == "WhatsApp Web connection closed (status 408).")
  }

  @Test func grepWithFileNameOnly() {
    let compact = parse("gateway.log:2026-04-30T14:15:40.353+02:00 [health-monitor] started")
    #expect(compact.format == .consoleCompact && compact.tag == "health-monitor")
    #expect(compact.message == "started")

    let journal = parse("journal.txt:Apr 02 20:20:44 node[4242]: [gateway] signal SIGTERM received")
    #expect(journal.format == .journaldShort && journal.pid == 4242 && journal.tag == "gateway")
  }

  @Test func grepOfAWindowsFileLogPath() {
    let line = parse(
      #"C:\Users\example\AppData\Local\Temp\openclaw\openclaw-2026-02-01.log:7:{"0":"{\"subsystem\":\"gateway/health-monitor\"}","1":"[whatsapp:default] health-monitor: restarting (reason: stale-socket)","_meta":{"date":"2026-02-01T09:41:02.118Z","logLevelName":"INFO"},"time":"2026-02-01T09:41:02.118Z"}"#)
    #expect(line.format == .fileLogJSON && line.tag == "health-monitor")
    #expect(line.message == "[whatsapp:default] health-monitor: restarting (reason: stale-socket)")
  }

  @Test func fileNamesAreNotPeeledFromOtherLines() {
    // Stack frames and error texts with colons stay whole.
    let frame = "/usr/lib/node_modules/openclaw/dist/index.js:123"
    #expect(parse(frame).message == frame)
    let error = "Error: Cannot find module 'x.js': gone"
    #expect(parse(error).message == error)
    let scheme = "node:internal/modules/cjs/loader:1228"
    #expect(parse(scheme).message == scheme)
  }

  @Test(arguments: [
    ("déc. 16 18:37:30", 12), ("févr. 03 08:01:02", 2), ("janv. 05 01:02:03", 1),
    ("août 16 18:37:30", 8), ("Mär 16 18:37:30", 3), ("Okt 16 18:37:30", 10),
    ("mag 16 18:37:30", 5), ("set 16 18:37:30", 9), ("out 16 18:37:30", 10),
    ("mrt 16 18:37:30", 3), ("sept. 16 18:37:30", 9), ("dic 16 18:37:30", 12),
  ])
  func localisedJournaldMonthNames(prefix: String, month: Int) throws {
    let line = parse("\(prefix) example-host node[4242]: [whatsapp] Listening for personal WhatsApp inbound messages.")
    #expect(line.format == .journaldShort)
    #expect(line.pid == 4242 && line.tag == "whatsapp")
    let time = try #require(line.time)
    let days = Int(time.seconds / 86400)
    let expected = TimeParsing.daysFromCivil(year: 2000, month: month, day: 1)
    #expect(days >= expected && days < expected + 31, "\(prefix) → \(time)")
  }

  @Test func unknownMonthWordsAreNoJournalPrefix() {
    let line = parse("Foo 16 18:37:30 example-host node[4242]: [whatsapp] x")
    #expect(line.format != .journaldShort)
    let long = parse("Marchx 16 18:37:30 example-host node[4242]: [whatsapp] x")
    #expect(long.format != .journaldShort)
  }

  @Test func localisedMonthKeepsTheClock() {
    let line = parse("déc. 16 18:37:30 example-host node[4242]: [whatsapp] x")
    #expect(line.time == LogTime(seconds: utc(2000, 12, 16, 18, 37, 30), offset: nil, precision: .noYear))
  }
}
