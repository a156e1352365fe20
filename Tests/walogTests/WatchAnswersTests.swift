import Foundation
import Testing
import WalogTestSupport

/// `watch` and `analyze` are one pipeline: for every diagnosis test log, fed on standard input
/// in chunks (so the watch judges it part by part, as it would live), the rules the watch
/// alerts are the findings `analyze` reports, except diagnoses marked `whole_log: true`, which
/// only a whole log can settle and the watch leaves to its summary.
@Suite struct WatchAnswersTests {
  /// The diagnosis test logs; an unreadable folder fails the test rather than making no case.
  static func logs() throws -> [String] {
    try FileManager.default.contentsOfDirectory(
      atPath: WalogProcess.packageRoot.appendingPathComponent("Fixtures/diagnoses").path
    ).filter { $0.hasSuffix(".log") }.sorted()
  }

  @Test(arguments: try nonEmpty(logs()))
  func watchAlertsWhatAnalyzeFinds(_ name: String) throws {
    let path = WalogProcess.fixture("diagnoses/" + name)
    // Failures no diagnosis explains are the summary's too: a diagnosis may hold later.
    let wholeLog = try Self.wholeLogRules().union(["unexplained-failures", "cadence"])
    let report = try WalogProcess.json([path])
    let found = Set((report["findings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
    // A log that a rule test expects findings of has them: else the comparisons below would
    // compare two empty sets (the negative controls have none, and there only that is checked).
    let expected = try Self.logsWithExpectedFindings()
    #expect(expected.count > 10, "the rule tests' expectations were not found")
    #expect(!found.isEmpty || !expected.contains(name), "\(name): no finding on the whole log")

    let watch = try WatchSession(["--format", "json"])
    let lines = try String(contentsOfFile: WalogProcess.packageRoot.appendingPathComponent(path).path, encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false)
    let chunk = max(1, lines.count / 15)
    for start in stride(from: 0, to: lines.count, by: chunk) {
      watch.write(lines[start..<min(lines.count, start + chunk)].joined(separator: "\n"))
      Thread.sleep(forTimeInterval: 0.05)
    }
    #expect(watch.finish().status == 0)
    let alerted = Set(watch.received.map(\.json).filter { $0["type"] as? String == "finding" }.compactMap { $0["id"] as? String })
    #expect(alerted.subtracting(found).isEmpty, "alerted live but not found on the whole log: \(alerted.subtracting(found))")
    #expect(
      found.subtracting(alerted).subtracting(wholeLog).isEmpty,
      "found on the whole log, not alerted, not whole_log: \(found.subtracting(alerted).subtracting(wholeLog))")
    #expect(alerted.isDisjoint(with: wholeLog), "whole_log diagnoses never alert")
  }

  /// The diagnosis logs some built-in rule test expects a finding of (`expect: [id, …]`), by
  /// file name, from `walog rules show`.
  static func logsWithExpectedFindings() throws -> Set<String> {
    let rules = try WalogProcess.run(["rules", "show"]).stdout
    let pattern = try NSRegularExpression(pattern: #"\{log: [^,}]*/diagnoses/([^,/}]+\.log), expect: \[[^\]]"#)
    return Set(pattern.matches(in: rules, range: NSRange(rules.startIndex..., in: rules)).compactMap {
      Range($0.range(at: 1), in: rules).map { String(rules[$0]) }
    })
  }

  /// The ids of the built-in diagnoses marked `whole_log: true`, from `walog rules show`.
  static func wholeLogRules() throws -> Set<String> {
    let rules = try WalogProcess.run(["rules", "show"]).stdout
    var ids: Set<String> = []
    var current: String?
    for line in rules.split(separator: "\n") {
      let text = line.trimmingCharacters(in: .whitespaces)
      if text.hasPrefix("- id: ") { current = String(text.dropFirst(6)) }
      if text.hasPrefix("whole_log: true"), let current { ids.insert(current) }
    }
    return ids
  }
}
