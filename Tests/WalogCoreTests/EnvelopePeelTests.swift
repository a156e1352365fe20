import Foundation
import Testing

@testable import WalogCore

/// The peeling of pasted lines, element by element: what comes off, what stays, which time
/// wins. Every line is invented in the shape of real pastes.
@Suite struct EnvelopePeelTests {
  private func parse(_ line: String) -> (ParsedSnapshot, channel: String?, account: String) {
    var parser = EnvelopeParser()
    return Array(line.utf8).withUnsafeBytes { bytes in
      let parsed = parser.parse(bytes)
      return (ParsedSnapshot(parsed), parsed.channel, String(decoding: parsed.account, as: UTF8.self))
    }
  }

  private func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Double) -> Double {
    Double(TimeParsing.daysFromCivil(year: y, month: mo, day: d)) * 86400 + Double(h * 3600 + mi * 60) + s
  }

  @Test func bracketedISOTimeWithoutZone() {
    let (line, channel, _) = parse("[2026-03-07T08:00:06] discord gateway: WebSocket connection closed with code 1006")
    #expect(line.time == LogTime(seconds: utc(2026, 3, 7, 8, 0, 6), offset: nil, precision: .full))
    #expect(line.message == "discord gateway: WebSocket connection closed with code 1006")
    #expect(channel == nil && line.format == .pasted)
  }

  @Test func zoneWordInsideBracketsAfterAnUnknownWord() {
    let (line, _, _) = parse("System: [2026-02-16 00:10:22 GMT+8] WhatsApp gateway disconnected (status 499)")
    #expect(line.time == LogTime(seconds: utc(2026, 2, 15, 16, 10, 22), offset: 8 * 3600, precision: .full))
    #expect(line.message == "WhatsApp gateway disconnected (status 499)")
  }

  @Test(arguments: [
    ("12:00:01 GMT-5 [whatsapp] x", -5 * 3600), ("2026-02-16 00:10:22 UTC+5:30 [whatsapp] x", 19800),
    ("2026-02-16 00:10:22 +0800 [whatsapp] x", 28800), ("[12:00:01 UTC] [whatsapp] x", 0),
  ])
  func zoneWords(line: String, offset: Int) {
    let parsed = parse(line).0
    #expect(parsed.time?.offset == offset, "\(line)")
    #expect(parsed.tag == "whatsapp" && parsed.message == "x", "\(line)")
  }

  /// docs/formats.md: a dated time beats a yearless one beats a clock; of equals, the
  /// innermost (the gateway's own) wins.
  @Test func theGatewaysDatedTimeWins() {
    let cri = parse("2026-04-12T21:57:37.123456789Z stdout F 2026-04-12T23:57:37.729+02:00 [whatsapp] x").0
    #expect(cri.time?.offset == 7200)
    #expect(abs((cri.time?.seconds ?? 0) - utc(2026, 4, 12, 21, 57, 37.729)) < 0.0005)
    let clockFirst = parse("08:00:01 tool: 2026-04-12T23:57:37.729+02:00 [whatsapp] x").0
    #expect(clockFirst.time?.precision == .full && clockFirst.time?.offset == 7200)
    let dated = parse("> Apr 12 23:57:37 gw-host node[4242]: 23:57:40 [whatsapp] x").0
    #expect(dated.time?.precision == .noYear && dated.pid == 4242)
  }

  @Test func levelsInAnyCaseAndBrackets() {
    #expect(parse("INFO [whatsapp] x").0.level == .info)
    #expect(parse("[ERROR] x").0.level == .error)
    #expect(parse("2026-04-12 23:57:37 | WARNING | [whatsapp] x").0.level == .warn)
    let warn = parse("warn [whatsapp] x").0
    #expect(warn.level == .warn && warn.tag == "whatsapp" && warn.message == "x")
    // Prose keeps its words.
    #expect(parse("Error: Cannot find module 'x'").0.message == "Error: Cannot find module 'x'")
  }

  @Test func messagesThatLookLikeEnvelopeStayWhole() {
    #expect(parse("404: not found").0.message == "404: not found")
    #expect(parse("1. Restart the gateway").0.message == "1. Restart the gateway")
    #expect(parse("gateway closed with code 4000 (x)").0.message == "gateway closed with code 4000 (x)")
    #expect(parse("WhatsApp gateway disconnected (status 499)").0.message == "WhatsApp gateway disconnected (status 499)")
    #expect(parse("a-b * c").0.message == "a-b * c")
  }

  @Test func channelAndAccountFromATag() {
    let (line, channel, account) = parse("[telegram:default] health-monitor: restarting (reason: stuck)")
    #expect(channel == "telegram" && account == "default" && line.isOpenClaw)
    #expect(line.message == "[telegram:default] health-monitor: restarting (reason: stuck)")
    let (_, nested, alpha) = parse("[health-monitor] [discord:alpha] restarting (reason: stuck)")
    #expect(nested == "discord" && alpha == "alpha")
    // A tag the rule file knows as a channel's subsystem or display name.
    #expect(parse("2026-04-12T21:57:37.729Z info web-auto-reply x").channel == "whatsapp")
    #expect(parse("[WhatsApp] x").channel == "whatsapp")
    // A known subsystem that is no channel names none.
    #expect(parse("[health-monitor] x").channel == nil)
  }

  @Test func anAccountAloneOpensTheMessage() {
    let line = parse("[default] auto-restart attempt 1/10 in 5s").0
    #expect(!line.isOpenClaw)
    var parser = EnvelopeParser()
    let withTag = Array("[default] auto-restart attempt 1/10 in 5s".utf8).withUnsafeBytes {
      parser.parse($0).messageWithTag.map { String(decoding: $0, as: UTF8.self) }
    }
    #expect(withTag == "[default] auto-restart attempt 1/10 in 5s")
  }

  @Test func subsystemsAndTheirBinding() {
    let pair = parse(#"{"subsystem":"gateway/channels/slack"} slack socket disconnected (close)"#)
    #expect(pair.0.tag == "slack" && pair.channel == "slack")
    #expect(pair.0.message == "socket disconnected (close)")
    let path = parse("23:57:37 channels/telegram getUpdates conflict: x").0
    #expect(path.tag == "telegram" && path.message == "getUpdates conflict: x")
  }

  @Test func unknownPrefixesBeforeAKnownTagAreSkipped() {
    #expect(parse("[openclaw-7f9c] [whatsapp] x").0.tag == "whatsapp")
    #expect(parse("gw | 12:00:01 [whatsapp] x").0.tag == "whatsapp")
    #expect(parse("System: [whatsapp] x").0.tag == "whatsapp")
    // Without a known element after it, an unknown bracket is the plugin's tag.
    #expect(parse("[bridge] link went down (code 7)").0.tag == "bridge")
  }

  @Test func trailingNotesAreRemoved() {
    for note in ["  ← routine rotation", "  <-- 10s later", "   <- then", "  -> silence", "\t  # seven hours"] {
      #expect(parse("[whatsapp] Web connection closed (status 408)." + note).0.message == "Web connection closed (status 408).", "\(note)")
    }
    // One space, or no marker: part of the message.
    #expect(parse("[whatsapp] a # b").0.message == "a # b")
    #expect(parse("[whatsapp] a  b").0.message == "a  b")
  }

  /// Lines of thousands of envelope elements: the peeling stops after a bounded number of
  /// steps, so the bytes it may examine stay a small multiple of the line's length (no
  /// rescanning of the rest per element), and what it keeps is right.
  @Test func boundedWorkOnHostileLines() {
    let lines = [
      String(repeating: "> - * | ", count: 5000) + "[whatsapp] x", String(repeating: "[a] ", count: 5000),
      String(repeating: "12:00:01 ", count: 5000), String(repeating: "INFO 12:00:01 [a] <14> ", count: 2000),
      String(repeating: "x {\"0\": ", count: 5000),
    ]
    for line in lines {
      var parser = EnvelopeParser()
      let parsed = Array(line.utf8).withUnsafeBytes { ParsedSnapshot(parser.parse($0)) }
      #expect(parser.peelReach > 0, "\(line.prefix(40))… was not peeled")
      #expect(parser.peelReach <= 32 * line.utf8.count, "\(line.prefix(40))…: \(parser.peelReach) bytes for \(line.utf8.count)")
      #expect(parsed.message.count > 0)
    }
    #expect(parse(lines[0]).0.tag == "whatsapp" && parse(lines[0]).0.message == "x")
  }
}

extension EnvelopePeelTests {
  @Test(arguments: [
    ("5:20:57 PM info [whatsapp] x", 17 * 3600 + 20 * 60 + 57), ("12:05 am [whatsapp] x", 5 * 60),
    ("12:00:00 PM [whatsapp] x", 12 * 3600),
  ])
  func twelveHourClocks(line: String, secondOfDay: Int) {
    let parsed = parse(line).0
    #expect(parsed.time == LogTime(seconds: Double(secondOfDay), offset: nil, precision: .timeOfDay), "\(line)")
    #expect(parsed.tag == "whatsapp" && parsed.message == "x", "\(line)")
  }

  @Test func slashDates() {
    let line = parse("[2026/03/16 15:38:50] [whatsapp] x").0
    #expect(line.time == LogTime(seconds: utc(2026, 3, 16, 15, 38, 50), offset: nil, precision: .full))
  }
}
