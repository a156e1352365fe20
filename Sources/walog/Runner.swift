import ArgumentParser
import WalogCore

/// Runs the core and turns its errors into messages and exit code 2.
enum Runner {
  static func analyze(_ request: AnalysisRequest) throws -> AnalysisRun {
    do {
      let run = try Analyzer.run(request)
      for input in run.analysis.inputs {
        for warning in input.warnings { Terminal.printError("walog: warning: \(input.name): \(warning)") }
      }
      for warning in run.analysis.warnings { Terminal.printError("walog: warning: \(warning)") }
      return run
    } catch let error as RuleError {
      Terminal.printError(error.description)
      throw ExitCode(2)
    } catch let error as InputError {
      Terminal.printError("walog: \(error.localizedDescription)")
      throw ExitCode(2)
    }
  }
}
