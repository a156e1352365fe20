/// The pass/fail table of `walog rules test`.
public enum RuleTestReport {
  public static func render(_ results: [RuleTester.Result]) -> String {
    var out: [String] = []
    for result in results {
      let id = result.id
      let kind = result.kind.prefix(6)
      out.append("\(result.passed ? "pass" : "FAIL")  \(kind)\(String(repeating: " ", count: 6 - kind.count)) \(id)")
      if !result.passed {
        out += result.message.split(separator: "\n").map { "      " + $0 }
      }
    }
    let failed = results.filter { !$0.passed }.count
    out.append("")
    out.append("\(results.count - failed) passed, \(failed) failed")
    return out.joined(separator: "\n") + "\n"
  }
}
