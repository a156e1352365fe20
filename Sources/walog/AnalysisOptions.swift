import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import WalogCore

/// What to read and with which rules: shared by `analyze` and `check`.
struct AnalysisOptions: ParsableArguments {
  @Argument(help: "Log files, directories or archives; '-' or nothing for standard input")
  var paths: [String] = []

  @Option(name: .long, help: ArgumentHelp("Use this rule file or folder instead of the built-in OpenClaw rules", valueName: "path"))
  var rules: String?

  @Option(name: .long, help: ArgumentHelp("Add or override rules by id from this rule file or folder (repeatable)", valueName: "path"))
  var extraRules: [String] = []

  @Option(name: .long, help: ArgumentHelp("Time zone of logs that print times without an offset, e.g. Europe/Rome", valueName: "zone"))
  var tz: String?

  @Option(name: .long, help: ArgumentHelp("Only events at or after this time (2026-04-12T11:30, or 11:30 for time-of-day logs)", valueName: "time"))
  var since: String?

  @Option(name: .long, help: ArgumentHelp("Only events before this time", valueName: "time"))
  var until: String?

  // `.unconditional`: `--line-cap -5` is a value to refuse with a reason, not a missing one.
  @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Cut lines longer than this many bytes", valueName: "bytes"))
  var lineCap: Int = 1 << 20

  @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Refuse a compressed input that expands to more than this many bytes (default: no limit)", valueName: "bytes"))
  var maxDecompressed: Int64?

  @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Refuse a compressed input that expands more than N times its size, once past 64 MiB (0: no limit)", valueName: "N"))
  var maxRatio: Int64 = 1000

  @Option(name: .long, help: ArgumentHelp("Threads that read one input, cut into chunks of lines (default: the machine's cores)", valueName: "N"))
  var threads: Int?

  /// Bytes per chunk of an input read on several threads: the tests cut inputs into chunks of
  /// a few bytes and compare the reports with a single thread's.
  @Option(name: .long, help: ArgumentHelp(visibility: .hidden))
  var chunkSize: Int?

  @Flag(name: .long, help: "Show phone numbers, WhatsApp JIDs, tokens and e-mail addresses as the log has them (they are replaced by <PHONE-1>, <JID-1>, … by default, in every format and on stderr)")
  var noRedact = false

  func validate() throws {
    if let tz, LogZone(identifier: tz) == nil {
      throw ValidationError(LogZone.unknownMessage(tz))
    }
    let zone = tz.flatMap(LogZone.init(identifier:))
    for (flag, value) in [("--since", since), ("--until", until)] {
      if let value, TimeBound(parsing: value, zone: zone) == nil {
        throw ValidationError("cannot read \(flag) '\(value)'; use 2026-04-12T11:30, 2026-04-12T11:30:00+02:00 or 11:30")
      }
    }
    if let since, let until, let from = TimeBound(parsing: since, zone: zone),
      let to = TimeBound(parsing: until, zone: zone), from.isAfterOrEqual(to)
    {
      throw ValidationError("--since \(since) is not before --until \(until): nothing would be left")
    }
    if lineCap < 64 { throw ValidationError("--line-cap must be at least 64 bytes, not \(lineCap)") }
    if let maxDecompressed, maxDecompressed < 1 {
      throw ValidationError("--max-decompressed must be a positive number of bytes, not \(maxDecompressed)")
    }
    if maxRatio < 0 { throw ValidationError("--max-ratio must be 0 (no limit) or more, not \(maxRatio)") }
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, not \(threads)") }
    if let chunkSize, chunkSize < 1 { throw ValidationError("--chunk-size must be at least 1, not \(chunkSize)") }
    if paths.isEmpty && Terminal.isTerminal(0) {
      throw ValidationError("no input: name log files, or pipe a log into walog (e.g. journalctl --user -u openclaw-gateway | walog analyze)")
    }
  }

  /// The core's request, with standard input for no paths.
  func request() -> AnalysisRequest {
    let zone = tz.flatMap(LogZone.init(identifier:))
    return AnalysisRequest(
      paths: paths.isEmpty ? ["-"] : paths,
      rules: rules, extraRules: extraRules, timeZone: zone,
      range: TimeRange(
        since: since.flatMap { TimeBound(parsing: $0, zone: zone) },
        until: until.flatMap { TimeBound(parsing: $0, zone: zone) }),
      lineCap: lineCap,
      limits: InputLimits(maxDecompressedBytes: maxDecompressed, maxRatio: maxRatio == 0 ? nil : maxRatio),
      threads: threads ?? AnalysisRequest.defaultThreads, chunkSize: chunkSize)
  }
}

/// How the report is written.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, markdown, html, github

  func render(_ analysis: Analysis, color: Bool) -> String {
    switch self {
    case .text: TextReport.render(analysis, style: TextStyle(enabled: color))
    case .json: JSONReport.render(analysis)
    case .markdown: MarkdownReport.render(analysis)
    case .html: HTMLReport.render(analysis)
    case .github: GitHubReport.render(analysis)
    }
  }

  /// Writes the report to standard output; `github` also appends the Markdown report to the
  /// job summary file named by `GITHUB_STEP_SUMMARY`, when set.
  func write(_ analysis: Analysis) {
    Terminal.write(render(analysis, color: self == .text && Terminal.wantsColor(1)))
    if self == .github { StepSummary.append(MarkdownReport.render(analysis)) }
  }
}
