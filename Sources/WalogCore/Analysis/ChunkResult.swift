/// What reading a chunk of lines produced, before the merge (``ChunkStitcher``) gives it what
/// only the lines before it decide: its events' line numbers and times, the range filter, and
/// the input's counts.
///
/// Line numbers count from the chunk's start (its first line is 1); times are tickets of the
/// chunk's ``TimeTape``.
final class ChunkResult {
  /// The reading mode the chunk was read in, and the one it ended in.
  var modeAtStart = ReadingMode()
  var modeAtEnd = ReadingMode()
  /// Limit hits per rule while reading this chunk (``ReadingMode/isValid(_:for:readsLineBefore:)``).
  var limitHitsInChunk: [Int] = []
  /// Whether the chunk's first line may be a mark of more of the same that only an event on
  /// the line before it makes one (``ReadingMode/afterEvent``): the line before decided it.
  var readsLineBefore = false

  var events: [Event] = []
  var times = TimeTape()
  /// Warnings and errors no rule explained, in line order.
  var problems: [ProblemLines.Record] = []
  var lines = 0
  var bytes = 0
  var candidateLines = 0
  var eventCount = 0
  var openClawLines = 0
  var cutLines = 0
  var formats: Set<LineFormat> = []
  /// The chunk's last non-empty line (the input's last time is read from the last one).
  var lastLine: [UInt8] = []
  /// What the chunk's first bytes past any padding say (``BinarySniff``), set in the result
  /// of the block that holds them.
  var look: BinarySniff.Look?
  var matcherWarnings: [String] = []
  /// The source's warnings (a file that shrank while it was read).
  var readerWarnings: [String] = []
  /// What stopped the chunk's reading, raised once its lines before it are merged.
  var error: (any Error)?
  var regexCalls = 0
  var timings = StageTimings()

  /// Empties it for the next chunk, keeping the storage.
  func reset() {
    modeAtStart = ReadingMode()
    modeAtEnd = ReadingMode()
    limitHitsInChunk.removeAll(keepingCapacity: true)
    readsLineBefore = false
    events.removeAll(keepingCapacity: true)
    times.removeAll()
    problems.removeAll(keepingCapacity: true)
    lines = 0
    bytes = 0
    candidateLines = 0
    eventCount = 0
    openClawLines = 0
    cutLines = 0
    formats.removeAll(keepingCapacity: true)
    lastLine.removeAll(keepingCapacity: true)
    look = nil
    matcherWarnings.removeAll(keepingCapacity: true)
    readerWarnings.removeAll(keepingCapacity: true)
    error = nil
    regexCalls = 0
    timings = StageTimings()
  }
}

/// What the reading of a line depends on besides the line and its neighbours, decided by all
/// the lines before it: whether the input showed a wrapped JSON record (its lines are then
/// read one by one, ``InputReader``), and the rules' match-limit hits (a rule that hit PCRE2's
/// limit ``EventMatcher/limitHitsBeforeDisabling`` times is off for the rest of the input).
///
/// A chunk read on a thread of its own starts from the mode the merge last knew; the merge
/// reads it again, in order, when the lines before it ended in another one that matters.
struct ReadingMode: Equatable, Sendable {
  var unwrapping = false
  /// Per rule (empty: none yet).
  var limitHits: [Int] = []
  /// Lines of the input's start still to sniff (``ChunkReader/sniffLines``): a wrapped record
  /// is one sniffed line, so the sniff may reach past the first chunk.
  var sniffLeft = 0
  /// Whether the last line read was an event: a mark of more of the same on the next line
  /// (`...`, `<-- ~10s later`) holds no rule's literal and is read because of it.
  var afterEvent = false

  /// Whether a chunk read from `self` with `hits` more limit hits per rule reads the same as
  /// from `truth`: the same unwrapping, each rule off from the start in both, or on
  /// throughout in both, or switched off at the same line, and the same event before its first
  /// line when that line `readsLineBefore`.
  func isValid(_ truth: ReadingMode, for hits: [Int], readsLineBefore: Bool) -> Bool {
    guard unwrapping == truth.unwrapping, sniffLeft == truth.sniffLeft else { return false }
    guard !readsLineBefore || afterEvent == truth.afterEvent else { return false }
    let limit = EventMatcher.limitHitsBeforeDisabling
    for rule in 0..<max(limitHits.count, truth.limitHits.count, hits.count) {
      let assumed = rule < limitHits.count ? limitHits[rule] : 0
      let actual = rule < truth.limitHits.count ? truth.limitHits[rule] : 0
      guard assumed != actual else { continue }
      let added = rule < hits.count ? hits[rule] : 0
      let bothOff = assumed >= limit && actual >= limit
      let bothOn = assumed + added < limit && actual + added < limit
      if !bothOff && !bothOn { return false }
    }
    return true
  }

  /// The mode after a chunk read from `self` that ended in `end`, applied to `truth`: its
  /// unwrapping and last line, and the true hits plus the chunk's own.
  static func after(_ truth: ReadingMode, chunkEnded end: ReadingMode, hits: [Int]) -> ReadingMode {
    var next = truth
    next.unwrapping = end.unwrapping
    next.sniffLeft = end.sniffLeft
    next.afterEvent = end.afterEvent
    if !hits.isEmpty {
      if next.limitHits.count < hits.count { next.limitHits += repeatElement(0, count: hits.count - next.limitHits.count) }
      for (rule, added) in hits.enumerated() where added > 0 { next.limitHits[rule] += added }
    }
    return next
  }
}
