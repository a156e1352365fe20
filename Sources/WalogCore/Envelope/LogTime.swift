/// A moment as the log printed it: never more precise than the line itself.
///
/// Lines differ in what they tell: a full ISO time with offset, a journald `short` prefix
/// without a year, or a console `HH:MM:SS` without a date. `LogTime` keeps what was printed
/// and says how much of it is known; nothing is invented.
public struct LogTime: Sendable, Hashable, Comparable {
  /// How much of the moment the log printed.
  public enum Precision: Sendable, Hashable {
    /// Date and time of day (ISO 8601, journald `short-iso`).
    case full
    /// Month, day and time but no year (journald `short`); `seconds` assume year 2000.
    case noYear
    /// Time of day only (console `pretty`); `seconds` count from the log's first day,
    /// with one day added each time the clock rolls back over midnight.
    case timeOfDay
  }

  /// Seconds since 1970-01-01T00:00:00Z (for `.timeOfDay`: since the first day's midnight,
  /// in the log's own zone moved to UTC by `offset`).
  public var seconds: Double
  /// The log's own UTC offset in seconds, when it printed one or `--tz` supplied it.
  public var offset: Int?
  public var precision: Precision
  /// The offset is 0 and the log wrote it as `Z` (or `UTC`, `GMT`), or the time is a UTC
  /// instant (journald's `__REALTIME_TIMESTAMP`): reports write `Z`, not `+00:00`.
  public var zulu: Bool

  public init(seconds: Double, offset: Int?, precision: Precision, zulu: Bool = false) {
    self.seconds = seconds
    self.offset = offset
    self.precision = precision
    self.zulu = zulu && offset == 0
  }

  public static func < (lhs: LogTime, rhs: LogTime) -> Bool { lhs.seconds < rhs.seconds }
}
