/// A record copied from the Control UI's Logs page: its time, level, subsystem and message
/// each on a line of their own,
///
/// ```
/// 09:40:01
/// warn
/// gateway/channels/whatsapp
/// Web connection closed (status 499). Retry 1/12 in 2.3s…
/// ```
///
/// The message line is the one a rule's literal finds; the three before it are joined to it
/// as `09:40:01 warn gateway/channels/whatsapp Web connection…`, the shape of `openclaw logs`,
/// which the envelope reads as any other line. Only a message line with no time and no tag of
/// its own is looked at, so ordinary logs never pay for it.
enum ControlUICopy {
  /// Joins the record whose message is the line at `start..<end` of `block` into `buffer`;
  /// false when the three lines before it are not a time, a level and a subsystem.
  static func join(
    _ block: UnsafeRawBufferPointer, message: Range<Int>, into buffer: inout [UInt8]
  ) -> Bool {
    guard let subsystem = lineBefore(message.lowerBound, in: block), isSubsystem(subsystem.text, in: block),
      let level = lineBefore(subsystem.start, in: block), isLevel(level.text, in: block),
      let time = lineBefore(level.start, in: block), isTime(time.text, in: block)
    else { return false }
    buffer.removeAll(keepingCapacity: true)
    for part in [time.text, level.text, subsystem.text] {
      buffer.append(contentsOf: trimmed(part, in: block))
      buffer.append(Bytes.space)
    }
    buffer.append(contentsOf: block[message])
    return true
  }

  /// Where a record whose message may be the line after `lines` (whole lines, ending in `\n`)
  /// starts: their last lines are its time, level and subsystem as far as they go (a time; a
  /// time and a level; all three); nil when they are not (``LineEdge``).
  static func openStart(in lines: UnsafeRawBufferPointer) -> Int? {
    guard let last = lineBefore(lines.count, in: lines) else { return nil }
    if isTime(last.text, in: lines) { return last.start }
    guard let second = lineBefore(last.start, in: lines) else { return nil }
    if isLevel(last.text, in: lines), isTime(second.text, in: lines) { return second.start }
    guard isSubsystem(last.text, in: lines), isLevel(second.text, in: lines),
      let third = lineBefore(second.start, in: lines), isTime(third.text, in: lines)
    else { return nil }
    return third.start
  }

  /// The line that ends just before `start` (without its `\n` and `\r`), with its start.
  private static func lineBefore(_ start: Int, in block: UnsafeRawBufferPointer) -> (text: Range<Int>, start: Int)? {
    guard start > 0, block[start - 1] == Bytes.lf else { return nil }
    var end = start - 1
    var begin = end
    // A record's lines are short: a longer one is no part of it.
    while begin > 0, block[begin - 1] != Bytes.lf {
      begin -= 1
      if end - begin > 80 { return nil }
    }
    if end > begin, block[end - 1] == Bytes.cr { end -= 1 }
    return end > begin ? (begin..<end, begin) : nil
  }

  private static func trimmed(_ range: Range<Int>, in block: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, block[lower] == Bytes.space || block[lower] == Bytes.tab { lower += 1 }
    while upper > lower, block[upper - 1] == Bytes.space || block[upper - 1] == Bytes.tab { upper -= 1 }
    return UnsafeRawBufferPointer(rebasing: block[lower..<upper])
  }

  /// A subsystem name alone: letters, digits, `/`, `-`, `_`, `.`.
  private static func isSubsystem(_ range: Range<Int>, in block: UnsafeRawBufferPointer) -> Bool {
    let text = trimmed(range, in: block)
    guard text.count >= 2, Bytes.isAlpha(text[0]) else { return false }
    return text.allSatisfy { Bytes.isAlpha($0) || Bytes.isDigit($0) || $0 == Bytes.slash || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
  }

  /// A level name alone (`warn`, `ERROR`).
  private static func isLevel(_ range: Range<Int>, in block: UnsafeRawBufferPointer) -> Bool {
    let text = trimmed(range, in: block)
    guard text.count <= 7, let (_, end) = EnvelopeParser.levelWord(text, at: 0, ignoringCase: true) else {
      return false
    }
    return end == text.count
  }

  /// A time alone (`09:40:01`, `2026-08-09 09:40:01`).
  private static func isTime(_ range: Range<Int>, in block: UnsafeRawBufferPointer) -> Bool {
    let text = trimmed(range, in: block)
    guard let (_, end) = TimeReading.read(text, at: 0) else { return false }
    return end == text.count
  }
}
