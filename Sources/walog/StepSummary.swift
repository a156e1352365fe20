#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WalogCore

/// GitHub Actions' job summary: Markdown appended to the file `$GITHUB_STEP_SUMMARY` names.
enum StepSummary {
  static func append(
    _ markdown: String, environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    guard let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return }
    // Append, never truncate: earlier steps of the job wrote their summaries to the same file.
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
    guard descriptor >= 0 else {
      Terminal.printError("walog: warning: cannot write the job summary to \(path)")
      return
    }
    defer { close(descriptor) }
    _ = writeAll(descriptor, Array(markdown.utf8))
  }
}
