import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import WalogCore

extension Walog {
  struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show, validate and test rule files",
      subcommands: [Show.self, Validate.self, Test.self, Literals.self]
    )
  }
}

extension Walog.Rules {
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the built-in OpenClaw rules as one file",
      discussion: "Each file of the built-in rule folder is one YAML document, headed by a '---' line that names it; the output loads with --rules as the same rules.")

    func run() { Terminal.write(DefaultRules.yaml) }
  }

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check that a rule file or folder loads: syntax, keys, patterns, diagnoses and samples")

    @Argument(help: "The rule file, or a folder of them")
    var file: String

    func run() throws {
      let (rules, diagnoses) = try RuleLoading.load(file)
      var parser = EnvelopeParser(options: EnvelopeOptions(rules: rules))
      let failures = rules.checkSamples { parser.parse($0) }
      for failure in failures { Terminal.printError(failure.description) }
      guard failures.isEmpty else { throw ExitCode(2) }
      Terminal.write("\(file): valid (\(rules.events.count) events, \(rules.file.statuses.count) statuses, \(diagnoses.count) diagnoses)\n")
    }
  }

  struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run a rule file's or folder's samples and diagnosis tests and print a pass/fail table",
      discussion: "Without a file, tests the built-in rules; their test logs are looked up from the current directory (the walog source tree). A test whose log is not there is listed as not run (skip); the exit code is 1 only when a sample or test that ran failed."
    )

    @Argument(help: "The rule file, or a folder of them (default: the built-in rules)")
    var file: String?

    func run() throws {
      let (rules, diagnoses) = try file.map(RuleLoading.load) ?? RuleLoading.builtin()
      let base = FileManager.default.currentDirectoryPath + "/Sources/WalogCore/Rules/openclaw"
      let results = RuleTester.run(rules: rules, diagnoses: diagnoses, baseDirectory: base)
      Terminal.write(RuleTestReport.render(results))
      let notRun = results.filter { $0.outcome == .notRun }.count
      if notRun > 0 {
        let whose = file == nil ? "the built-in rules' test logs are in walog's source tree: run walog rules test in its top folder" : "test log paths are relative to the rule file that names them"
        Terminal.printError("walog: \(notRun) test\(notRun == 1 ? "" : "s") not run: no test log where \(notRun == 1 ? "it was" : "they were") expected (\(whose))")
      }
      if results.contains(where: { $0.outcome == .failed }) { throw ExitCode(1) }
    }
  }
}

extension Walog.Rules {
  struct Literals: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print, per event rule, the literals the prefilter looks for (one of them must occur in a line for its pattern to run)")

    @Argument(help: "The rule file, or a folder of them (default: the built-in rules)")
    var file: String?

    func run() throws {
      let (rules, _) = try file.map(RuleLoading.load) ?? RuleLoading.builtin()
      let rows = rules.events.map { rule in
        "\(rule.id)\t" + (rule.literals ?? []).map { "'\($0)'" }.joined(separator: " | ")
      }
      Terminal.write(rows.joined(separator: "\n") + "\n")
    }
  }
}

/// Loads a rule file with its diagnoses, printing every problem and exiting 2 on failure.
enum RuleLoading {
  static func load(_ path: String) throws -> (RuleSet, [Diagnosis]) {
    try reporting { () throws(RuleError) in
      let rules = try RuleSet.load(path: path)
      return (rules, try rules.diagnosisRules())
    }
  }

  static func builtin() throws -> (RuleSet, [Diagnosis]) {
    try reporting { () throws(RuleError) in (RuleSet.default, try RuleSet.default.diagnosisRules()) }
  }

  private static func reporting<T>(_ body: () throws(RuleError) -> T) throws -> T {
    do {
      return try body()
    } catch {
      Terminal.printError(error.description)
      throw ExitCode(2)
    }
  }
}
