import Foundation
import Testing

/// The release as a user meets it, with what can run here: a tarball made by
/// scripts/make-release from the debug build, installed by scripts/install into a temporary
/// prefix; the composite action's shell steps run against that tarball; every workflow and
/// action.yml checked against GitHub's schemas and by ShellCheck.
@Suite(.serialized) struct PlatformReleaseTests {
  static let root = WalogProcess.packageRoot

  static func script(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws -> WalogProcess.Result {
    try WalogProcess.run(arguments, environment: environment, executable: root.appendingPathComponent(path))
  }

  static func bash(_ command: String) throws -> WalogProcess.Result {
    try WalogProcess.run(["-c", command], executable: URL(fileURLWithPath: "/bin/bash"))
  }

  /// A temporary folder, removed after `body`.
  static func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walog-platform-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
  }

  /// The version the debug build prints, and the tarball made from it in `folder`.
  static func release(in folder: URL) throws -> (version: String, tarball: URL) {
    let version = try WalogProcess.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let made = try script("scripts/make-release", [
      "--version", version, "--binary", WalogProcess.binary.path, "--out", folder.appendingPathComponent("dist").path,
    ])
    try #require(made.status == 0, "\(made.stderr)")
    return (version, URL(fileURLWithPath: made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
  }

  @Test func aReleaseTarballInstallsAndItsManualAndCompletionsWork() throws {
    try Self.withTemporaryFolder { folder in
      let (version, tarball) = try Self.release(in: folder)
      #expect(tarball.lastPathComponent.hasPrefix("walog-\(version)-"))
      let sums = try String(contentsOf: tarball.deletingLastPathComponent().appendingPathComponent("SHA256SUMS"), encoding: .utf8)
      #expect(sums.hasSuffix("  \(tarball.lastPathComponent)\n"))

      let prefix = folder.appendingPathComponent("prefix")
      let installed = try Self.script("scripts/install", ["--prefix", prefix.path, "--from", tarball.path])
      #expect(installed.status == 0, "\(installed.stderr)")
      #expect(installed.stderr.contains("checksum of \(tarball.lastPathComponent) verified"))

      let walog = prefix.appendingPathComponent("bin/walog").path
      #expect(try WalogProcess.run(["--version"], executable: URL(fileURLWithPath: walog)).stdout == version + "\n")

      let manual = prefix.appendingPathComponent("share/man/man1/walog.1").path
      #if os(macOS)
        let page = try Self.bash("mandoc -T utf8 '\(manual)'")
      #else
        let page = try Self.bash("MANPAGER=cat MANWIDTH=100 man -l '\(manual)'")
      #endif
      #expect(page.status == 0, "\(page.stderr)")
      #expect(page.stdout.contains("walog — Diagnose OpenClaw gateway logs"))
      #expect(page.stdout.contains("--fail-on"))

      // bash: the completion function offers the subcommands and check's options.
      let bash = try Self.bash("""
        source '\(prefix.path)/share/bash-completion/completions/walog'
        COMP_WORDS=(walog ch); COMP_CWORD=1; COMP_LINE='walog ch'; COMP_POINT=${#COMP_LINE}
        _walog walog ch walog; echo "subcommands: ${COMPREPLY[*]}"
        COMPREPLY=(); COMP_WORDS=(walog check --fail); COMP_CWORD=2; COMP_LINE='walog check --fail'; COMP_POINT=${#COMP_LINE}
        _walog walog --fail check; echo "options: ${COMPREPLY[*]}"
        """)
      #expect(bash.stdout.contains("subcommands: check"), "\(bash.stdout)\(bash.stderr)")
      #expect(bash.stdout.contains("options: --fail-on"), "\(bash.stdout)\(bash.stderr)")
      // fish loads its file from vendor_completions.d and completes the same.
      let fish = try WalogProcess.run(
        ["--no-config", "-c", "source '\(prefix.path)/share/fish/vendor_completions.d/walog.fish'; complete -C 'walog an'"],
        executable: URL(fileURLWithPath: try #require(Self.which("fish"))))
      #expect(fish.stdout.contains("analyze"), "\(fish.stdout)\(fish.stderr)")
      // zsh: the completion file parses.
      let zsh = try WalogProcess.run(
        ["-n", prefix.appendingPathComponent("share/zsh/site-functions/_walog").path],
        executable: URL(fileURLWithPath: try #require(Self.which("zsh"))))
      #expect(zsh.status == 0, "\(zsh.stderr)")
    }
  }

  @Test func aTarballThatDoesNotMatchItsChecksumIsRefused() throws {
    try Self.withTemporaryFolder { folder in
      let (_, tarball) = try Self.release(in: folder)
      let handle = try FileHandle(forWritingTo: tarball)
      try handle.seekToEnd()
      try handle.write(contentsOf: Data([0]))
      try handle.close()
      let prefix = folder.appendingPathComponent("prefix")
      let installed = try Self.script("scripts/install", ["--prefix", prefix.path, "--from", tarball.path])
      #expect(installed.status == 1)
      #expect(installed.stderr.contains("checksum mismatch for \(tarball.lastPathComponent)"))
      #expect(!FileManager.default.fileExists(atPath: prefix.appendingPathComponent("bin/walog").path))
    }
  }

  /// action.yml's steps with `tarball:` set, as the runner would run them.
  static func runAction(_ inputs: [String], in folder: URL) throws -> (status: Int32, outputs: [String: String], log: String) {
    let result = try WalogProcess.run(
      ["python3", root.appendingPathComponent("Tests/Platform/run_action.py").path, folder.appendingPathComponent("runner").path] + inputs,
      executable: URL(fileURLWithPath: "/usr/bin/env"))
    let last = result.stdout.split(separator: "\n").last.map(String.init) ?? "{}"
    let outputs = try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: String] ?? [:]
    return (result.status, outputs, result.stdout + result.stderr)
  }

  @Test func theActionInstallsTheReleaseAndReportsWalogsVerdict() throws {
    try Self.withTemporaryFolder { folder in
      let (_, tarball) = try Self.release(in: folder)
      let log = Self.root.appendingPathComponent("Fixtures/seeds/001-78-conflicts.log").path

      // A finding at or above fail-on: exit code 1, the report in the file the output names.
      let kept = try Self.runAction(["paths=\(log)", "tarball=\(tarball.path)", "fail=false"], in: folder)
      #expect(kept.status == 0, "\(kept.log)")
      #expect(kept.outputs["exit-code"] == "1")
      let report = try String(contentsOfFile: try #require(kept.outputs["report-path"]), encoding: .utf8)
      #expect(report.contains("**walog: 1 error, 1 warning**"))
      #expect(report.contains("WhatsApp session conflict"))
      #expect(kept.log.contains("skipped Fail on walog's verdict"))

      // The same with fail: true (the default) fails the step.
      let failed = try Self.runAction(["paths=\(log)", "tarball=\(tarball.path)"], in: folder)
      #expect(failed.status == 1)
      #expect(failed.log.contains("::error title=walog::walog check exited 1"))

      // A glob, and a file that is no OpenClaw log: exit code 3.
      let glob = try Self.runAction(["paths=\(Self.root.path)/LICEN?E", "tarball=\(tarball.path)", "fail=false", "format=json"], in: folder)
      #expect(glob.outputs["exit-code"] == "3", "\(glob.log)")
      #expect(glob.outputs["report-path"]?.hasSuffix(".json") == true)
    }
  }

  @Test func workflowsAndTheActionPassTheSchemasAndShellCheck() throws {
    let checked = try Self.script("scripts/check-workflows", [])
    #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
    #expect(checked.stdout.contains("check-workflows: 4 files,"), "\(checked.stdout)")
    #expect(checked.stdout.hasSuffix(": ok\n"))
  }

  @Test func theWorkflowCheckFindsASchemaErrorAndAShellCheckWarning() throws {
    try Self.withTemporaryFolder { folder in
      let broken = folder.appendingPathComponent("broken.yml")
      try """
        name: broken
        on: push
        jobs:
          build:
            runs-on: ubuntu-24.04
            timeout: 5
            steps:
              - run: echo $UNQUOTED_VARIABLE
        """.write(to: broken, atomically: true, encoding: .utf8)
      let checked = try Self.script("scripts/check-workflows", [broken.path])
      #expect(checked.status == 1)
      #expect(checked.stdout.contains("schema vendor.github-workflows"))
      #expect(checked.stdout.contains("SC2086"))
    }
  }

  static func which(_ tool: String) -> String? {
    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(tool)" }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }
}
