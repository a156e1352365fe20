import Foundation
import Testing
import WalogTestSupport

/// Failures no diagnosis explains still get a finding (issue 17 §1): logs of ours in
/// Fixtures/explain/, each with the severity and words its `unexplained-failures` finding must
/// have per stream (`expected.yaml`); controls get nothing at warning or above.
@Suite struct ExplainedFailureTests {
  struct Expectation: CustomTestStringConvertible, Sendable {
    var file: String
    /// Per stream (`channel:account`): the severity of its finding (`none`: no such finding)
    /// and words its title or root cause must hold.
    var streams: [String: (severity: String, mentions: [String])]
    var control: Bool
    var testDescription: String { file }
  }

  static let folder = "Fixtures/explain/"

  static let expectations: [Expectation] = ExpectedYAML.entries(folder).map { file, entry in
    Expectation(
      file: file, streams: ExpectedYAML.expectations(entry, "streams"), control: entry["control"] as? Bool ?? false)
  }

  @Test func everyLogHasAnExpectation() throws {
    #expect(try ExpectedYAML.logs(Self.folder) == Self.expectations.map(\.file))
  }

  @Test(arguments: try nonEmpty(expectations))
  func eachStreamsFailuresAreExplained(_ expected: Expectation) throws {
    let report = try WalogProcess.json([Self.folder + expected.file])
    let findings = report["findings"] as? [[String: Any]] ?? []
    for (stream, want) in expected.streams {
      let mine = findings.filter { finding in
        let key = finding["stream"] as? [String: Any]
        return finding["id"] as? String == "unexplained-failures"
          && "\(key?["channel"] as? String ?? ""):\(key?["account"] as? String ?? "")" == stream
      }
      if want.severity == "none" {
        #expect(mine.isEmpty, "\(expected.file) \(stream): \(mine.map { $0["title"] ?? "" })")
        continue
      }
      guard let finding = mine.first else {
        Issue.record("\(expected.file) \(stream): no unexplained-failures finding (got \(findings.map { $0["id"] ?? "" }))")
        continue
      }
      #expect(mine.count == 1, "\(expected.file) \(stream): one finding per stream")
      #expect(finding["severity"] as? String == want.severity, "\(expected.file) \(stream): \(finding["title"] ?? "")")
      let words = "\(finding["title"] ?? "") \(finding["root_cause"] ?? "")"
      for mention in want.mentions {
        #expect(words.contains(mention), "\(expected.file) \(stream): '\(mention)' not in: \(words)")
      }
    }
    if expected.control {
      let loud = findings.filter { ["warning", "error", "critical"].contains($0["severity"] as? String ?? "") }
      #expect(loud.isEmpty, "\(expected.file) is a control: \(loud.map { $0["id"] ?? "" })")
    }
  }
}
