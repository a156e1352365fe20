import Testing

@testable import WalogCore

@Suite struct MatchLiteralExtractorTests {
  @Test(arguments: [
    // Escaped punctuation is literal; an optional group or a class ends a run.
    (#"^(?:WhatsApp )?Web connection closed \(status (?<status>\d+)\)"#, ["Web connection closed (status "]),
    // A non-optional group without alternation contributes its inside to the run.
    (#"^(?:Web (?:connection) closed) now"#, ["Web connection closed now"]),
    // Alternation at the top of a group: an any-of set when every branch has a literal.
    (#"^gateway (?:disconnected|connection lost) \d+"#, ["disconnected", "connection lost"]),
    (#"^(?:alpha|beta) \d+ (?:gamma|delta)"#, ["gamma", "delta"]),
    // A top-level alternation.
    (#"foo bar|baz qux"#, ["foo bar", "baz qux"]),
    // Repetition with a minimum of one keeps the repeated text required.
    (#"(?:abcd)+x"#, ["abcdx"]),
    (#"ab{3}cd"#, ["abbbcd"]),
    // Zero-width assertions and lookarounds do not break a run.
    (#"\bgiving\b up(?= now) after"#, ["giving up after"]),
    // Characters that JSON escapes, control characters and non-ASCII cut runs.
    (#"say "hello world" now"#, ["hello world"]),
    (#"Retry 1/12 in 2s… \(status"#, ["Retry 1/12 in 2s"]),
    (#"a\tlong tail text"#, ["long tail text"]),
    // \Q…\E quotes.
    (#"\Q(1+1)*2\E = four"#, ["(1+1)*2 = four"]),
    // Escapes: hex and classes.
    (#"\x41BC\d+DEF"#, ["ABC"]),
  ])
  func derives(pattern: String, expected: [String]) throws {
    _ = try Pattern(pattern)  // every hand case is a valid PCRE2 pattern
    #expect(LiteralExtractor.literals(for: pattern) == expected)
  }

  @Test(arguments: [
    #"(?i)^web connection closed"#,  // caseless
    #"(?x) web \s connection"#,  // extended mode changes what spaces mean
    #"^\d+ [a-z]+ .*$"#,  // no fixed text
    #"^ab?c"#,  // too short
  ])
  func givesNil(pattern: String) throws {
    _ = try Pattern(pattern)
    #expect(LiteralExtractor.literals(for: pattern) == nil)
  }

  @Test func branchWithoutLiteralFallsBackToTheRest() {
    // One branch has no literal, so the group gives nothing; " bar" still does.
    #expect(LiteralExtractor.literals(for: #"(?:foo|\d+) bar"#) == [" bar"])
  }

  /// Every default rule: its literals occur in every raw sample line it matches.
  @Test func everyDefaultRuleSampleContainsOneOfItsLiterals() {
    for rule in RuleSet.default.events {
      let literals = rule.literals ?? []
      #expect(!literals.isEmpty, "\(rule.id)")
      for sample in rule.samples where sample.shouldMatch {
        #expect(literals.contains { sample.line.contains($0) }, "\(rule.id): \(literals) not in \(sample.line)")
      }
    }
  }

  /// Derived literals never contain bytes the JSON file log escapes.
  @Test func defaultLiteralsAreJSONSafe() {
    for rule in RuleSet.default.events {
      for literal in rule.literals ?? [] {
        #expect(literal.utf8.allSatisfy(LiteralExtractor.isLiteralSafe), "\(rule.id): \(literal)")
      }
    }
  }
}
