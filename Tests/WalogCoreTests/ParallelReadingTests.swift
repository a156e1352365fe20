import Foundation
import Testing
import WalogTestSupport

@testable import WalogCore

/// One input read on several threads, cut into chunks at line boundaries (``ParallelInputReader``),
/// gives byte for byte the report of one thread: over every fixture log and generated ones that
/// put each construct that crosses lines (a wrapped JSON record, an object printed over lines, a
/// Control UI copy, a mark of more of the same after an event, a note with its own clock, a
/// console clock rolling over midnight, problem lines at a steady period, file-log records and
/// their console partners, several hosts, a rule switched off by PCRE2's match limit, binary
/// data) across chunk edges, with random chunk sizes down to a byte and random thread counts,
/// from a file and from a stream.
@Suite struct ParallelReadingTests {
  static let root = PerformanceScanTests.packageRoot + "/Fixtures"

  /// Every fixture log, in every folder.
  static func fixtureLogs() throws -> [String] {
    let all = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
    return all.filter { $0.hasSuffix(".log") }.sorted().map { root + "/" + $0 }
  }

  static let rules = Result { try RuleSet.load(rules: nil, extraRules: []) }
  static let diagnoses = Result { try rules.get().diagnosisRules() }

  static func report(_ path: String, threads: Int, chunkSize: Int? = nil, rules: RuleSet? = nil) throws -> String {
    let ruleSet = try rules ?? Self.rules.get()
    let diagnoses = try rules.map { try $0.diagnosisRules() } ?? Self.diagnoses.get()
    let request = AnalysisRequest(paths: [path], lineCap: 1 << 16, threads: threads, chunkSize: chunkSize)
    let run = try Analyzer.run(request, rules: ruleSet, diagnoses: diagnoses)
    return JSONReport.render(run.analysis)
  }

  /// A chunk size: mostly a few bytes to a few lines, sometimes larger.
  static func chunkSize(using generator: inout InputSeededGenerator) -> Int {
    switch Int.random(in: 0..<4, using: &generator) {
    case 0: Int.random(in: 1...8, using: &generator)
    case 1: Int.random(in: 9...200, using: &generator)
    case 2: Int.random(in: 201...4096, using: &generator)
    default: Int.random(in: 4097...200_000, using: &generator)
    }
  }

  /// `path` and its gzip (a stream, cut by ``StreamChunker``) through random chunk sizes and
  /// thread counts, each against one thread's report of `path`; `small`: chunks of about a
  /// line, so that nearly every line past the sniffed ones starts a chunk, and the chunks after
  /// it are read before it is merged (chunks of a byte or two are mostly empty: read in turn).
  static func checkSameReports(
    _ path: String, tries: Int, streamTries: Int, seed: UInt64, rules: RuleSet? = nil, small: Bool = false
  ) throws {
    let expected = try report(path, threads: 1, rules: rules)
    var generator = InputSeededGenerator(seed: seed)
    func chunkSize() -> Int { small ? Int.random(in: 1...160, using: &generator) : Self.chunkSize(using: &generator) }
    for _ in 0..<tries {
      let size = chunkSize()
      let threads = Int.random(in: 2...5, using: &generator)
      #expect(try report(path, threads: threads, chunkSize: size, rules: rules) == expected,
        "\(path): chunks of \(size) bytes on \(threads) threads")
    }
    guard streamTries > 0 else { return }
    let dir = try InputTempDirectory()
    let name = URL(fileURLWithPath: path).lastPathComponent
    try dir.shell("gzip -c '\(path)' > '\(name).gz'")
    for _ in 0..<streamTries {
      let size = chunkSize()
      // Cut into chunks from three threads on (``ParallelInputReader/suits(_:threads:)``).
      let threads = Int.random(in: 3...5, using: &generator)
      let got = try report(dir.path + "/" + name + ".gz", threads: threads, chunkSize: size, rules: rules)
      let named = got.replacingOccurrences(of: dir.path + "/" + name + ".gz", with: path)
      #expect(named.replacingOccurrences(of: name + ".gz", with: name) == expected,
        "\(name).gz: chunks of \(size) bytes on \(threads) threads")
    }
  }

  @Test(arguments: try nonEmpty(fixtureLogs()))
  func fixtureLogsReadTheSameOnEveryThreadCount(_ path: String) throws {
    let seed = UInt64(path.utf8.reduce(7) { $0 &* 31 &+ Int($1) }.magnitude)
    let text = try Data(contentsOf: URL(fileURLWithPath: path))
    // The first chunk holds the lines every reader sniffs, which is all of most fixtures: after
    // as many blank lines, each of their lines may start a chunk of its own. A third of them
    // as streams too (their chunks are cut by another piece).
    let dir = try InputTempDirectory()
    let padded = try dir.write(
      URL(fileURLWithPath: path).lastPathComponent, [UInt8](repeating: Bytes.lf, count: ChunkReader.sniffLines) + Array(text))
    try Self.checkSameReports(padded, tries: 1, streamTries: seed % 3 == 0 ? 1 : 0, seed: seed, small: true)
    // A longer one as it is, through chunks of any size.
    if text.count(where: { $0 == Bytes.lf }) > ChunkReader.sniffLines {
      try Self.checkSameReports(path, tries: 2, streamTries: 1, seed: seed)
    }
  }

  /// A log that puts every construct read across lines in many places. Odd seeds wrap JSON
  /// records, after which the input is read line by line (no object or Control UI record is
  /// joined then): even seeds do not, so that those are joined.
  static func generatedLog(seed: UInt64) -> String {
    var generator = InputSeededGenerator(seed: seed)
    var lines: [String] = []
    var second = 23 * 3600 + 50 * 60  // ten minutes before midnight: the clock rolls over
    let hosts = ["gw-a", "gw-b", "gw-c"]
    func clock() -> String {
      second = (second + Int.random(in: 1...40, using: &generator)) % 86400
      return String(format: "%02d:%02d:%02d", second / 3600, second / 60 % 60, second % 60)
    }
    lines.append("2026-04-11T23:49:00.000+00:00 [gateway] listening on ws://127.0.0.1:18789")
    for index in 0..<600 {
      let attempt = index % 12 + 1
      switch Int.random(in: 0..<11, using: &generator) {
      case 0:  // console clock line (time of day only)
        lines.append("\(clock()) [whatsapp] Web connection closed (status 440). Retry \(attempt)/12 in 2s… (status=440 Unknown Stream Errored (conflict))")
      case 1 where seed % 2 == 1:  // a file-log record wrapped over several lines, as a paste wraps it
        let record = #"{"0":"{\"subsystem\":\"gateway/channels/telegram\"}","1":"Telegram getUpdates conflict: Call to 'getUpdates' failed! (409: Conflict: terminated by other getUpdates request; make sure that only one bot instance is running); retrying in 4.27s.","_meta":{"logLevelName":"ERROR","date":"2026-04-12T00:0\#(index % 10):02.118Z"},"time":"2026-04-12T00:0\#(index % 10):02.118+00:00"}"#
        var rest = Substring(record)
        while !rest.isEmpty {
          let width = Int.random(in: 30...90, using: &generator)
          lines.append(String(rest.prefix(width)))
          rest = rest.dropFirst(width)
        }
      case 2:  // syslog lines of several hosts
        let host = hosts[Int.random(in: 0..<hosts.count, using: &generator)]
        lines.append("Apr 12 \(clock()) \(host) node[4242]: [whatsapp] Web connection closed (status 428). Retry \(attempt)/12 in 5s…")
      case 3:  // a file-log record and its console partner
        lines.append(#"{"0":"{\"subsystem\":\"gateway/channels/whatsapp\"}","1":"Web connection closed (status 515). Retry \#(attempt)/12 in 2s…","_meta":{"logLevelName":"WARN","date":"2026-04-12T00:01:0\#(index % 10).000Z"},"time":"2026-04-12T00:01:0\#(index % 10).000+00:00"}"#)
        lines.append("2026-04-12T00:01:0\(index % 10).000+00:00 [whatsapp] Web connection closed (status 515). Retry \(attempt)/12 in 2s…")
      case 4:
        lines.append("\(clock()) [whatsapp] [default] starting provider (+15550104477)")
      case 5:
        lines.append("\(clock()) [plugins] failed to load plugin widget\(index % 7): Error: ENOENT")
      case 6:
        lines.append("")
      case 7:  // what a user pastes: a Control UI copy, an object printed over lines, marks
        switch Int.random(in: 0..<7, using: &generator) {
        case 0:
          lines += [clock(), "warn", "gateway/channels/whatsapp", "Web connection closed (status 499). Retry \(attempt)/12 in 2.3s…"]
        case 1:
          lines += ["\(clock()) [ERROR] [kite] connection error {", "  name: 'StreamError',", "  condition: 'conflict',", "}"]
        case 2:
          lines += ["\(clock()) [kite] [default] websocket closed: ping timeout; reconnecting in 3s", "...this repeats every 45 seconds"]
        case 3:
          lines.append("\(clock()) [whatsapp] Web connection closed (status 428). Retry \(attempt)/12 in 5s…  <-- ~10s later")
        case 4:
          lines.append("\(clock()) [slack] channel stop exceeded 5000ms after abort  -> \(clock()) socket mode connected")
        case 5:
          lines += ["\(clock()) [gateway] already running under launchd; existing gateway is healthy, exiting with code 78", "\(clock()) [gateway] already running under launchd; …"]
        default:
          lines += ["\(clock()) [whatsapp] No messages received in 30m - restarting connection (x12)", "… same again every 65 s, all night"]
        }
      case 8:  // a problem no rule explains, at a steady period (a cadence)
        second = (second + 30) % 86400
        lines.append(String(format: "%02d:%02d:%02d", second / 3600, second / 60 % 60, second % 60) + " [kite] Error: token refresh failed (HTTP 401)")
      default:
        lines.append("\(clock()) [cron] job heartbeat-check ran in \(index % 90)ms")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test(arguments: [1, 2, 3, 4])
  func generatedLogsReadTheSameOnEveryThreadCount(seed: Int) throws {
    let dir = try InputTempDirectory()
    let path = try dir.write("generated-\(seed).log", Self.generatedLog(seed: UInt64(seed)))
    try Self.checkSameReports(path, tries: 8, streamTries: 4, seed: UInt64(seed) &* 977)
    try Self.checkSameReports(path, tries: 2, streamTries: 1, seed: UInt64(seed) &* 31, small: true)
  }

  /// A rule that hits PCRE2's match limit is switched off after the same line however the
  /// input is cut: a chunk read with the rule still on is read again.
  @Test func aRuleSwitchedOffByTheMatchLimitIsOffFromTheSameLine() throws {
    let dir = try InputTempDirectory()
    let rulesPath = try dir.write("slow.yaml", """
      version: 1
      events:
        - id: slow
          kind: close
          pattern: '^(\\\\w+\\\\s?)+$'
          literal: 'aaaa'
        - id: quick
          kind: close
          pattern: 'quick (?<n>\\\\d+)'
      """)
    let rules = try RuleSet.load(rules: rulesPath, extraRules: [])
    var lines: [String] = []
    for index in 0..<60 {
      lines.append(index % 7 == 3 ? String(repeating: "aaaa ", count: 40) + "!" : "10:00:\(String(format: "%02d", index)) quick \(index) aaaa")
    }
    let path = try dir.write("slow.log", lines.joined(separator: "\n") + "\n")
    try Self.checkSameReports(path, tries: 6, streamTries: 2, seed: 41, rules: rules)
  }

  /// Binary data is only counted however it is cut, and NUL padding before a log is no binary data.
  @Test func binaryDataAndPaddingReadTheSame() throws {
    let dir = try InputTempDirectory()
    var generator = InputSeededGenerator(seed: 9)
    let binary = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
      + Array("2026-04-12T10:00:00.000Z [whatsapp] Web connection closed (status 440). Retry 1/12 in 2s…\n".utf8)
    try Self.checkSameReports(try dir.write("random.bin", binary), tries: 3, streamTries: 1, seed: 5)
    let padded = [UInt8](repeating: 0, count: 5000) + [0x0A] + Array(Self.generatedLog(seed: 4).utf8)
    try Self.checkSameReports(try dir.write("padded.log", padded), tries: 3, streamTries: 1, seed: 6)
  }

  @Test func aCompressedFileIsCutIntoChunksOnlyWithTwoThreadsBesidesItsInflater() throws {
    let dir = try InputTempDirectory()
    try dir.shell("printf 'one line\\n' > plain.log && gzip -c plain.log > packed.log.gz")
    let plain = InputSource(location: .file(path: dir.path + "/plain.log"))
    let packed = InputSource(location: .file(path: dir.path + "/packed.log.gz"))
    #expect(!ParallelInputReader.suits(plain, threads: 1))
    #expect(ParallelInputReader.suits(plain, threads: 2))
    #expect(!ParallelInputReader.suits(packed, threads: 2))
    #expect(ParallelInputReader.suits(packed, threads: 3))
    #expect(!ParallelInputReader.suits(InputSource(location: .standardInput), threads: 4))
  }

  @Test func threadsAndChunkSizeAreChecked() {
    #expect(AnalysisRequest(paths: [], threads: 0).threads == 1)
    #expect(AnalysisRequest.defaultThreads >= 1)
  }
}
