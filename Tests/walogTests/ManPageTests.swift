import Foundation
import Testing

/// The man page is in the source tree (docs/walog.1, shipped by releases), says what the
/// command definitions say, and reads cleanly: `man --warnings` has nothing to report.
@Suite struct ManPageTests {
  static let page = WalogProcess.packageRoot.appendingPathComponent("docs/walog.1").path

  @Test func theManPageIsCurrent() throws {
    let result = try WalogProcess.run(
      ["--check", "--binary", WalogProcess.binary.path],
      executable: WalogProcess.packageRoot.appendingPathComponent("scripts/make-manual"))
    #expect(result.status == 0, "\(result.stderr)")
  }

  @Test func manReadsItWithoutWarnings() throws {
    let result = try WalogProcess.run(
      ["--warnings", "-l", Self.page], environment: ["MANWIDTH": "80", "MANPAGER": "cat", "LC_ALL": "C.UTF-8"],
      executable: URL(fileURLWithPath: "/usr/bin/man"))
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty, "\(result.stderr)")
    #expect(result.stdout.contains("walog — Diagnose OpenClaw gateway logs"))
    #expect(result.stdout.contains("130  analyze was interrupted (SIGINT) and printed the report of what it read"))
  }
}
