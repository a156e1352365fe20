import Foundation
import Testing

/// Bad input gets a precise message and the right exit code; nothing crashes or hangs.
@Suite struct EndToEndHostileInputTests {
  /// Generated inputs, removed when the test ends (the 100 MB line too).
  let folder: TemporaryFolder

  init() throws { folder = try TemporaryFolder("hostile") }

  func temporaryFile(_ name: String, _ data: Data) throws -> String { try folder.write(name, data) }

  /// For other suites' small inputs: a file in a folder of this test process, removed
  /// when the process exits.
  static func temporaryFile(_ name: String, _ data: Data) throws -> String {
    try TemporaryFolder.forThisProcess.write(UUID().uuidString + "/" + name, data)
  }

  @Test func badFlagIsAUsageErrorWithCodeTwo() throws {
    let result = try WalogProcess.run(["analyze", "--no-such-flag", "x.log"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("Unknown option '--no-such-flag'"))
  }

  @Test func mistypedCommandIsNotTakenForAFileSilently() throws {
    let result = try WalogProcess.run(["frobnicate"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("no such file or directory: frobnicate (and not a walog command"))
  }

  @Test func missingFileIsNamed() throws {
    let result = try WalogProcess.run(["analyze", "Fixtures/no-such.log"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("no such file or directory: Fixtures/no-such.log"))
  }

  @Test func emptyFileIsNotAnOpenClawLog() throws {
    let result = try WalogProcess.run(["analyze", try temporaryFile("empty.log", Data())])
    #expect(result.status == 3)
    #expect(result.stderr.contains("walog: the input is empty"))
  }

  @Test func binaryDataIsReadAndRefusedAsNotALog() throws {
    var generator = SeededGenerator(seed: 11)
    let bytes = Data((0..<300_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
    let result = try WalogProcess.run(["analyze", "--format", "json", try temporaryFile("random.bin", bytes)])
    #expect(result.status == 3)
    #expect(result.stdout.contains("\"schema_version\": 2"))
  }

  @Test func invalidUTF8AroundEventsIsNormalInput() throws {
    var text = Data("\u{FF}\u{FE} garbage \u{C3}\u{28}\n".utf8.map { $0 })
    text.append(contentsOf: [0xC3, 0x28, 0xFF, 0x0A])
    text.append(try Data(contentsOf: WalogProcess.packageRoot.appendingPathComponent("Fixtures/seeds/000-excerpt.log")))
    text.append(contentsOf: [0xED, 0xA0, 0x80, 0x0A])
    let report = try WalogProcess.json([try temporaryFile("invalid.log", text)])
    #expect(Totals(report) == EndToEndTotalsTests.seedExcerpt)
  }

  /// A 100 MB line between events is cut at the cap, counted, and the events around it kept.
  @Test func hundredMegabyteLineIsCutAndCounted() throws {
    let seed = try String(contentsOf: WalogProcess.packageRoot.appendingPathComponent("Fixtures/seeds/000-excerpt.log"), encoding: .utf8)
    let lines = seed.split(separator: "\n")
    var data = Data((lines[..<4].joined(separator: "\n") + "\n").utf8)
    data.append(Data(repeating: UInt8(ascii: "x"), count: 100_000_000))
    data.append(Data(("\n" + lines[4...].joined(separator: "\n") + "\n").utf8))
    let path = try temporaryFile("long-line.log", data)
    let report = try WalogProcess.json([path])
    #expect(Totals(report) == EndToEndTotalsTests.seedExcerpt)
    let input = (report["inputs"] as? [[String: Any]])?.first
    #expect(input?["cut_lines"] as? Int == 1)
    let text = try WalogProcess.run(["analyze", path])
    #expect(text.stdout.contains("1 over-long line cut"))
  }

  @Test func truncatedGzipAnalysesWhatWasReadableAndWarns() throws {
    let whole = try Data(contentsOf: WalogProcess.packageRoot.appendingPathComponent("Fixtures/input/seed-000.log.gz"))
    let path = try temporaryFile("cut.log.gz", whole.prefix(whole.count - 40))
    let result = try WalogProcess.run(["analyze", path])
    #expect(result.status == 0)
    #expect(result.stdout.contains("warning: truncated gzip stream"))
  }

  @Test func brokenRuleFileNamesLineAndColumn() throws {
    let rules = try temporaryFile("broken.yaml", Data("version: 1\nevents:\n  - id: x\n    kind: close\n    patern: 'a'\n".utf8))
    let result = try WalogProcess.run(["analyze", "--rules", rules, "Fixtures/seeds/000-excerpt.log"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("broken.yaml:5:5: error: unknown key 'patern'"))
  }

  @Test func catastrophicUserPatternIsDisabledNotHung() throws {
    let rules = try temporaryFile("slow.yaml", Data("""
      version: 1
      events:
        - id: slow
          kind: close
          pattern: '^(\\w+\\s?)+$'
          literal: 'aaaa'
      """.utf8))
    let line = String(repeating: "aaaa ", count: 40) + "!"
    let log = try temporaryFile("slow.log", Data((Array(repeating: line, count: 10).joined(separator: "\n") + "\n").utf8))
    let result = try WalogProcess.run(["analyze", "--rules", rules, log])
    #expect(result.stderr.contains("slow"))
    #expect(result.stderr.contains("disabled"))
  }
}

/// SplitMix64: reproducible noise for generated inputs.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
