/// An object a Node program printed over several lines (`util.inspect`, as `console.error`
/// prints an error's fields), joined into the line that opens it:
///
/// ```
/// 09:14:02 [ERROR] [bridge] connection error {
///   name: 'StreamError',
///   condition: 'conflict',
/// }
/// ```
///
/// reads as `09:14:02 [ERROR] [bridge] connection error { name: 'StreamError', condition:
/// 'conflict', }`, so that a rule sees the fields with the message. The line must end with
/// `{` and the lines after it be indented until a `}` that starts a line; at most
/// ``maxLines`` lines and ``maxBytes`` bytes, else the lines are read on their own.
enum InspectedObject {
  static let maxLines = 24
  static let maxBytes = 4096

  /// Where the earliest line that may open an object still open at the end of `lines` (whole
  /// lines, ending in `\n`) starts, or nil (``LineEdge``): a line ending with `{` among the
  /// last ``maxLines``, every line after it indented, and what ``join(_:opening:into:)``
  /// would join of them within ``maxBytes``.
  static func openStart(in lines: UnsafeRawBufferPointer) -> Int? {
    var earliest: Int?
    var lineEnd = lines.count - 1  // the last line's `\n`
    /// Bytes the lines after the one looked at would add to a join.
    var joined = 0
    for _ in 0..<maxLines {
      guard lineEnd >= 0 else { break }
      var start = lineEnd
      while start > 0, lines[start - 1] != Bytes.lf { start -= 1 }
      let text = Bytes.slice(lines, start, lineEnd)
      if let first = text.firstIndex(where: { $0 != Bytes.space && $0 != Bytes.tab }),
        let last = text.lastIndex(where: { $0 != Bytes.space && $0 != Bytes.tab && $0 != Bytes.cr })
      {
        if text[last] == Bytes.lbrace, joined + last + 1 <= maxBytes { earliest = start }
        // A line at the margin closes any object before it, or shows there was none.
        guard first > 0 else { break }
        joined += last + 1 - first + 1
      } else if text.isEmpty || (text[0] != Bytes.space && text[0] != Bytes.tab) {
        break
      }
      guard joined < maxBytes, start > 0 else { break }
      lineEnd = start - 1
    }
    return earliest
  }

  /// Joins the object that the line `line` of `block` opens into `buffer`; returns the end of
  /// its last line (its `\n`, or the block's end), or nil when the line opens none.
  static func join(_ block: UnsafeRawBufferPointer, opening line: Range<Int>, into buffer: inout [UInt8]) -> Int? {
    var end = line.upperBound
    while end > line.lowerBound, block[end - 1] == Bytes.space || block[end - 1] == Bytes.tab || block[end - 1] == Bytes.cr {
      end -= 1
    }
    guard end > line.lowerBound, block[end - 1] == Bytes.lbrace, line.upperBound < block.count else { return nil }
    buffer.removeAll(keepingCapacity: true)
    buffer.append(contentsOf: block[line.lowerBound..<end])
    var start = line.upperBound + 1
    for _ in 0..<maxLines {
      guard start < block.count else { return nil }
      let lineEnd = Bytes.find(Bytes.lf, in: block, from: start) ?? block.count
      var first = start
      while first < lineEnd, block[first] == Bytes.space || block[first] == Bytes.tab { first += 1 }
      var last = lineEnd
      while last > first, block[last - 1] == Bytes.space || block[last - 1] == Bytes.tab || block[last - 1] == Bytes.cr {
        last -= 1
      }
      let indented = first > start
      // A line that starts at the margin ends the object (`}`), or shows there was none.
      guard indented || (first < last && block[first] == Bytes.rbrace) else { return nil }
      guard buffer.count + (last - first) + 1 <= maxBytes else { return nil }
      if first < last {
        buffer.append(Bytes.space)
        buffer.append(contentsOf: block[first..<last])
      }
      if !indented { return lineEnd }
      start = lineEnd + 1
    }
    return nil
  }
}
