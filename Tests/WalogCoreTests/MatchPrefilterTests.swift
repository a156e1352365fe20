import Foundation
import Testing

@testable import WalogCore

@Suite struct MatchPrefilterTests {
  /// What the prefilter must report: for each line containing a literal, the rules hit
  /// (byte by byte: every line × every literal).
  func naive(_ text: String, literals: [[String]]) -> [([UInt8], [Int])] {
    func contains(_ line: ArraySlice<UInt8>, _ literal: [UInt8]) -> Bool {
      guard !literal.isEmpty, line.count >= literal.count else { return false }
      for start in line.startIndex...(line.endIndex - literal.count)
      where line[start..<start + literal.count].elementsEqual(literal) {
        return true
      }
      return false
    }
    let bytes = literals.map { $0.map { Array($0.utf8) }.filter { $0.count >= 2 && !$0.contains(0x0A) } }
    let message = Array(Prefilter.byteArrayMessage.utf8)
    var result: [([UInt8], [Int])] = []
    for line in Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false) {
      var rules = bytes.indices.filter { rule in bytes[rule].contains { contains(line, $0) } }
      if contains(line, message) { rules = Array(literals.indices) }
      if !rules.isEmpty { result.append((Array(line), rules)) }
    }
    return result
  }

  func scanned(_ text: String, _ prefilter: Prefilter) -> [([UInt8], [Int])] {
    Array(text.utf8).withUnsafeBytes { block in
      prefilter.scan(block).map { candidate in
        (Array(block[candidate.range]), Array(prefilter.rules(of: candidate)))
      }
    }
  }

  func check(_ text: String, literals: [[String]], width: Int = TeddyLiterals.defaultWidth, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let want = naive(text, literals: literals)
    // Every kernel this CPU runs.
    for kernel in Self.kernels {
      let got = scanned(text, Prefilter(literals: literals, kernel: kernel, width: width))
      #expect(got.map(\.0) == want.map(\.0), "kernel: \(kernel)", sourceLocation: sourceLocation)
      #expect(got.map(\.1) == want.map(\.1), "kernel: \(kernel)", sourceLocation: sourceLocation)
    }
  }

  static let kernels = TeddyLiterals.availableEngines

  /// Lines made of random bytes from `alphabet` with literals planted at random places,
  /// including the very start and end of the text.
  func planted(_ literals: [[UInt8]], length: Int, alphabet: [UInt8], generator: inout InputSeededGenerator) -> [UInt8] {
    var text = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
    guard !literals.isEmpty, length > 0 else { return text }
    for _ in 0..<(1 + length / 40) {
      let literal = literals[Int(generator.next() % UInt64(literals.count))]
      guard literal.count <= text.count else { continue }
      let at: Int
      switch generator.next() % 4 {
      case 0: at = 0
      case 1: at = text.count - literal.count
      default: at = Int(generator.next() % UInt64(text.count - literal.count + 1))
      }
      text.replaceSubrange(at..<at + literal.count, with: literal)
    }
    return text
  }

  @Test func plantedLiteralsAtEveryAlignmentAgreeWithNaiveSearch() {
    // Each literal planted at every offset 0..<70 of a line (so at every 32-byte alignment
    // and across the 64-byte steps), in lines of several lengths, for each width.
    let literals = [["Failed"], ["xception", "auth state is still stabilizing after "], ["ab"], ["\"MESSAGE\":["],
                    [String(repeating: "long literal ", count: 4) + "end"]]
    for width in 2...4 {
      for literal in literals.flatMap({ $0 }) {
        for at in stride(from: 0, to: 70, by: 1) {
          var line = [UInt8](repeating: UInt8(ascii: "-"), count: at) + Array(literal.utf8)
          line += [UInt8](repeating: UInt8(ascii: "."), count: at % 7)
          let text = String(decoding: line, as: UTF8.self) + "\nplain\n" + String(decoding: line, as: UTF8.self)
          check(text, literals: literals, width: width)
        }
      }
    }
  }

  @Test func randomLiteralSetsAgreeWithNaiveSearch() {
    // Literals of 2...60 bytes over a small alphabet (so they share nibbles and many land in
    // one bucket), up to 300 of them (buckets overflow), texts of 0...300 bytes.
    var generator = InputSeededGenerator(seed: 99)
    let alphabets = [Array("abAB \n:[".utf8), Array("ae".utf8) + [0xC3, 0xA9, 0x0A], Array("qrstuvwxyz0123456789 \n".utf8)]
    for round in 0..<120 {
      let alphabet = alphabets[round % alphabets.count]
      let letters = alphabet.filter { $0 != 0x0A }
      let count = round % 10 == 0 ? 150 + Int(generator.next() % 150) : 1 + Int(generator.next() % 40)
      let bytes: [[UInt8]] = (0..<count).map { _ in
        let length = generator.next() % 4 == 0 ? 2 + Int(generator.next() % 59) : 2 + Int(generator.next() % 6)
        return (0..<length).map { _ in letters[Int(generator.next() % UInt64(letters.count))] }
      }
      let literals = bytes.map { [String(decoding: $0, as: UTF8.self)] }.filter { $0[0].utf8.count >= 2 }
      let usable = literals.map { Array($0[0].utf8) }
      let text = planted(usable, length: Int(generator.next() % 300), alphabet: alphabet, generator: &generator)
      check(String(decoding: text, as: UTF8.self), literals: literals, width: 2 + round % 3)
    }
  }

  @Test func smallBlocksAndLaterBlocksAgreeWithNaiveSearch() {
    // One prefilter per kernel scans blocks of 0...100 bytes in turn: it is planned from the
    // first block, and every later block, unlike it, must still be searched exactly.
    var generator = InputSeededGenerator(seed: 5)
    let literals = RuleSet.default.events.map { $0.literals ?? [] } + [["ab"], ["zz top"]]
    let usable = literals.flatMap { $0 }.map { Array($0.utf8) }.filter { $0.count >= 2 && $0.count <= 40 }
    for kernel in Self.kernels {
      let prefilter = Prefilter(literals: literals, kernel: kernel)
      for size in 0...100 {
        let alphabet = size % 2 == 0 ? Array("abz top\n".utf8) : Array("Failed error: [WARN]\n".utf8)
        let text = String(decoding: planted(usable, length: size, alphabet: alphabet, generator: &generator), as: UTF8.self)
        let want = naive(text, literals: literals)
        let got = scanned(text, prefilter)
        #expect(got.map(\.0) == want.map(\.0), "kernel \(kernel), size \(size)")
        #expect(got.map(\.1) == want.map(\.1), "kernel \(kernel), size \(size)")
      }
    }
  }

  @Test func aFullMatchBufferResumesWithoutLossOrRepeat() {
    // Every byte starts an occurrence, so the kernels fill their output and resume many
    // times in one block, at every block end (sizes around multiples of 32, and one whose
    // last bytes hold literals shorter than the fingerprint).
    let literals = [["aa"], ["aab"], ["ba"], ["b\u{0}"]]
    for size in [31, 32, 33, 64, 65, 95, 96, 97, 40_000, 100_003] {
      let text = String((0..<size).map { $0 % 9 == 8 ? "\n" : ($0 % 7 == 6 ? "b" : "a") })
      let want = naive(text, literals: literals)
      for kernel in Self.kernels {
        for width in [2, 3] {
          let got = scanned(text, Prefilter(literals: literals, kernel: kernel, width: width))
          #expect(got.map(\.0) == want.map(\.0), "size \(size), kernel \(kernel), width \(width)")
          #expect(got.map(\.1) == want.map(\.1), "size \(size), kernel \(kernel), width \(width)")
        }
      }
    }
  }

  @Test func planFromASmallFirstBlockIsRedoneOnABigBlock() {
    // A tiny first block, then blocks big enough to plan again from, unlike the first.
    var generator = InputSeededGenerator(seed: 11)
    let literals = RuleSet.default.events.map { $0.literals ?? [] } + [ProblemLines.literals(.default)]
    let usable = literals.flatMap { $0 }.map { Array($0.utf8) }.filter { $0.count >= 2 }
    let prefilter = Prefilter(literals: literals, kernel: .best)
    let sizes = [40, 70_000, 300, 600_000, 90]
    let alphabets = [Array("abc \n".utf8), Array("thinking processing ing ng \n".utf8), Array("[WARN] error: Failed\n".utf8)]
    for (number, size) in sizes.enumerated() {
      let text = String(decoding: planted(usable, length: size, alphabet: alphabets[number % 3], generator: &generator), as: UTF8.self)
      let want = naive(text, literals: literals)
      let got = scanned(text, prefilter)
      #expect(got.map(\.0) == want.map(\.0), "block \(number)")
      #expect(got.map(\.1) == want.map(\.1), "block \(number)")
    }
  }

  @Test func fixturesAgreeWithNaiveSearch() throws {
    let literals = RuleSet.default.events.map { $0.literals ?? [] } + [ProblemLines.literals(.default)]
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures")
    let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
      .compactMap { $0 as? URL }.filter { !$0.hasDirectoryPath }
    var checked = 0
    for file in files {
      guard let data = try? Data(contentsOf: file), !data.isEmpty else { continue }
      let text = String(decoding: data, as: UTF8.self)
      // Compare on the bytes as decoded, so that invalid UTF-8 cannot differ.
      check(text, literals: literals)
      checked += 1
    }
    #expect(checked > 20)
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
    var generator = InputSeededGenerator(seed: 42)
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

  @Test func longLiteralsSharingStemsAgreeWithNaiveSearch() {
    // Literals built around a few shared stems, so that many share fingerprints; lines made
    // of pieces of literals, so that a line often holds a fingerprint but not its literal,
    // or a literal split around a newline.
    var generator = InputSeededGenerator(seed: 7)
    let alphabet = Array("ab ".utf8)
    func random(_ length: Int) -> [UInt8] { (0..<length).map { _ in alphabet[Int(generator.next() % 3)] } }
    for _ in 0..<200 {
      let stems = (0..<(1 + Int(generator.next() % 3))).map { _ in random(12) }
      let literals: [[UInt8]] = (0..<(1 + Int(generator.next() % 12))).map { _ in
        random(Int(generator.next() % 4)) + stems[Int(generator.next() % UInt64(stems.count))]
          + random(Int(generator.next() % 5))
      }
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
