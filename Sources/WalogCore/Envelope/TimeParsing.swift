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
  }

  /// A clock reading `HH:MM:SS[.fff][±HH:MM]` without a date.
  struct Clock {
    var secondOfDay: Double
    var offset: Int?
    var end: Int
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
    if j < buf.count, buf[j] == 0x5A {  // Z
      offset = 0
      j += 1
    } else if let (o, end) = zoneOffset(buf, at: j) {
      offset = o
      j = end
    }
    return Stamp(
      days: days, secondOfDay: clock.secondOfDay, offset: offset, end: j,
      hasFraction: clock.end > i + 19)
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

  /// Reads a three-letter month name at `i` (journald `short`), any ASCII case; English
  /// plus the few Spanish/German/French ASCII abbreviations that differ and occur in pasted logs
  /// (journalctl follows the reader's locale).
  static func monthName(_ buf: UnsafeRawBufferPointer, at i: Int) -> Int? {
    guard i + 3 <= buf.count else { return nil }
    let a = Bytes.lower(buf[i])
    let b = Bytes.lower(buf[i + 1])
    let c = Bytes.lower(buf[i + 2])
    let key = UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c)
    @inline(__always) func k(_ s: StaticString) -> UInt32 {
      let p = s.utf8Start
      return UInt32(p[0]) << 16 | UInt32(p[1]) << 8 | UInt32(p[2])
    }
    switch key {
    case k("jan"), k("ene"): return 1
    case k("feb"): return 2
    case k("mar"): return 3
    case k("apr"), k("abr"), k("avr"): return 4
    case k("may"), k("mai"): return 5
    case k("jun"): return 6
    case k("jul"): return 7
    case k("aug"), k("ago"): return 8
    case k("sep"): return 9
    case k("oct"), k("okt"): return 10
    case k("nov"): return 11
    case k("dec"), k("dic"), k("dez"): return 12
    default: return nil
    }
  }
}
