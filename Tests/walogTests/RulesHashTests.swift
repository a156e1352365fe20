import Foundation
import Testing

/// The rule hash a report prints is SHA-256 over the rule files' text (several files joined by
/// a NUL byte, docs/json-schema.md; a rule folder as the one file `walog rules show` prints for
/// the default folder): two reports with the same hash used the same rules. The goldens hold a
/// placeholder instead (``GoldenReportTests``), so this is where it is checked, against the
/// system's own `sha256sum`.
@Suite struct RulesHashTests {
  static let extraRules = WalogProcess.packageRoot.appendingPathComponent("Fixtures/reports/report-rules.yaml")

  /// SHA-256 of `bytes` in lowercase hex, by coreutils' `sha256sum` (`shasum` on macOS).
  static func sha256(_ bytes: Data) throws -> String {
    #if os(macOS)
      let (tool, arguments) = ("/usr/bin/shasum", ["-a", "256"])
    #else
      let (tool, arguments) = ("/usr/bin/sha256sum", [String]())
    #endif
    let result = try WalogProcess.run(arguments, stdin: bytes, executable: URL(fileURLWithPath: tool))
    try #require(result.status == 0, "\(tool): \(result.stderr)")
    return String(result.stdout.prefix { $0 != " " })
  }

  /// The default rules as one file (RuleFileTests checks it is the rule folder's files).
  static func defaultRules() throws -> Data {
    let show = try WalogProcess.run(["rules", "show"])
    try #require(show.status == 0, "\(show.stderr)")
    return Data(show.stdout.utf8)
  }

  /// The hash of the default rules, the ones the fixtures' reports are made with.
  static let defaultHash: String = {
    do { return try sha256(defaultRules()) } catch { fatalError("sha256 of the default rules: \(error)") }
  }()

  static func printedHash(_ arguments: [String]) throws -> String {
    let result = try WalogProcess.run(["analyze", "--format", "json"] + arguments)
    try #require(result.status == 0, "\(result.stderr)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let rules = try #require(report["rules"] as? [String: Any])
    return try #require(rules["sha256"] as? String)
  }

  @Test func theDefaultRulesHashIsTheSHA256OfTheRuleFile() throws {
    let hash = try Self.printedHash([WalogProcess.fixture("seeds/000-excerpt.log")])
    #expect(hash == Self.defaultHash)
    #expect(hash.count == 64)

    let markdown = try WalogProcess.run(["analyze", "--format", "markdown", WalogProcess.fixture("seeds/000-excerpt.log")])
    #expect(markdown.stdout.contains("(sha256 `\(hash.prefix(12))`)"))
  }

  @Test func extraRulesJoinTheHashAfterANulByte() throws {
    let hash = try Self.printedHash(["--extra-rules", Self.extraRules.path, WalogProcess.fixture("seeds/000-excerpt.log")])
    var joined = try Self.defaultRules()
    joined.append(0)
    joined.append(try Data(contentsOf: Self.extraRules))
    #expect(hash == (try Self.sha256(joined)))
    #expect(hash != Self.defaultHash)
  }
}

extension RulesHashTests {
  /// A folder's hash is taken over the one file of its files, so the default folder given with
  /// `--rules` and the file `walog rules show` prints both hash as the built-in rules.
  @Test func aFolderHashesAsItsOneFile() throws {
    let folder = WalogProcess.packageRoot.appendingPathComponent("Sources/WalogCore/Rules/openclaw").path
    let file = try EndToEndHostileInputTests.temporaryFile("show.yaml", try Self.defaultRules())
    let excerpt = WalogProcess.fixture("seeds/000-excerpt.log")
    #expect(try Self.printedHash(["--rules", folder, excerpt]) == Self.defaultHash)
    #expect(try Self.printedHash(["--rules", file, excerpt]) == Self.defaultHash)
  }
}
