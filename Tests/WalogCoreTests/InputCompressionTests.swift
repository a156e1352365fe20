import Foundation
import Testing

@testable import WalogCore

@Suite struct InputCompressionTests {
  private func open(_ path: String) throws -> ByteSource {
    try InputSource(location: .file(path: path)).open()
  }

  @Test func gzipIsDecompressed() throws {
    let dir = try InputTempDirectory()
    let text = inputSampleLog(lines: 5_000)
    try dir.write("gateway.log", text)
    try dir.shell("gzip -c gateway.log > renamed.txt")  // the name says nothing; the bytes do
    let reader = LineBlockReader(source: try open(dir.path + "/renamed.txt"))
    #expect(try inputLines(reader) == inputExpectedLines(Array(text.utf8)))
    #expect(reader.bytesRead == Int64(text.utf8.count))
    #expect(reader.warnings.isEmpty)
  }

  @Test func multiMemberGzipGivesAllMembers() throws {
    let dir = try InputTempDirectory()
    let first = inputSampleLog(lines: 3_000, seed: 1)
    let second = inputSampleLog(lines: 3_000, seed: 2)
    try dir.write("a.log", first)
    try dir.write("b.log", second)
    try dir.shell("gzip -c a.log > both.log.gz && gzip -c b.log >> both.log.gz")
    let source = try open(dir.path + "/both.log.gz")
    #expect(try inputReadAll(source) == Array((first + second).utf8))
    #expect(source.warnings.isEmpty)
  }

  @Test func gzipOnAPipeIsDecompressed() throws {
    let dir = try InputTempDirectory()
    let text = inputSampleLog(lines: 4_000)
    try dir.write("gateway.log", text)
    try dir.shell("gzip -c gateway.log > gateway.log.gz")
    let fd = inputPipe(feeding: try dir.read("gateway.log.gz"))
    let source = try InputDecoder.decode(
      FileByteSource(fd: fd, path: "<stdin>", closeOnDeinit: true), path: "<stdin>",
      limits: .default)
    #expect(try inputReadAll(source) == Array(text.utf8))
  }

  @Test func truncatedGzipGivesReadableLinesAndAWarning() throws {
    let dir = try InputTempDirectory()
    let text = inputSampleLog(lines: 20_000)
    try dir.write("gateway.log", text)
    try dir.shell(
      "gzip -c gateway.log > full.gz && head -c $(( $(wc -c < full.gz) / 2 )) full.gz > cut.gz")
    let reader = LineBlockReader(source: try open(dir.path + "/cut.gz"))
    let lines = try inputLines(reader)
    let expected = inputExpectedLines(Array(text.utf8))
    // Everything before the break is there; the last line may be cut short.
    #expect(lines.count > 1_000 && lines.count < expected.count)
    #expect(Array(lines.dropLast()) == Array(expected.prefix(lines.count - 1)))
    let warning = try #require(reader.warnings.first)
    #expect(
      warning.hasPrefix(
        "truncated gzip stream: input ends after \(reader.bytesRead) decompressed bytes"))
  }

  @Test func corruptGzipEndsWithAWarning() throws {
    let dir = try InputTempDirectory()
    let text = inputSampleLog(lines: 20_000)
    try dir.write("gateway.log", text)
    try dir.shell("gzip -c gateway.log > full.gz")
    var generator = InputSeededGenerator(seed: 3)
    let full = try dir.read("full.gz")
    // The second half replaced by noise: inflate soon meets an invalid code.
    let bytes =
      Array(full.prefix(full.count / 2))
      + (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let path = try dir.write("corrupt.gz", bytes)
    let source = try open(path)
    let read = try inputReadAll(source)
    #expect(read.count < text.utf8.count)
    #expect(Array(text.utf8).starts(with: read.prefix(1000)))
    let warning = try #require(source.warnings.first)
    #expect(warning.contains("gzip stream: input ends after \(read.count) decompressed bytes"))
  }

  @Test(arguments: [("xz", "xz"), ("zstd", "zstd -q"), ("bzip2", "bzip2")])
  func otherCompressorsAreDecompressed(tool: String, command: String) throws {
    // scripts/setup installs the tools; a missing one fails here rather than skipping.
    try #require(inputToolExists(tool), "\(tool) is not installed: run scripts/setup --test-deps")
    let dir = try InputTempDirectory()
    let text = inputSampleLog(lines: 3_000)
    try dir.write("gateway.log", text)
    try dir.shell("\(command) -c gateway.log > gateway.log.packed")
    let source = try open(dir.path + "/gateway.log.packed")
    #expect(try inputReadAll(source) == Array(text.utf8))
    #expect(source.warnings.isEmpty)
  }

  @Test func compressionBombIsRefused() throws {
    let dir = try InputTempDirectory()
    // Repeated text, not zeros: a stream of NULs reads as an empty tar archive.
    try dir.shell("yes walog | head -c 20000000 | gzip -c > zeros.gz")
    let path = dir.path + "/zeros.gz"
    let limits = InputLimits(maxDecompressedBytes: nil, maxRatio: 100, ratioGraceBytes: 1 << 20)
    let source = try InputSource(location: .file(path: path), limits: limits).open()
    #expect {
      _ = try inputReadAll(source, chunk: 1 << 16)
    } throws: { error in
      guard case InputError.limitExceeded(let named, let limit)? = error as? InputError else {
        return false
      }
      return named == path && limit.contains("--max-ratio 100")
    }
    let capped = InputLimits(maxDecompressedBytes: 5_000_000, maxRatio: nil)
    let cappedSource = try InputSource(location: .file(path: path), limits: capped).open()
    #expect {
      _ = try inputReadAll(cappedSource, chunk: 1 << 16)
    } throws: { error in
      guard case InputError.limitExceeded(_, let limit)? = error as? InputError else {
        return false
      }
      return limit.contains("--max-decompressed")
    }
  }
}
