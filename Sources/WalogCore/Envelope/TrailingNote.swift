import CWalogSIMD

/// Notes users append to pasted lines (`← routine rotation`, `<-- 10s later`, `-> then
/// silence`, `# silence for 7 hours`): removed before matching, so a rule anchored at the
/// message's end still matches. A note follows the message after two or more spaces.
///
/// The note is kept too (``split(_:)``): what a user wrote there (`-> 17:07:29 socket mode
/// connected`) is a line of the log they saw, matched as one (`EnvelopeParser.noteLine`).
enum TrailingNote {
  /// `message` without a trailing note, and without the spaces before it.
  static func strip(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    split(line).message
  }

  /// The message without its trailing note, and the note's text after its mark (`←`, `<-`,
  /// `<--`, `->`, `#`) and the blanks after that; the note is empty when there is none.
  static func split(_ line: UnsafeRawBufferPointer) -> (message: UnsafeRawBufferPointer, note: UnsafeRawBufferPointer) {
    // Blanks at the end (Markdown's hard line break is two spaces) are no part of it.
    var end = line.count
    while end > 0, line[end - 1] == Bytes.space || line[end - 1] == Bytes.tab { end -= 1 }
    let message = end < line.count ? Bytes.slice(line, 0, end) : line
    guard message.count > 3 else { return (message, Bytes.empty) }
    var from = 1
    // A run of blanks counts from its first space; only a space followed by a blank opens
    // a run of two or more.
    while let space = blankPair(in: message, from: from) {
      var end = space + 2
      while end < message.count, message[end] == Bytes.space || message[end] == Bytes.tab { end += 1 }
      guard end < message.count else { break }
      if let mark = noteMark(message, at: end) {
        var cut = space
        while cut > 0, message[cut - 1] == Bytes.tab || message[cut - 1] == Bytes.space { cut -= 1 }
        var text = end + mark
        while text < message.count, message[text] == Bytes.space || message[text] == Bytes.tab { text += 1 }
        return (Bytes.slice(message, 0, cut), Bytes.suffix(message, from: text))
      }
      from = end + 1
    }
    return (message, Bytes.empty)
  }

  /// The first position at or after `from` of a space followed by a space or tab.
  static func blankPair(in text: UnsafeRawBufferPointer, from: Int) -> Int? {
    guard from + 1 < text.count, let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
    let found = walog_find_blank_pair(base, text.count, from)
    return found < text.count ? found : nil
  }

  /// The length of the note mark at `i`: `←` (U+2190), `<-`, `<--`, `->` or `#`; nil for none.
  private static func noteMark(_ text: UnsafeRawBufferPointer, at i: Int) -> Int? {
    switch text[i] {
    case 0x23: return 1
    case 0x3C:
      guard Bytes.hasLiteral(text, i, "<-") else { return nil }
      return Bytes.hasLiteral(text, i, "<--") ? 3 : 2
    case 0x2D: return Bytes.hasLiteral(text, i, "->") ? 2 : nil
    case 0xE2: return Bytes.hasLiteral(text, i, "←") ? 3 : nil
    default: return nil
    }
  }
}
