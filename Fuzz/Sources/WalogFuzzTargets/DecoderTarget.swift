import Foundation

@testable import WalogCore

/// The input decoder on a byte stream: magic detection, gzip, xz, zstd, bzip2, zip and tar
/// (libarchive), UTF-16 and byte order marks, then the line reader with a small line cap.
enum DecoderTarget {
  static let target = FuzzTarget(name: "decoder", summary: "InputDecoder and LineBlockReader on a byte stream") {
    bytes in
    let input = Array(bytes)
    let limits = InputLimits(maxDecompressedBytes: 32 << 20, maxRatio: nil)
    guard let decoded = try? InputDecoder.decode(MemorySource(input), path: "<fuzz>", limits: limits) else { return }
    let reader = LineBlockReader(source: decoded, bufferSize: 4096, lineCap: 256)
    var output: [UInt8] = []
    do {
      while let block = try reader.nextBlock() {
        require(block.count > 0 && block.last == 0x0A, "a block that does not end a line")
        if output.count < input.count + 16 { output += block }
      }
    } catch {
      return  // a decompression error or limit: reported to the user, not a bug
    }
    _ = reader.warnings
    // Plain bytes come out as they went in (a missing last newline added, long lines cut).
    let format = input.withUnsafeBytes { StreamFormat.detect($0) }
    if format == .plain, reader.cutLines == 0, !input.isEmpty {
      let expected = input.last == 0x0A ? input : input + [0x0A]
      require(output == expected, "plain text changed on its way through the decoder")
    }
  }
}

/// Serves a buffer in chunks of odd sizes, as a pipe would.
final class MemorySource: ByteSource {
  private let bytes: [UInt8]
  private var offset = 0
  init(_ bytes: [UInt8]) { self.bytes = bytes }
  var warnings: [String] { [] }
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    let count = min(buffer.count, bytes.count - offset, 1 + offset % 1021)
    guard count > 0 else { return 0 }
    bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
    offset += count
    return count
  }
}
