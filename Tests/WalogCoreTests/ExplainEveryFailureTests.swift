import Foundation
import Testing
import WalogTestSupport

@testable import WalogCore

/// "No known problem found" only where a log holds no failure (issue 17 §1): every sample line
/// of every event rule whose kind the default rules call a failure, analysed on its own, gets a
/// finding: the explanation, carrying its kind's meaning, or a diagnosis that cites the line.
@Suite struct ExplainEveryFailureTests {
  struct Sample: CustomTestStringConvertible, Sendable {
    var rule: String
    var kind: EventKind
    var line: String
    var testDescription: String { "\(rule): \(line.prefix(60))" }
  }

  static let rules = RuleSet.default

  /// The failure samples: every line a failure kind's rule must match, but those of a status
  /// the rules call benign (expected and harmless: no failure).
  static let samples: [Sample] = rules.file.events.flatMap { rule -> [Sample] in
    guard rules.kinds[rule.kind]?.isFailure == true else { return [] }
    return rule.samples.filter(\.shouldMatch).compactMap { sample in
      if let status = sample.expect["status"] ?? rule.fields["status"],
        rules.file.statuses.contains(where: { $0.code == status && $0.statusClass == .benign })
      {
        return nil
      }
      return Sample(rule: rule.id, kind: rule.kind, line: sample.line)
    }
  }

  @Test func everyFailureKindHasASample() {
    let failures = Set(Self.rules.kinds.values.filter(\.isFailure).map(\.id))
    let sampled = Set(Self.samples.map(\.kind))
    #expect(failures.subtracting(sampled).isEmpty, "failure kinds without a sample: \(failures.subtracting(sampled).sorted())")
    // Each failure kind says what it means and what to do: the explanation quotes both.
    for kind in Self.rules.kinds.values where kind.isFailure {
      #expect(!(kind.meaning ?? "").isEmpty, "\(kind.id) has no meaning")
      #expect(!(kind.nextSteps ?? []).isEmpty, "\(kind.id) has no next step")
    }
  }

  @Test(arguments: try nonEmpty(samples))
  func aFailureOnItsOwnGetsAFinding(_ sample: Sample) throws {
    let analysis = try ScratchLogs.analysis([("gateway.log", sample.line + "\n")], redact: false)
    let meaning = Self.rules.kinds[sample.kind]?.meaning ?? ""
    let explained = analysis.findings.contains { finding in
      finding.id == Explainer.findingID && finding.rootCause.contains(FailureStory.clause(meaning))
    }
    let diagnosed = analysis.findings.contains { finding in
      finding.id != Explainer.findingID && finding.evidence.contains { $0.line == 1 }
    }
    #expect(explained || diagnosed, "findings: \(analysis.findings.map { "\($0.id): \($0.title)" })")
    #expect(!TextReport.render(analysis).contains("No known problem found"))
    #expect(analysis.findings.flatMap(ExplainNextStepsTests.problems).isEmpty)
  }
}
