/// Hands out bytes already read from `upstream` (to look at its magic bytes) before
/// reading on. This is what makes format detection work on pipes, which cannot seek back.
final class PeekedByteSource: ByteSource {
  private let upstream: ByteSource
  private var head: [UInt8]
  private var headOffset = 0

  init(head: [UInt8], upstream: ByteSource) {
    self.head = head
    self.upstream = upstream
  }

  var warnings: [String] { upstream.warnings }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    if headOffset < head.count {
      let count = min(buffer.count, head.count - headOffset)
      head.withUnsafeBytes { bytes in
        buffer.baseAddress!.copyMemory(
          from: bytes.baseAddress! + headOffset, byteCount: count)
      }
      headOffset += count
      if headOffset == head.count { head = [] }  // release the peeked bytes
      return count
    }
    return try upstream.read(into: buffer)
  }

  /// Reads from `source` until at least `minimum` bytes are there, `wanted` bytes are there,
  /// or the stream ends, so a live pipe is not held up waiting for bytes that may not come.
  static func peek(
    _ source: ByteSource, minimum: Int, wanted: Int,
    keepGoing: (UnsafeRawBufferPointer) -> Bool = { _ in false }
  ) throws(InputError) -> [UInt8] {
    let head = UnsafeMutableRawBufferPointer.allocate(byteCount: wanted, alignment: 1)
    defer { head.deallocate() }
    var filled = 0
    while filled < wanted {
      let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: head[filled...]))
      if count == 0 { break }
      filled += count
      if filled >= minimum && !keepGoing(UnsafeRawBufferPointer(rebasing: head[..<filled])) {
        break
      }
    }
    return Array(head[..<filled])
  }
}

extension PeekedByteSource {
  /// Drops the first `count` bytes (a byte order mark), which must still be in the head.
  func skip(_ count: Int) throws(InputError) {
    var scratch = (UInt64(0), UInt64(0))
    _ = try withUnsafeMutableBytes(of: &scratch) { (bytes) throws(InputError) -> Int in
      try read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[..<count]))
    }
  }
}
