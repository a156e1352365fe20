/// The pass/fail table of `walog rules test`: one row per sample and test, what failed below
/// its row, and a closing `N passed, N failed` (`, N not run` when test logs were missing).
public enum RuleTestReport {
  public static func render(_ results: [RuleTester.Result]) -> String {
    var out: [String] = []
    for result in results {
      let id = result.id
      let kind = result.kind.prefix(6)
      let mark = switch result.outcome {
      case .passed: "pass"
      case .failed: "FAIL"
      case .notRun: "skip"
      }
      let row = "\(mark)  \(kind)\(String(repeating: " ", count: 6 - kind.count)) \(id)"
      switch result.outcome {
      case .passed: out.append(row)
      case .failed: out += [row] + result.message.split(separator: "\n").map { "      " + $0 }
      case .notRun: out.append(row + " (\(result.message))")
      }
    }
    let failed = results.filter { $0.outcome == .failed }.count
    let notRun = results.filter { $0.outcome == .notRun }.count
    out.append("")
    out.append("\(results.count - failed - notRun) passed, \(failed) failed" + (notRun > 0 ? ", \(notRun) not run" : ""))
    return out.joined(separator: "\n") + "\n"
  }
}
