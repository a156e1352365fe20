#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import WalogCore

/// GitHub Actions' job summary: Markdown appended to the file `$GITHUB_STEP_SUMMARY` names.
enum StepSummary {
  static func append(
    _ markdown: String, environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    guard let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return }
    // Append, never truncate: earlier steps of the job wrote their summaries to the same file.
    if !appendAll(toFile: path, Array(markdown.utf8)) {
      Terminal.printError("walog: warning: cannot write the job summary to \(path)")
    }
  }
}
