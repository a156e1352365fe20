import Foundation
import Testing
import WalogTestSupport

/// The text and JSON reports of the fixture logs, compared byte for byte with golden files
/// that a person has read. `WALOG_UPDATE_GOLDENS=1 swift test` rewrites them (then read the
/// diff before committing).
@Suite struct GoldenReportTests {
  /// Every fixture with a golden; a folder that cannot be listed fails the tests that use it.
  static func logs() throws -> [String] {
    let root = WalogProcess.packageRoot.appendingPathComponent("Fixtures")
    let seeds = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("seeds").path)
    let diagnoses = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("diagnoses").path)
    return (seeds.map { "seeds/" + $0 } + diagnoses.map { "diagnoses/" + $0 }).sorted() + ["input/launchd"]
  }

  static let updating = ProcessInfo.processInfo.environment["WALOG_UPDATE_GOLDENS"] == "1"

  @Test(arguments: try nonEmpty(try logs()))
  func textReport(log: String) throws {
    let result = try WalogProcess.run(["analyze", WalogProcess.fixture(log)])
    #expect(result.status == 0)
    try compare(result.stdout, golden: Self.goldenName(log, "txt"))
  }

  @Test(arguments: try nonEmpty(try logs()))
  func jsonReport(log: String) throws {
    let result = try WalogProcess.run(["analyze", "--format", "json", WalogProcess.fixture(log)])
    #expect(result.status == 0)
    try compare(Self.normalised(result.stdout), golden: Self.goldenName(log, "json"))
  }

  /// An empty listing would run no golden test at all and pass.
  @Test func everyFixtureFolderIsListed() throws {
    let logs = try Self.logs()
    #expect(logs.contains { $0.hasPrefix("seeds/") } && logs.contains { $0.hasPrefix("diagnoses/") })
  }

  @Test func reportsAreTheSameOnEveryRun() throws {
    let path = WalogProcess.fixture("seeds/001-78-conflicts.log")
    let first = try WalogProcess.run(["analyze", "--format", "json", path]).stdout
    let second = try WalogProcess.run(["analyze", "--format", "json", path]).stdout
    #expect(first == second)
  }

  static func goldenName(_ log: String, _ ext: String) -> String {
    log.replacingOccurrences(of: "/", with: "--").replacingOccurrences(of: ".log", with: "") + "." + ext
  }

  /// The rule hash changes with every rule edit; the goldens pin what the rules conclude, so
  /// the hash of the default rule file stands as a placeholder there (a wrong hash is left as it
  /// is and fails the comparison; ``RulesHashTests`` checks the printed hash itself).
  static func normalised(_ json: String) -> String {
    json.replacingOccurrences(of: RulesHashTests.defaultHash, with: "<rules hash>")
  }

  func compare(_ actual: String, golden name: String) throws {
    let url = WalogProcess.packageRoot.appendingPathComponent("Fixtures/golden/" + name)
    if Self.updating {
      try actual.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "\(name) differs from its golden; if the change is intended, rerun with WALOG_UPDATE_GOLDENS=1 and read the diff")
  }
}
