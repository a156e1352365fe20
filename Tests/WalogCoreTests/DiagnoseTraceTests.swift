import Foundation
import Testing

@testable import WalogCore

/// `--why`: the trace of a diagnosis judges it exactly as the findings do.
@Suite struct DiagnoseTraceTests {
  /// Every diagnosis of the default rules, on each of its own test logs: the trace holds in
  /// some scope exactly when the report has the finding, and every condition it shows has a
  /// value or says why it has none.
  @Test func everyDiagnosisTracesItsOwnTestLogs() throws {
    let rules = RuleSet.default
    let diagnoses = try rules.diagnosisRules()
    let base = FixturePaths.packageRoot.appendingPathComponent("Sources/WalogCore/Rules/openclaw").path
    var walked = 0
    for diagnosis in diagnoses {
      for test in diagnosis.tests {
        let path = RuleTester.logPath(of: test, baseDirectory: base)
        let run = try Analyzer.run(AnalysisRequest(paths: [path], why: diagnosis.id), rules: rules, diagnoses: diagnoses)
        let trace = try #require(run.analysis.trace, "\(diagnosis.id) on \(test.log)")
        #expect(trace.id == diagnosis.id)
        let found = run.analysis.findings.contains { $0.id == diagnosis.id }
        #expect(trace.scopes.contains(where: \.holds) == found, "\(diagnosis.id) on \(test.log)")
        if test.expect.contains(diagnosis.id) { #expect(found, "\(diagnosis.id) on \(test.log)") }
        if test.absent.contains(diagnosis.id) { #expect(!found, "\(diagnosis.id) on \(test.log)") }
        for scope in trace.scopes {
          #expect(scope.holds == scope.condition.holds)
          #expect((scope.finding != nil) == scope.holds)
          for leaf in Self.leaves(scope.condition) {
            #expect(leaf.value != nil || !leaf.notes.isEmpty, "\(diagnosis.id): \(leaf.text) has no value and no note")
          }
        }
        let text = WhyReport.render(run.analysis)
        #expect(text.hasPrefix("\(diagnosis.id) [\(diagnosis.severity.rawValue)]"))
        walked += 1
      }
    }
    // Every diagnosis has a test log, so every one was walked.
    #expect(Set(diagnoses.filter { !$0.tests.isEmpty }.map(\.id)).count == diagnoses.count)
    #expect(walked >= diagnoses.count)
  }

  static func leaves(_ node: DiagnosisTrace.Node) -> [DiagnosisTrace.Leaf] {
    switch node {
    case .all(let parts, _), .any(let parts, _): parts.flatMap(leaves)
    case .not(let inner, _): leaves(inner)
    case .leaf(let leaf): [leaf]
    }
  }

  /// A rate shows its busiest window and the lines in it; an `after` with no anchor says so.
  @Test func ratesShowTheirBusiestWindowAndAftersTheirAnchor() throws {
    let (rules, diagnoses) = try DiagnoseTests.rules(
      """
        - id: burst
          severity: warning
          title: 'burst'
          root_cause: 'burst'
          when:
            all:
              - rate: {kind: close}
                window: 1m
                at_least: 3
                as: burst
              - after: {kind: stop}
                count: {kind: close}
                at_most: 0
      """)
    let log = """
      2026-01-01T10:00:00Z [whatsapp] closed 408
      2026-01-01T10:05:00Z [whatsapp] closed 408
      2026-01-01T10:05:20Z [whatsapp] closed 408
      2026-01-01T10:05:40Z [whatsapp] closed 408

      """
    let folder = try InputTempDirectory()
    let path = try folder.write("burst.log", log)
    let run = try Analyzer.run(AnalysisRequest(paths: [path], why: "burst"), rules: rules, diagnoses: diagnoses)
    let scope = try #require(run.analysis.trace?.scopes.first)
    let leaves = Self.leaves(scope.condition)
    #expect(leaves[0].value == "3" && leaves[0].holds)
    #expect(leaves[0].notes == ["the busiest 1m 0s: 2026-01-01 10:05:00 to 2026-01-01 10:05:40"])
    #expect(leaves[0].lines.first?.count == 4)
    #expect(leaves[1].value == nil && !leaves[1].holds)
    #expect(leaves[1].notes == ["no event matched the anchor filter, so nothing can have followed it"])
    #expect(!scope.holds)
  }
}
