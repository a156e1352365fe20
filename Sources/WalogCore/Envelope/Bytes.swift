#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif
import CWalogSIMD

/// Byte-level helpers shared by the envelope readers. Everything works on
/// `UnsafeRawBufferPointer` slices with integer positions, never on `String`.
enum Bytes {
  static var empty: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: nil, count: 0) }

  static let space: UInt8 = 0x20
  static let tab: UInt8 = 0x09
  static let cr: UInt8 = 0x0D
  static let lf: UInt8 = 0x0A
  static let esc: UInt8 = 0x1B
  static let quote: UInt8 = 0x22
  static let backslash: UInt8 = 0x5C
  static let colon: UInt8 = 0x3A
  static let comma: UInt8 = 0x2C
  static let lbracket: UInt8 = 0x5B
  static let rbracket: UInt8 = 0x5D
  static let lbrace: UInt8 = 0x7B
  static let rbrace: UInt8 = 0x7D
  static let pipe: UInt8 = 0x7C
  static let slash: UInt8 = 0x2F

  @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
  @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
  @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }
  @inline(__always) static func isJSONSpace(_ b: UInt8) -> Bool {
    b == space || b == tab || b == lf || b == cr
  }

  /// `buf[from..<to]` as its own view.
  @inline(__always)
  static func slice(_ buf: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> UnsafeRawBufferPointer
  {
    guard from < to, let base = buf.baseAddress else { return empty }
    return UnsafeRawBufferPointer(start: base + from, count: to - from)
  }

  /// `buf` from `from` to the end.
  @inline(__always)
  static func suffix(_ buf: UnsafeRawBufferPointer, from: Int) -> UnsafeRawBufferPointer {
    slice(buf, from, buf.count)
  }

  /// Reads `count` decimal digits at `i`, or nil when any is not a digit or out of range.
  @inline(__always)
  static func digits(_ buf: UnsafeRawBufferPointer, _ i: Int, _ count: Int) -> Int? {
    guard i >= 0, i + count <= buf.count else { return nil }
    var value = 0
    for k in i..<(i + count) {
      let d = buf[k] &- 0x30
      guard d < 10 else { return nil }
      value = value * 10 + Int(d)
    }
    return value
  }

  /// Whether `buf` holds `literal` at `i` (exact bytes).
  @inline(__always)
  static func hasLiteral(_ buf: UnsafeRawBufferPointer, _ i: Int, _ literal: StaticString) -> Bool {
    let n = literal.utf8CodeUnitCount
    guard i >= 0, i + n <= buf.count else { return false }
    let p = literal.utf8Start
    for k in 0..<n where buf[i + k] != p[k] { return false }
    return true
  }

  /// Whether the whole of `buf` equals `literal`.
  @inline(__always)
  static func equals(_ buf: UnsafeRawBufferPointer, _ literal: StaticString) -> Bool {
    buf.count == literal.utf8CodeUnitCount && hasLiteral(buf, 0, literal)
  }

  /// Whether `buf` starts with `prefix`, ignoring ASCII case.
  static func hasPrefixIgnoringCase(
    _ buf: UnsafeRawBufferPointer, _ i: Int, _ prefix: UnsafeRawBufferPointer
  ) -> Bool {
    guard i + prefix.count <= buf.count else { return false }
    for k in 0..<prefix.count where lower(buf[i + k]) != lower(prefix[k]) { return false }
    return true
  }

  /// Position of the first `byte` at or after `from`, or nil.
  @inline(__always)
  static func find(_ byte: UInt8, in buf: UnsafeRawBufferPointer, from: Int = 0) -> Int? {
    guard from < buf.count, let base = buf.baseAddress else { return nil }
    guard let hit = memchr(base + from, Int32(byte), buf.count - from) else { return nil }
    return base.distance(to: UnsafeRawPointer(hit))
  }

  /// The last `\n` in `buf[from ..< upTo]`, or nil (memrchr where the C library has it).
  @inline(__always)
  static func lastNewline(in buf: UnsafeRawBufferPointer, from: Int = 0, upTo: Int) -> Int? {
    guard from < upTo, let base = buf.baseAddress else { return nil }
    let found = walog_last_newline(base.assumingMemoryBound(to: UInt8.self) + from, upTo - from)
    return found < 0 ? nil : from + found
  }

  /// The start of the line that ends just before `end` (whole lines): one past the last `\n`
  /// before `end`, or 0.
  @inline(__always)
  static func lineStart(in buf: UnsafeRawBufferPointer, before end: Int) -> Int {
    lastNewline(in: buf, upTo: end).map { $0 + 1 } ?? 0
  }

  /// Whether `needle` occurs in `haystack`: memchr to each occurrence of its first byte,
  /// then a compare (glibc's memmem is a GNU extension Swift does not see).
  static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: UnsafeRawBufferPointer) -> Bool {
    guard let first = needle.first else { return true }
    guard let base = haystack.baseAddress, haystack.count >= needle.count else { return false }
    let last = haystack.count - needle.count
    var offset = 0
    while offset <= last, let hit = memchr(base + offset, Int32(first), last - offset + 1) {
      let at = UnsafeRawPointer(hit) - base
      if memcmp(base + at, needle.baseAddress!, needle.count) == 0 { return true }
      offset = at + 1
    }
    return false
  }

  /// Index of the first non-space byte at or after `i`.
  @inline(__always)
  static func skipSpaces(_ buf: UnsafeRawBufferPointer, _ i: Int) -> Int {
    var j = i
    while j < buf.count, buf[j] == space { j += 1 }
    return j
  }

  /// `buf` without trailing `\r` and `\n` bytes.
  static func trimTrailingNewlines(_ buf: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var end = buf.count
    while end > 0, buf[end - 1] == cr || buf[end - 1] == lf { end -= 1 }
    return slice(buf, 0, end)
  }
}
