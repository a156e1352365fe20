/// The times a reader met, in the order its lines asked for them, for the merge to resolve.
///
/// A time printed without a date or offset depends on the lines before it (the midnights a
/// console clock passed, journald's year, a named zone's date; ``TimeResolver``). A chunk read
/// on a thread of its own does not know those lines, so its resolver records each call here
/// and hands out a ticket in its place: a ``LogTime`` of the right precision whose `seconds`
/// are the call's index. Nothing on the reading side looks at a ticket's value, only whether a
/// time is there and how precise it is. The merge replays the tape through the input's one
/// resolver, in file order, and gives each event its time: the same calls in the same order
/// as a single reader makes, so the same times.
struct TimeTape {
  enum Entry {
    case full(TimeParsing.Stamp)
    case noYear(month: Int, day: Int, secondOfDay: Double)
    case timeOfDay(TimeParsing.Clock)
    case absolute(Double)
    /// A candidate line with this ticket's time was read: the input's latest parsed time,
    /// and the zone offset a clock line took (``ClockOffsets``).
    case read(ticket: Int)
    /// This ticket's time moved to another clock on its day (a user's note,
    /// ``EnvelopeParser/noteLine(of:)``): no call of the resolver's.
    case moved(ticket: Int, secondOfDay: Double)
  }

  private(set) var entries: [Entry] = []

  /// Records a call; its ticket.
  mutating func record(_ entry: Entry, precision: LogTime.Precision) -> LogTime {
    entries.append(entry)
    return LogTime(seconds: Double(entries.count - 1), offset: nil, precision: precision)
  }

  mutating func noteRead(_ ticket: LogTime) { entries.append(.read(ticket: Self.index(of: ticket))) }

  mutating func removeAll() { entries.removeAll(keepingCapacity: true) }

  var isEmpty: Bool { entries.isEmpty }

  static func index(of ticket: LogTime) -> Int { Int(ticket.seconds) }
}
