import Foundation
import Testing

/// `walog watch FILE` follows a file like `tail -F`: one that does not exist yet, then through
/// a rename (rotation), a copy-and-truncate and a recreation, each line read once.
@Suite struct WatchFileTests {
  @Test func followsAFileThroughRotationTruncationAndRecreation() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walog-watch-\(getpid())-file")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("gateway.log").path
    let metrics = folder.appendingPathComponent("walog.prom").path
    let watch = try WatchSession(
      ["--format", "json", "--metrics-file", metrics, "--metrics-every", "100ms", path], stdinFromPipe: false)
    var log = LoopLog()

    func append(_ lines: [String]) throws {
      if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
      let handle = try #require(FileHandle(forWritingAtPath: path))
      handle.seekToEndOfFile()
      handle.write(Data(lines.map { $0 + "\n" }.joined().utf8))
      try handle.close()
    }
    /// Whether walog has read the line of log time `time` (its metrics file says so), within 30 s.
    func hasRead(upTo time: Double) -> Bool {
      let deadline = Date().addingTimeInterval(30)
      while Date() < deadline {
        let text = (try? String(contentsOfFile: metrics, encoding: .utf8)) ?? ""
        if let last = WatchMetricsTests.samples(text)["walog_last_line_timestamp_seconds"], last >= time { return true }
        Thread.sleep(forTimeInterval: 0.05)
      }
      return false
    }
    func conflicts() -> [Double] {
      watch.received.map(\.json).filter { $0["id"] as? String == "whatsapp-session-conflict" }
        .compactMap { WatchSession.figure("conflicts", of: $0) }
    }

    // The file does not exist yet when the watch starts; its first lines are read whole.
    try #require(watch.waitUntilReady(), "walog watch reports READY=1 once it follows the file")
    try append([log.start(), log.conflict(1)])
    watch.waitForLines(1, timeout: 30)
    #expect(conflicts() == [1])

    // Rotation by rename, and a new file under the old name.
    try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
    try append([log.conflict(2)])
    watch.waitForLines(2, timeout: 30)
    #expect(conflicts() == [1, 2])

    // Copy and truncate in place (logrotate's copytruncate). Quiet lines first, read before the
    // truncation, so that what is written after it is shorter than what was read: whenever
    // walog looks, the file is shorter than its offset and is read again from its start (as
    // `tail -F` needs).
    try append((0..<6).map { _ in log.chatter() })
    try #require(hasRead(upTo: LoopLog.start + log.seconds), "the quiet lines were read")
    try FileManager.default.copyItem(atPath: path, toPath: path + ".2")
    let truncate = try #require(FileHandle(forWritingAtPath: path))
    try truncate.truncate(atOffset: 0)
    try truncate.close()
    try append([log.conflict(3), log.conflict(4)])
    watch.waitForLines(3, timeout: 30)
    #expect(conflicts() == [1, 2, 4])

    // Deleted and created again: another file under the name, read from its start.
    try FileManager.default.removeItem(atPath: path)
    try append((5...8).map { log.conflict($0) })
    watch.waitForLines(4, timeout: 30)
    #expect(conflicts() == [1, 2, 4, 8])

    watch.signal(SIGINT)
    #expect(watch.waitForExit() == 0)
    let summary = watch.received.last?.json["report"] as? [String: Any]
    let totals = summary?["totals"] as? [String: Any]
    #expect((totals?["closes_by_status"] as? [String: Int])?["440"] == 8, "each close read exactly once")
  }

  @Test func aFolderFollowsItsFilesTogetherAndTheNextDaysFileLog() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walog-watch-\(getpid())-folder")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var log = LoopLog()
    func write(_ name: String, _ lines: [String]) throws {
      let path = folder.appendingPathComponent(name).path
      if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
      let handle = try #require(FileHandle(forWritingAtPath: path))
      handle.seekToEndOfFile()
      handle.write(Data(lines.map { $0 + "\n" }.joined().utf8))
      try handle.close()
    }
    try write("openclaw-2026-04-11.log", [log.start(), log.conflict(1)])
    try write("openclaw-2026-04-12.log", [log.start()])
    try write("gateway.err.log", [])
    let watch = try WatchSession(["--format", "json", folder.path], stdinFromPipe: false)
    try #require(watch.waitUntilReady(), "walog watch reports READY=1 once it follows the folder")
    // The newest day's file, from its end; the older day is not read.
    try write("openclaw-2026-04-12.log", [log.conflict(1)])
    watch.waitForLines(1, timeout: 30)
    // The other file of the folder is followed too.
    try write("gateway.err.log", [log.conflict(2)])
    watch.waitForLines(2, timeout: 30)
    // Midnight: the next day's file appears and is read from its start.
    try write("openclaw-2026-04-13.log", [log.conflict(3), log.conflict(4)])
    watch.waitForLines(3, timeout: 30)
    watch.signal(SIGTERM)
    #expect(watch.waitForExit() == 0)
    let conflicts = watch.received.map(\.json).filter { $0["id"] as? String == "whatsapp-session-conflict" }
      .compactMap { WatchSession.figure("conflicts", of: $0) }
    #expect(conflicts == [1, 2, 4])
    let report = watch.received.last?.json["report"] as? [String: Any]
    let inputs = (report?["inputs"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
    #expect(inputs.count == 2 && inputs.contains { $0.hasSuffix("openclaw-*.log") }, "\(inputs)")
  }

  @Test func startsAtTheEndUnlessAskedOtherwise() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walog-watch-\(getpid())-start")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("gateway.log").path
    var log = LoopLog()
    let old = [log.start(), log.conflict(1), log.conflict(2)]
    try Data(old.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))

    let fromEnd = try WatchSession(["--format", "json", path], stdinFromPipe: false)
    // Ready: it is at the file's end, and SIGTERM asks for its summary.
    try #require(fromEnd.waitUntilReady())
    fromEnd.signal(SIGTERM)
    #expect(fromEnd.waitForExit() == 0)
    #expect(fromEnd.received.map(\.json).map { $0["type"] as? String } == ["summary"], "what was there is not alerted")

    let fromStart = try WatchSession(["--format", "json", "--from-start", path], stdinFromPipe: false)
    try #require(fromStart.waitUntilReady())
    fromStart.waitForLines(1, timeout: 30)
    fromStart.signal(SIGTERM)
    #expect(fromStart.waitForExit() == 0)
    #expect(fromStart.received.first?.json["id"] as? String == "whatsapp-session-conflict")

    let primed = try WatchSession(["--format", "json", "--since", "2s", path], stdinFromPipe: false)
    try #require(primed.waitUntilReady())
    primed.waitForLines(1, timeout: 30)
    primed.signal(SIGTERM)
    #expect(primed.waitForExit() == 0)
    let report = primed.received.last?.json["report"] as? [String: Any]
    let totals = report?["totals"] as? [String: Any]
    #expect((totals?["closes_by_status"] as? [String: Int])?["440"] == 1, "only the last 2 s of the file")
  }

  @Test func noFollowReadsToTheEndAndStops() throws {
    let result = try WalogProcess.run(["watch", "--no-follow", "--format", "json", "Fixtures/seeds/001-78-conflicts.log"])
    #expect(result.status == 0)
    let types = result.stdout.split(separator: "\n").compactMap {
      (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
    }.map { $0["type"] as? String }
    #expect(types.last == "summary")
    #expect(types.contains("finding"))
  }

  @Test func compressedFilesAreReadOnlyWithNoFollow() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walog-watch-\(getpid())-gz")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("gateway.log.gz").path
    try Data([0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0]).write(to: URL(fileURLWithPath: path))
    let followed = try WalogProcess.run(["watch", path])
    #expect(followed.status == 2)
    #expect(followed.stderr.contains("it is gzip; compressed files and archives are read with --no-follow"))
    let read = try WalogProcess.run(["watch", "--no-follow", path])
    #expect(read.status == 0, "\(read.stderr)")
  }

  @Test func usageErrorsExitTwo() throws {
    for arguments in [["watch", "--resolve-after", "soon", "-"], ["watch", "--exec-arg", "x", "-"], ["watch", "--since", "1h"]] {
      let result = try WalogProcess.run(arguments, stdin: Data())
      #expect(result.status == 2, "\(arguments)")
    }
    let rules = try WalogProcess.run(["watch", "--rules", "/nonexistent/rules.yaml"], stdin: Data())
    #expect(rules.status == 2)
  }
}
