import Testing

@testable import WalogCore

@Suite struct MatchPatternTests {
  @Test func namedCapturesAsByteRanges() throws {
    let pattern = try Pattern(#"closed \(status (?<status>\d+)\)\. Retry (?<attempt>\d+)/(?<max>\d+|∞)"#)
    #expect(pattern.groupNumbers == ["status": 1, "attempt": 2, "max": 3])
    #expect(pattern.groupNames == ["status", "attempt", "max"])
    #expect(pattern.isJITCompiled)
    let matcher = pattern.makeMatcher()
    let subject = Array("Web connection closed (status 428). Retry 3/∞ in 2s".utf8)
    try subject.withUnsafeBytes { bytes in
      #expect(matcher.match(bytes) == .match)
      #expect(matcher.range(named: "status") == 30..<33)
      #expect(matcher.string(named: "status", in: bytes) == "428")
      #expect(matcher.string(named: "attempt", in: bytes) == "3")
      #expect(matcher.string(named: "max", in: bytes) == "∞")
      let whole = try #require(matcher.range(ofGroup: 0))
      #expect(whole.lowerBound == 15)
    }
  }

  @Test func invalidUTF8InTheSubjectIsTolerated() throws {
    let matcher = try Pattern(#"status=(?<status>\d+) (?<rest>\w+)"#).makeMatcher()
    // FF FE and a lone continuation byte are not UTF-8; matching still works around them.
    var subject: [UInt8] = [0xFF, 0xFE]
    subject += Array(" status=500 ok ".utf8) + [0x80] + Array(" end".utf8)
    subject.withUnsafeBytes { bytes in
      #expect(matcher.match(bytes) == .match)
      #expect(matcher.string(named: "status", in: bytes) == "500")
      #expect(matcher.string(named: "rest", in: bytes) == "ok")
    }
    // An invalid byte never matches a character: `.+$` cannot run across it…
    let across = try Pattern(#"ok (?<rest>.+)$"#).makeMatcher()
    #expect(subject.withUnsafeBytes { across.match($0) } == .noMatch)
    // …but text after it still matches.
    let after = try Pattern(#"(?<tail>.+)$"#).makeMatcher()
    subject.withUnsafeBytes { bytes in
      #expect(after.match(bytes) == .match)
      #expect(after.string(named: "tail", in: bytes) == " end")
    }
  }

  @Test func unsetGroupHasNoRange() throws {
    let matcher = try Pattern(#"^a(?<opt>b)?c"#).makeMatcher()
    Array("ac".utf8).withUnsafeBytes { bytes in
      #expect(matcher.match(bytes) == .match)
      #expect(matcher.range(named: "opt") == nil)
      #expect(matcher.range(named: "nope") == nil)
    }
    Array("xx".utf8).withUnsafeBytes { bytes in
      #expect(matcher.match(bytes) == .noMatch)
      #expect(matcher.range(ofGroup: 0) == nil)
    }
    #expect([UInt8]().withUnsafeBytes { matcher.match($0) } == .noMatch)
  }

  @Test func compileErrorCarriesOffsetAndMessage() {
    #expect(throws: PatternError(pattern: "ab(c", offset: 4, code: 114, message: "missing closing parenthesis")) {
      try Pattern("ab(c")
    }
    do {
      _ = try Pattern("x[é")
    } catch {
      #expect(error.offset == 4)  // bytes, not characters: é is two bytes
      #expect(error.description == "missing terminating ] for character class at offset 4")
    }
  }

  @Test func matchLimitIsReported() throws {
    let matcher = try Pattern("^(a+)+$").makeMatcher(matchLimit: 1000)
    let subject = Array(String(repeating: "a", count: 40).utf8) + [UInt8(ascii: "b")]
    #expect(subject.withUnsafeBytes { matcher.match($0) } == .limitHit)
  }
}
