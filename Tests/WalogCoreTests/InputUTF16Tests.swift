import Foundation
import Testing

@testable import WalogCore

@Suite struct InputUTF16Tests {
  /// ASCII, accents, CJK, an emoji (a surrogate pair) and CRLF, as PowerShell writes them.
  static let text = "12:00:01 [whatsapp] connected ✓ é 日本\r\n12:00:02 [gateway] 🦞 restart 😀\r\nend"

  private static func encoded(bigEndian: Bool) -> [UInt8] {
    let bom: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
    return bom
      + text.utf16.flatMap { unit in
        bigEndian
          ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
      }
  }

  @Test(arguments: [false, true])
  func fileWithByteOrderMarkBecomesUTF8(bigEndian: Bool) throws {
    let dir = try InputTempDirectory()
    let path = try dir.write("powershell.log", Self.encoded(bigEndian: bigEndian))
    let source = try InputSource(location: .file(path: path)).open()
    #expect(try inputReadAll(source) == Array(Self.text.utf8))
    #expect(source.warnings.isEmpty)
  }

  /// Every way of splitting the input and the output: one byte at a time splits units and
  /// surrogate pairs; a 1–5 byte output buffer splits multi-byte UTF-8 characters.
  @Test(arguments: [1, 2, 3, 5, 64])
  func oddChunkBoundariesGiveTheSameText(chunk: Int) throws {
    for bigEndian in [false, true] {
      let upstream = InputChunkedSource(Self.encoded(bigEndian: bigEndian), chunk: chunk)
      let source = try InputDecoder.decode(upstream, path: "test", limits: .default)
      #expect(try inputReadAll(source, chunk: chunk) == Array(Self.text.utf8))
    }
  }

  @Test func gzippedUTF16IsDecompressedThenConverted() throws {
    let dir = try InputTempDirectory()
    try dir.write("powershell.log", Self.encoded(bigEndian: false))
    try dir.shell("gzip -c powershell.log > powershell.log.gz")
    let source = try InputSource(location: .file(path: dir.path + "/powershell.log.gz")).open()
    #expect(try inputReadAll(source) == Array(Self.text.utf8))
  }

  @Test func malformedUnitsBecomeReplacementCharacters() throws {
    // BOM, "a", a lone high surrogate followed by "b", a lone low surrogate, then an odd byte.
    let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x3D, 0xD8, 0x62, 0x00, 0x00, 0xDC, 0x63]
    let source = try InputDecoder.decode(
      InputChunkedSource(bytes, chunk: 3), path: "t", limits: .default)
    #expect(
      String(decoding: try inputReadAll(source), as: UTF8.self) == "a\u{FFFD}b\u{FFFD}\u{FFFD}")
    #expect(source.warnings == ["3 malformed UTF-16 sequence(s) replaced by U+FFFD"])
  }
}
