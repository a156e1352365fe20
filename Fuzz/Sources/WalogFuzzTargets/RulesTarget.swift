import Foundation

@testable import WalogCore

/// A rule file from bytes: YAML, patterns (PCRE2 compile and JIT), literals, templates and
/// conditions; when it loads, its samples are checked and a small log is analysed with it.
enum RulesTarget {
  static let target = FuzzTarget(name: "rules", summary: "RuleSet.load, diagnosis compile, samples, one analysis") {
    bytes in
    let yaml = String(decoding: bytes, as: UTF8.self)
    guard let rules = try? RuleSet.load(yaml: yaml, name: "fuzz.yaml"),
      let diagnoses = try? rules.diagnosisRules()
    else { return }
    var parser = EnvelopeParser()
    _ = rules.checkSamples { parser.parse($0) }
    guard let run = try? Analyzer.run(AnalysisRequest(paths: [PipelineTarget.seedLog]), rules: rules, diagnoses: diagnoses)
    else { return }
    PipelineTarget.renderEveryFormat(run.analysis, rules: rules)
  }
}
