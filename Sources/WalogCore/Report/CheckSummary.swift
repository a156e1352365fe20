/// The one-line verdict `walog check` prints on stderr.
public enum CheckSummary {
  public static func line(_ findings: [Finding], failing: Int, failOn: Finding.Severity) -> String {
    guard !findings.isEmpty else { return "no findings; passed" }
    let verdict = failing > 0 ? "failed (--fail-on \(failOn.rawValue))" : "passed (--fail-on \(failOn.rawValue))"
    return "\(ReportWords.counted(findings.count, "finding")) (\(ReportSummary.severityCounts(findings))); \(verdict)"
  }
}
