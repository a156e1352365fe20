/// The times chat apps put in front of a message copied out of them: Discord's and Slack's
/// `Today at 10:15 AM` / `Yesterday at 9:02 PM`, and the date and time of a WhatsApp chat
/// export, `1/12/26, 10:15:03 AM` (US), `12/01/2026, 10:15` or `12.01.26, 10:15:03`, and a
/// log viewer's dotted `12.01.2026 10:15:03`. The
/// peeler reads them where `TimeReading` reads none (docs/formats.md, "Pasted lines").
enum ChatTime {
  static func read(_ text: UnsafeRawBufferPointer, at i: Int) -> (TimeReading, end: Int)? {
    guard i < text.count else { return nil }
    let b = text[i]
    if Bytes.isDigit(b) { return exportDate(text, at: i) }
    if b == 0x54 || b == 0x74 || b == 0x59 || b == 0x79 { return relativeDay(text, at: i) }
    return nil
  }

  /// `Today at <clock>` or `Yesterday at <clock>` (either case): a clock that knows its day
  /// relative to the other lines' (`TimeParsing.Clock.daysAgo`).
  private static func relativeDay(_ text: UnsafeRawBufferPointer, at i: Int) -> (TimeReading, end: Int)? {
    let daysAgo: Int
    var j: Int
    if Bytes.hasPrefixIgnoringCase(text, i, Self.today) {
      (daysAgo, j) = (0, i + Self.today.count)
    } else if Bytes.hasPrefixIgnoringCase(text, i, Self.yesterday) {
      (daysAgo, j) = (1, i + Self.yesterday.count)
    } else {
      return nil
    }
    guard let (reading, end) = TimeReading.read(text, at: j), case .clock(var clock) = reading else { return nil }
    j = end
    clock.daysAgo = daysAgo
    return (.clock(clock), j)
  }

  /// `D/M/YY, <clock>` and the like: day, month and year (2 or 4 digits) with `/` or `.`,
  /// then `, ` and a clock. Which number is the month: the one that cannot be a day
  /// decides; else day first, except in the US form (`/` with a 12-hour clock).
  private static func exportDate(_ text: UnsafeRawBufferPointer, at i: Int) -> (TimeReading, end: Int)? {
    guard let (first, a) = number(text, at: i, upTo: 2), a < text.count else { return nil }
    let separator = text[a]
    guard separator == Bytes.slash || separator == 0x2E,
      let (second, b) = number(text, at: a + 1, upTo: 2), b < text.count, text[b] == separator,
      let (yearDigits, c) = number(text, at: b + 1, upTo: 4), c - b - 1 == 2 || c - b - 1 == 4,
      let clockStart = afterDate(text, at: c, separator: separator),
      let (reading, end) = TimeReading.read(text, at: clockStart), case .clock(let clock) = reading
    else { return nil }
    let twelveHour = Bytes.lower(text[end - 1]) == 0x6D  // `AM`, `pm`
    let monthFirst = second > 12 || (first <= 12 && separator == Bytes.slash && twelveHour)
    let (month, day) = monthFirst ? (first, second) : (second, first)
    guard (1...12).contains(month), (1...31).contains(day) else { return nil }
    let year = c - b - 1 == 2 ? 2000 + yearDigits : yearDigits
    let stamp = TimeParsing.Stamp(
      days: TimeParsing.daysFromCivil(year: year, month: month, day: day),
      secondOfDay: clock.secondOfDay, offset: clock.offset, end: end, hasFraction: false)
    return (.dated(stamp), end)
  }

  /// Where the clock starts after a date ending at `c`: after `, ` (chat exports), or after
  /// a space when the date is dotted (`12.04.2026 23:57:37`, as European log viewers print
  /// it: day first without doubt; a slashed date with a space is left to `TimeReading`).
  private static func afterDate(_ text: UnsafeRawBufferPointer, at c: Int, separator: UInt8) -> Int? {
    if c + 2 < text.count, text[c] == Bytes.comma, text[c + 1] == Bytes.space { return c + 2 }
    if separator == 0x2E, c + 1 < text.count, text[c] == Bytes.space { return c + 1 }
    return nil
  }

  /// One to `upTo` digits at `i`, and the index after them.
  private static func number(_ text: UnsafeRawBufferPointer, at i: Int, upTo: Int) -> (Int, Int)? {
    var j = i
    var value = 0
    while j < text.count, j - i < upTo, Bytes.isDigit(text[j]) {
      value = value * 10 + Int(text[j] &- 0x30)
      j += 1
    }
    return j > i ? (value, j) : nil
  }

  private static var today: UnsafeRawBufferPointer { bytes("today at ") }
  private static var yesterday: UnsafeRawBufferPointer { bytes("yesterday at ") }

  private static func bytes(_ literal: StaticString) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
  }
}
