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

  /// A note is kept: its text after the mark, and as a line of its own with the line's tags
  /// and the clock it opens with, on the line's day.
  @Test func aNoteIsReadAsALineOfItsOwn() throws {
    var parser = EnvelopeParser(options: EnvelopeOptions())
    let line = "23:59:58  [slack] channel stop exceeded 5000ms after abort  -> 00:00:03 socket mode connected"
    Array(line.utf8).withUnsafeBytes { bytes in
      let parsed = parser.parse(bytes)
      #expect(String(decoding: parsed.message, as: UTF8.self) == "channel stop exceeded 5000ms after abort")
      #expect(parsed.note.map { String(decoding: $0, as: UTF8.self) } == "-> 00:00:03 socket mode connected")
      let noted = parser.noteLine(of: parsed)
      #expect(noted.map { String(decoding: $0.message, as: UTF8.self) } == "socket mode connected")
      #expect(noted?.channel == "slack")
      // Five seconds later, past midnight.
      #expect(noted?.time.map { $0.seconds - parsed.time!.seconds } == 5)
    }
    for (text, note) in [
      ("[whatsapp] Listening for personal WhatsApp inbound messages.   ← brief recovery", "brief recovery"),
      ("[msteams] starting provider  <-- ~10s later", "~10s later"),
      ("[gateway] ready   # after a manual restart", "after a manual restart"),
      ("[gateway] ready", ""),
    ] {
      Array(text.utf8).withUnsafeBytes { bytes in
        let parsed = parser.parse(bytes)
        #expect(parsed.note.map { String(decoding: TrailingNote.text(of: $0), as: UTF8.self) } ?? "" == note, "\(text)")
        // A note without a clock keeps the line's time.
        #expect(parser.noteLine(of: parsed).map { $0.time == parsed.time } ?? note.isEmpty)
      }
    }
  }
}
