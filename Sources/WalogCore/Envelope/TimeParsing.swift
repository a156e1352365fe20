/// Small byte-level readers for the timestamps OpenClaw, journald and docker print.
/// They only read what is printed; turning a reading into a `LogTime` (zones, rollovers) is
/// `TimeResolver`'s job.
enum TimeParsing {
  /// A date and time as printed: `days` since 1970-01-01 of the printed (local) date,
  /// `secondOfDay` on the printed clock, and the printed offset if any (`Z` is 0).
  struct Stamp {
    var days: Int
    var secondOfDay: Double
    var offset: Int?
    /// Index just after the timestamp.
    var end: Int
    /// Whether fractional seconds were printed.
    var hasFraction: Bool
    /// Whether the offset was printed as `Z` (or `UTC`, `GMT`) rather than in digits.
    var zulu = false
  }

  /// A clock reading `HH:MM:SS[.fff][±HH:MM]` without a date.
  struct Clock {
    var secondOfDay: Double
    var offset: Int?
    var end: Int
    /// Whether the offset was printed as `Z` (or `UTC`, `GMT`) rather than in digits.
    var zulu = false
    /// The day relative to the other lines' when the line says it (`Yesterday at 9:02 PM`
    /// is 1, `Today at …` 0: `ChatTime`), else nil.
    var daysAgo: Int? = nil
  }

  /// Days from 1970-01-01 to the proleptic Gregorian date `y-m-d`, by arithmetic alone
  /// (eras of 400 years, March-based years so the leap day is last).
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let shiftedMonth = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146097 + dayOfEra - 719468
  }

  /// Reads `YYYY-MM-DD(T| )HH:MM:SS[.f…][Z|±HH:MM|±HHMM|±HH]` at `i`.
  static func iso(_ buf: UnsafeRawBufferPointer, at i: Int) -> Stamp? {
    guard let year = Bytes.digits(buf, i, 4), buf.count > i + 10,
      buf[i + 4] == 0x2D, let month = Bytes.digits(buf, i + 5, 2),
      buf[i + 7] == 0x2D, let day = Bytes.digits(buf, i + 8, 2),
      buf[i + 10] == 0x54 || buf[i + 10] == Bytes.space,
      (1...12).contains(month), (1...31).contains(day),
      let clock = clock(buf, at: i + 11, fractionRequired: false)
    else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    var j = clock.end
    var offset: Int? = nil
    let zulu = j < buf.count && buf[j] == 0x5A  // Z
    if zulu {
      offset = 0
      j += 1
    } else if let (o, end) = zoneOffset(buf, at: j) {
      offset = o
      j = end
    }
    return Stamp(
      days: days, secondOfDay: clock.secondOfDay, offset: offset, end: j,
      hasFraction: clock.end > i + 19, zulu: zulu)
  }

  /// Reads `HH:MM:SS[.f…]` at `i`, then an optional `±HH:MM` offset only when `withOffset`.
  static func clock(
    _ buf: UnsafeRawBufferPointer, at i: Int, fractionRequired: Bool = false,
    withOffset: Bool = false
  ) -> Clock? {
    guard let h = Bytes.digits(buf, i, 2), i + 8 <= buf.count, buf[i + 2] == Bytes.colon,
      let m = Bytes.digits(buf, i + 3, 2), buf[i + 5] == Bytes.colon,
      let s = Bytes.digits(buf, i + 6, 2), h < 24, m < 60, s < 61
    else { return nil }
    var seconds = Double(h * 3600 + m * 60 + s)
    var j = i + 8
    if j < buf.count, buf[j] == 0x2E || buf[j] == Bytes.comma {
      var k = j + 1
      var fraction = 0.0
      var scale = 0.1
      while k < buf.count, Bytes.isDigit(buf[k]) {
        fraction += Double(buf[k] &- 0x30) * scale
        scale /= 10
        k += 1
      }
      if k > j + 1 {
        seconds += fraction
        j = k
      }
    } else if fractionRequired {
      return nil
    }
    var offset: Int? = nil
    if withOffset, let (o, end) = zoneOffset(buf, at: j) {
      offset = o
      j = end
    }
    return Clock(secondOfDay: seconds, offset: offset, end: j)
  }

  /// Reads `±HH:MM`, `±HHMM` or `±HH` at `i` as seconds east of UTC.
  static func zoneOffset(_ buf: UnsafeRawBufferPointer, at i: Int) -> (Int, Int)? {
    guard i < buf.count, buf[i] == 0x2B || buf[i] == 0x2D, let h = Bytes.digits(buf, i + 1, 2),
      h <= 18
    else { return nil }
    let sign = buf[i] == 0x2D ? -1 : 1
    var j = i + 3
    var m = 0
    if j < buf.count, buf[j] == Bytes.colon, let mm = Bytes.digits(buf, j + 1, 2) {
      m = mm
      j += 3
    } else if let mm = Bytes.digits(buf, j, 2) {
      m = mm
      j += 2
    }
    // A following digit means this was not an offset (e.g. part of a number).
    if j < buf.count, Bytes.isDigit(buf[j]) { return nil }
    return (sign * (h * 3600 + m * 60), j)
  }

  /// Reads syslog's `Mon DD HH:MM:SS[.f…]` (journald `short`, `short-precise`) at `i`; the
  /// day may be padded with a space (`Apr  7`).
  static func syslog(
    _ buf: UnsafeRawBufferPointer, at i: Int
  ) -> (month: Int, day: Int, clock: Clock, clockStart: Int)? {
    guard let (month, monthEnd) = monthToken(buf, at: i),
      buf.count > monthEnd + 5, buf[monthEnd] == Bytes.space
    else { return nil }
    var j = monthEnd + 1
    if buf[j] == Bytes.space { j += 1 }
    var day = 0
    var digits = 0
    while j < buf.count, digits < 2, Bytes.isDigit(buf[j]) {
      day = day * 10 + Int(buf[j] &- 0x30)
      j += 1
      digits += 1
    }
    guard digits > 0, (1...31).contains(day), j < buf.count, buf[j] == Bytes.space,
      let clock = clock(buf, at: j + 1)
    else { return nil }
    return (month, day, clock, j + 1)
  }

  /// Reads a month name at `i` (journald `short`), any ASCII case, and returns the month and
  /// the index after the name. journalctl prints `%b` in the reader's locale, so besides
  /// English this knows the abbreviations glibc prints for Spanish, French, German, Italian,
  /// Portuguese and Dutch: variable length, some with a final `.` (`déc.`, `janv.`) and some
  /// with UTF-8 letters (`Mär`, `févr.`, `août`).
  static func monthToken(_ buf: UnsafeRawBufferPointer, at i: Int) -> (month: Int, end: Int)? {
    var end = i
    while end < buf.count, end - i < 7, buf[end] != 0x20, buf[end] != 0x2E { end += 1 }
    let length = end - i
    guard length >= 3, length <= 5 else { return nil }
    if end < buf.count, buf[end] == 0x2E { end += 1 }
    for (name, month) in monthNames where name.utf8CodeUnitCount == length {
      let p = name.utf8Start
      var k = 0
      while k < length, Bytes.lower(buf[i + k]) == p[k] { k += 1 }
      if k == length { return (month, end) }
    }
    return nil
  }

  /// `%b` month abbreviations, lower case, without a final `.`; checked in order.
  private static let monthNames: [(StaticString, Int)] = [
    ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("may", 5), ("jun", 6),
    ("jul", 7), ("aug", 8), ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    // es
    ("ene", 1), ("abr", 4), ("ago", 8), ("sept", 9), ("dic", 12),
    // fr
    ("janv", 1), ("févr", 2), ("mars", 3), ("avr", 4), ("mai", 5), ("juin", 6),
    ("juil", 7), ("août", 8), ("déc", 12),
    // de
    ("mär", 3), ("okt", 10), ("dez", 12),
    // it
    ("gen", 1), ("mag", 5), ("giu", 6), ("lug", 7), ("set", 9), ("ott", 10),
    // pt
    ("fev", 2), ("out", 10),
    // nl
    ("mrt", 3), ("mei", 5),
  ]
}
