import CWalogSIMD

/// Notes users append to pasted lines (`← routine rotation`, `<-- 10s later`, `-> then
/// silence`, `# silence for 7 hours`): removed before matching, so a rule anchored at the
/// message's end still matches. A note follows the message after two or more spaces.
///
/// The note is kept too (``split(_:)``): what a user wrote there (`-> 17:07:29 socket mode
/// connected`) is a line of the log they saw, matched as one (`EnvelopeParser.noteLine`).
enum TrailingNote {
  /// `message` without a trailing note, and without the spaces before it.
  static func strip(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer { split(line).message }

  /// `line` cut into the message and its trailing note (from its mark on, e.g. `← fires
  /// again`), or no note.
  static func split(_ line: UnsafeRawBufferPointer) -> (message: UnsafeRawBufferPointer, note: UnsafeRawBufferPointer?) {
    // Blanks at the end (Markdown's hard line break is two spaces) are no part of it.
    var end = line.count
    while end > 0, line[end - 1] == Bytes.space || line[end - 1] == Bytes.tab { end -= 1 }
    let message = end < line.count ? Bytes.slice(line, 0, end) : line
    guard message.count > 3 else { return (message, nil) }
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
        return (Bytes.slice(message, 0, cut), Bytes.suffix(message, from: end))
      }
      from = end + 1
    }
    return (message, nil)
  }

  /// The first position at or after `from` of a space followed by a space or tab.
  static func blankPair(in text: UnsafeRawBufferPointer, from: Int) -> Int? {
    guard from + 1 < text.count, let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
    let found = walog_find_blank_pair(base, text.count, from)
    return found < text.count ? found : nil
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

  /// A note's text after its mark (`←`, `<-`, `<--`, `->`, `#`) and the blanks after that.
  static func text(of note: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    guard note.count > 0 else { return note }
    var i = 1
    switch note[0] {
    case 0xE2: i = 3
    case 0x3C: i = Bytes.hasLiteral(note, 0, "<--") ? 3 : 2
    case 0x2D: i = 2
    default: break
    }
    while i < note.count, note[i] == Bytes.space || note[i] == Bytes.tab { i += 1 }
    return Bytes.suffix(note, from: min(i, note.count))
  }
}
