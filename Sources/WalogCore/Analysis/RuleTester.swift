#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Runs a rule file's own checks: every event rule's samples through the real envelope
/// parser, prefilter and matcher, and every diagnosis test log through the whole analysis.
public enum RuleTester {
  public struct Result: Sendable {
    public enum Outcome: Sendable { case passed, failed, notRun }

    /// `sample` or `test`.
    public var kind: String
    /// The rule or diagnosis id.
    public var id: String
    public var outcome: Outcome
    /// Empty when passed; else what differed, with file:line:column, or (not run) where the
    /// test log was looked for.
    public var message: String

    public var passed: Bool { outcome == .passed }
  }

  /// - Parameter baseDirectory: where test logs of the embedded default rules, which have no
  ///   file of their own, are looked up (their folder in the source tree); any other rule
  ///   file's test logs are relative to that file.
  public static func run(rules: RuleSet, diagnoses: [Diagnosis], baseDirectory: String) -> [Result] {
    var results: [Result] = []
    var parser = EnvelopeParser(options: EnvelopeOptions(rules: rules))
    let failures = rules.checkSamples { parser.parse($0) }
    for rule in rules.events {
      let mine = failures.filter { $0.ruleID == rule.id }
      results.append(
        Result(kind: "sample", id: rule.id, outcome: mine.isEmpty ? .passed : .failed,
          message: mine.map(\.description).joined(separator: "\n")))
    }
    for diagnosis in diagnoses {
      for test in diagnosis.tests {
        results.append(
          run(test, of: diagnosis, rules: rules, diagnoses: diagnoses, baseDirectory: baseDirectory))
      }
    }
    return results
  }

  /// Where a diagnosis test's log is: relative to its rule file's folder; for the embedded
  /// default rules, that file's folder under `baseDirectory` (where it lies in the source tree).
  public static func logPath(of test: Diagnosis.Test, baseDirectory: String) -> String {
    let embedded = DefaultRules.name + "/"
    var file = test.location.file
    if file.hasPrefix(embedded) { file = baseDirectory + "/" + file.dropFirst(embedded.count) }
    // The rule file's folder (`/` for one at the root, none for a bare name).
    let folder = file.lastIndex(of: "/").map { $0 == file.startIndex ? "/" : String(file[..<$0]) } ?? ""
    return test.log.hasPrefix("/") ? test.log : folder.isEmpty ? test.log : "\(folder)/\(test.log)"
  }

  private static func run(
    _ test: Diagnosis.Test, of diagnosis: Diagnosis, rules: RuleSet, diagnoses: [Diagnosis],
    baseDirectory: String
  ) -> Result {
    let path = logPath(of: test, baseDirectory: baseDirectory)
    let id = "\(diagnosis.id) on \(test.log)"
    func result(_ message: String) -> Result {
      Result(kind: "test", id: id, outcome: message.isEmpty ? .passed : .failed,
        message: message.isEmpty ? "" : "\(test.location): error: \(message)")
    }
    // A test log that is not there is a test that cannot run (the built-in rules' logs are in
    // walog's source tree), not a failure of the rules.
    guard FileManager.default.fileExists(atPath: path) else {
      return Result(
        kind: "test", id: id, outcome: .notRun,
        message: "not run: no test log at \(URL(fileURLWithPath: path).standardized.path)")
    }
    do {
      let run = try Analyzer.run(
        AnalysisRequest(paths: [path]), rules: rules, diagnoses: diagnoses)
      let found = Set(run.analysis.findings.map(\.id))
      var problems: [String] = []
      for id in test.expect where !found.contains(id) { problems.append("expected finding '\(id)', not produced") }
      for id in test.absent where found.contains(id) { problems.append("finding '\(id)' produced, expected absent") }
      if !problems.isEmpty {
        problems.append("findings produced: \(found.sorted().joined(separator: ", ").isEmpty ? "none" : found.sorted().joined(separator: ", "))")
      }
      return result(problems.joined(separator: "; "))
    } catch {
      return result("cannot analyse \(path): \(error)")
    }
  }
}
