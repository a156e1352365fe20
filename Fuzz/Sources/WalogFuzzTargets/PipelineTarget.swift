import Foundation

@testable import WalogCore

/// The whole pipeline on one input file (so archives are expanded as on disk), with the
/// report rendered in every format, redacted and not: JSON must parse, and rendering is pure.
enum PipelineTarget {
  static let target = FuzzTarget(name: "pipeline", summary: "Analyzer.run on a file, every report format") { bytes in
    let path = folder + "/input"
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { abort() }
    let request = AnalysisRequest(
      paths: [path], timeZone: LogZone(identifier: "America/New_York"), lineCap: 4096, bufferSize: 8192,
      limits: InputLimits(maxDecompressedBytes: 32 << 20, maxRatio: nil))
    guard let run = try? Analyzer.run(request, rules: RuleSet.default, diagnoses: diagnoses) else { return }
    _ = StatsReport.render(run.stats)
    renderEveryFormat(run.analysis, rules: RuleSet.default)
  }

  static func renderEveryFormat(_ analysis: Analysis, rules: RuleSet) {
    for analysis in [analysis, Redactor(ruleSet: rules).redact(analysis)] {
      let json = JSONReport.render(analysis)
      require((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "the JSON report does not parse")
      require(json == JSONReport.render(analysis), "two renderings of one analysis differ")
      _ = TextReport.render(analysis, style: TextStyle(enabled: true))
      _ = TextReport.render(analysis, style: TextStyle(enabled: false))
      _ = MarkdownReport.render(analysis)
      _ = HTMLReport.render(analysis)
      _ = GitHubReport.render(analysis)
    }
  }

  static let diagnoses = try! RuleSet.default.diagnosisRules()

  /// A folder of this process for the input file; libFuzzer runs one input at a time.
  static let folder: String = {
    let path = NSTemporaryDirectory() + "walog-fuzz-\(getpid())"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: PipelineTarget.folder) }
    return path
  }()

  /// The seed excerpt, for the rules target's analysis.
  static let seedLog: String = {
    let path = folder + "/seed.log"
    let text = """
      11:30:48 [whatsapp] Listening for personal WhatsApp inbound messages.
      11:30:53 [whatsapp] Web connection closed (status 440). Retry 2/12 in 4.46s… (status=440 Unknown Stream Errored (conflict))
      11:31:10 [whatsapp] Web connection closed (status 440). Retry 3/12 in 8.1s… (status=440 Unknown Stream Errored (conflict))
      11:31:40 [whatsapp] Web connection closed (status 440). Max attempts reached (12/12); giving up.
      11:31:41 [gateway] [default] auto-restart attempt 1/10 in 5s
      11:38:58 [health-monitor] [whatsapp:default] health-monitor: restarting (reason: stuck)

      """
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { abort() }
    return path
  }()
}
