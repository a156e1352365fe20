import Foundation
import Testing

@testable import WalogCore

@Suite struct InputLineBlockReaderTests {
  /// Lines of every length from 0 to 40 around a cap of 8, CRLF endings, empty lines,
  /// invalid UTF-8 and no final newline.
  static let awkwardInput: [UInt8] = {
    var generator = InputSeededGenerator(seed: 11)
    var bytes: [UInt8] = []
    for index in 0..<400 {
      let length = Int.random(in: 0...40, using: &generator)
      bytes += (0..<length).map { _ in UInt8.random(in: 0x20...0x7E, using: &generator) }
      switch index % 5 {
      case 0: bytes += [0x0D, 0x0A]  // CRLF
      case 1: bytes += [0x0A, 0x0A]  // and an empty line
      case 2: bytes += [0xFF, 0xC3, 0x0A]  // invalid UTF-8
      default: bytes += [0x0A]
      }
    }
    return bytes + Array("last line without a newline".utf8)
  }()

  /// What the reader must give: each line cut to `cap` bytes, every line ending in `\n`.
  static func reference(_ input: [UInt8], cap: Int) -> (lines: [[UInt8]], cut: Int) {
    var cut = 0
    let lines = inputExpectedLines(input).map { line -> [UInt8] in
      if line.count - 1 <= cap { return line }
      cut += 1
      return Array(line.prefix(cap)) + [0x0A]
    }
    return (lines, cut)
  }

  @Test func longLinesAreCutAndCounted() throws {
    let text =
      "short\n" + String(repeating: "x", count: 25) + "\nexactly10!\nok\n"
      + String(repeating: "y", count: 100)
    let reader = LineBlockReader(
      source: InputChunkedSource(Array(text.utf8), chunk: 7), bufferSize: 16, lineCap: 10)
    let lines = try inputLines(reader).map { String(decoding: $0, as: UTF8.self) }
    #expect(lines == ["short\n", "xxxxxxxxxx\n", "exactly10!\n", "ok\n", "yyyyyyyyyy\n"])
    #expect(reader.cutLines == 2)
    #expect(reader.bytesRead == Int64(text.utf8.count))
  }

  @Test(arguments: [8, 1 << 20])
  func bufferSizeDoesNotChangeTheLines(lineCap: Int) throws {
    let expected = Self.reference(Self.awkwardInput, cap: lineCap)
    for bufferSize in [lineCap + 1, 16, 17, 64, 4096, 1 << 20] {
      for chunk in [1, 3, 13, 1 << 20] {
        let reader = LineBlockReader(
          source: InputChunkedSource(Self.awkwardInput, chunk: chunk),
          bufferSize: bufferSize, lineCap: lineCap)
        let lines = try inputLines(reader)
        #expect(lines == expected.lines, "bufferSize \(bufferSize), chunk \(chunk)")
        #expect(reader.cutLines == expected.cut)
      }
    }
  }

  @Test func tinyBufferMatchesTheDefault() throws {
    let small = LineBlockReader(
      source: InputChunkedSource(Self.awkwardInput, chunk: 5), bufferSize: 16, lineCap: 8)
    let large = LineBlockReader(
      source: InputChunkedSource(Self.awkwardInput, chunk: 1 << 20), lineCap: 8)
    #expect(try inputLines(small) == inputLines(large))
    #expect(small.cutLines == large.cutLines && small.cutLines > 0)
  }

  @Test func hugeLineIsNotKeptInMemory() throws {
    // 100 MB without a newline, produced on the fly: the reader's buffer is all that exists.
    let source = InputGeneratedLineSource(
      lineLength: 100_000_000, tail: Array("\nnext line\n".utf8))
    let reader = LineBlockReader(source: source, bufferSize: 1 << 16, lineCap: 1 << 12)
    var lines: [[UInt8]] = []
    while let block = try reader.nextBlock() {
      #expect(block.count <= (1 << 16))
      lines += block.split(separator: 0x0A).map { Array($0) }
    }
    #expect(lines.count == 2)
    #expect(lines.first?.count == 1 << 12)
    #expect(lines.first?.allSatisfy { $0 == 0x61 } == true)
    #expect(lines.count == 2 && lines[1] == Array("next line".utf8))
    #expect(reader.cutLines == 1)
    #expect(reader.bytesRead == 100_000_000 + 11)
  }

  @Test func emptyLinesAndCRLFPassThrough() throws {
    let reader = LineBlockReader(source: InputChunkedSource(Array("\n\r\n\n".utf8), chunk: 2))
    #expect(try inputLines(reader) == [[0x0A], [0x0D, 0x0A], [0x0A]])
  }
}

/// `lineLength` bytes of `a` (no newline), then `tail`, without ever holding them.
final class InputGeneratedLineSource: ByteSource {
  private var remaining: Int
  private let tail: [UInt8]
  private var tailOffset = 0
  init(lineLength: Int, tail: [UInt8]) {
    remaining = lineLength
    self.tail = tail
  }
  var warnings: [String] { [] }
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    if remaining > 0 {
      let count = min(remaining, buffer.count)
      memset(buffer.baseAddress!, 0x61, count)
      remaining -= count
      return count
    }
    let count = min(buffer.count, tail.count - tailOffset)
    for i in 0..<count { buffer[i] = tail[tailOffset + i] }
    tailOffset += count
    return count
  }
}
