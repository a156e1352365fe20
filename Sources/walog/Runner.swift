import ArgumentParser
import WalogCore

/// Runs the core, redacts what it found, and turns its errors into messages and exit code 2.
enum Runner {
  /// The analysis of `options`' inputs, redacted unless `--no-redact`; its warnings are
  /// printed on stderr (redacted too). A progress bar runs on stderr when it is a terminal.
  static func analyze(_ options: AnalysisOptions) throws -> AnalysisRun {
    try reportingErrors {
      let rules = try RuleSet.load(rules: options.rules, extraRules: options.extraRules)
      var request = options.request()
      let progress = Progress.forTerminal(paths: request.paths)
      if let progress { request.progress = { @Sendable bytes in progress.add(bytes) } }
      var run = try Analyzer.run(request, rules: rules, diagnoses: try rules.diagnosisRules())
      progress?.finish()
      if !options.noRedact { run.analysis = Redactor(ruleSet: rules).redact(run.analysis) }
      for input in run.analysis.inputs {
        for warning in input.warnings { Terminal.printError("walog: warning: \(input.name): \(warning)") }
      }
      for warning in run.analysis.warnings { Terminal.printError("walog: warning: \(warning)") }
      return run
    }
  }

  /// Runs `body`; a rule or input error is printed and becomes exit code 2.
  static func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do throws(any Error) {
      return try body()
    } catch let error as RuleError {
      Terminal.printError(error.description)
      throw ExitCode(2)
    } catch let error as InputError {
      var message = "walog: \(error)"
      if case .notFound(let path) = error, !path.contains("/"), !path.contains(".") {
        message += " (and not a walog command: \(Walog.commandNames.joined(separator: ", ")); see walog --help)"
      }
      Terminal.printError(message)
      throw ExitCode(2)
    }
  }
}
