import Foundation
import Testing

@testable import WalogCore

/// The `walog` executable's side of the shareable reports: the job summary, `--no-redact`,
/// exit codes and stderr. Runs the binary `swift build` put next to the test bundle.
@Suite struct ReportCLITests {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static var binary: URL {
    #if os(Linux)
      let tests = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
      return tests.deletingLastPathComponent().appendingPathComponent("walog")
    #else
      // No /proc on macOS: the debug build's binary, as the end-to-end tests use it.
      return packageRoot.appendingPathComponent(".build/debug/walog")
    #endif
  }

  static func walog(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
    let binary = Self.binary
    try #require(
      FileManager.default.isExecutableFile(atPath: binary.path), "build walog first: \(binary.path)"
    )
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    var env = ProcessInfo.processInfo.environment
    env["GITHUB_STEP_SUMMARY"] = nil
    env.merge(environment) { $1 }
    process.environment = env
    // Files rather than pipes: nothing to drain while waiting, and no thread to block.
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "walog-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let outURL = directory.appendingPathComponent("stdout")
    let errURL = directory.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return Result(
      status: process.terminationStatus, stdout: try String(contentsOf: outURL, encoding: .utf8),
      stderr: try String(contentsOf: errURL, encoding: .utf8))
  }

  static let secrets = ["--extra-rules", ReportFixture.reportRules, "Fixtures/reports/secrets.log"]

  /// Compares the executable's `report` with Fixtures/reports/`name` (or rewrites it when
  /// updating, like ``ReportGoldenTests``), the hash of the rules in use masked.
  static func expectGolden(
    _ report: String, _ name: String, format: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    try ReportGoldenTests.check(
      report, format: format, rulesHash: try ReportFixture.rules().info.hash,
      golden: ReportFixture.path("Fixtures/reports/\(name)"), sourceLocation: sourceLocation)
  }

  @Test func githubFormatAnnotatesAndAppendsTheJobSummary() throws {
    let summary = FileManager.default.temporaryDirectory.appendingPathComponent(
      "walog-summary-\(UUID().uuidString).md")
    defer { try? FileManager.default.removeItem(at: summary) }
    try "## Earlier step\n".write(to: summary, atomically: true, encoding: .utf8)

    let result = try Self.walog(
      ["check", "--format", "github"] + Self.secrets,
      environment: ["GITHUB_STEP_SUMMARY": summary.path])
    #expect(result.status == 1)
    try Self.expectGolden(result.stdout, "secrets.github", format: "github")
    #expect(
      result.stderr
        == "walog check: 7 findings (2 errors, 3 warnings, 2 info); failed (--fail-on error)\n")
    // Appended after what earlier steps wrote, never replacing it.
    let appended = try String(contentsOf: summary, encoding: .utf8)
    #expect(appended.hasPrefix("## Earlier step\n"))
    try Self.expectGolden(
      String(appended.dropFirst("## Earlier step\n".count)), "secrets.md", format: "markdown")
  }

  @Test func everyFormatOfTheExecutableIsRedacted() throws {
    for (format, golden) in [
      ("markdown", "secrets.md"), ("html", "secrets.html"), ("json", "secrets.json"),
    ] {
      let result = try Self.walog(["analyze", "--format", format] + Self.secrets)
      #expect(result.status == 0)
      try Self.expectGolden(result.stdout, golden, format: format)
    }
    let text = try Self.walog(["analyze"] + Self.secrets)
    for secret in RedactTests.planted {
      #expect(!text.stdout.contains(secret))
      #expect(!text.stderr.contains(secret))
    }
  }

  @Test func noRedactShowsTheLogAsItIs() throws {
    let result = try Self.walog(["analyze", "--format", "markdown", "--no-redact"] + Self.secrets)
    #expect(result.stdout.contains("conflict from +15550104477, owner ops.alerts@example.com"))
    #expect(result.stdout.contains("bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq/getUpdates"))
    #expect(!result.stdout.contains("<PHONE-1>"))
  }

  @Test func checkKeepsItsExitCodes() throws {
    let passed = try Self.walog(
      ["check", "--format", "markdown", "--fail-on", "critical"] + Self.secrets)
    #expect(passed.status == 0)
    #expect(
      passed.stderr
        == "walog check: 7 findings (2 errors, 3 warnings, 2 info); passed (--fail-on critical)\n")

    let notALog = try Self.walog(["check", "--format", "markdown", "Package.swift"])
    #expect(notALog.status == 3)
    #expect(
      notALog.stdout.hasPrefix(
        "**walog: no line of this input looks like an OpenClaw gateway log** ("))
    #expect(notALog.stderr == "walog check: not an OpenClaw gateway log (no lifecycle event and no line with an OpenClaw tag or subsystem)\n")

    let missing = try Self.walog(["check", "--format", "github", "Fixtures/reports/no-such.log"])
    #expect(missing.status == 2)
    #expect(missing.stdout.isEmpty)

    let badFormat = try Self.walog(["check", "--format", "pdf", "Fixtures/reports/secrets.log"])
    #expect(badFormat.status == 2)
  }

  @Test func noProgressWhenStderrIsNotATerminal() throws {
    let result = try Self.walog([
      "analyze", "--format", "json", "Fixtures/seeds/001-78-conflicts.log",
    ])
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
  }
}

@Suite struct ReportCIDocTests {
  /// docs/ci.md shows the workflow in full; the copy must be the file users copy.
  @Test func ciDocEmbedsTheWorkflowVerbatim() throws {
    let doc = try String(contentsOfFile: ReportFixture.path("docs/ci.md"), encoding: .utf8)
    let workflow = try String(
      contentsOfFile: ReportFixture.path("docs/walog-triage.yml"), encoding: .utf8)
    let heading = try #require(doc.range(of: "### The workflow\n\n```yaml\n"))
    let rest = doc[heading.upperBound...]
    let end = try #require(rest.range(of: "\n```\n", options: .backwards))
    #expect(String(rest[..<end.lowerBound]) + "\n" == workflow)
  }

  @Test func theWorkflowAsksForLeastPermissionsAndNoSecrets() throws {
    let workflow = try String(
      contentsOfFile: ReportFixture.path("docs/walog-triage.yml"), encoding: .utf8)
    #expect(workflow.contains("permissions:\n  contents: read\n  issues: write\n\n"))
    #expect(!workflow.contains("secrets."))
    #expect(!workflow.contains("github.event.issue.body"))
    #expect(!workflow.contains("--no-redact"))
    #expect(workflow.contains("uses: OWNER/walog@v1\n        with:\n          paths: ${{ steps.find.outputs.paths }}\n          format: markdown\n"))
  }
}
