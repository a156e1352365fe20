#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Turns printed times into `LogTime`s, keeping the state that lines without a date need:
/// the day count for console `HH:MM:SS` (midnight rollover), the year for journald `short`
/// (December → January rollover) and, under a named `--tz` zone, the date at which clock-only
/// times take the zone's offset. One resolver belongs to one parser, i.e. one input, and must
/// see that input's lines once each, in order.
///
/// A resolver with a ``tape`` resolves nothing: it records each call and returns a ticket
/// (``TimeTape``), for a chunk read apart from the lines before it; the merge replays the tape
/// through the input's own resolver (``replay(_:)``).
struct TimeResolver {
  private let zone: LogZone?
  /// Set on a chunk's reader: calls are recorded, not resolved.
  var tape: TimeTape?

  /// Where clock-only times take the zone's offset before the input shows a dated line: the
  /// file's modification time, else now. Its local date and the offset there, looked up at
  /// the first such line (zone rules cost more than a small input's other set-up).
  private let fileModified: Double?
  private var fallback: Fallback?
  private typealias Fallback = (basis: ClockOffset.Basis, day: Int, offset: Int)

  /// Local seconds-of-day of the previous clock-only time, and the days added so far.
  private var lastClock: Double?
  private var clockDays = 0
  /// The day count that chat apps' `Today` names, once a line said it.
  private var relativeToday: Int?

  /// The local date (days since 1970) of the most recent dated line, moved on by the
  /// midnights the clock-only lines after it passed, and the last of their clocks: a
  /// clock-only line's date, for the zone's offset.
  private var datedDay: Int?
  private var clockSinceDated = 0.0

  /// How the last clock-only time got its offset from the zone (nil when it printed one, or
  /// without a zone), for the report.
  private(set) var lastClockBasis: (basis: ClockOffset.Basis, day: Int)?

  /// Month of the previous journald `short` time, and the years added since 2000.
  private var lastMonth: Int?
  private var journalYear = 2000

  /// `zone`'s offset for the last hour looked up: zone rules are consulted at most once per
  /// hour of log time, not per line.
  private var cachedHour = Int.min
  private var cachedOffset = 0

  /// - Parameter fileModified: the input's modification time (seconds since 1970), if any.
  init(zone: LogZone?, fileModified: Double? = nil) {
    self.zone = zone
    self.fileModified = fileModified
  }

  private mutating func fallbackDate(in zone: LogZone) -> Fallback {
    if let fallback { return fallback }
    let instant = fileModified ?? Date().timeIntervalSince1970
    let offset = zone.secondsFromGMT(at: instant)
    let day = Int(((instant + Double(offset)) / 86_400).rounded(.down))
    fallback = (fileModified == nil ? .today : .fileModified, day, offset)
    return fallback!
  }

  /// A full date and time (ISO 8601, journald `short-iso`).
  mutating func full(_ stamp: TimeParsing.Stamp) -> LogTime {
    if tape != nil { return tape!.record(.full(stamp), precision: .full) }
    datedDay = stamp.days
    clockSinceDated = stamp.secondOfDay
    let local = Double(stamp.days) * 86400 + stamp.secondOfDay
    if let offset = stamp.offset {
      return LogTime(seconds: local - Double(offset), offset: offset, precision: .full, zulu: stamp.zulu)
    }
    guard zone != nil else { return LogTime(seconds: local, offset: nil, precision: .full) }
    let offset = zoneOffset(forLocal: local)
    return LogTime(seconds: local - Double(offset), offset: offset, precision: .full)
  }

  /// A journald `short`/`short-precise` time: month, day and clock, no year. The year
  /// starts at 2000 and advances when the month falls back by more than half a year.
  mutating func noYear(month: Int, day: Int, secondOfDay: Double) -> LogTime {
    if tape != nil {
      return tape!.record(.noYear(month: month, day: day, secondOfDay: secondOfDay), precision: .noYear)
    }
    if let last = lastMonth, month + 6 < last { journalYear += 1 }
    lastMonth = month
    let days = TimeParsing.daysFromCivil(year: journalYear, month: month, day: day)
    let local = Double(days) * 86400 + secondOfDay
    guard zone != nil else { return LogTime(seconds: local, offset: nil, precision: .noYear) }
    let offset = zoneOffset(forLocal: local)
    return LogTime(seconds: local - Double(offset), offset: offset, precision: .noYear)
  }

  /// A clock-only time (console `pretty`, `openclaw logs` pretty). A clock more than 12 hours
  /// earlier than the previous one starts the next day. Without a printed offset, a named
  /// zone's offset is taken on the date of the most recent dated line (summer time follows
  /// the log, not the day walog runs), else at the fallback.
  mutating func timeOfDay(_ clock: TimeParsing.Clock) -> LogTime {
    if tape != nil { return tape!.record(.timeOfDay(clock), precision: .timeOfDay) }
    if let daysAgo = clock.daysAgo {
      advance(toDaysAgo: daysAgo)
    } else if let last = lastClock, clock.secondOfDay + 12 * 3600 < last {
      clockDays += 1
    }
    lastClock = clock.secondOfDay
    let local = Double(clockDays) * 86400 + clock.secondOfDay
    var offset = clock.offset
    lastClockBasis = nil
    if offset == nil, let fixed = zone?.fixedOffset {
      offset = fixed
    } else if offset == nil, let zone {
      if let dated = datedDay {
        let day = clock.secondOfDay + 12 * 3600 < clockSinceDated ? dated + 1 : dated
        (datedDay, clockSinceDated) = (day, clock.secondOfDay)
        offset = zoneOffset(forLocal: Double(day) * 86400 + clock.secondOfDay)
        lastClockBasis = (.datedLine, day)
      } else {
        let fallback = fallbackDate(in: zone)
        offset = fallback.offset
        lastClockBasis = (fallback.basis, fallback.day)
      }
    }
    return LogTime(
      seconds: local - Double(offset ?? 0), offset: offset, precision: .timeOfDay, zulu: clock.offset != nil && clock.zulu)
  }

  /// A clock that names its day (`Yesterday at …`, `Today at …`): the first such line fixes
  /// which day count is "today"; a later day moves the count on, never back.
  private mutating func advance(toDaysAgo daysAgo: Int) {
    let today = relativeToday ?? clockDays + daysAgo
    relativeToday = today
    clockDays = max(clockDays, today - daysAgo)
  }

  /// Seconds since 1970 UTC (journald `__REALTIME_TIMESTAMP`): an instant, in UTC.
  mutating func absolute(_ seconds: Double) -> LogTime {
    if tape != nil { return tape!.record(.absolute(seconds), precision: .full) }
    return LogTime(seconds: seconds, offset: 0, precision: .full, zulu: true)
  }

  /// `time` moved to the clock `secondOfDay` on its day (``EnvelopeParser/time(_:atClock:)``);
  /// a ticket's move is recorded, since the ticket's time is not known yet.
  mutating func moved(_ time: LogTime, toClock secondOfDay: Double) -> LogTime {
    if tape != nil {
      return tape!.record(.moved(ticket: TimeTape.index(of: time), secondOfDay: secondOfDay), precision: time.precision)
    }
    return EnvelopeParser.time(time, atClock: secondOfDay)
  }

  /// Resolves one recorded call as the call itself would have, in order with the others.
  mutating func replay(_ entry: TimeTape.Entry) -> LogTime? {
    switch entry {
    case .full(let stamp): full(stamp)
    case .noYear(let month, let day, let secondOfDay): noYear(month: month, day: day, secondOfDay: secondOfDay)
    case .timeOfDay(let clock): timeOfDay(clock)
    case .absolute(let seconds): absolute(seconds)
    case .read, .moved: nil  // no calls: ``ChunkStitcher`` gives them the tickets' times
    }
  }

  private mutating func zoneOffset(forLocal local: Double) -> Int {
    guard let zone else { return 0 }
    let hour = Int((local / 3600).rounded(.down))
    if hour != cachedHour {
      cachedOffset = zone.secondsFromGMT(forLocal: local)
      cachedHour = hour
    }
    return cachedOffset
  }
}
