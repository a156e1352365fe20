import Testing

@testable import WalogCore

@Suite struct MatchEventMatcherTests {
  let origin = Origin(input: 0, line: 7, pid: 1234)

  func match(_ line: String, rules: RuleSet = .default) -> Event? {
    let matcher = rules.makeEventMatcher()
    return withParsed(line) { matcher.match($0, origin: origin) }
  }

  @Test(arguments: [
    ("4.46s", 4.46), ("850ms", 0.85), ("2m", 120.0), ("5s", 5.0), ("1.137s", 1.137), ("30s", 30.0),
    ("1m30s", 90.0), ("1m 30s", 90.0), ("2h", 7200.0),
  ])
  func durations(text: String, seconds: Double) throws {
    let parsed = try #require(DurationText.seconds(text))
    #expect(abs(parsed - seconds) < 1e-9)
  }

  @Test func badDurations() {
    #expect(DurationText.seconds("") == nil)
    #expect(DurationText.seconds("soon") == nil)
    #expect(DurationText.seconds("5 parsecs") == nil)
  }

  @Test func closeWithRetry() throws {
    let line = "11:30:53 [whatsapp] Web connection closed (status 440). Retry 2/12 in 4.46s… (status=440 Unknown Stream Errored (conflict))"
    let event = try #require(match(line))
    #expect(event.kind == .close)
    #expect(event.ruleID == "whatsapp-close-retry")
    #expect(event.channel == "whatsapp")
    #expect(event.status == "440")
    #expect(event.attempt == 2)
    #expect(event.maxAttempts == "12")
    #expect(event.delaySeconds == 4.46)
    #expect(event.reason == "status=440 Unknown Stream Errored (conflict)")
    #expect(event.isDetail == false)
    #expect(event.origin == origin)
    #expect(event.text == "Web connection closed (status 440). Retry 2/12 in 4.46s… (status=440 Unknown Stream Errored (conflict))")
    #expect(event.fields.isEmpty)
  }

  @Test func unlimitedRetries() throws {
    let event = try #require(match("[whatsapp] Web connection closed (status unknown). Retry 3/∞ in 850ms…"))
    #expect(event.maxAttempts == "∞")
    #expect(event.delaySeconds == 0.85)
    #expect(event.status == "unknown")
  }

  @Test func boomStatusCodeFromChannelExit() throws {
    let line = #"04:00:03 [whatsapp] [default] channel exited: {"error":{"data":null,"isBoom":true,"isServer":false,"output":{"statusCode":428,"payload":{"statusCode":428,"error":"Precondition Required","message":"Connection Terminated"},"headers":{}}},"date":"2026-05-01T04:00:03.238Z"}"#
    let event = try #require(match(line))
    #expect(event.kind == .channelExit)
    #expect(event.status == "428")
    #expect(event.account == "default")
    #expect(event.channel == "whatsapp")
    #expect(event.reason?.hasPrefix(#"{"error":{"data":null"#) == true)
    let plain = try #require(match("[slack] [default] channel exited: Error: boom"))
    #expect(plain.status == nil)
    #expect(plain.reason == "Error: boom")
  }

  @Test func structuredRecordReadsJSONFields() throws {
    let line = #"{"0":"{\"module\":\"web-reconnect\",\"runId\":\"9b1f\"}","1":{"connectionId":"c2d4","status":499,"reconnectAttempts":4,"maxAttempts":"unlimited","delayMs":12840},"2":"web reconnect: scheduling retry","_meta":{"logLevelName":"INFO"},"time":"2026-04-12T11:41:02.117+02:00"}"#
    let event = try #require(match(line))
    #expect(event.kind == .retry)
    #expect(event.isDetail)
    #expect(event.channel == "whatsapp")
    #expect(event.status == "499")
    #expect(event.attempt == 4)
    #expect(event.maxAttempts == "∞")
    #expect(event.delaySeconds == 12.84)
    #expect(event.fields == ["connection_id": "c2d4"])
  }

  @Test func channelFromCaptureAndFromTag() throws {
    let health = try #require(match("[health-monitor] [discord:alpha] health-monitor: restarting (reason: stuck)"))
    #expect(health.kind == .healthRestart)
    #expect(health.channel == "discord")
    #expect(health.account == "alpha")
    #expect(health.reason == "stuck")
    let restart = try #require(match("[line] [default] auto-restart attempt 2/10 in 11s"))
    #expect(restart.kind == .autoRestart)
    #expect(restart.channel == "line")
    #expect(restart.attempt == 2)
    #expect(restart.maxAttempts == "10")
    #expect(restart.delaySeconds == 11)
  }

  @Test func logoutRestatementIsADetail() throws {
    let human = try #require(match("[whatsapp] session logged out. Run `openclaw channels login --channel web` to relink."))
    let console = try #require(match("WhatsApp session logged out. Run: openclaw channels login"))
    #expect(human.kind == .logout)
    #expect(human.isDetail == false)
    #expect(console.kind == .logout)
    #expect(console.isDetail)
    #expect(console.status == "401")
  }

  @Test func versionLines() throws {
    #expect(match("Started openclaw-gateway.service - OpenClaw Gateway (v2026.4.24).")?.fields["version"] == "2026.4.24")
    #expect(match("🦞 OpenClaw 2026.4.9 (0512059) — Ah, the fruit tree company! 🍎")?.kind == .version)
  }

  @Test func onlyCandidatesRunAndCountersCount() throws {
    let matcher = RuleSet.default.makeEventMatcher()
    let line = "[whatsapp] Web connection closed (status 428). Retry 1/12 in 2.27s…"
    let none = withParsed(line) { matcher.match($0, candidates: [Int](), origin: origin) }
    #expect(none == nil)
    #expect(matcher.regexCalls == 0)
    let index = try #require(RuleSet.default.index(ofRule: "whatsapp-close-retry"))
    let conflict = try #require(RuleSet.default.index(ofRule: "whatsapp-close-conflict"))
    let event = withParsed(line) { matcher.match($0, candidates: [conflict, index], origin: origin) }
    #expect(event?.ruleID == "whatsapp-close-retry")
    #expect(matcher.regexCalls == 2)
    #expect(matcher.matches == 1)
  }

  @Test func catastrophicPatternIsDisabledAfterThreeLimitHits() throws {
    let yaml = """
      version: 1
      events:
        - id: catastrophic
          kind: close
          pattern: '^(a+)+$'
          literal: aa
        - id: fine
          kind: close
          pattern: '^a+b$'
          literal: ab
      """
    let rules = try RuleSet.load(yaml: yaml, name: "slow.yaml")
    let matcher = rules.makeEventMatcher(matchLimit: 10_000)
    let line = "[x] " + String(repeating: "a", count: 40) + "b"
    for attempt in 1...5 {
      let event = withParsed(line) { matcher.match($0, origin: origin) }
      // The other rule still matches every time.
      #expect(event?.ruleID == "fine")
      #expect(matcher.disabled[0] == (attempt >= 3))
    }
    #expect(matcher.regexCalls == 3 + 5)
    #expect(matcher.warnings == ["rule 'catastrophic' (slow.yaml:3:5) disabled: its pattern hit PCRE2's match limit 3 times"])
  }

  @Test func jsonFieldReader() {
    let object = #"{"a":"x\"y\u00e9\ud83d\ude00","n":-12.5,"o":{"k":[1,"}"]},"t":true,"z":null}"#
    let bytes = Array(object.utf8)
    bytes.withUnsafeBytes { raw in
      #expect(JSONFieldReader.value(forKey: "a", in: raw) == "x\"yé😀")
      #expect(JSONFieldReader.value(forKey: "n", in: raw) == "-12.5")
      #expect(JSONFieldReader.value(forKey: "o", in: raw) == #"{"k":[1,"}"]}"#)
      #expect(JSONFieldReader.value(forKey: "t", in: raw) == "true")
      #expect(JSONFieldReader.value(forKey: "z", in: raw) == nil)
      #expect(JSONFieldReader.value(forKey: "missing", in: raw) == nil)
    }
    #expect(Array("not json".utf8).withUnsafeBytes { JSONFieldReader.value(forKey: "a", in: $0) } == nil)
  }

  /// A high surrogate followed by an escape that is no low surrogate (a fuzzer found the
  /// overflow this was): each stays lone, U+FFFD, and the rest of the string is read.
  @Test func loneSurrogatesReadAsReplacementCharacters() {
    let object = #"{"a":"\ud900\ud900Z\ud83d\u0041!"}"#
    let value = Array(object.utf8).withUnsafeBytes { JSONFieldReader.value(forKey: "a", in: $0) }
    #expect(value == "\u{FFFD}\u{FFFD}Z\u{FFFD}A!")
  }
}
