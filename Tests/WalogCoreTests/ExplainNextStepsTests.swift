import Foundation
import Testing
import WalogTestSupport

@testable import WalogCore

/// The next steps of walog's own findings (`unexplained-failures`, `cadence`) read as one list
/// a person wrote: each action is one capitalised sentence, and no two actions of a finding name
/// the same command (the stream's first check is the policy's, written once; an ending's step
/// is not repeated by a kind's). Checked on every fixture log and every failure sample of the
/// default rules, alone and all together.
@Suite struct ExplainNextStepsTests {
  static let ownFindings: Set<String> = [Explainer.findingID, Cadence.findingID]

  /// Every committed fixture log, relative to the package root.
  static let fixtureLogs: [String] = {
    let root = ReportFixture.path("Fixtures")
    let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
    return files.filter { $0.hasSuffix(".log") }.sorted().map { "Fixtures/" + $0 }
  }()

  /// What reads wrong in `finding`'s actions: a sentence that is not one, or a command named
  /// by two actions.
  static func problems(_ finding: Finding) -> [String] {
    guard ownFindings.contains(finding.id) else { return [] }
    var problems: [String] = []
    var firstNamedBy: [Substring: Int] = [:]
    for (index, action) in finding.actions.enumerated() {
      if !(action.first?.isUppercase ?? false) || !action.hasSuffix(".") || action.hasSuffix("then.") {
        problems.append("\(finding.title): not a sentence: \(action)")
      }
      for command in Set(NextSteps.commands(action)) {
        if let earlier = firstNamedBy[command] {
          problems.append("\(finding.title): `\(command)` in action \(earlier + 1) and \(index + 1): \(finding.actions)")
        } else {
          firstNamedBy[command] = index
        }
      }
    }
    return problems
  }

  @Test func theFixturesAreFound() {
    #expect(Self.fixtureLogs.contains("Fixtures/explain/gateway-port-held.log"))
  }

  @Test(arguments: try nonEmpty(fixtureLogs))
  func eachFixtureLogsStepsReadAsOneList(_ log: String) throws {
    let analysis = try ReportFixture.analysis(log, extraRules: false, redact: false)
    #expect(analysis.findings.flatMap(Self.problems).isEmpty)
  }

  /// Every failure sample in one log: the gateway's stream and every channel's get many kinds
  /// at once, the combinations a single sample cannot show.
  @Test func everyFailureSampleTogetherReadsAsOneList() throws {
    let text = ExplainEveryFailureTests.samples.map(\.line).joined(separator: "\n") + "\n"
    let analysis = try ScratchLogs.analysis([("gateway.log", text)], redact: false)
    #expect(analysis.findings.contains { $0.id == Explainer.findingID })
    #expect(analysis.findings.flatMap(Self.problems).isEmpty)
  }
}
