/// Markdown around pasted lines. Users quote a log line as inline code (`` `[whatsapp] …` ``,
/// often in a list item or a `> ` quote) and put a block of lines between fences (```` ``` ````,
/// ```` ```log ````): the peeler takes the opening backticks off and ends the line at the
/// matching closing run, as Markdown reads a code span (the next run of as many backticks).
/// They put lines in a table (`| 12:00:01 | [whatsapp] … |`): the row's last `|` goes.
enum Markdown {
  static let backtick: UInt8 = 0x60

  /// For a code span opening at `i`: where its content starts and where its closing run
  /// starts. Nil when `i` holds no backtick or no closing run of the same length follows (an
  /// unclosed backtick is text, as in Markdown).
  static func at(_ text: UnsafeRawBufferPointer, _ i: Int) -> (content: Int, close: Int)? {
    guard i < text.count, text[i] == backtick else { return nil }
    let opening = runLength(text, i)
    var j = i + opening
    while let next = Bytes.find(backtick, in: text, from: j) {
      let run = runLength(text, next)
      if run == opening { return next > i + opening ? (i + opening, next) : nil }
      j = next + run
    }
    return nil
  }

  /// Whether the line at `i` is a code fence: three or more backticks, then at most an info
  /// word (```` ```log ````, ```` ```json ````) and blanks.
  static func isFence(_ text: UnsafeRawBufferPointer, _ i: Int) -> Bool {
    guard i < text.count, text[i] == backtick else { return false }
    let run = runLength(text, i)
    guard run >= 3 else { return false }
    var j = i + run
    while j < text.count, text[j] != Bytes.space, text[j] != Bytes.tab, text[j] != backtick { j += 1 }
    return Self.isBlank(text, from: j)
  }

  /// `text` without the closing `|` of a table row (a line that starts and ends with `|`,
  /// blanks aside), and without the blanks before it; `text` itself otherwise.
  static func withoutRowEnd(_ text: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var first = 0
    while first < text.count, text[first] == Bytes.space || text[first] == Bytes.tab { first += 1 }
    var end = text.count
    while end > first, text[end - 1] == Bytes.space || text[end - 1] == Bytes.tab { end -= 1 }
    guard end - first >= 2, text[first] == Bytes.pipe, text[end - 1] == Bytes.pipe else { return text }
    end -= 1
    while end > first, text[end - 1] == Bytes.space || text[end - 1] == Bytes.tab { end -= 1 }
    return Bytes.slice(text, 0, end)
  }

  private static func runLength(_ text: UnsafeRawBufferPointer, _ i: Int) -> Int {
    var j = i
    while j < text.count, text[j] == backtick { j += 1 }
    return j - i
  }

  private static func isBlank(_ text: UnsafeRawBufferPointer, from i: Int) -> Bool {
    var j = i
    while j < text.count, text[j] == Bytes.space || text[j] == Bytes.tab { j += 1 }
    return j == text.count
  }
}
