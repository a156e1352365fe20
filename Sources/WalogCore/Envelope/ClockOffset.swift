/// The offset a named `--tz` zone gave to times printed without a date or offset (console
/// `HH:MM:SS`), and which date it was taken at: a zone's offset depends on the date (summer
/// time), which such lines do not print.
public struct ClockOffset: Sendable, Hashable {
  /// Where the date came from, best first.
  public enum Basis: String, Sendable, Hashable {
    /// The most recent dated line before the clock line, plus the midnights passed since.
    case datedLine = "dated_line"
    /// The input file's modification time (no dated line yet).
    case fileModified = "file_modified"
    /// Today (standard input, or no file date).
    case today
  }

  public var zone: String
  public var basis: Basis
  /// Seconds east of UTC.
  public var offset: Int
  /// The local dates (days since 1970-01-01) the offset was taken at, first and last.
  public var firstDay: Int
  public var lastDay: Int
  /// Lines that got this offset.
  public var lines: Int
}

/// An input's `ClockOffset`s in order, one entry per run of lines with the same basis and
/// offset; bounded, so a log that alternates does not grow it without limit.
public struct ClockOffsets: Sendable, Hashable {
  public private(set) var entries: [ClockOffset] = []
  /// Lines whose entry did not fit.
  public private(set) var omittedLines = 0

  static let maxEntries = 8

  public init() {}

  /// Counts one clock line read at `offset`, taken on local date `day` by `basis`.
  /// Allocates only when the basis or offset changes.
  mutating func note(zone: String, basis: ClockOffset.Basis, day: Int, offset: Int) {
    if let last = entries.indices.last, entries[last].basis == basis, entries[last].offset == offset {
      entries[last].lines += 1
      entries[last].firstDay = min(entries[last].firstDay, day)
      entries[last].lastDay = max(entries[last].lastDay, day)
      return
    }
    guard entries.count < Self.maxEntries else {
      omittedLines += 1
      return
    }
    entries.append(
      ClockOffset(zone: zone, basis: basis, offset: offset, firstDay: day, lastDay: day, lines: 1))
  }
}
