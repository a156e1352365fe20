/// What the first bytes of a stream say it is. Chosen from magic bytes only, never from a
/// file name: bug-report attachments are often renamed (`log.txt` that is really gzip).
enum StreamFormat: Equatable, Sendable {
  /// A compression filter libarchive undoes; the name is used in warnings.
  case compressed(String)
  /// A container of several files (zip, tar); on disk each entry becomes its own input.
  case archive(String)
  case utf16LittleEndian
  case utf16BigEndian
  case utf8WithBOM
  /// Anything else: text in UTF-8 or any ASCII-compatible encoding, or binary data.
  case plain

  /// How many leading bytes `detect` wants to see to recognise every format (tar's `ustar`
  /// sits at offset 257).
  static let tarMagicOffset = 257
  static let wantedPeekCount = 512

  /// Recognises the format from the first bytes of a stream (fewer than `wantedPeekCount`
  /// when the stream is that short).
  static func detect(_ head: UnsafeRawBufferPointer) -> StreamFormat {
    func starts(_ magic: [UInt8]) -> Bool {
      head.count >= magic.count && zip(head, magic).allSatisfy { $0 == $1 }
    }
    if starts([0x1F, 0x8B]) { return .compressed("gzip") }
    if starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .compressed("xz") }
    if starts([0x28, 0xB5, 0x2F, 0xFD]) { return .compressed("zstd") }
    if starts([0x42, 0x5A, 0x68]) && head.count >= 4 && (0x31...0x39).contains(head[3]) {
      return .compressed("bzip2")  // "BZh" + block size digit '1'...'9'
    }
    if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) {
      return .archive("zip")
    }
    if isTarHeader(head) { return .archive("tar") }
    // UTF-16 with a byte order mark (PowerShell's `>` writes UTF-16LE).
    if starts([0xFF, 0xFE]) { return .utf16LittleEndian }
    if starts([0xFE, 0xFF]) { return .utf16BigEndian }
    if starts([0xEF, 0xBB, 0xBF]) { return .utf8WithBOM }
    return .plain
  }

  /// POSIX tar ("ustar\0") and GNU tar ("ustar  \0") both put `ustar` at offset 257.
  private static func isTarHeader(_ head: UnsafeRawBufferPointer) -> Bool {
    let magic: [UInt8] = Array("ustar".utf8)
    guard head.count >= tarMagicOffset + magic.count else { return false }
    for (i, byte) in magic.enumerated() where head[tarMagicOffset + i] != byte { return false }
    return true
  }

  /// Whether a stream that has produced only `head` so far might still turn out to be a tar
  /// archive, so peeking should wait for more bytes. Text logs have no NUL bytes while a tar
  /// header's name field is NUL-padded; waiting only then keeps live pipes responsive.
  static func mightBeTar(_ head: UnsafeRawBufferPointer) -> Bool {
    head.count < tarMagicOffset + 5 && head.prefix(100).contains(0)
  }
}
