import Foundation
import Testing

@testable import WalogCore

/// The rule files know OpenClaw, the Swift knows mechanisms: no string literal of walog's
/// sources names a kind the built-in rules declare or holds a wording their event rules look
/// for (the generated DefaultRules.swift, which is the rules, aside). So a kind or wording that
/// changes is changed in the rule files alone.
@Suite struct SourcesKnowNoOpenClawTests {
  /// Words that are walog's own (the rule language's, the reports') as well as a built-in
  /// kind's name or wording, and why.
  static let ruleLanguage: [String: String] = [
    "version": "the rule file's `version:` key and the field a `tells_version` kind fills",
    "watchdog": "the policy key `watchdog:` (its `idle_growth`)",
    "close": "the reports' English word for the closes they count (`12 closes`)",
    "OpenClaw ": "the product walog reads, named in walog's own messages",
  ]

  /// Every single-line string literal of the Swift sources, with its file and line; comment
  /// lines are not code.
  static func literals() throws -> [(place: String, text: String)] {
    let root = packageRoot.appendingPathComponent("Sources")
    let files = try FileManager.default.subpathsOfDirectory(atPath: root.path)
      .filter { $0.hasSuffix(".swift") && !$0.hasSuffix("Rules/DefaultRules.swift") }
    #expect(files.count > 50)
    let literal = try Regex(#""((?:[^"\\]|\\.)*)""#)
    var found: [(String, String)] = []
    for file in files {
      let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
      for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if line.drop(while: { $0 == " " }).hasPrefix("//") { continue }
        for match in line.matches(of: literal) {
          found.append(("Sources/\(file):\(number + 1)", String(match.output[1].substring ?? "")))
        }
      }
    }
    return found
  }

  @Test func noLiteralNamesABuiltInKind() throws {
    let kinds = Set(RuleSet.default.kinds.keys.map(\.rawValue)).subtracting(Self.ruleLanguage.keys)
    #expect(kinds.count > 20)
    let named = try Self.literals().filter { kinds.contains($0.text) }
    #expect(named.map { "\($0.place): \"\($0.text)\"" } == [], "declare what it does as a role instead")
  }

  @Test func noLiteralHoldsAWordingOfTheBuiltInRules() throws {
    // The prefilter literals of every event rule: the fixed text of its wording.
    let wordings = Set(RuleSet.default.events.flatMap { $0.literals ?? [] }.filter { $0.utf8.count >= 6 })
      .subtracting(Self.ruleLanguage.keys)
    #expect(wordings.count > 50)
    let found = try Self.literals().flatMap { literal in
      wordings.filter { Self.holds(literal.text, word: $0) }.map { "\(literal.place): '\($0)' in \"\(literal.text)\"" }
    }
    #expect(found == [], "an OpenClaw wording belongs in the rule files")
  }

  /// Whether `text` holds `wording` as words: the channel-agnostic rules' literals are word
  /// fragments (`econnect` for Reconnect and reconnect), which "reconnect loops" does not hold.
  static func holds(_ text: String, word wording: String) -> Bool {
    var from = text.startIndex
    while let found = text.range(of: wording, range: from..<text.endIndex) {
      let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
      let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
      if !(before?.isLetter ?? false), !(after?.isLetter ?? false) { return true }
      from = text.index(after: found.lowerBound)
    }
    return false
  }

  /// The check itself finds what it looks for.
  @Test func theScanSeesLiteralsButNotComments() throws {
    let literals = try Self.literals()
    #expect(literals.contains { $0.text == "gives_up" && $0.place.hasPrefix("Sources/WalogCore/Match/KindRole.swift:") })
    #expect(!literals.contains { $0.text.contains("host thaw detected") })
    #expect(Self.holds("Web connection closed (status", word: "Web connection closed"))
    #expect(!Self.holds("rebuild reconnect loops", word: "econnect"))
  }
}
