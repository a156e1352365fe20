/// The one-line verdict `walog check` prints on stderr.
public enum CheckSummary {
  public static func line(_ findings: [Finding], failing: Int, failOn: Finding.Severity) -> String {
    guard !findings.isEmpty else { return "no findings; passed" }
    let bySeverity = Finding.Severity.allCases.reversed().compactMap { severity -> String? in
      let count = findings.filter { $0.severity == severity }.count
      guard count > 0 else { return nil }
      return "\(count) \(severity.rawValue)" + (count > 1 && severity != .info ? "s" : "")
    }
    let noun = findings.count == 1 ? "finding" : "findings"
    let verdict = failing > 0 ? "failed (--fail-on \(failOn.rawValue))" : "passed (--fail-on \(failOn.rawValue))"
    return "\(findings.count) \(noun) (\(bySeverity.joined(separator: ", "))); \(verdict)"
  }
}
