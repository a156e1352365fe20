import Foundation
import Testing

/// `--exec`: the user's program runs once per alert, directly (no shell), with the alert's JSON
/// on standard input and WALOG_* in its environment; a failing or hanging run is reported and
/// the watch goes on; past a queue of 100, alerts are dropped and counted on stderr.
@Suite struct WatchExecTests {
  /// A folder with `hook`, a script that appends its input, environment and arguments to `runs`.
  static func hookFolder(_ name: String, body: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walog-watch-\(getpid())-\(name)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let script = folder.appendingPathComponent("hook")
    try "#!/bin/sh\n\(body)\n".write(to: script, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    return folder
  }

  @Test func runsTheProgramPerAlertWithItsJSONAndEnvironment() throws {
    let folder = try Self.hookFolder(
      "exec",
      body: """
        runs="$(dirname "$0")/runs"
        { printf '%s|%s|%s|%s|' "$WALOG_SEVERITY" "$WALOG_RULE" "$WALOG_STREAM" "$*"; cat; } >> "$runs"
        case "$WALOG_RULE" in restart-amplification) exit 3;; esac
        """)
    defer { try? FileManager.default.removeItem(at: folder) }
    let hook = folder.appendingPathComponent("hook").path
    let result = try WalogProcess.run([
      "watch", "--no-follow", "--format", "json", "--exec", hook, "--exec-arg=--room", "--exec-arg", "a b; rm -rf /",
      "Fixtures/seeds/001-78-conflicts.log",
    ])
    #expect(result.status == 0)
    let runs = try String(contentsOf: folder.appendingPathComponent("runs"), encoding: .utf8)
      .split(separator: "\n").map(String.init)
    let alerts = result.stdout.split(separator: "\n").dropLast().map(String.init)
    #expect(runs.count == alerts.count && !runs.isEmpty, "one run per alert")
    let conflict = try #require(runs.first { $0.hasPrefix("error|whatsapp-session-conflict|") })
    #expect(conflict.hasPrefix("error|whatsapp-session-conflict|whatsapp:default|--room a b; rm -rf /|{\"type\":\"finding\""))
    #expect(alerts.contains(String(conflict.split(separator: "|", maxSplits: 4)[4])), "stdin is the alert's JSON line")
    #expect(result.stderr.contains("exited with status 3 (alert restart-amplification)"))
  }

  @Test func aHangingRunIsKilledAndTheWatchGoesOn() throws {
    let folder = try Self.hookFolder("hang", body: "exec sleep 30")
    defer { try? FileManager.default.removeItem(at: folder) }
    let started = Date()
    let result = try WalogProcess.run([
      "watch", "--no-follow", "--exec", folder.appendingPathComponent("hook").path, "--exec-timeout", "1s",
      "Fixtures/seeds/001-78-conflicts.log",
    ])
    #expect(result.status == 0)
    #expect(result.stderr.contains("was killed after 1s"))
    #expect(result.stdout.contains("Findings"), "the summary is printed")
    #expect(Date().timeIntervalSince(started) < 20)
  }

  @Test func alertsBeyondTheQueueAreDroppedAndCounted() throws {
    // The first run waits while the alerts come in, until the test has seen the queue overflow
    // (at most 60 s): 100 wait, the rest are dropped.
    let folder = try Self.hookFolder(
      "queue",
      body: """
        here="$(dirname "$0")"
        cat > /dev/null
        echo x >> "$here/runs"
        if [ ! -e "$here/first" ]; then
          touch "$here/first"
          i=0
          while [ ! -e "$here/release" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
        fi
        """)
    defer { try? FileManager.default.removeItem(at: folder) }
    // 150 accounts with different numbers of session conflicts (so their findings differ and
    // are not merged into one), read from a file in one go: some 150 alerts at once.
    var log = LoopLog()
    var lines: [String] = []
    for account in 0..<150 {
      lines.append(log.line("whatsapp", "[acct\(account)] starting provider", step: 0.01))
      for attempt in 0...account { lines.append(log.conflict(attempt % 12 + 1)) }
    }
    let logPath = folder.appendingPathComponent("accounts.log").path
    try (lines.joined(separator: "\n") + "\n").write(toFile: logPath, atomically: true, encoding: .utf8)
    let watch = try WatchSession(
      [
        "--no-follow", "--format", "json", "--exec", folder.appendingPathComponent("hook").path, "--exec-timeout", "120s",
        logPath,
      ], stdinFromPipe: false)
    #expect(watch.waitForStderr(containing: "the queue of 100 is full", timeout: 60))
    try Data().write(to: folder.appendingPathComponent("release"))
    let (status, stderr) = watch.finish()
    #expect(status == 0)
    let alerts = watch.received.filter { !$0.line.hasPrefix("{\"type\":\"summary\"") }.count
    let runs = try String(contentsOf: folder.appendingPathComponent("runs"), encoding: .utf8).split(separator: "\n").count
    let dropped = stderr.split(separator: "\n").last { $0.contains("dropped in all") }
      .flatMap { $0.split(separator: " ").compactMap { Int($0) }.first } ?? 0
    #expect(alerts >= 150)
    #expect(dropped > 0 && runs + dropped == alerts, "\(alerts) alerts, \(runs) runs, \(dropped) dropped: \(stderr)")
  }
}
