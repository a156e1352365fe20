import ArgumentParser
import Foundation
import WalogCore

extension Walog {
  struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Read gateway logs and print what happened to each channel, and why"
    )

    @OptionGroup var options: AnalysisOptions

    @Option(name: .long, help: "Report format: text, json, markdown (for an issue comment), html (one self-contained file), github (workflow annotations and job summary)")
    var format: ReportFormat = .text

    @Flag(name: .long, help: "Print where time went (lines, prefilter candidates, regex calls) on stderr")
    var stats = false

    func run() throws {
      let run = try Runner.analyze(options)
      format.write(run.analysis)
      if stats { Terminal.printError(StatsReport.render(run.stats)) }
      if !run.analysis.recognisedOpenClaw {
        Terminal.printError(NotOpenClaw.message(run.analysis))
        throw ExitCode(3)
      }
    }
  }
}
