import Foundation
import Testing

/// The options a user reaches for when a report looks wrong: the time zone of offset-less
/// times, the line cap, the run statistics, and the progress bar on a terminal.
@Suite struct EndToEndOptionTests {
  static func excerpt() throws -> String {
    try String(contentsOf: WalogProcess.packageRoot.appendingPathComponent("Fixtures/seeds/000-excerpt.log"), encoding: .utf8)
  }

  /// The first and last time of the report's one stream.
  static func streamTimes(_ report: [String: Any]) -> [String?] {
    let stream = (report["streams"] as? [[String: Any]])?.first
    return [stream?["first_time"] as? String, stream?["last_time"] as? String]
  }

  /// Dated times without an offset are read in `--tz`; `--since` with an offset then picks
  /// the events by their true instant.
  @Test func timeZoneGivesOffsetLessTimesTheirInstant() throws {
    let folder = try TemporaryFolder()
    let log = try folder.write(
      "dated.log", try Self.excerpt().split(separator: "\n").map { "2026-04-12T" + $0 }.joined(separator: "\n") + "\n")
    #expect(Self.streamTimes(try WalogProcess.json([log])) == ["2026-04-12T11:30:48", "2026-04-12T11:38:58"])
    let rome = try WalogProcess.json([log, "--tz", "Europe/Rome"])
    #expect(Self.streamTimes(rome) == ["2026-04-12T11:30:48+02:00", "2026-04-12T11:38:58+02:00"])
    // 09:31 UTC is 11:31 in Rome: the first of the three closes (11:30:53) is before it.
    let since = try WalogProcess.json([log, "--tz", "Europe/Rome", "--since", "2026-04-12T09:31:00Z"])
    #expect(Totals(since).closesByStatus == ["440": 2])
    let inUTC = try WalogProcess.json([log, "--since", "2026-04-12T09:31:00Z"])
    #expect(Totals(inUTC).closesByStatus == ["440": 3])

    let unknown = try WalogProcess.run(["analyze", "--tz", "Mars/Olympus", log])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("unknown time zone 'Mars/Olympus'; use an IANA name such as Europe/Rome or UTC"))
  }

  /// A line over `--line-cap` is cut and counted; the events around it are kept.
  @Test func lineCapCutsAndCountsLongLines() throws {
    let folder = try TemporaryFolder()
    let lines = try Self.excerpt().split(separator: "\n")
    let long = "11:30:50 [gateway] " + String(repeating: "x", count: 5_000)
    let log = try folder.write(
      "long.log", (lines[..<2] + [Substring(long)] + lines[2...]).joined(separator: "\n") + "\n")
    let cutLines = { (report: [String: Any]) in (report["inputs"] as? [[String: Any]])?.first?["cut_lines"] as? Int }

    let defaultCap = try WalogProcess.json([log])
    #expect(cutLines(defaultCap) == 0)
    let capped = try WalogProcess.json([log, "--line-cap", "1000"])
    #expect(cutLines(capped) == 1)
    #expect(Totals(capped) == EndToEndTotalsTests.seedExcerpt)
    #expect(try WalogProcess.run(["analyze", "--line-cap", "1000", log]).stdout.contains("1 over-long line cut"))

    let tooSmall = try WalogProcess.run(["analyze", "--line-cap", "10", log])
    #expect(tooSmall.status == 2)
    #expect(tooSmall.stderr.contains("--line-cap must be at least 64 bytes"))
  }

  /// `--stats` adds the run's counts on stderr and leaves the report as it was.
  @Test func statsGoToStandardErrorOnly() throws {
    let log = WalogProcess.fixture("seeds/000-excerpt.log")
    let plain = try WalogProcess.run(["analyze", log])
    let stats = try WalogProcess.run(["analyze", "--stats", log])
    #expect(stats.status == 0)
    #expect(stats.stdout == plain.stdout)
    #expect(plain.stderr.isEmpty)
    #expect(stats.stderr.hasPrefix("walog stats\n"))
    #expect(stats.stderr.contains("  lines read        9 (756 bytes,"))
    #expect(stats.stderr.contains("  events            9\n"))
  }

  /// What a terminal shows while `analyze` reads `path` (util-linux `script` gives it one),
  /// with the progress line drawn from the first block on.
  static func onTerminal(_ path: String) throws -> String {
    let script = Process()
    script.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    script.arguments = WalogProcess.scriptArguments(
      running: "env WALOG_PROGRESS_DELAY=0 " + WalogProcess.binary.path + " analyze " + path)
    let out = Pipe()
    script.standardOutput = out
    script.standardInput = FileHandle(forReadingAtPath: "/dev/null")
    try script.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    script.waitUntilExit()
    #expect(script.terminationStatus == 0)
    return text
  }

  /// A bar with a percentage for plain text, known by its bytes whatever its name; bytes
  /// and rate only for compressed data, whose size is unknown until it is read. The line is
  /// erased before the report.
  @Test func progressBarOnATerminalDependsOnTheBytesNotTheName() throws {
    let folder = try TemporaryFolder()
    let filler = (0..<20_000).map { "11:30:40 [gateway] filler line \($0)" }.joined(separator: "\n")
    let text = filler + "\n" + (try Self.excerpt())
    let plain = try folder.write("plain.log", text)
    try folder.write("named.gz", text)
    try folder.shell("gzip -c plain.log > gzipped.log")

    for name in ["plain.log", "named.gz"] {
      let screen = try Self.onTerminal(folder.path + "/" + name)
      #expect(screen.contains("walog: [") && screen.contains("% "), "\(name): \(screen.prefix(300))")
      #expect(screen.contains(" left"), "\(name): a known size gives the time left")
      #expect(screen.contains("\r\u{1B}[Kwalog "), "the progress line is erased before the report")
    }
    let gzipped = try Self.onTerminal(folder.path + "/gzipped.log")
    #expect(gzipped.contains("walog: reading  "))
    #expect(!gzipped.contains("walog: ["))
    // Not on a terminal: no progress line at all.
    #expect(try WalogProcess.run(["analyze", plain], environment: ["WALOG_PROGRESS_DELAY": "0"]).stderr.isEmpty)
  }
}
