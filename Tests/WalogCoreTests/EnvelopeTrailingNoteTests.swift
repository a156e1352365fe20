import Testing

@testable import WalogCore

/// The trailing-note search reads sixteen bytes at a time; it must find exactly what a byte
/// by byte reading finds, wherever the blanks fall against the word boundaries.
@Suite struct EnvelopeTrailingNoteTests {
  /// Every message of `length` bytes of `x` with two bytes of `alphabet` side by side at
  /// any position and a third anywhere (each combination of bytes).
  private func messages(length: Int, alphabet: [UInt8]) -> [[UInt8]] {
    var all: [[UInt8]] = []
    for i in 0..<(length - 1) {
      for j in 0..<length {
        for a in alphabet {
          for b in alphabet {
            for c in alphabet {
              var bytes = [UInt8](repeating: 0x78, count: length)
              bytes[i] = a
              bytes[i + 1] = b
              bytes[j] = c
              all.append(bytes)
            }
          }
        }
      }
    }
    return all
  }

  /// A space followed by a space or tab, read one byte at a time.
  private func naiveBlankPair(_ bytes: [UInt8], from: Int) -> Int? {
    var p = from
    while p + 1 < bytes.count {
      if bytes[p] == 0x20, bytes[p + 1] == 0x20 || bytes[p + 1] == 0x09 { return p }
      p += 1
    }
    return nil
  }

  @Test func blankPairFindsWhatAByteByByteSearchFinds() {
    for bytes in messages(length: 27, alphabet: [0x20, 0x09, 0x78]) {
      bytes.withUnsafeBytes { raw in
        for from in 0..<3 {
          #expect(TrailingNote.blankPair(in: raw, from: from) == naiveBlankPair(bytes, from: from))
        }
      }
    }
  }

  @Test func notesAreCutAfterTwoBlanksAtAnyPosition() {
    for line in messages(length: 21, alphabet: [0x20, 0x09, 0x23]) {
      let text = String(decoding: line, as: UTF8.self)
      // Blanks at the end go first.
      var bytes = line
      while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
      // A note: a `#` that follows at least two blanks, the first of them a space, after
      // the message's first byte; the message ends at the last non-blank before them.
      var expected = String(decoding: bytes, as: UTF8.self)
      var p = 1
      while p + 1 < bytes.count {
        guard bytes[p] == 0x20, bytes[p + 1] == 0x20 || bytes[p + 1] == 0x09 else {
          p += 1
          continue
        }
        var end = p + 2
        while end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x09 { end += 1 }
        if end < bytes.count, bytes[end] == 0x23 {
          var cut = p
          while cut > 0, bytes[cut - 1] == 0x20 || bytes[cut - 1] == 0x09 { cut -= 1 }
          expected = String(decoding: bytes[..<cut], as: UTF8.self)
          break
        }
        p = end
      }
      let stripped = line.withUnsafeBytes { String(decoding: TrailingNote.strip($0), as: UTF8.self) }
      #expect(stripped == expected, "\(text.debugDescription)")
    }
  }
}
