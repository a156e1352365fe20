/// `--stats`: where the time went and how much the prefilter spared PCRE2.
public enum StatsReport {
  public static func render(_ stats: RunStats) -> String {
    let lines = stats.inputs.reduce(0) { $0 + $1.lines }
    let bytes = stats.inputs.reduce(0) { $0 + $1.bytes }
    let candidates = stats.inputs.reduce(0) { $0 + $1.candidateLines }
    let events = stats.inputs.reduce(0) { $0 + $1.events }
    let regexCalls = stats.inputs.reduce(0) { $0 + $1.regexCalls }
    let seconds = Double(stats.totalNanoseconds) / 1e9
    var out = ["walog stats"]
    out.append("  lines read        \(lines) (\(bytes) bytes, \(rate(Double(bytes), seconds)) MB/s overall)")
    out.append("  candidate lines   \(candidates) (\(percent(candidates, lines)) of lines reached the matcher)")
    out.append("  regex calls       \(regexCalls)")
    out.append("  events            \(events)")
    out.append("  time read         \(milliseconds(stats.timings.read)) ms (reading, decompression, line splitting)")
    out.append("  time prefilter    \(milliseconds(stats.timings.prefilter)) ms (literal scan over blocks)")
    out.append("  time match        \(milliseconds(stats.timings.match)) ms (envelope + PCRE2 on candidates)")
    out.append("  time analysis     \(milliseconds(stats.analysisNanoseconds)) ms (merge, cycles, diagnoses)")
    out.append("  time total        \(milliseconds(stats.totalNanoseconds)) ms")
    out.append("  gzip inflate      \(stats.gzipEngine.rawValue)")
    return out.joined(separator: "\n")
  }

  private static func milliseconds(_ nanoseconds: UInt64) -> String {
    String(Double(nanoseconds / 10_000) / 100)
  }

  private static func percent(_ part: Int, _ whole: Int) -> String {
    guard whole > 0 else { return "0%" }
    return String(Double(part * 10_000 / whole) / 100) + "%"
  }

  private static func rate(_ bytes: Double, _ seconds: Double) -> String {
    guard seconds > 0 else { return "-" }
    return String(Int(bytes / seconds / 1e6))
  }
}
