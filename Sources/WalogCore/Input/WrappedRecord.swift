/// A JSON record that a paste wrapped over several lines (a terminal's hard wrap, a chat
/// app's line length): the file log's `{"0":…,"1":…,"_meta":{…},"time":…}` split anywhere,
/// even inside a key. Found from a candidate line the envelope could not read, and joined back
/// (without the line breaks, which the wrap added) when, and only when, the lines make one
/// object that closes exactly at the end of its last line.
///
/// Bounded: at most `maxLines` lines and `maxBytes` bytes are joined, and a record is looked
/// for at most `maxLines - 1` lines back; lines that do not make a record are read on their
/// own, as before. The lines are those of one block: no block ends inside a record that may
/// go on (``openStart(in:)``, ``LineEdge``), so a block boundary does not split one.
enum WrappedRecord {
  static let maxLines = 32
  static let maxBytes = 32 << 10

  /// The lines `range` of `block` (whole lines ending in `\n`) that make one wrapped record
  /// with the line at `line` (its range, without `\n`), and how many lines before `line` it
  /// starts. The joined bytes are left in `joined`.
  static func find(
    in block: UnsafeRawBufferPointer, around line: Range<Int>, into joined: inout [UInt8]
  ) -> (range: Range<Int>, linesBefore: Int)? {
    // The nearest line that opens with `{` may be a piece of a string (`{\"subsystem\":…`):
    // then the record starts before it. Two tries at most, so the work stays bounded.
    var from = line.lowerBound
    var back = 0
    for _ in 0..<2 {
      guard let (start, lines) = recordStart(in: block, at: from, within: maxLines - back) else { return nil }
      back += lines
      if let end = join(block, from: start, covering: line, into: &joined) { return (start..<end, back) }
      guard start > 0, back + 1 < maxLines else { return nil }
      from = previousLine(in: block, before: start)
      back += 1
    }
    return nil
  }

  /// The end (the last line's `\n`) of a wrapped record that opens at the line at `start`,
  /// joined into `joined`; nil when the lines from there make none.
  static func record(in block: UnsafeRawBufferPointer, openingAt start: Int, into joined: inout [UInt8]) -> Int? {
    guard start < block.count, block[start] == Bytes.lbrace else { return nil }
    return join(block, from: start, covering: start..<start, into: &joined)
  }

  /// The end (the last line's `\n`) of the record joined from the line at `start` into
  /// `joined`, when it closes on a later line that is at or after `line`.
  private static func join(
    _ block: UnsafeRawBufferPointer, from start: Int, covering line: Range<Int>, into joined: inout [UInt8]
  ) -> Int? {
    joined.removeAll(keepingCapacity: true)
    var depth = Depth()
    var lineStart = start
    var lines = 0
    while lineStart < block.count, lines < maxLines {
      let lineEnd = Bytes.find(Bytes.lf, in: block, from: lineStart) ?? block.count
      let text = trimmed(block, lineStart, lineEnd)
      if lines > 0, depth.startsRecord(text) { return nil }
      guard joined.count + text.count <= maxBytes else { return nil }
      let closedAt = depth.feed(text)
      joined.append(contentsOf: text)
      lines += 1
      if let closedAt {
        // The object must end the line, and the candidate must be one of its lines.
        guard isBlank(text, from: closedAt), lines > 1, lineEnd >= line.upperBound,
          isObject(joined)
        else { return nil }
        return lineEnd
      }
      lineStart = lineEnd + 1
    }
    return nil
  }

  private static func previousLine(in block: UnsafeRawBufferPointer, before lineStart: Int) -> Int {
    Bytes.lineStart(in: block, before: lineStart - 1)  // before the previous line's `\n`
  }

  /// Where the earliest line that may open a record still open at the end of `lines` starts
  /// (whole lines, ending in `\n`; the bytes before a place where a block could end), or nil
  /// when no record can go on past their end: one of the last `maxLines` lines, within about
  /// `maxBytes` of the end, opens with `{` and the JSON read from there does not close before
  /// the end. A longer record is never joined, so an end past it splits none. Bounded work:
  /// a line that closes its own object (the file log's) is read once.
  static func openStart(in lines: UnsafeRawBufferPointer) -> Int? {
    guard lines.count > 1 else { return nil }
    var earliest: Int?
    var lineStart = lines.count - 1  // the last line's `\n`
    for _ in 0..<maxLines {
      lineStart = Bytes.lineStart(in: lines, before: lineStart)
      guard lines.count - lineStart <= maxBytes + maxLines * 2 else { break }
      if lines[lineStart] == Bytes.lbrace, !closes(lines, from: lineStart) { earliest = lineStart }
      guard lineStart > 0 else { break }
      lineStart -= 1
    }
    return earliest
  }

  /// Whether the JSON read from the line at `start` closes by the end of `lines`, read as
  /// ``join(_:from:covering:into:)`` reads it: each line without its line end, since a wrap
  /// may fall after a backslash (`…\` then `"}",…`), which escapes the next line's first byte.
  private static func closes(_ lines: UnsafeRawBufferPointer, from start: Int) -> Bool {
    var depth = Depth()
    var lineStart = start
    while lineStart < lines.count {
      let lineEnd = Bytes.find(Bytes.lf, in: lines, from: lineStart) ?? lines.count
      if depth.feed(trimmed(lines, lineStart, lineEnd)) != nil { return true }
      lineStart = lineEnd + 1
    }
    return false
  }

  /// The line at or before `lineStart` that opens a record (first byte `{`), at most
  /// `within - 1` lines back, and how many lines back it is.
  private static func recordStart(
    in block: UnsafeRawBufferPointer, at lineStart: Int, within: Int = maxLines
  ) -> (Int, Int)? {
    var start = lineStart
    for back in 0..<max(0, within) {
      if start < block.count, block[start] == Bytes.lbrace { return (start, back) }
      guard start > 0, lineStart - start <= maxBytes else { return nil }
      start = previousLine(in: block, before: start)
    }
    return nil
  }

  /// Whether `joined` is a well-formed object: a piece that starts with `{` inside a string
  /// (`{\"subsystem\":…`) closes, if ever, with stray text.
  private static func isObject(_ joined: [UInt8]) -> Bool {
    joined.withUnsafeBytes { JSONScanner.members($0, at: 0) { _, _ in true } != nil }
  }

  static func isBlank(_ text: UnsafeRawBufferPointer, from i: Int) -> Bool {
    var j = i
    while j < text.count, text[j] == Bytes.space || text[j] == Bytes.tab { j += 1 }
    return j == text.count
  }

  /// A line without its `\r`.
  private static func trimmed(_ block: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> UnsafeRawBufferPointer {
    var end = end
    if end > start, block[end - 1] == Bytes.cr { end -= 1 }
    return Bytes.slice(block, start, end)
  }

  /// Where the outermost object closes, across lines: nesting and string state.
  struct Depth {
    private var depth = 0
    private var inString = false
    private var escaped = false

    /// Whether `line`, read on from this state, is a record of its own instead (the next
    /// record after a truncated one): outside a string, an object that ends the line.
    func startsRecord(_ line: UnsafeRawBufferPointer) -> Bool {
      guard !inString, line.count > 0, line[0] == Bytes.lbrace else { return false }
      var own = Depth()
      guard let end = own.feed(line) else { return false }
      return WrappedRecord.isBlank(line, from: end)
    }

    /// Reads `text` on from the state so far; returns the index after the byte that closed
    /// the outermost object, if it closes in `text`.
    mutating func feed(_ text: UnsafeRawBufferPointer) -> Int? {
      for (i, b) in text.enumerated() {
        if inString {
          if escaped {
            escaped = false
          } else if b == Bytes.backslash {
            escaped = true
          } else if b == Bytes.quote {
            inString = false
          }
          continue
        }
        switch b {
        case Bytes.quote: inString = true
        case Bytes.lbrace, Bytes.lbracket: depth += 1
        case Bytes.rbrace, Bytes.rbracket:
          depth -= 1
          if depth == 0 { return i + 1 }
        default: break
        }
      }
      return nil
    }
  }
}
