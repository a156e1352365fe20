import Testing

@testable import WalogCore

@Suite struct MatchPrefilterTests {
  /// What the prefilter must report: for each line containing a literal, the rules hit.
  func naive(_ text: String, literals: [[String]]) -> [(String, [Int])] {
    var result: [(String, [Int])] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var rules = literals.indices.filter { rule in literals[rule].contains { line.contains($0) } }
      if line.contains(Prefilter.byteArrayMessage) { rules = Array(literals.indices) }
      if !rules.isEmpty { result.append((String(line), rules)) }
    }
    return result
  }

  func scanned(_ text: String, _ prefilter: Prefilter) -> [(String, [Int])] {
    Array(text.utf8).withUnsafeBytes { block in
      prefilter.scan(block).map { candidate in
        (String(decoding: block[candidate.range], as: UTF8.self), Array(prefilter.rules(of: candidate)))
      }
    }
  }

  func check(_ text: String, literals: [[String]], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let want = naive(text, literals: literals)
    // Both engines: Vectorscan and the Wu–Manber fallback.
    for vectorscan in [true, false] {
      let got = scanned(text, Prefilter(literals: literals, vectorscan: vectorscan))
      #expect(got.map(\.0) == want.map(\.0), "vectorscan: \(vectorscan)", sourceLocation: sourceLocation)
      #expect(got.map(\.1) == want.map(\.1), "vectorscan: \(vectorscan)", sourceLocation: sourceLocation)
    }
  }

  @Test func realisticBlockWithDefaultLiterals() throws {
    let literals = RuleSet.default.events.map { $0.literals ?? [] }
    var lines: [String] = []
    for rule in RuleSet.default.events { lines += rule.samples.map(\.line) }
    lines += [
      "11:30:48 [ws] ⇄ res ✓ channels.status 188ms conn=e64dd252…3cf5",
      #"{"MESSAGE":[50,48,50,54],"_PID":"1234"}"#,
      "",
      "plain text without anything",
    ]
    check(lines.joined(separator: "\n") + "\n", literals: literals)
    // Without the final newline too.
    check(lines.joined(separator: "\n"), literals: literals)
    let prefilter = Prefilter(literals: literals)
    _ = scanned(lines.joined(separator: "\n") + "\n", prefilter)
    #expect(prefilter.candidateLines >= RuleSet.default.events.count)
  }

  @Test func randomBlocksAgreeWithNaiveSearch() {
    var generator = SplitMix(seed: 42)
    let alphabet = Array("ab c\n]xy[".utf8)
    for round in 0..<300 {
      let literalCount = 1 + Int(generator.next() % 70)
      var literals: [[String]] = []
      for _ in 0..<literalCount {
        let count = 1 + Int(generator.next() % 2)
        literals.append((0..<count).map { _ in
          let length = 2 + Int(generator.next() % 5)
          return String(decoding: (0..<length).map { _ in alphabet[Int(generator.next() % 8)] }.filter { $0 != 0x0A }, as: UTF8.self)
        }.filter { $0.utf8.count >= 2 })
      }
      let length = Int(generator.next() % 400)
      let text = String(decoding: (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }, as: UTF8.self)
      check(text, literals: literals)
      if round == 0 { check("", literals: literals) }
    }
  }

  @Test func longLiteralsSharingAnchorsAgreeWithNaiveSearch() {
    // Literals longer than an anchor built around a few shared stems, so that many share
    // one anchor; lines made of pieces of literals, so that a line often holds an anchor
    // but not its literal, or a literal split around a newline.
    var generator = SplitMix(seed: 7)
    let alphabet = Array("ab ".utf8)
    func random(_ length: Int) -> [UInt8] { (0..<length).map { _ in alphabet[Int(generator.next() % 3)] } }
    var sharedAnchors = 0
    for _ in 0..<200 {
      let stems = (0..<(1 + Int(generator.next() % 3))).map { _ in random(LiteralAnchors.length) }
      let literals: [[UInt8]] = (0..<(1 + Int(generator.next() % 12))).map { _ in
        random(Int(generator.next() % 4)) + stems[Int(generator.next() % UInt64(stems.count))]
          + random(Int(generator.next() % 5))
      }
      sharedAnchors += literals.count - LiteralAnchors(literals).anchors.count
      var text: [UInt8] = []
      for _ in 0..<30 {
        let literal = literals[Int(generator.next() % UInt64(literals.count))]
        let from = Int(generator.next() % UInt64(literal.count / 2))
        let to = literal.count - Int(generator.next() % UInt64(literal.count / 3 + 1))
        text += random(Int(generator.next() % 4)) + literal[from..<to] + random(Int(generator.next() % 4))
        if generator.next() % 3 == 0 { text.append(0x0A) }
      }
      check(String(decoding: text, as: UTF8.self), literals: literals.map { [String(decoding: $0, as: UTF8.self)] })
    }
    #expect(sharedAnchors > 100)
  }

  @Test func manyRulesUseSeveralBitsetWords() {
    let literals = (0..<130).map { ["rule-\($0)-x"] }
    let prefilter = Prefilter(literals: literals)
    #expect(prefilter.wordsPerLine == 3)
    let got = scanned("rule-129-x and rule-3-x\nnothing\nrule-64-x\n", prefilter)
    #expect(got.map(\.1) == [[3, 129], [64]])
  }

  @Test func byteArrayMessageMakesEveryRuleACandidate() {
    let prefilter = Prefilter(literals: [["alpha"], ["beta"], ["gamma"]])
    let got = scanned(#"{"MESSAGE":[104,105],"PRIORITY":"6"}"# + "\n", prefilter)
    #expect(got.map(\.1) == [[0, 1, 2]])
  }
}

/// A small deterministic generator so failures reproduce.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
