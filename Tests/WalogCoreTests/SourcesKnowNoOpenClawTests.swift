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
    "channels": "the rule file's `channels:` key (`tag_drops` is checked by theConventionsAreReadFromTheRules)",
    "0": "a digit of walog's number reading (`unlimited_max` is checked by theConventionsAreReadFromTheRules)",
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

  /// The `conventions:` facts of the built-in rules as text a literal could hold: the gateway's
  /// stream and default account, the account flag's words, the words for an unlimited `N`, the
  /// tag segments the console drops and the level marks of `openclaw logs`.
  static func conventionFacts() -> Set<String> {
    let facts = RuleSet.default.conventions
    let flag = (facts.accountFlag ?? "").split(separator: "{account}").map { String($0) }
    return Set([facts.stream, facts.defaultAccount].compactMap { $0 } + flag + (facts.unlimitedMax ?? [])
      + (facts.tagDrops ?? []) + (facts.problemMarks ?? []))
      .subtracting(Self.ruleLanguage.keys)
  }

  @Test func noLiteralHoldsAConventionOfTheRules() throws {
    let facts = Self.conventionFacts()
    #expect(facts.count >= 7)
    let found = try Self.literals().flatMap { literal in
      // A word (`gateway`, `default`) names the fact as a literal of its own; a text with
      // spaces or marks (` --account `, ` error gateway/`) anywhere in one.
      facts.filter { literal.text == $0 || (!$0.allSatisfy(\.isLetter) && literal.text.contains($0)) }
        .map { "\(literal.place): '\($0)' in \"\(literal.text)\"" }
    }
    #expect(found == [], "a fact of how the gateway names things belongs in the rules' `conventions:`")
  }

  /// A rule file that changes every `conventions:` fact changes what walog does: none of them is
  /// also kept in the Swift (what the literal scan cannot tell: `0`, `channels`, a fact spelt
  /// another way).
  @Test func theConventionsAreReadFromTheRules() throws {
    let fork = try RuleSet.default.extended(
      with: RuleSet.load(
        yaml: """
          version: 2
          conventions:
            stream: process
            default_account: primary
            account_flag: ' -a {account}'
            unlimited_max: [endless]
            tag_drops: [core, channels]
            problem_marks: [' ERR core/']
          """, name: "fork.yaml"))
    func close(_ attempt: Int) -> String {
      "Web connection closed (status 440). Retry \(attempt)/0 in 2s… (status=440 Unknown Stream Errored (conflict))"
    }
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("walog-facts-\(getpid()).log")
    try [
      "2026-04-12T10:00:00.000Z [whatsapp] \(close(1))",
      "2026-04-12T10:00:03.000Z [whatsapp] [work] starting provider (+15550104477)",
      "2026-04-12T10:00:06.000Z [whatsapp] \(close(1))",
      "2026-04-12T10:00:08.000Z [whatsapp] \(close(2))",
      "2026-04-12T10:00:09.000Z [health] host thaw detected: process was frozen ~5000ms; restarting channels",
    ].joined(separator: "\n").write(to: log, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: log) }

    struct Seen: Equatable {
      var streams: [String]
      var max: [String?]
      var action: String?
      var gatewayRestarts: Int?
      var tag: String
      var marks: [String]
    }
    func seen(_ rules: RuleSet) throws -> Seen {
      let analysis = try Analyzer.run(
        AnalysisRequest(paths: [log.path]), rules: rules, diagnoses: rules.diagnosisRules()
      ).analysis
      var parser = EnvelopeParser(options: EnvelopeOptions(rules: rules))
      let record = #"{"0":"{\"subsystem\":\"core/channels/whatsapp/web\"}","1":"x","_meta":{"date":"2026-04-12T10:00:00.000Z","logLevelName":"INFO"},"time":"2026-04-12T10:00:00.000Z"}"#
      return Seen(
        streams: analysis.streams.map(\.key.description),
        max: analysis.streams.flatMap { $0.history.runs.kept.items.map(\.maxAttempts) },
        action: analysis.findings.first { $0.id == "whatsapp-session-conflict" && $0.stream?.account == "work" }?
          .actions.first { $0.contains("login") },
        gatewayRestarts: analysis.streams.first { $0.key.channel == "gateway" }?.history.restarts.count,
        tag: parser.snapshot(record).tag,
        marks: ProblemLines.literals(rules).filter { $0.hasPrefix(" ") })
    }
    func relink(_ flag: String) -> String {
      "Then relink once: `openclaw channels logout --channel whatsapp\(flag)`, then `openclaw channels login --channel whatsapp\(flag)`."
    }
    let builtIn = try seen(.default)
    let forked = try seen(fork)
    #expect(
      builtIn
        == Seen(
          streams: ["gateway:default", "whatsapp:default", "whatsapp:work"], max: ["∞", "∞"],
          action: relink(" --account work"), gatewayRestarts: 0,
          tag: "whatsapp/web", marks: [" error gateway/", " warn gateway/"]))
    #expect(
      forked
        == Seen(
          streams: ["gateway:primary", "whatsapp:primary", "whatsapp:work"], max: ["0", "0"],
          action: relink(" -a work"), gatewayRestarts: 1,
          tag: "whatsapp", marks: [" ERR core/"]))
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
