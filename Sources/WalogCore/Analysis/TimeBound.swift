/// A `--since`/`--until` bound: an ISO date and time (`2026-04-12T11:30`, with or without
/// an offset, or a date alone), or a time of day (`11:30`, `11:30:45`) for logs that print
/// only times of day.
///
/// A date and time written without an offset (and no `--tz`) means the log's own clock, as
/// the report shows it: it is compared with each line's local time.
public struct TimeBound: Sendable, Equatable {
  /// Seconds since 1970 UTC, when a date was given.
  public var instant: Double?
  /// Whether `instant` is a wall-clock reading on the log's own clock (no offset was written
  /// and no `--tz` given): then it holds that reading as if it were UTC.
  public var onLogClock = false
  /// Local seconds since midnight, when only a time of day was given.
  public var timeOfDay: Double?
  /// The offset the bound was written in (or `--tz`'s at the bound's date), used against
  /// year-less log times.
  public var offset: Int
  /// Whether the bound printed its offset (`Z`, `+02:00`): then it names an instant, which a
  /// clock-only line compares in its own offset.
  public var offsetWritten = false

  /// Parses the bound; `zone` supplies the offset of bounds written without one.
  public init?(parsing text: String, zone: LogZone?) {
    let clock = text.split(separator: ":", omittingEmptySubsequences: false)
    if !text.contains("-"), (2...3).contains(clock.count),
      let hours = Int(clock[0]), let minutes = Int(clock[1])
    {
      let seconds = clock.count == 3 ? Double(clock[2]) : 0
      guard let seconds, (0..<24).contains(hours), (0..<60).contains(minutes) else { return nil }
      timeOfDay = Double(hours * 3600 + minutes * 60) + seconds
      offset = 0  // unused: a time of day is compared on each line's own clock
      return
    }
    // A date and time, read by the envelope's own ISO 8601 reader.
    let bytes = Array(Self.withTime(text).utf8)
    guard
      let stamp = bytes.withUnsafeBytes({ buf in
        TimeParsing.iso(buf, at: 0).flatMap { $0.end == buf.count ? $0 : nil }
      }),
      Self.isRealDate(bytes, days: stamp.days)
    else { return nil }
    let local = Double(stamp.days) * 86_400 + stamp.secondOfDay
    if let written = stamp.offset {
      instant = local - Double(written)
      offset = written
      offsetWritten = true
    } else if let zone {
      offset = zone.secondsFromGMT(forLocal: local)
      instant = local - Double(offset)
    } else {
      // No offset written and no `--tz`: a reading of the log's own clock.
      instant = local
      offset = 0
      onLogClock = true
    }
  }

  /// Whether this bound is at or after `other`, when the two can be compared (both dated, or
  /// both times of day).
  public func isAfterOrEqual(_ other: TimeBound) -> Bool {
    if let a = instant, let b = other.instant, onLogClock == other.onLogClock { return a >= b }
    if let a = timeOfDay, let b = other.timeOfDay { return a >= b }
    return false
  }

  /// Whether `time` lies at or after this bound (`after == true`) or before it.
  /// Time-of-day bounds compare with the log's local clock from its first day on; dated
  /// bounds compare with year-less journald times by month, day and time.
  func admits(_ time: LogTime, after: Bool) -> Bool {
    let value: Double
    let bound: Double
    switch (time.precision, instant, timeOfDay) {
    case (.full, let instant?, _) where onLogClock:
      (value, bound) = (time.seconds + Double(time.offset ?? 0), instant)
    case (.full, let instant?, _):
      (value, bound) = (time.seconds, instant)
    case (.timeOfDay, let instant?, _):
      // A dated bound on a log without dates: its time of day, on the log's clock. A bound
      // written with an offset is an instant, read in the line's offset (a zone's, taken on
      // the line's date); one written without is already a reading of the log's clock.
      let shift = onLogClock ? 0 : offsetWritten ? (time.offset ?? offset) : offset
      let local = instant + Double(shift)
      value = time.seconds + Double(time.offset ?? 0)
      bound = local - (local / 86_400).rounded(.down) * 86_400
    case (.noYear, let instant?, _):
      // Move the bound's local month, day and time into the log's assumed year 2000.
      let local = instant + Double(offset)
      let (_, month, day) = TimeText.civilDate(daysSinceEpoch: Int((local / 86_400).rounded(.down)))
      let secondOfDay = local - (local / 86_400).rounded(.down) * 86_400
      bound = Double(Self.daysFrom2000(month: month, day: day)) * 86_400 + secondOfDay + 946_684_800
      value = time.seconds + Double(time.offset ?? 0)
    case (_, _, let timeOfDay?):
      let local = time.seconds + Double(time.offset ?? 0)
      value = time.precision == .timeOfDay ? local : local - (local / 86_400).rounded(.down) * 86_400
      bound = timeOfDay
    default:
      return true  // a dated bound says nothing about a date-less clock
    }
    return after ? value >= bound : value < bound
  }

  /// `2026-02-04` → `2026-02-04T00:00:00`, `2026-02-04T09:30-08:00` →
  /// `2026-02-04T09:30:00-08:00`: ISO 8601 allows leaving out the time or the seconds, log
  /// lines print them.
  private static func withTime(_ text: String) -> String {
    let bytes = Array(text.utf8)
    if bytes.count == 10 { return text + "T00:00:00" }
    guard bytes.count >= 16, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
      bytes.count == 16 || bytes[16] != UInt8(ascii: ":")
    else { return text }
    return String(decoding: bytes[..<16] + Array(":00".utf8) + bytes[16...], as: UTF8.self)
  }

  /// Whether the printed month and day are the calendar date `days` names (not `02-31`).
  private static func isRealDate(_ bytes: [UInt8], days: Int) -> Bool {
    let (_, month, day) = TimeText.civilDate(daysSinceEpoch: days)
    func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1 &- 0x30) } }
    return number(5..<7) == month && number(8..<10) == day
  }

  private static func daysFrom2000(month: Int, day: Int) -> Int {
    let cumulative = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335]  // leap year 2000
    return cumulative[month - 1] + day - 1
  }
}

/// `--since` and `--until` together; events without a time are left out when either is set.
public struct TimeRange: Sendable, Equatable {
  public var since: TimeBound?
  public var until: TimeBound?
  public init(since: TimeBound? = nil, until: TimeBound? = nil) {
    self.since = since
    self.until = until
  }

  public var isUnbounded: Bool { since == nil && until == nil }

  public func contains(_ time: LogTime?) -> Bool {
    if isUnbounded { return true }
    guard let time else { return false }
    return (since?.admits(time, after: true) ?? true) && (until?.admits(time, after: false) ?? true)
  }
}
