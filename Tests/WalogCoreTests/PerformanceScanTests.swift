import Foundation
import Testing

@testable import WalogCore

/// The fast paths (vector newline counts, the read-ahead thread for `.gz`, the routed
/// diagnosis probes) change nothing a user sees: same bytes, same counts, same report.
@Suite struct PerformanceScanTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  /// Every diagnosis fixture log, then ordinary lines: events of all kinds among many
  /// lines that must never reach PCRE2.
  static func mixedLog() throws -> String {
    let folder = packageRoot + "/Fixtures/diagnoses"
    let logs = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".log") }.sorted()
    var text = ""
    for log in logs { text += try String(contentsOfFile: folder + "/" + log, encoding: .utf8) }
    return text + inputSampleLog(lines: 3000)
  }

  static func analyze(_ path: String, bufferSize: Int = 1 << 20, lineCap: Int = 1 << 20) throws -> AnalysisRun {
    try Analyzer.run(AnalysisRequest(paths: [path], lineCap: lineCap, bufferSize: bufferSize))
  }

  @Test func newlineCountAgreesWithAByteLoop() {
    var generator = InputSeededGenerator(seed: 7)
    let bytes: [UInt8] = (0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) % 3 == 0 ? 0x0A : 0x61 }
    bytes.withUnsafeBytes { buffer in
      for start in [0, 1, 5, 15, 16, 17, 100] {
        for end in [start, start + 1, start + 15, start + 16, start + 33, 4096 + 7, 5000] where end >= start {
          let want = bytes[start..<end].filter { $0 == 0x0A }.count
          #expect(NewlineCounter.count(in: buffer, start..<end) == want, "\(start)..<\(end)")
          let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + start
          for got in NewlineCounter.countWithEachEngine(base, end - start) {
            #expect(got == want, "each engine, \(start)..<\(end)")
          }
        }
      }
    }
    // More than 255 vectors of newlines in one round must not overflow a byte lane.
    let newlines = [UInt8](repeating: 0x0A, count: 16 * 600 + 3)
    newlines.withUnsafeBytes { buffer in
      #expect(NewlineCounter.count(in: buffer, 0..<newlines.count) == newlines.count)
      let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
      #expect(NewlineCounter.countWithEachEngine(base, newlines.count).allSatisfy { $0 == newlines.count })
    }
  }

  @Test func ordinaryLinesNeverReachPCRE2() throws {
    let dir = try InputTempDirectory()
    let ordinary = inputSampleLog(lines: 5000) + """
      2026-04-20T08:04:43.123+08:00 [ws] ⇄ res ✓ agents.list 77ms conn=1b3694c2…66ad id=dc258d98…61b8
      2026-04-20T08:00:00.098+08:00 [whatsapp] Inbound message 120363408235982746@g.us -> +15557654321 (group, 213 chars)
      2026-04-20T08:00:00.099+08:00 [diagnostic] message queued: sessionKey=agent:main:whatsapp:group:1203 channel=whatsapp queueDepth=1
      {"0":"{\\"subsystem\\":\\"gateway/channels/whatsapp\\"}","1":{"connectionId":"0f1e2d3c","reconnectAttempts":0,"messagesHandled":3,"uptimeMs":60000},"2":"web gateway heartbeat","_meta":{"logLevelName":"INFO","date":"2026-04-20T00:01:00.000Z"},"time":"2026-04-20T08:01:00.000+08:00"}

      """
    let path = try dir.write("ordinary.log", ordinary)
    let run = try Self.analyze(path)
    let input = try #require(run.stats.inputs.first)
    #expect(input.lines == 5004)
    #expect(input.candidateLines == 0)
    #expect(input.regexCalls == 0)
    #expect(input.events == 0)
  }

  @Test func reportDoesNotDependOnBufferSizeOrCompression() throws {
    let dir = try InputTempDirectory()
    let path = try dir.write("mixed.log", try Self.mixedLog())
    try dir.shell("gzip -c mixed.log > mixed.log.gz")
    let reference = try Self.analyze(path)
    #expect(reference.stats.inputs[0].events > 50)
    let expected = JSONReport.render(reference.analysis)
    for bufferSize in [1025, 1500, 4097, 65536] {
      let run = try Self.analyze(path, bufferSize: bufferSize, lineCap: 1024)
      #expect(JSONReport.render(run.analysis) == expected, "bufferSize \(bufferSize)")
      #expect(run.stats.inputs[0].lines == reference.stats.inputs[0].lines)
    }
    for bufferSize in [1025, 1 << 20] {
      let run = try Self.analyze(path + ".gz", bufferSize: bufferSize, lineCap: 1024)
      let report = JSONReport.render(run.analysis).replacingOccurrences(of: "mixed.log.gz", with: "mixed.log")
      #expect(report == expected, "gzip, bufferSize \(bufferSize)")
    }
  }

  @Test func inputsLastTimeDoesNotDependOnBlockEnds() throws {
    let dir = try InputTempDirectory()
    // Ends with a stack trace: lines without a time, after the last timed one.
    let lastTimed = "2026-04-12T23:59:58.000Z [whatsapp] Web connection closed (status 428). Retry 1/12 in 2s…\n"
    let path = try dir.write("trace.log", inputSampleLog(lines: 400) + lastTimed + "    at Socket.emit (node:events:518:28)\n    at TLSSocket.onclose\n")
    var seen: Set<LogTime?> = []
    for bufferSize in [1025, 4097, 1 << 20] {
      seen.insert(try Self.analyze(path, bufferSize: bufferSize, lineCap: 1024).analysis.inputs[0].lastTime)
    }
    #expect(seen.count == 1)
    let lastTime = try #require(seen.first ?? nil)
    #expect(TimeText.iso(lastTime).hasPrefix("2026-04-12T23:59:58"))
  }

  @Test func severalInputsOnThreadsGiveTheSameReport() throws {
    let dir = try InputTempDirectory()
    let text = try Self.mixedLog()
    let first = try dir.write("a.log", text)
    let second = try dir.write("b.log", inputSampleLog(lines: 500, seed: 3) + text)
    func report(_ bufferSize: Int) throws -> String {
      let run = try Analyzer.run(AnalysisRequest(paths: [first, second], lineCap: 1024, bufferSize: bufferSize))
      #expect(run.stats.inputs.map(\.events) == [run.stats.inputs[0].events, run.stats.inputs[0].events])
      return JSONReport.render(run.analysis)
    }
    let expected = try report(1 << 20)
    for bufferSize in [1025, 4097, 1 << 20] { #expect(try report(bufferSize) == expected, "bufferSize \(bufferSize)") }
  }

  @Test func readAheadPassesBytesThroughInOrder() throws {
    let bytes = Array(inputSampleLog(lines: 60).utf8)
    for (chunk, block, depth) in [(1, 7, 1), (13, 7, 2), (4093, 1 << 10, 3), (1 << 16, 1 << 18, 8)] {
      let source = ReadAheadByteSource(
        upstream: InputChunkedSource(bytes, chunk: chunk), blockSize: block, depth: depth)
      #expect(try inputReadAll(source, chunk: 97) == bytes, "chunk \(chunk) block \(block) depth \(depth)")
    }
  }

  @Test func readAheadRaisesTheUpstreamErrorAfterItsBytes() throws {
    let source = ReadAheadByteSource(upstream: FailingSource(), blockSize: 4, depth: 2)
    var got: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 3)
    #expect(throws: InputError.self) {
      while true {
        let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        if count == 0 { break }
        got += buffer[..<count]
      }
    }
    #expect(got == Array("0123456789".utf8))
  }

  @Test func readAheadStopsWhenDroppedEarly() throws {
    // A reader that stops after one block must not leave the thread blocked on a full queue
    // holding the source: dropping it stops the thread and waits for it, and the thread lets
    // go of its upstream only as it ends.
    let bytes = Array(inputSampleLog(lines: 2000).utf8)
    var upstream: InputChunkedSource? = InputChunkedSource(bytes, chunk: 512)
    weak var released = upstream
    var source: ReadAheadByteSource? = ReadAheadByteSource(upstream: upstream!, blockSize: 512, depth: 2)
    upstream = nil
    var buffer = [UInt8](repeating: 0, count: 100)
    let count = try buffer.withUnsafeMutableBytes { try source!.read(into: $0) }
    #expect(count == 100)
    #expect(released != nil, "the thread holds the upstream while it runs")
    source = nil
    #expect(released == nil, "dropping the source returned before its thread ended")
  }
}

/// Ten bytes, then a read error.
private final class FailingSource: ByteSource {
  private let bytes = Array("0123456789".utf8)
  private var offset = 0
  var warnings: [String] { [] }
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    guard offset < bytes.count else { throw .readFailed(path: "failing", reason: "disk on fire") }
    let count = min(bytes.count - offset, buffer.count)
    buffer.copyBytes(from: bytes[offset..<offset + count])
    offset += count
    return count
  }
}
