import Foundation
import Testing
import WalogTestSupport

/// Recipes that hold on excerpts and channels walog has no rule for (issue 17 §2, §3): logs of
/// ours in Fixtures/recog/, each with the events, findings and words `expected.yaml` gives it,
/// read through the binary as a user runs it.
@Suite struct RecognitionTests {
  struct Expectation: CustomTestStringConvertible, Sendable {
    var file: String
    var events: [String: Int]?
    /// Finding id → (severity, words its title or root cause holds).
    var findings: [String: (severity: String, mentions: [String])]
    var absent: [String]
    var control: Bool
    var testDescription: String { file }
  }

  static let folder = "Fixtures/recog/"

  static let expectations: [Expectation] = ExpectedYAML.entries(folder).map { file, entry in
    Expectation(
      file: file, events: entry["events"] as? [String: Int], findings: ExpectedYAML.expectations(entry, "findings"),
      absent: entry["absent"] as? [String] ?? [], control: entry["control"] as? Bool ?? false)
  }

  @Test func everyLogHasAnExpectation() throws {
    #expect(try ExpectedYAML.logs(Self.folder) == Self.expectations.map(\.file))
  }

  @Test(arguments: try nonEmpty(expectations))
  func eachLogReadsAsExpected(_ expected: Expectation) throws {
    let report = try WalogProcess.json([Self.folder + expected.file])
    let findings = report["findings"] as? [[String: Any]] ?? []
    let ids = findings.compactMap { $0["id"] as? String }
    if let events = expected.events {
      let kinds = ((report["totals"] as? [String: Any])?["events_by_kind"] as? [String: Int]) ?? [:]
      for (kind, count) in events {
        #expect((kinds[kind] ?? 0) == count, "\(expected.file): \(kind) events \(kinds[kind] ?? 0), expected \(count)")
      }
    }
    for (id, want) in expected.findings {
      guard let finding = findings.first(where: { $0["id"] as? String == id }) else {
        Issue.record("\(expected.file): no \(id) finding (got \(ids))")
        continue
      }
      #expect(finding["severity"] as? String == want.severity, "\(expected.file) \(id): \(finding["title"] ?? "")")
      let words = "\(finding["title"] ?? "") \(finding["root_cause"] ?? "")"
      for mention in want.mentions {
        #expect(words.contains(mention), "\(expected.file) \(id): '\(mention)' not in: \(words)")
      }
    }
    for id in expected.absent {
      #expect(!ids.contains(id), "\(expected.file): unexpected \(id)")
    }
    if expected.control {
      let loud = findings.filter { ["warning", "error", "critical"].contains($0["severity"] as? String ?? "") }
      #expect(loud.isEmpty, "\(expected.file) is a control: \(loud.map { $0["id"] ?? "" })")
    }
  }
}
