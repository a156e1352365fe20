import Foundation

/// GitHub Actions' job summary: Markdown appended to the file `$GITHUB_STEP_SUMMARY` names.
enum StepSummary {
  static func append(
    _ markdown: String, environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    guard let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return }
    // Append, never truncate: earlier steps of the job wrote their summaries to the same file.
    guard let handle = FileHandle(forWritingAtPath: path) ?? create(path) else {
      Terminal.printError("walog: warning: cannot write the job summary to \(path)")
      return
    }
    defer { try? handle.close() }
    _ = try? handle.seekToEnd()
    handle.write(Data(markdown.utf8))
  }

  private static func create(_ path: String) -> FileHandle? {
    FileManager.default.createFile(atPath: path, contents: nil)
      ? FileHandle(forWritingAtPath: path) : nil
  }
}
