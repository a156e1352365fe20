import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WalogCore

extension Walog {
  struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Read gateway logs and print what happened to each channel, and why",
      discussion: "On SIGINT (Ctrl-C) it stops reading, prints the report of what it read, and exits 130. To follow a running gateway, use walog watch."
    )

    @OptionGroup var options: AnalysisOptions

    @Option(name: .long, help: "Report format: text, json, markdown (for an issue comment), html (one self-contained file), github (workflow annotations and job summary)")
    var format: ReportFormat = .text

    @Flag(name: .long, help: "Print where time went (lines, prefilter candidates, regex calls) on stderr")
    var stats = false

    @Option(name: .long, help: ArgumentHelp("Instead of the report, print each condition of this diagnosis with the value it had on the log, and the lines it read (docs/rules.md)", valueName: "id"))
    var why: String?

    func validate() throws {
      if why != nil && format != .text { throw ValidationError("--why prints text only; leave out --format") }
    }

    func run() throws {
      // Ctrl-C on `journalctl -f | walog analyze`: the report of what was read, then 130.
      StopRequest.install([SIGINT])
      let run = try Runner.analyze(options, why: why)
      if why != nil {
        Terminal.write(WhyReport.render(run.analysis))
      } else {
        format.write(run.analysis)
      }
      if stats { Terminal.printError(StatsReport.render(run.stats)) }
      if StopRequest.isRequested {
        Terminal.printError("walog: interrupted: the report covers what was read until then")
        throw ExitCode(130)
      }
      if !run.analysis.recognisedOpenClaw {
        Terminal.printError(NotOpenClaw.message(run.analysis))
        throw ExitCode(3)
      }
    }
  }
}
