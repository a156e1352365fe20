/// UTF-8 from a UTF-16 stream (the byte order mark already removed), converted as it streams.
///
/// Windows PowerShell's `>` writes UTF-16LE with a BOM, so logs redirected there arrive in
/// this form. A unit split across two reads, or a surrogate pair split across them, is
/// completed with the next read. Unpaired surrogates and a final odd byte become U+FFFD and
/// are counted in `warnings`.
final class UTF16ByteSource: ByteSource {
  private let upstream: ByteSource
  private let bigEndian: Bool
  /// UTF-16 bytes read but not yet converted, in `input[inputStart..<inputEnd]`.
  private let input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 2)
  private var inputStart = 0
  private var inputEnd = 0
  private var upstreamEnded = false
  /// UTF-8 bytes of one character that did not fit the caller's buffer.
  private var pending: (bytes: [UInt8], offset: Int) = ([], 0)
  private var replaced = 0

  init(upstream: ByteSource, bigEndian: Bool) {
    self.upstream = upstream
    self.bigEndian = bigEndian
  }

  deinit { input.deallocate() }

  var warnings: [String] {
    let own =
      replaced > 0
      ? ["\(replaced) malformed UTF-16 sequence(s) replaced by U+FFFD"] : []
    return upstream.warnings + own
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    var written = 0
    while written < buffer.count {
      if pending.offset < pending.bytes.count {
        buffer[written] = pending.bytes[pending.offset]
        pending.offset += 1
        written += 1
        continue
      }
      // Convert what is buffered; read more only when nothing is ready, so a live pipe
      // delivers its lines as soon as they arrive.
      guard let scalar = try nextScalar(mayRead: written == 0) else { break }
      written += emit(scalar, into: buffer, at: written)
    }
    return written
  }

  /// Writes the UTF-8 form of `scalar`; what does not fit waits in `pending`.
  private func emit(_ scalar: UInt32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int)
    -> Int
  {
    var utf8: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    let count: Int
    switch scalar {
    case 0..<0x80:
      utf8.0 = UInt8(scalar)
      count = 1
    case 0x80..<0x800:
      utf8 = (UInt8(0xC0 | scalar >> 6), UInt8(0x80 | scalar & 0x3F), 0, 0)
      count = 2
    case 0x800..<0x10000:
      utf8 = (
        UInt8(0xE0 | scalar >> 12), UInt8(0x80 | (scalar >> 6) & 0x3F),
        UInt8(0x80 | scalar & 0x3F), 0
      )
      count = 3
    default:
      utf8 = (
        UInt8(0xF0 | scalar >> 18), UInt8(0x80 | (scalar >> 12) & 0x3F),
        UInt8(0x80 | (scalar >> 6) & 0x3F), UInt8(0x80 | scalar & 0x3F)
      )
      count = 4
    }
    let fitting = min(count, buffer.count - offset)
    withUnsafeBytes(of: utf8) { bytes in
      for i in 0..<fitting { buffer[offset + i] = bytes[i] }
      // Rare: only when the caller's buffer ends inside a character.
      if fitting < count { pending = (Array(bytes[fitting..<count]), 0) }
    }
    return fitting
  }

  /// The next Unicode scalar, or nil when no more is available without reading (when
  /// `mayRead` is false) or at the end of the stream.
  private func nextScalar(mayRead: Bool) throws(InputError) -> UInt32? {
    guard try ensure(2, mayRead: mayRead) else {
      if upstreamEnded && inputEnd - inputStart == 1 {  // a lone last byte
        inputStart = inputEnd
        replaced += 1
        return 0xFFFD
      }
      return nil
    }
    let unit = unit(at: inputStart)
    switch unit {
    case 0xD800..<0xDC00:
      guard try ensure(4, mayRead: mayRead) else {
        if !upstreamEnded { return nil }  // wait for the low half
        inputStart += 2
        replaced += 1
        return 0xFFFD
      }
      let low = self.unit(at: inputStart + 2)
      guard (0xDC00..<0xE000).contains(low) else {
        inputStart += 2  // leave the next unit to be read on its own
        replaced += 1
        return 0xFFFD
      }
      inputStart += 4
      return 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
    case 0xDC00..<0xE000:
      inputStart += 2
      replaced += 1
      return 0xFFFD
    default:
      inputStart += 2
      return UInt32(unit)
    }
  }

  private func unit(at offset: Int) -> UInt16 {
    let first = UInt16(input[offset])
    let second = UInt16(input[offset + 1])
    return bigEndian ? first << 8 | second : second << 8 | first
  }

  /// Makes at least `count` bytes available, reading when allowed; false if it cannot.
  private func ensure(_ count: Int, mayRead: Bool) throws(InputError) -> Bool {
    while inputEnd - inputStart < count {
      if upstreamEnded || !mayRead { return false }
      if inputStart > 0 {  // keep the unconverted tail at the front
        let tail = inputEnd - inputStart
        input.baseAddress!.copyMemory(from: input.baseAddress! + inputStart, byteCount: tail)
        inputStart = 0
        inputEnd = tail
      }
      let read = try upstream.read(
        into: UnsafeMutableRawBufferPointer(rebasing: input[inputEnd...]))
      if read == 0 { upstreamEnded = true } else { inputEnd += read }
    }
    return true
  }
}
