import Testing

@testable import WalogCore

@Suite struct RulesMergeTests {
  @Test func extraRulesOverrideByIDAndAppendNewOnes() throws {
    let base = RuleSet.default
    let merged = try RuleSet.load(rules: nil, extraRules: [fixturePath("extra-override.yaml")])
    #expect(merged.events.count == base.events.count + 1)
    // Same position in the match order, new content.
    let index = try #require(base.index(ofRule: "whatsapp-close-retry"))
    #expect(merged.events[index].id == "whatsapp-close-retry")
    #expect(merged.events[index].fields == ["source": "extra"])
    #expect(merged.events.last?.id == "custom-bridge-down")
    #expect(merged.events.last?.kind == EventKind(rawValue: "bridge_down"))
    #expect(merged.status(channel: "whatsapp", code: "428")?.name == "closed by server")
    #expect(merged.file.statuses.count == base.file.statuses.count)

    var parser = EnvelopeParser()
    #expect(merged.checkSamples { parser.parse($0) }.isEmpty)

    let matcher = merged.makeEventMatcher()
    let prefilter = merged.makePrefilter()
    let line = "[bridge] link went down (code 7)\n"
    let event = Array(line.utf8).withUnsafeBytes { block -> Event? in
      prefilter.scan(block)
      guard let candidate = prefilter.candidates.first else { return nil }
      let parsed = parser.parse(UnsafeRawBufferPointer(rebasing: block[candidate.range]))
      return prefilter.withRules(of: candidate) { matcher.match(parsed, candidates: $0, origin: Origin(input: 0, line: 1)) }
    }
    #expect(event?.ruleID == "custom-bridge-down")
    #expect(event?.status == "7")
    #expect(event?.channel == "bridge")
  }

  @Test func replacingTheDefaultFile() throws {
    let rules = try RuleSet.load(rules: fixturePath("extra-override.yaml"), extraRules: [])
    #expect(rules.events.map(\.id) == ["whatsapp-close-retry", "custom-bridge-down"])
  }
}
