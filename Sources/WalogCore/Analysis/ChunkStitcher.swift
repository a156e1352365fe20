/// Puts one input's chunk results (``ChunkResult``) back together, in file order, into what a
/// single reader of the whole input would have seen: the line numbers count on from the
/// chunks before, the times are resolved by the input's one ``TimeResolver`` (the tape's
/// calls replayed in order), `--since`/`--until` apply, and the input's summary and its
/// unexplained problems add up in order.
///
/// It also keeps the input's reading mode (``ReadingMode``) and says whether a chunk was read
/// in the mode its lines were in (``accepts(_:)``); one that was not is read again, in order.
struct ChunkStitcher {
  private(set) var summary: InputSummary
  private(set) var mode = ReadingMode(sniffLeft: ChunkReader.sniffLines)
  private(set) var eventsOutsideRange = 0
  private(set) var problems = ProblemLines()
  private(set) var timings = StageTimings()
  private let range: TimeRange
  /// The input's parser: its resolver replays the chunks' times, and it reads the input's
  /// last line at the end.
  private var parser: EnvelopeParser
  private var linesBefore = 0
  private var lastLine: [UInt8] = []
  private var lastParsedTime: LogTime?
  /// What the input's first bytes past any padding say (``BinarySniff``); nil while they
  /// were only padding.
  private var content: BinarySniff.Look?
  private var skipsBinary: Bool { content?.binary == true }
  private var matcherWarnings: [String] = []
  /// Resolved times of the chunk being stitched, by ticket.
  private var resolved: [LogTime?] = []
  private var lastFormat: LineFormat?

  init(name: String, options: EnvelopeOptions, range: TimeRange) {
    summary = InputSummary(name: name)
    parser = EnvelopeParser(options: options)
    self.range = range
  }

  /// Whether `result` was read in the mode the lines before it left.
  func accepts(_ result: ChunkResult) -> Bool {
    skipsBinary || result.modeAtStart.isValid(mode, for: result.limitHitsInChunk, readsLineBefore: result.readsLineBefore)
  }

  /// Adds a chunk (one that ``accepts(_:)`` took) and appends its events in range to `events`.
  mutating func add(_ result: ChunkResult, to events: inout [Event]) {
    if content == nil { content = result.look }
    // Binary data whatever it holds is only counted: OpenClaw wordings among an executable's
    // strings are no log lines (a chunk after the first read them, not knowing).
    if skipsBinary {
      summary.lines += result.lines
      summary.bytes += result.bytes
      summary.cutLines += result.cutLines
      timings = timings + result.timings
      linesBefore += result.lines
      return
    }
    resolveTimes(of: result)
    for var event in result.events {
      if let time = event.time { event.time = resolved[TimeTape.index(of: time)] }
      event.origin.line += linesBefore
      if range.contains(event.time) {
        events.append(event)
      } else if event.kind != .elision {  // a mark counts nowhere
        eventsOutsideRange += 1
        if let time = event.time, range.since?.admits(time, after: true) == false {
          summary.channelsBeforeWindow.insert(event.channel)
        }
      }
    }
    for var record in result.problems {
      record.line += linesBefore
      record.time = record.time.flatMap { resolved[TimeTape.index(of: $0)] }
      problems.add(record, input: summary.name)
    }
    summary.lines += result.lines
    summary.bytes += result.bytes
    summary.candidateLines += result.candidateLines
    summary.events += result.eventCount
    summary.openClawLines += result.openClawLines
    summary.cutLines += result.cutLines
    summary.regexCalls += result.regexCalls
    summary.formats.formUnion(result.formats)
    matcherWarnings += result.matcherWarnings
    if !result.lastLine.isEmpty { swap(&lastLine, &result.lastLine) }
    timings = timings + result.timings
    linesBefore += result.lines
    mode = ReadingMode.after(mode, chunkEnded: result.modeAtEnd, hits: result.limitHitsInChunk)
  }

  /// Replays the chunk's time calls through the input's resolver.
  private mutating func resolveTimes(of result: ChunkResult) {
    resolved.removeAll(keepingCapacity: true)
    for entry in result.times.entries {
      switch entry {
      case .read(let ticket):
        resolved.append(nil)
        guard let time = resolved[ticket] else { continue }
        lastParsedTime = time
        noteClockOffset(time)
      case .moved(let ticket, let secondOfDay):
        resolved.append(resolved[ticket].map { EnvelopeParser.time($0, atClock: secondOfDay) })
      default:
        resolved.append(parser.times.replay(entry))
      }
    }
  }

  /// Says which date a named zone's offset came from, for lines whose time is a clock the
  /// zone gave an offset to (not one a dated prefix replaced).
  private mutating func noteClockOffset(_ time: LogTime) {
    guard time.precision == .timeOfDay, let offset = time.offset,
      let (basis, day) = parser.times.lastClockBasis, let zone = parser.options.defaultZone
    else { return }
    summary.clockOffsets.note(zone: zone.identifier, basis: basis, day: day, offset: offset)
  }

  /// Binary data rather than a log: so by its control bytes, or a NUL byte among its first
  /// bytes and nothing of OpenClaw's in it.
  private func isBinary(_ summary: InputSummary) -> Bool {
    skipsBinary || (content?.hasNUL == true && summary.openClawLines == 0 && summary.events == 0)
  }

  /// Warnings and errors no rule explained; none in binary data, whose "lines" are no messages.
  var unexplained: ProblemLines { isBinary(summary) ? ProblemLines() : problems }

  /// The summary of the chunks so far, completed with what is known at the end: the last
  /// line's time, and the reader's warnings (a truncated stream, lines cut).
  func finished(readerWarnings: [String]) -> InputSummary {
    var summary = summary
    // A copy of the parser: the summary of a followed input is asked for before its end.
    var lastParser = parser
    summary.lastTime = lastLine.withUnsafeBytes { lastParser.parse($0).time } ?? lastParsedTime
    summary.warnings = readerWarnings + matcherWarnings
    summary.binary = isBinary(summary)
    // A blank line or two is not a format; say `bare` only when text was there.
    if summary.binary || (summary.formats == [.bare] && summary.openClawLines == 0 && summary.lines == 0) {
      summary.formats = []
    }
    return summary
  }
}
