import Foundation
import Testing

@testable import WalogCore

/// Seconds since 1970 of a UTC civil time, for expectations.
private func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Double) -> Double {
  Double(TimeParsing.daysFromCivil(year: y, month: mo, day: d)) * 86400 + Double(h * 3600 + mi * 60)
    + s
}

/// One line at a time through a fresh parser.
private func parse(_ line: String, zone: LogZone? = nil) -> ParsedSnapshot {
  var parser = EnvelopeParser(options: EnvelopeOptions(defaultZone: zone))
  return parser.snapshot(line)
}

private func parse(bytes: [UInt8]) -> ParsedSnapshot {
  var parser = EnvelopeParser()
  return parser.snapshot(bytes)
}

@Suite struct EnvelopeConsoleTests {
  @Test func prettyRollsOverMidnightButNotSmallBackwardSteps() {
    var parser = EnvelopeParser()
    let lines = parser.snapshots(
      ofText: """
        23:59:58 [whatsapp] a
        23:59:57 [whatsapp] b
        00:00:01 [whatsapp] c
        13:00:00 [whatsapp] d
        00:00:02 [whatsapp] e
        """)
    let expected: [Double?] = [86398, 86397, 86401, 133_200, 172_802]
    #expect(lines.map { $0.time?.seconds } == expected)
    #expect(lines.allSatisfy { $0.time?.precision == .timeOfDay && $0.time?.offset == nil })
    #expect(lines.allSatisfy { $0.format == .consolePretty && $0.tag == "whatsapp" })
  }

  @Test func prettyWithOffsetMovesToUTC() {
    let line = parse("11:30:53+02:00 [whatsapp] Web connection closed (status 440).")
    #expect(line.time == LogTime(seconds: 11 * 3600 + 30 * 60 + 53 - 7200, offset: 7200, precision: .timeOfDay))
    #expect(line.message == "Web connection closed (status 440).")
  }

  @Test func prettyUsesTheDefaultZoneWhenGiven() throws {
    let zone = LogZone(secondsFromGMT: 3600)
    let line = parse("10:00:00 [gateway] ready", zone: zone)
    #expect(line.time?.offset == 3600)
    #expect(line.time?.seconds == 32400.0)
  }

  @Test func compactWithOffsetAndWithZ() {
    let a = parse("2026-04-27T02:37:31.184+08:00 [health-monitor] started (interval: 300s)")
    #expect(a.format == .consoleCompact)
    #expect(a.tag == "health-monitor")
    #expect(a.message == "started (interval: 300s)")
    #expect(a.time?.offset == 28800)
    #expect(abs((a.time?.seconds ?? 0) - utc(2026, 4, 26, 18, 37, 31.184)) < 1e-6)
    #expect(a.isOpenClaw)

    let b = parse("2026-04-12T04:52:11Z [whatsapp] Web connection closed (status 499). Retry 1/12...")
    #expect(b.time == LogTime(seconds: utc(2026, 4, 12, 4, 52, 11), offset: 0, precision: .full, zulu: true))
    #expect(b.tag == "whatsapp")
  }

  @Test func isoWithoutZoneIsUTCUnlessTheDefaultZoneSaysOtherwise() throws {
    let plain = parse("2026-03-18T15:39:40 [health-monitor] x")
    #expect(plain.time == LogTime(seconds: utc(2026, 3, 18, 15, 39, 40), offset: nil, precision: .full))
    let zone = LogZone(secondsFromGMT: -5 * 3600)
    let zoned = parse("2026-03-18T15:39:40 [health-monitor] x", zone: zone)
    #expect(zoned.time == LogTime(seconds: utc(2026, 3, 18, 20, 39, 40), offset: -18000, precision: .full))
  }

  @Test func capturedConsoleLineHasNoTag() {
    let line = parse("2026-04-12T12:03:10.470+02:00 WhatsApp session logged out. Run: openclaw channels login")
    #expect(line.format == .consoleCompact)
    #expect(line.tag == "")
    #expect(line.message == "WhatsApp session logged out. Run: openclaw channels login")
    // A timestamp alone does not make a line OpenClaw's (exit code 3, DESIGN §4).
    #expect(!line.isOpenClaw)
  }

  @Test func bareLines() {
    let tagged = parse("[whatsapp] Web connection closed (status 428). Retry 1/12 in 2.27s…")
    #expect(tagged.format == .bare && tagged.tag == "whatsapp" && tagged.isOpenClaw)
    #expect(tagged.message == "Web connection closed (status 428). Retry 1/12 in 2.27s…")
    #expect(tagged.time == nil)

    let untagged = parse("WhatsApp Web connection closed (status 408). Retry 1/12 in 2.11s…")
    #expect(untagged.format == .bare && untagged.tag == "" && !untagged.isOpenClaw)
    #expect(untagged.message == "WhatsApp Web connection closed (status 408). Retry 1/12 in 2.11s…")
  }

  @Test func grepLineNumbersArePeeledOnlyFromOpenClawLines() {
    let tagged = parse("4711:2026-04-30T14:15:40.353+02:00 [whatsapp] Web connection closed (status 408).")
    #expect(tagged.format == .consoleCompact && tagged.tag == "whatsapp")
    #expect(tagged.message == "Web connection closed (status 408).")
    let untagged = parse("207027:WhatsApp Web connection closed (status 408).")
    #expect(untagged.message == "WhatsApp Web connection closed (status 408).")
    let other = parse("404: not found")
    #expect(other.message == "404: not found")
    let clock = parse("12:00:00 [whatsapp] x")
    #expect(clock.format == .consolePretty)
  }

  @Test func bracketedLevelWordsAreLevelsNotTags() {
    let both = parse("06:37:46 [WARN]  [xmpp] Scheduling reconnect in 1000ms (attempt 1)")
    #expect(both.tag == "xmpp" && both.level == .warn)
    #expect(both.message == "Scheduling reconnect in 1000ms (attempt 1)")
    let alone = parse("[ERROR] DISPATCH_ENTERED: from=a type=chat")
    #expect(alone.tag == "" && alone.level == .error && !alone.isOpenClaw)
    #expect(alone.message == "DISPATCH_ENTERED: from=a type=chat")
  }

  @Test func ansiColourIsRemovedEverywhere() {
    let line = parse(
      "\u{1b}[90m2026-04-12T11:41:02.118+02:00\u{1b}[39m \u{1b}[32m[whatsapp]\u{1b}[39m \u{1b}[31mWeb connection closed\u{1b}[39m (status \u{1b}[1;31m428\u{1b}[0m)")
    #expect(line.format == .consoleCompact)
    #expect(line.tag == "whatsapp")
    #expect(line.message == "Web connection closed (status 428)")
    #expect(line.time?.offset == 7200)
  }

  @Test func crlfIsRemoved() {
    let line = parse("12:00:00 [whatsapp] Listening for personal WhatsApp inbound messages.\r")
    #expect(line.message == "Listening for personal WhatsApp inbound messages.")
  }

  @Test func invalidUTF8PassesThrough() {
    let bytes = Array("[whatsapp] bad ".utf8) + [0xC3, 0x28, 0xFF] + Array(" end".utf8)
    let line = parse(bytes: bytes)
    #expect(line.tag == "whatsapp")
    #expect(line.messageBytes == Array("bad ".utf8) + [0xC3, 0x28, 0xFF] + Array(" end".utf8))
  }

  @Test func emptyLineAndGarbage() {
    let empty = parse("")
    #expect(empty.format == .bare && !empty.isOpenClaw && empty.messageBytes.isEmpty)
    let cr = parse("\r")
    #expect(cr.format == .bare && cr.messageBytes.isEmpty)

    var bytes: [UInt8] = []
    var seed: UInt32 = 12345
    for _ in 0..<4096 {
      seed = seed &* 1_103_515_245 &+ 12345
      bytes.append(UInt8(truncatingIfNeeded: seed >> 16))
    }
    bytes.removeAll { $0 == 0x0A || $0 == 0x5B || $0 == 0x7B }  // no newlines, no `[`/`{` starts
    let garbage = parse(bytes: bytes)
    #expect(garbage.format == .bare)
    #expect(!garbage.isOpenClaw)
  }

  /// Prefixes of every format, cut at every length, and hostile bytes after them: each
  /// parses to the same answer twice, and what it reads stays within the line (escapes,
  /// colours and byte arrays only shrink it); the whole samples are still their formats.
  @Test func garbageNeverCrashes() {
    let samples: [(String, LineFormat)] = [
      (#"{"0":"{\"subsystem\":\"gateway/channels/whatsapp\"}","1":"WhatsApp \u2026","_meta":{"logLevelName":"ERROR","date":"2026-04-12T09:41:02.118Z"},"time":"2026-04-12T11:41:02.118+02:00"}"#, .fileLogJSON),
      (#"{"__REALTIME_TIMESTAMP":"1776031350133347","_PID":"42","MESSAGE":[27,91,51,49,109,104]}"#, .journaldJSON),
      ("Apr 27 02:37:31.184562 host node[1630263]: 2026-04-27T02:37:31.184+08:00 [x] y", .journaldShortPrecise),
      ("openclaw-gateway  | 04:00:03+00:00 error gateway/channels/whatsapp {\"a\":\"}\"} m", .docker),
    ]
    var parser = EnvelopeParser()
    for (sample, format) in samples {
      let bytes = Array(sample.utf8)
      #expect(parse(bytes: bytes).format == format, "\(sample)")
      for cut in 0...bytes.count {
        for line in [Array(bytes[0..<cut]), Array(bytes[0..<cut]) + [0x5C, 0x22, 0x1B, 0x5B, 0xFF]] {
          let parsed = parser.snapshot(line)
          #expect(parse(bytes: line) == parse(bytes: line), "\(line)")
          #expect(parsed.messageBytes.count <= line.count && parsed.tag.utf8.count <= line.count, "\(parsed)")
        }
      }
    }
  }

  @Test func oneMegabyteLines() {
    let big = String(repeating: "a", count: 1 << 20)
    let console = parse("2026-04-12T11:41:02.118+02:00 [whatsapp] " + big)
    #expect(console.messageBytes.count == 1 << 20)

    let escaped = String(repeating: #"\u2026\"x\\"#, count: 100_000)
    let json = parse(#"{"0":"{\"subsystem\":\"gateway/ws\"}","1":"\#(escaped)","time":"2026-04-12T11:41:02.118+02:00"}"#)
    #expect(json.format == .fileLogJSON)
    #expect(json.messageBytes.count == 100_000 * 6)

    let colours = String(repeating: "\u{1b}[31mx\u{1b}[0m", count: 100_000)
    let ansi = parse("[whatsapp] " + colours)
    #expect(ansi.message == String(repeating: "x", count: 100_000))
  }
}

@Suite struct EnvelopeJournaldTests {
  @Test func shortWithHostAndPid() {
    let line = parse(
      "Apr 27 02:37:31 example-host node[1630263]: 2026-04-27T02:37:31.184+08:00 [health-monitor] started (interval: 300s, startup-grace: 60s, channel-connect-grace: 120s)")
    #expect(line.format == .journaldShort)
    #expect(line.innerFormat == .consoleCompact)
    #expect(line.pid == 1630263)
    #expect(line.tag == "health-monitor")
    #expect(line.message == "started (interval: 300s, startup-grace: 60s, channel-connect-grace: 120s)")
    // The gateway's own ISO time wins over the prefix.
    #expect(line.time?.precision == .full)
    #expect(line.time?.offset == 28800)
  }

  @Test func systemdLinesAreNotGatewayEvents() {
    let line = parse("Apr 27 02:37:30 example-host systemd[31223]: Started openclaw-gateway.service - OpenClaw Gateway (v2026.4.24).")
    #expect(line.format == .journaldShort)
    #expect(line.innerFormat == .bare)
    #expect(line.pid == 31223)
    #expect(line.message == "Started openclaw-gateway.service - OpenClaw Gateway (v2026.4.24).")
    #expect(!line.isOpenClaw)
    #expect(line.time == LogTime(seconds: utc(2000, 4, 27, 2, 37, 30), offset: nil, precision: .noYear))
  }

  @Test func prefixTimeIsUsedWhenTheGatewayPrintsNone() {
    let line = parse("Apr  2 20:20:44 node[1768617]: [gateway] signal SIGTERM received")
    #expect(line.format == .journaldShort && line.innerFormat == .bare)
    #expect(line.pid == 1768617)
    #expect(line.tag == "gateway" && line.message == "signal SIGTERM received")
    #expect(line.time == LogTime(seconds: utc(2000, 4, 2, 20, 20, 44), offset: nil, precision: .noYear))
  }

  @Test func condensedPrefixWithoutHostOrIdent() {
    let line = parse("May 20 11:00:55  [health-monitor] [slack:default] health-monitor: restarting (reason: disconnected)")
    #expect(line.format == .journaldShort)
    #expect(line.tag == "health-monitor")
    #expect(line.message == "[slack:default] health-monitor: restarting (reason: disconnected)")
  }

  @Test func yearRollsOverFromDecemberToJanuary() {
    var parser = EnvelopeParser()
    let lines = parser.snapshots(
      ofText: """
        Dec 31 23:59:59 host node[7]: [whatsapp] a
        Jan 01 00:00:01 host node[7]: [whatsapp] b
        Mar 03 10:00:00 host node[7]: [whatsapp] c
        """)
    #expect(lines[0].time?.seconds == utc(2000, 12, 31, 23, 59, 59))
    #expect(lines[1].time?.seconds == utc(2001, 1, 1, 0, 0, 1))
    #expect(lines[2].time?.seconds == utc(2001, 3, 3, 10, 0, 0))
    #expect(lines.allSatisfy { $0.time?.precision == .noYear })
  }

  @Test func shortISOWithOffsetWithoutColon() {
    let line = parse("2026-04-27T02:37:31+0800 example-host node[123]: Config invalid")
    #expect(line.format == .journaldShortISO)
    #expect(line.pid == 123)
    #expect(line.time == LogTime(seconds: utc(2026, 4, 26, 18, 37, 31), offset: 28800, precision: .full))
    #expect(line.message == "Config invalid")
  }

  @Test func shortPrecise() {
    let line = parse("Apr 27 02:37:31.184562 host node[123]: [whatsapp] Listening for personal WhatsApp inbound messages.")
    #expect(line.format == .journaldShortPrecise)
    #expect(abs((line.time?.seconds ?? 0) - utc(2000, 4, 27, 2, 37, 31.184562)) < 1e-6)
  }

  @Test func localeMonthNames() {
    let line = parse("mar 16 18:37:30 example-host node[10157]: 2026-03-16T18:37:30.456+00:00 [telegram] getUpdates conflict: x")
    #expect(line.format == .journaldShort && line.tag == "telegram")
  }

  @Test func jsonWithStringMessage() {
    let line = parse(
      #"{"__REALTIME_TIMESTAMP":"1776031350133347","_PID":"4242","SYSLOG_IDENTIFIER":"node","MESSAGE":"2026-04-12T23:57:30.133+02:00 [whatsapp] Web connection closed (status 428). Retry 1/12 in 2.27s\u2026 (status=428 Precondition Required Connection Closed)"}"#)
    #expect(line.format == .journaldJSON && line.innerFormat == .consoleCompact)
    #expect(line.pid == 4242)
    #expect(line.tag == "whatsapp")
    #expect(line.message == "Web connection closed (status 428). Retry 1/12 in 2.27s… (status=428 Precondition Required Connection Closed)")
    #expect(line.time?.offset == 7200)
  }

  @Test func jsonWithByteArrayMessageHoldingColourAndInvalidUTF8() {
    let text = Array("\u{1b}[36m[whatsapp]\u{1b}[39m bad ".utf8) + [0xFF]
    let array = "[" + text.map { String($0) }.joined(separator: ", ") + "]"
    let line = parse(#"{"__REALTIME_TIMESTAMP":"1776031350000000","_PID":"9","MESSAGE":\#(array)}"#)
    #expect(line.format == .journaldJSON && line.innerFormat == .bare)
    #expect(line.tag == "whatsapp")
    #expect(line.messageBytes == Array("bad ".utf8) + [0xFF])
    // No gateway time: journald's receive time (µs, UTC) is used, an instant in UTC.
    #expect(line.time == LogTime(seconds: 1_776_031_350, offset: 0, precision: .full, zulu: true))
  }

  @Test func dockerComposePrefix() {
    let line = parse("openclaw-gateway  | 2026-02-27T00:45:49.947Z [ws] webchat disconnected code=1005 reason=n/a")
    #expect(line.format == .docker && line.innerFormat == .consoleCompact)
    #expect(line.tag == "ws" && line.message == "webchat disconnected code=1005 reason=n/a")
    #expect(line.time?.offset == 0)
  }
}

@Suite struct EnvelopeFileLogTests {
  static let meta = #""_meta":{"runtime":"node","name":"x","date":"2026-04-12T09:41:02.118Z","logLevelId":5,"logLevelName":"ERROR"}"#

  @Test func subsystemRecordIsNormalisedLikeTheConsole() {
    let line = parse(
      #"{"0":"{\"subsystem\":\"gateway/channels/whatsapp\"}","1":"WhatsApp Web connection closed (status 428). Retry 1/12 in 2.27s… (status=428 Precondition Required Connection Closed)",\#(Self.meta),"time":"2026-04-12T11:41:02.118+02:00"}"#)
    #expect(line.format == .fileLogJSON)
    #expect(line.tag == "whatsapp")
    #expect(line.level == .error)
    #expect(line.message == "Web connection closed (status 428). Retry 1/12 in 2.27s… (status=428 Precondition Required Connection Closed)")
    #expect(line.structuredFields == nil)
    #expect(line.time?.offset == 7200)
    #expect(abs((line.time?.seconds ?? 0) - utc(2026, 4, 12, 9, 41, 2.118)) < 1e-6)
  }

  @Test func metaDateIsTheFallbackTime() {
    let line = parse(#"{"0":"{\"subsystem\":\"gateway/ws\"}","1":"hello",\#(Self.meta)}"#)
    #expect(line.time?.offset == 0)
    #expect(abs((line.time?.seconds ?? 0) - utc(2026, 4, 12, 9, 41, 2.118)) < 1e-6)
    #expect(line.tag == "ws")
  }

  @Test func structuredModuleRecord() {
    let fields = #"{"connectionId":"c2d4","status":428,"reconnectAttempts":1,"maxAttempts":12,"delayMs":2270}"#
    let line = parse(
      #"{"0":"{\"module\":\"web-reconnect\",\"runId\":\"9b1f\"}","1":\#(fields),"2":"web reconnect: scheduling retry","_meta":{"logLevelName":"INFO"},"time":"2026-04-12T11:41:02.117+02:00"}"#)
    #expect(line.tag == "web-reconnect")
    #expect(line.level == .info)
    #expect(line.message == "web reconnect: scheduling retry")
    #expect(line.structuredFields == fields)
  }

  @Test func subsystemWithMetaObject() {
    let line = parse(
      #"{"0":"{\"subsystem\":\"gateway/heartbeat\"}","1":{"intervalMs":1800000},"2":"heartbeat: started","_meta":{"runtime":"node"}}"#)
    #expect(line.tag == "heartbeat")
    #expect(line.message == "started")  // the console drops `heartbeat:` as well
    #expect(line.structuredFields == #"{"intervalMs":1800000}"#)
  }

  @Test func capturedConsoleRecord() {
    let line = parse(
      #"{"0":"WhatsApp session logged out. Run: openclaw channels login","_meta":{"name":"openclaw","logLevelName":"ERROR"},"time":"2026-04-12T12:03:10.470+02:00"}"#)
    #expect(line.tag == "")
    #expect(line.message == "WhatsApp session logged out. Run: openclaw channels login")
    // The file log is the gateway's own: its records count as OpenClaw's.
    #expect(line.isOpenClaw)
  }

  @Test func telegramPrefixWordIsRemoved() {
    let line = parse(
      #"{"0":"{\"subsystem\":\"gateway/channels/telegram\"}","1":"Telegram getUpdates conflict: Call to 'getUpdates' failed! (409: Conflict); retrying in 2.31s.","_meta":{"logLevelName":"ERROR"}}"#)
    #expect(line.tag == "telegram")
    #expect(line.message == "getUpdates conflict: Call to 'getUpdates' failed! (409: Conflict); retrying in 2.31s.")
  }

  @Test func jsonEscapesAndSurrogates() {
    let line = parse(
      #"{"0":"{\"subsystem\":\"gateway/ws\"}","1":"a\u2026 \"q\" \\ \/ tab\tnl\nend \ud83d\ude00 lone \ud800 x \u00e9"}"#)
    #expect(line.message == "a… \"q\" \\ / tab\tnl\nend 😀 lone \u{FFFD} x é")
  }

  @Test func ansiInsideJSONMessage() {
    let line = parse(
      #"{"0":"{\"subsystem\":\"gateway/channels/whatsapp\"}","1":"\u001b[31mWhatsApp Web reconnect: max attempts reached (12/12). Stopping web monitoring.\u001b[39m"}"#)
    // Colour wraps the whole text; once removed the `WhatsApp ` prefix is dropped too.
    #expect(line.message == "Web reconnect: max attempts reached (12/12). Stopping web monitoring.")
  }

  @Test func truncatedJSONIsBare() {
    let line = parse(#"{"0":"{\"subsystem\":\"gateway/ws\"}","1":"cut here"#)
    #expect(line.format == .bare && !line.isOpenClaw)
  }
}

@Suite struct EnvelopeLogsCommandTests {
  static let boom =
    #"[default] channel exited: {"error":{"data":null,"isBoom":true,"isServer":false,"output":{"statusCode":428,"payload":{"statusCode":428,"error":"Precondition Required","message":"Connection Terminated"},"headers":{}}},"date":"2026-05-01T04:00:03.238Z"}"#

  @Test func prettyKeepsTheBoomMessageIntact() {
    let line = parse(#"04:00:03+00:00 error gateway/channels/whatsapp {"subsystem":"gateway/channels/whatsapp"} "# + Self.boom)
    #expect(line.format == .logsPretty)
    #expect(line.level == .error)
    #expect(line.tag == "whatsapp")
    #expect(line.message == Self.boom)
    #expect(line.structuredFields == nil)
    #expect(line.time == LogTime(seconds: 4 * 3600 + 3, offset: 0, precision: .timeOfDay))
  }

  @Test func fileLogKeepsTheBoomMessageIntact() {
    let escaped = IncidentRenderer.jsonString(Self.boom)
    let line = parse(#"{"0":"{\"subsystem\":\"gateway/channels/whatsapp\"}","1":\#(escaped),"_meta":{"logLevelName":"ERROR"}}"#)
    #expect(line.message == Self.boom)
  }

  @Test func olderPrettyWithoutOffset() {
    let line = parse(#"16:51:41 warn gateway/ws {"subsystem":"gateway/ws"} security warning: x"#)
    #expect(line.format == .logsPretty && line.level == .warn && line.tag == "ws")
    #expect(line.message == "security warning: x")
    #expect(line.time?.offset == nil)
  }

  @Test func plainWithAndWithoutBinding() {
    let a = parse(#"2026-04-12T09:41:02.118Z error gateway/channels/whatsapp {"subsystem":"gateway/channels/whatsapp"} WhatsApp Web connection closed (status 428)."#)
    #expect(a.format == .logsPlain && a.tag == "whatsapp" && a.level == .error)
    #expect(a.message == "Web connection closed (status 428).")
    let b = parse("2026-04-12T09:41:02.118Z info gateway/health-monitor [whatsapp:default] health-monitor: restarting (reason: stale-socket)")
    #expect(b.tag == "health-monitor")
    #expect(b.message == "[whatsapp:default] health-monitor: restarting (reason: stale-socket)")
  }

  @Test func channelsLogsPrintNoSubsystem() {
    // `openclaw channels logs`: `{time} {level} {message}`; the message's first word is no subsystem.
    let a = parse("2026-04-24T03:30:58.402+02:00 warn No messages received in 30m - restarting connection")
    #expect(a.level == .warn && a.tag == "" && a.message == "No messages received in 30m - restarting connection")
    let b = parse("2026-04-24T03:31:01.220+02:00 info Listening for personal WhatsApp inbound messages.")
    #expect(b.message == "Listening for personal WhatsApp inbound messages.")
    // A capitalised word followed by its binding object is still the subsystem.
    let c = parse(#"2026-04-24T03:31:01.220+02:00 info Gateway {"subsystem":"Gateway"} started"#)
    #expect(c.message == "started")
  }

  @Test func structuredRecordInTextRendering() {
    let line = parse(
      #"23:39:35 info web-heartbeat {"module":"web-heartbeat","runId":"8636"} {"connectionId":"3b72","reconnectAttempts":0} web gateway heartbeat"#)
    #expect(line.tag == "web-heartbeat")
    #expect(line.structuredFields == #"{"connectionId":"3b72","reconnectAttempts":0}"#)
    #expect(line.message == "web gateway heartbeat")
  }

  @Test func headerLine() {
    let line = parse("Log file: /tmp/openclaw/openclaw-2026-04-12.log")
    #expect(line.format == .logsPlain && line.isOpenClaw && line.messageBytes.isEmpty)
  }

  @Test func jsonWithoutRawUsesItsFields() {
    let line = parse(
      #"{"type":"log","time":"2026-04-12T11:41:02.118+02:00","level":"error","subsystem":"gateway/channels/whatsapp","message":"{\"subsystem\":\"gateway/channels/whatsapp\"} WhatsApp Web connection closed (status 428)."}"#)
    #expect(line.format == .logsJSON && line.innerFormat == .logsJSON)
    #expect(line.tag == "whatsapp" && line.level == .error)
    #expect(line.message == "Web connection closed (status 428).")
    #expect(line.time?.offset == 7200)
  }

  @Test func jsonMetaNoticeAndRaw() {
    for text in [
      #"{"type":"meta","file":"/tmp/openclaw/openclaw-2026-04-12.log","cursor":0,"size":1}"#,
      #"{"type":"notice","message":"Log tail truncated (increase --max-bytes)."}"#,
    ] {
      let line = parse(text)
      #expect(line.format == .logsJSON && line.isOpenClaw && line.messageBytes.isEmpty)
    }
    let raw = parse(#"{"type":"raw","raw":"[whatsapp] hello"}"#)
    #expect(raw.format == .logsJSON && raw.innerFormat == .bare && raw.tag == "whatsapp")
  }

  @Test func consoleJSONStyle() {
    let line = parse(
      #"{"time":"2026-04-12T11:41:02.118+02:00","level":"error","subsystem":"gateway/channels/whatsapp","message":"WhatsApp Web connection closed (status 428).","connectionId":"c2"}"#)
    #expect(line.format == .consoleJSON && line.level == .error && line.tag == "whatsapp")
    #expect(line.message == "Web connection closed (status 428).")
  }
}

@Suite struct EnvelopeDisplayTagTests {
  private func tag(
    _ subsystem: String, channels: ChannelIDs = RuleSet.default.channelIDs, drops: ChannelIDs = RuleSet.default.tagDrops
  ) -> String {
    Array(subsystem.utf8).withUnsafeBytes {
      String(decoding: DisplayTag.forSubsystem($0, channels: channels, drops: drops), as: UTF8.self)
    }
  }

  private func strip(_ message: String, _ tag: String) -> String {
    Array(message.utf8).withUnsafeBytes { m in
      Array(tag.utf8).withUnsafeBytes { t in
        String(decoding: DisplayTag.stripTagPrefix(m, tag: t), as: UTF8.self)
      }
    }
  }

  @Test func tagsAsTheConsoleShowsThem() {
    #expect(tag("gateway/channels/whatsapp/heartbeat") == "whatsapp")
    #expect(tag("gateway/channels/whatsapp") == "whatsapp")
    #expect(tag("channels/telegram") == "telegram")
    #expect(tag("gateway/health-monitor") == "health-monitor")
    #expect(tag("gateway/ws") == "ws")
    #expect(tag("gateway") == "gateway")
    #expect(tag("browser/server") == "browser/server")
    #expect(tag("providers/a/b/c") == "b/c")
    #expect(tag("gateway/channels/feishu/x") == "feishu")
    #expect(tag("web-reconnect") == "web-reconnect")
  }

  @Test func channelIDsComeFromTheRules() {
    // A plugin channel the rule file names is shown alone; unnamed, its last two segments.
    let plugin = ChannelIDs(["whatsapp", "dingtalk"])
    #expect(tag("gateway/channels/dingtalk/stream", channels: plugin) == "dingtalk")
    #expect(tag("gateway/channels/dingtalk/stream") == "dingtalk/stream")
    #expect(tag("gateway/channels/telegram/x", channels: plugin) == "telegram/x")
    #expect(tag("gateway/channels/whatsapp", channels: ChannelIDs([])) == "whatsapp")
  }

  @Test func droppedSegmentsComeFromTheRules() {
    // `conventions.tag_drops`: with `core` among them and `channels` not, a console that names
    // its subsystems `core/…` is read so.
    let drops = ChannelIDs(["core", "gateway"])
    #expect(tag("core/channels/whatsapp/x", drops: drops) == "whatsapp/x")
    #expect(tag("core/whatsapp/heartbeat", drops: drops) == "whatsapp")
    #expect(tag("core/whatsapp/heartbeat") == "whatsapp/heartbeat")
    #expect(tag("gateway/channels/telegram", drops: ChannelIDs([])) == "channels/telegram")
  }

  @Test func redundantPrefixesAreStripped() {
    #expect(strip("WhatsApp Web connection closed", "whatsapp") == "Web connection closed")
    #expect(strip("[whatsapp]   Web connection closed", "whatsapp") == "Web connection closed")
    #expect(strip("discord: gateway: x", "discord") == "gateway: x")
    #expect(strip("discord gateway: x", "discord") == "gateway: x")
    #expect(strip("whatsappx y", "whatsapp") == "whatsappx y")
    #expect(strip("WhatsApp", "whatsapp") == "WhatsApp")
    #expect(strip("[default] starting provider", "whatsapp") == "[default] starting provider")
    #expect(strip("anything", "") == "anything")
  }
}
