import Foundation
import Testing

@testable import WalogCore

@Suite struct InputFileTests {
  @Test func plainFileGivesItsLines() throws {
    let dir = try InputTempDirectory()
    let text = "first line\nsecond line\r\n\nlast line without newline"
    let path = try dir.write("gateway.log", text)
    let reader = LineBlockReader(source: try InputSource(location: .file(path: path)).open())
    let lines = try inputLines(reader)
    #expect(
      lines.map { String(decoding: $0, as: UTF8.self) } == [
        "first line\n", "second line\r\n", "\n", "last line without newline\n",
      ])
    #expect(reader.bytesRead == Int64(text.utf8.count))
    #expect(reader.warnings.isEmpty)
  }

  #if os(Linux)
    /// `cat log | walog` with Linux's 64 KiB pipe took twice as long as with a 1 MiB one.
    @Test func aPipeReadIsWidened() throws {
      var ends: [Int32] = [0, 0]
      try #require(pipe(&ends) == 0)
      defer { close(ends[1]) }
      let getPipeSize: Int32 = 1024 + 8  // F_GETPIPE_SZ
      #expect(fcntl(ends[1], getPipeSize) == 1 << 16)
      let source = FileByteSource(fd: ends[0], path: "<stdin>", closeOnDeinit: true)
      #expect(fcntl(ends[1], getPipeSize) == FileByteSource.pipeBytes)
      _ = source
    }
  #endif

  @Test func pipeIsReadLikeStandardInput() throws {
    let text = Array(inputSampleLog(lines: 20_000).utf8)  // larger than a pipe's buffer
    let fd = inputPipe(feeding: text)
    let source = try InputDecoder.decode(
      FileByteSource(fd: fd, path: "<stdin>", closeOnDeinit: true), path: "<stdin>",
      limits: .default)
    #expect(try inputReadAll(source) == text)
  }

  @Test func binaryDataIsReadWithoutError() throws {
    let dir = try InputTempDirectory()
    var generator = InputSeededGenerator(seed: 7)
    var bytes = (0..<300_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
    bytes[0] = 0x00  // starts with NUL, not with any magic
    let path = try dir.write("blob.bin", bytes)
    let reader = LineBlockReader(source: try InputSource(location: .file(path: path)).open())
    let lines = try inputLines(reader)
    #expect(Array(lines.joined()) == Array(inputExpectedLines(bytes).joined()))
    #expect(reader.bytesRead == Int64(bytes.count))
  }

  @Test func utf8ByteOrderMarkIsDropped() throws {
    let dir = try InputTempDirectory()
    let path = try dir.write("bom.log", [0xEF, 0xBB, 0xBF] + Array("hello\n".utf8))
    let source = try InputSource(location: .file(path: path)).open()
    #expect(try inputReadAll(source) == Array("hello\n".utf8))
  }

  @Test func emptyFileGivesNoLines() throws {
    let dir = try InputTempDirectory()
    let path = try dir.write("empty.log", [])
    let reader = LineBlockReader(source: try InputSource(location: .file(path: path)).open())
    #expect(try reader.nextBlock() == nil)
  }

  @Test func missingFileIsNotFound() throws {
    let missing = NSTemporaryDirectory() + "walog-no-such-file-\(UUID().uuidString).log"
    #expect(throws: InputError.notFound(path: missing)) {
      _ = try InputSource(location: .file(path: missing)).open()
    }
  }
}
