/// Notes users append to pasted lines (`← routine rotation`, `<-- 10s later`, `-> then
/// silence`, `# silence for 7 hours`): removed before matching, so a rule anchored at the
/// message's end still matches. A note follows the message after two or more spaces.
enum TrailingNote {
  /// `message` without a trailing note, and without the spaces before it.
  static func strip(_ message: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    guard message.count > 3 else { return message }
    var from = 1
    // A run of blanks counts from its first space; only a space followed by a blank opens
    // a run of two or more.
    while let space = blankPair(in: message, from: from) {
      var end = space + 2
      while end < message.count, message[end] == Bytes.space || message[end] == Bytes.tab { end += 1 }
      guard end < message.count else { break }
      if startsNote(message, at: end) {
        var cut = space
        while cut > 0, message[cut - 1] == Bytes.tab || message[cut - 1] == Bytes.space { cut -= 1 }
        return Bytes.slice(message, 0, cut)
      }
      from = end + 1
    }
    return message
  }

  /// The first position at or after `from` of a space followed by a space or tab. Most
  /// messages have none: eight positions are tested at a time, in 64-bit words.
  static func blankPair(in text: UnsafeRawBufferPointer, from: Int) -> Int? {
    var p = from
    while p + 9 <= text.count {
      let here = UInt64(littleEndian: text.loadUnaligned(fromByteOffset: p, as: UInt64.self))
      let next = UInt64(littleEndian: text.loadUnaligned(fromByteOffset: p + 1, as: UInt64.self))
      let hits = bytes(of: here, equalTo: Bytes.space)
        & (bytes(of: next, equalTo: Bytes.space) | bytes(of: next, equalTo: Bytes.tab))
      if hits != 0 { return p + hits.trailingZeroBitCount / 8 }
      p += 8
    }
    while p + 1 < text.count {
      if text[p] == Bytes.space, text[p + 1] == Bytes.space || text[p + 1] == Bytes.tab { return p }
      p += 1
    }
    return nil
  }

  /// The high bit of each byte of `word` that equals `byte` (exact: no carries between bytes).
  @inline(__always)
  private static func bytes(of word: UInt64, equalTo byte: UInt8) -> UInt64 {
    let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
    return ~(((x & low7) &+ low7) | x) & ~low7
  }

  /// `←` (U+2190), `<-`, `<--`, `->` or `#`.
  private static func startsNote(_ text: UnsafeRawBufferPointer, at i: Int) -> Bool {
    switch text[i] {
    case 0x23: return true
    case 0x3C: return Bytes.hasLiteral(text, i, "<-")
    case 0x2D: return Bytes.hasLiteral(text, i, "->")
    case 0xE2: return Bytes.hasLiteral(text, i, "←")
    default: return false
    }
  }
}
