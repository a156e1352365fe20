import Foundation
import Testing

/// Bug-report attachments as users send them: archives of several logs, streamed, never
/// unpacked to disk, and bombs refused.
@Suite struct EndToEndAttachmentTests {
  /// Removed with its contents when the test ends.
  let folder: TemporaryFolder
  init() throws { folder = try TemporaryFolder("attach") }

  /// A zip of the launchd pair, made at test time with Python's zipfile.
  static func zipOfLaunchdPair(in directory: URL) throws -> String {
    let zip = directory.appendingPathComponent("logs.zip").path
    let launchd = WalogProcess.packageRoot.appendingPathComponent("Fixtures/input/launchd").path
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = ["python3", "-c", """
      import sys, zipfile
      with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
          z.write(sys.argv[2] + "/gateway.log", "logs/gateway.log")
          z.write(sys.argv[2] + "/gateway.err.log", "logs/gateway.err.log")
      """, zip, launchd]
    try python.run()
    python.waitUntilExit()
    return zip
  }

  @Test func zipEntriesAreAnalysedTogetherAndNamedWithoutTouchingTheDisk() throws {
    let work = folder.url
    let zip = try Self.zipOfLaunchdPair(in: work)
    let tmp = work.appendingPathComponent("tmp")
    try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: tmp.path)
    defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tmp.path) }

    for stdin in [false, true] {
      let data = try Data(contentsOf: URL(fileURLWithPath: zip))
      let result = try WalogProcess.run(
        ["analyze", "--format", "json"] + (stdin ? [] : [zip]), stdin: stdin ? data : nil,
        environment: ["TMPDIR": tmp.path])
      #expect(result.status == 0, "\(result.stderr)")
      let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
      #expect(Totals(report).closesByStatus == ["440": 4])
      if !stdin {
        let names = (report["inputs"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names == [zip + ":logs/gateway.log", zip + ":logs/gateway.err.log"])
        let evidence = (report["findings"] as? [[String: Any]] ?? []).flatMap { $0["evidence"] as? [[String: Any]] ?? [] }
        #expect(evidence.contains { ($0["input"] as? String)?.hasSuffix(".zip:logs/gateway.err.log") == true })
      }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty)
  }

  /// A bomb made at test time: 80 MiB of zeros gzip to ~80 KB.
  @Test func compressionBombIsRefusedNamingTheLimit() throws {
    let work = folder.url
    let bomb = work.appendingPathComponent("bomb.log.gz").path
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = ["python3", "-c", """
      import gzip, sys
      with gzip.open(sys.argv[1], "wb", compresslevel=9) as out:
          block = bytes(1 << 20)
          for _ in range(80): out.write(block)
      """, bomb]
    try python.run()
    python.waitUntilExit()

    let ratio = try WalogProcess.run(["analyze", "--max-ratio", "100", bomb])
    #expect(ratio.status == 2)
    #expect(ratio.stderr.contains("refusing \(bomb): it decompresses more than 100:1, a compression bomb"))
    let size = try WalogProcess.run(["check", "--max-decompressed", "1000000", bomb])
    #expect(size.status == 2)
    #expect(size.stderr.contains("it decompresses to more than 1000000 bytes (the limit set by --max-decompressed)"))
  }

  /// A terminal on stdin and no path: a usage message, never a silent wait.
  @Test func noInputOnATerminalIsAUsageError() throws {
    let script = Process()
    script.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    script.arguments = WalogProcess.scriptArguments(running: WalogProcess.binary.path + " analyze")
    let out = Pipe()
    script.standardOutput = out
    script.standardInput = FileHandle(forReadingAtPath: "/dev/null")
    try script.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    script.waitUntilExit()
    #expect(script.terminationStatus == 2)
    #expect(text.contains("no input: name log files, or pipe a log into walog"))
  }
}

/// Colour only on a terminal, and never with NO_COLOR.
@Suite struct EndToEndColourTests {
  static func onTerminal(_ noColor: Bool) throws -> String {
    let script = Process()
    script.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    let command = (noColor ? "NO_COLOR=1 " : "env -u NO_COLOR ") + WalogProcess.binary.path
      + " analyze " + WalogProcess.packageRoot.appendingPathComponent("Fixtures/seeds/000-excerpt.log").path
    script.arguments = WalogProcess.scriptArguments(running: command)
    let out = Pipe()
    script.standardOutput = out
    script.standardInput = FileHandle(forReadingAtPath: "/dev/null")
    try script.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    script.waitUntilExit()
    return text
  }

  @Test func colourOnATerminalOnly() throws {
    #expect(try Self.onTerminal(false).contains("\u{1B}[1m"))
    #expect(!(try Self.onTerminal(true)).contains("\u{1B}["))
    #expect(!(try WalogProcess.run(["analyze", "Fixtures/seeds/000-excerpt.log"]).stdout.contains("\u{1B}[")))
  }
}
