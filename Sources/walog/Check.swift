import ArgumentParser
import WalogCore

extension Finding.Severity: ExpressibleByArgument {}

extension Walog {
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Analyse logs for CI: exit 1 when a finding is at or above --fail-on",
      discussion: "Exit codes: 0 nothing at or above --fail-on, 1 a finding at or above it, 2 usage, rule or input error, 3 not an OpenClaw log."
    )

    @OptionGroup var options: AnalysisOptions

    @Option(name: .long, help: "Lowest severity that fails the check (info, warning, error, critical)")
    var failOn: Finding.Severity = .error

    @Option(name: .long, help: "Report format: text, json, markdown (for an issue comment), html (one self-contained file), github (workflow annotations and job summary)")
    var format: ReportFormat = .text

    func run() throws {
      let analysis = try Runner.analyze(options).analysis
      format.write(analysis)
      guard analysis.recognisedOpenClaw else {
        Terminal.printError("walog check: " + NotOpenClaw.reason(analysis))
        throw ExitCode(3)
      }
      if let none = analysis.noLifecycleEvent { Terminal.printError("walog check: " + none) }
      let failing = analysis.findings.filter { $0.severity >= failOn }
      Terminal.printError("walog check: " + CheckSummary.line(analysis.findings, failing: failing.count, failOn: failOn))
      if !failing.isEmpty { throw ExitCode(1) }
    }
  }
}
