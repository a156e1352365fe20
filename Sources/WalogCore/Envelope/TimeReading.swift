/// A time as some tool printed it in front of a pasted line, before it becomes a `LogTime`:
/// the peeler collects one per timestamp it takes off and keeps the best (docs/formats.md,
/// "Several times on one line"), so only the winner reaches `TimeResolver` and its state.
enum TimeReading {
  /// A date and a time (ISO 8601, RFC 3339, `2026-03-07 08:00`).
  case dated(TimeParsing.Stamp)
  /// Month, day and time without a year (syslog, journald `short`).
  case noYear(month: Int, day: Int, secondOfDay: Double)
  /// A time of day only.
  case clock(TimeParsing.Clock)

  /// How much of the moment is known: a dated time beats a yearless one beats a clock.
  var rank: Int {
    switch self {
    case .dated: 3
    case .noYear: 2
    case .clock: 1
    }
  }

  /// This reading with the zone printed after it when it printed none itself.
  func withZone(_ zone: Zone) -> TimeReading {
    switch self {
    case .dated(var stamp):
      if stamp.offset == nil { (stamp.offset, stamp.zulu) = (zone.offset, zone.zulu) }
      return .dated(stamp)
    case .clock(var clock):
      if clock.offset == nil { (clock.offset, clock.zulu) = (zone.offset, zone.zulu) }
      return .clock(clock)
    case .noYear:
      return self
    }
  }

  /// Reads a timestamp of any common shape at `i`, and a zone after it: ISO 8601 / RFC 3339
  /// (`T` or space, fraction of any length, `Z`/offset, seconds optional, `-` or `/` in the
  /// date), syslog `Mon DD HH:MM:SS[.f]`, a clock `HH:MM[:SS[.f]][±HH:MM]` or a 12-hour
  /// `5:20:57 PM`; then optionally ` GMT+8`, ` UTC`, `Z`, ` +0800`. The reading must end at a
  /// space, tab, `]`, `|`, `,` or the end.
  static func read(_ text: UnsafeRawBufferPointer, at i: Int) -> (TimeReading, end: Int)? {
    guard i < text.count else { return nil }
    var reading: TimeReading
    var end: Int
    if Bytes.isDigit(text[i]) {
      if let stamp = TimeParsing.iso(text, at: i) ?? looseDate(text, at: i) {
        reading = .dated(stamp)
        end = stamp.end
      } else if let clock = twelveHourClock(text, at: i)
        ?? TimeParsing.clock(text, at: i, withOffset: true) ?? clockWithoutSeconds(text, at: i)
      {
        reading = .clock(clock)
        end = clock.end
      } else {
        return nil
      }
    } else if Bytes.isAlpha(text[i]) || text[i] >= 0x80, let syslog = TimeParsing.syslog(text, at: i) {
      reading = .noYear(month: syslog.month, day: syslog.day, secondOfDay: syslog.clock.secondOfDay)
      end = syslog.clock.end
    } else {
      return nil
    }
    if let zone = zone(text, at: end) {
      reading = reading.withZone(zone)
      end = zone.end
    }
    guard end == text.count || isBoundary(text[end]) else { return nil }
    return (reading, end)
  }

  /// Whether `b` may follow a timestamp.
  private static func isBoundary(_ b: UInt8) -> Bool {
    b == Bytes.space || b == Bytes.tab || b == Bytes.rbracket || b == Bytes.pipe || b == Bytes.comma
  }

  /// A date with `-` or `/` (`2026/03/16`), `T` or a space, and a clock with or without
  /// seconds, then an optional `Z` or offset: the shapes `TimeParsing.iso` leaves.
  private static func looseDate(_ text: UnsafeRawBufferPointer, at i: Int) -> TimeParsing.Stamp? {
    guard let year = Bytes.digits(text, i, 4), text.count > i + 15,
      text[i + 4] == 0x2D || text[i + 4] == Bytes.slash, text[i + 7] == text[i + 4],
      let month = Bytes.digits(text, i + 5, 2), let day = Bytes.digits(text, i + 8, 2),
      text[i + 10] == 0x54 || text[i + 10] == Bytes.space,
      (1...12).contains(month), (1...31).contains(day),
      let clock = TimeParsing.clock(text, at: i + 11, withOffset: true) ?? clockWithoutSeconds(text, at: i + 11)
    else { return nil }
    var stamp = TimeParsing.Stamp(
      days: TimeParsing.daysFromCivil(year: year, month: month, day: day),
      secondOfDay: clock.secondOfDay, offset: clock.offset, end: clock.end, hasFraction: false)
    if stamp.offset == nil, stamp.end < text.count, text[stamp.end] == 0x5A {
      stamp.offset = 0
      stamp.zulu = true
      stamp.end += 1
    }
    return stamp
  }

  /// A 12-hour clock as log viewers show it: `5:20:57 PM`, `11:49 am`.
  private static func twelveHourClock(_ text: UnsafeRawBufferPointer, at i: Int) -> TimeParsing.Clock? {
    var j = i
    var hour = 0
    while j < text.count, j - i < 2, Bytes.isDigit(text[j]) {
      hour = hour * 10 + Int(text[j] &- 0x30)
      j += 1
    }
    guard j > i, (1...12).contains(hour), j < text.count, text[j] == Bytes.colon,
      let minute = Bytes.digits(text, j + 1, 2), minute < 60
    else { return nil }
    j += 3
    var second = 0
    if j < text.count, text[j] == Bytes.colon {
      guard let s = Bytes.digits(text, j + 1, 2), s < 61 else { return nil }
      second = s
      j += 3
    }
    guard j + 2 < text.count, text[j] == Bytes.space,
      Bytes.lower(text[j + 2]) == 0x6D
    else { return nil }
    let meridiem = Bytes.lower(text[j + 1])
    guard meridiem == 0x61 || meridiem == 0x70 else { return nil }
    let hour24 = hour % 12 + (meridiem == 0x70 ? 12 : 0)
    return TimeParsing.Clock(
      secondOfDay: Double(hour24 * 3600 + minute * 60 + second), offset: nil, end: j + 3)
  }

  /// `HH:MM` (no seconds) with an optional `±HH:MM` offset; not followed by another digit
  /// or `:` (that would be a longer clock or a grep line number such as `12:34:`).
  private static func clockWithoutSeconds(_ text: UnsafeRawBufferPointer, at i: Int) -> TimeParsing.Clock? {
    guard let h = Bytes.digits(text, i, 2), i + 5 <= text.count, text[i + 2] == Bytes.colon,
      let m = Bytes.digits(text, i + 3, 2), h < 24, m < 60
    else { return nil }
    var end = i + 5
    if end < text.count, Bytes.isDigit(text[end]) || text[end] == Bytes.colon { return nil }
    var offset: Int? = nil
    if let (o, e) = TimeParsing.zoneOffset(text, at: end) {
      offset = o
      end = e
    }
    return TimeParsing.Clock(secondOfDay: Double(h * 3600 + m * 60), offset: offset, end: end)
  }

  /// A zone printed after a time: its offset, whether it was UTC by name, and where it ends.
  struct Zone {
    var offset: Int
    var zulu: Bool
    var end: Int
  }

  /// A zone printed after a time: `Z`, ` GMT`, ` UTC`, ` GMT+8`, ` UTC-05:30`, ` +0800`.
  static func zone(_ text: UnsafeRawBufferPointer, at i: Int) -> Zone? {
    guard i < text.count else { return nil }
    if text[i] == 0x5A, i + 1 == text.count || isBoundary(text[i + 1]) { return Zone(offset: 0, zulu: true, end: i + 1) }
    guard text[i] == Bytes.space, i + 1 < text.count else { return nil }
    let j = i + 1
    if let (offset, end) = TimeParsing.zoneOffset(text, at: j) { return Zone(offset: offset, zulu: false, end: end) }
    guard Bytes.hasLiteral(text, j, "GMT") || Bytes.hasLiteral(text, j, "UTC") else { return nil }
    let k = j + 3
    guard k < text.count, text[k] == 0x2B || text[k] == 0x2D else {
      return k == text.count || isBoundary(text[k]) ? Zone(offset: 0, zulu: true, end: k) : nil
    }
    // `GMT+8`, `GMT+08`, `UTC+5:30`, `GMT-0300`.
    var hours = 0
    var n = k + 1
    while n < text.count, n - k <= 2, Bytes.isDigit(text[n]) {
      hours = hours * 10 + Int(text[n] &- 0x30)
      n += 1
    }
    guard n > k + 1, hours <= 18 else { return nil }
    var minutes = 0
    if n < text.count, text[n] == Bytes.colon, let mm = Bytes.digits(text, n + 1, 2) {
      minutes = mm
      n += 3
    } else if let mm = Bytes.digits(text, n, 2), n - k == 3 {
      minutes = mm
      n += 2
    }
    guard n == text.count || isBoundary(text[n]) else { return nil }
    let sign = text[k] == 0x2D ? -1 : 1
    return Zone(offset: sign * (hours * 3600 + minutes * 60), zulu: false, end: n)
  }
}
