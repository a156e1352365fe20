import ArgumentParser
import WalogCore

/// Runs the core, redacts what it found, and turns its errors into messages and exit code 2.
enum Runner {
  /// The analysis of `options`' inputs, redacted unless `--no-redact`; its warnings are
  /// printed on stderr (redacted too). A progress bar runs on stderr when it is a terminal.
  /// `why`: the id of a diagnosis to trace (`analyze --why`); an id the rules lack is a usage
  /// error (exit 2) that names the closest ones.
  static func analyze(_ options: AnalysisOptions, why: String? = nil) throws -> AnalysisRun {
    try reportingErrors {
      let rules = try RuleSet.load(rules: options.rules, extraRules: options.extraRules)
      let diagnoses = try rules.diagnosisRules()
      if let why, !diagnoses.contains(where: { $0.id == why }) {
        // A finding a report shows but no rule makes: say what it is rather than "no such id".
        let own = DiagnosisEngine.ownFindings[why].map { "'\(why)' is \($0), not a diagnosis; `--why` takes one of " }
        Terminal.printError(
          "walog: " + (own ?? "no diagnosis '\(why)' in the rules; ") + DiagnosisNames.suggestion(why, diagnoses.map(\.id)))
        throw ExitCode(2)
      }
      var request = options.request()
      request.why = why
      let progress = Progress.forTerminal(paths: request.paths)
      if let progress { request.progress = { @Sendable bytes in progress.add(bytes) } }
      var run = try Analyzer.run(request, rules: rules, diagnoses: diagnoses)
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
