#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One input's events, read on demand: blocks of whole lines from the Input stage, the
/// literal prefilter over each block, and the envelope parser and PCRE2 rules only for the
/// candidate lines. Ordinary lines are only counted.
public final class InputReader: EventSource {
  public private(set) var summary: InputSummary
  /// Time spent per stage, in nanoseconds, for `--stats`.
  public private(set) var timings = StageTimings()

  private let index: Int
  private let reader: LineBlockReader
  private let prefilter: Prefilter
  private let matcher: EventMatcher
  private var parser: EnvelopeParser
  private var hosts = HostNames()
  /// Sniffing has a parser of its own: the main one keeps time state across lines (midnight
  /// and New Year rollovers) and must see each line once, in order. Fed the first lines by
  /// the sniff and then again as candidates, it saw the clock fall back and added a day.
  private var sniffParser: EnvelopeParser
  private let range: TimeRange
  private var events: [Event] = []
  private var eventIndex = 0
  /// Lines before the current block.
  private var linesBefore = 0
  /// The first lines of an input are all parsed, to tell its formats and whether it is an
  /// OpenClaw log even when it holds no lifecycle event.
  private var sniffLeft: Int
  private var finished = false
  /// The last non-empty line read so far, for the input's last time; when it has none, the
  /// last time of a line that was parsed anyway (a candidate) stands in, so the result does
  /// not depend on where blocks end.
  private var lastLine: [UInt8] = []
  private var lastParsedTime: LogTime?
  private var lastFormat: LineFormat?
  public private(set) var eventsOutsideRange = 0
  /// Warnings and errors no rule explained.
  private var problems = ProblemLines()
  /// What the input's first bytes say (`BinarySniff`); nil while they were only padding.
  /// Binary data whatever it holds is only counted: OpenClaw wordings among an executable's
  /// strings are no log lines.
  private var content: BinarySniff.Look?
  private var skipsBinary: Bool { content?.binary == true }
  /// Binary data rather than a log: so by its control bytes, or a NUL byte among its first
  /// bytes and nothing of OpenClaw's in it.
  private func isBinary(_ summary: InputSummary) -> Bool {
    skipsBinary || (content?.hasNUL == true && summary.openClawLines == 0 && summary.events == 0)
  }
  /// Warnings and errors no rule explained; none in binary data, whose "lines" are no messages.
  var unexplained: ProblemLines { isBinary(summary) ? ProblemLines() : problems }
  /// The prefilter's pseudo-rule for warning and error marks (after the event rules).
  private let problemRule: Int
  /// A wrapped JSON record joined back (`WrappedRecord`), and the prefilter that finds its
  /// rules (the block's is in use; made at the first such record).
  private var joinedRecord: [UInt8] = []
  /// A Control UI record, and an object printed over several lines, joined into one line
  /// (``ControlUICopy``, ``InspectedObject``).
  private var controlUIRecord: [UInt8] = []
  private var objectRecord: [UInt8] = []
  private var joinPrefilter: Prefilter?
  /// Set once the input showed a wrapped record: its blocks are then read line by line.
  private var unwrapping = false
  private let ruleSet: RuleSet
  private let progress: (@Sendable (Int64) -> Void)?
  /// The source, when it is followed as it grows.
  private let followed: FollowedByteSource?
  private var bytesReported: Int64 = 0

  public static let sniffLines = 200

  public init(
    index: Int, name: String, source: ByteSource, rules: RuleSet, options: EnvelopeOptions,
    range: TimeRange, bufferSize: Int = 1 << 20, lineCap: Int = 1 << 20,
    progress: (@Sendable (Int64) -> Void)? = nil
  ) {
    self.progress = progress
    self.index = index
    summary = InputSummary(name: name)
    reader = LineBlockReader(source: source, bufferSize: bufferSize, lineCap: lineCap)
    followed = source as? FollowedByteSource
    problemRule = rules.events.count
    ruleSet = rules
    prefilter = rules.makePrefilter(extra: [ProblemLines.literals(rules)])
    matcher = rules.makeEventMatcher()
    parser = EnvelopeParser(options: options)
    sniffParser = EnvelopeParser(options: options)
    self.range = range
    sniffLeft = Self.sniffLines
  }

  public var status: SourceStatus {
    if finished { return .ended }
    return followed?.isQuiet == true ? .quiet : .waiting
  }

  /// What was read so far, for a summary before the end of a followed input.
  public var summarySoFar: InputSummary {
    var summary = summary
    if !finished { fillSummary(&summary) }
    return summary
  }

  public func next() throws -> Event? {
    while eventIndex >= events.count {
      if finished { return nil }
      if StopRequest.isRequested {  // SIGINT or SIGTERM: what was read so far is the input
        finish()
        return nil
      }
      events.removeAll(keepingCapacity: true)
      eventIndex = 0
      let start = Clock.now
      let block = try reader.nextBlock()
      timings.read += Clock.now - start
      reportProgress()
      guard let block else {
        if reader.ended { finish() }
        return nil
      }
      process(block)
    }
    defer { eventIndex += 1 }
    return events[eventIndex]
  }

  /// Tells the progress hook how many bytes this block added (once per block, not per line).
  private func reportProgress() {
    guard let progress else { return }
    let total = reader.bytesRead
    if total > bytesReported { progress(total - bytesReported) }
    bytesReported = total
  }

  private func process(_ block: UnsafeRawBufferPointer) {
    var start = Clock.now
    if content == nil { content = BinarySniff.look(block) }
    if skipsBinary {
      linesBefore += Self.newlines(in: block, 0..<block.count)
      return
    }
    let sniffed = sniff(block)
    // Whether the next block may end before a wrapped record (LineBlockReader).
    defer { reader.holdsWrappedRecords = unwrapping || sniffLeft > 0 }
    if unwrapping {
      readUnwrapping(block, sniffed: sniffed)
      timings.match += Clock.now - start
      return
    }
    prefilter.scan(block)
    var now = Clock.now
    timings.prefilter += now - start
    start = now

    var line = linesBefore
    var cursor = 0
    /// The end of the last wrapped record joined in this block: its lines are read.
    var joinedUpTo = -1
    let candidates = prefilter.candidates
    for (index, candidate) in candidates.enumerated() {
      line += Self.newlines(in: block, cursor..<candidate.range.lowerBound) + 1
      cursor = min(candidate.range.upperBound + 1, block.count)
      if candidate.range.lowerBound <= joinedUpTo { continue }
      let bytes = UnsafeRawBufferPointer(rebasing: block[candidate.range])
      var parsed = parser.parse(bytes)
      // A record copied from the Control UI: time, level and subsystem on the lines before.
      if parsed.time == nil, parsed.tag.count == 0,
        ControlUICopy.join(block, message: candidate.range, into: &controlUIRecord)
      {
        // The record stays in place until the next candidate line: the views may point into it.
        parsed = controlUIRecord.withUnsafeBytes { parser.parse($0) }
      }
      // An object printed over the lines after it (`connection error {` … `}`): one line, read
      // with a prefilter of its own (its fields may hold a rule's literal).
      if Self.opensObject(bytes), let end = InspectedObject.join(block, opening: candidate.range, into: &objectRecord) {
        joinedUpTo = end
        objectRecord.withUnsafeBytes { readAlone($0, line: line, sniffed: sniffed) }
        continue
      }
      if Self.mayBeWrapped(parsed, bytes),
        let record = WrappedRecord.find(in: block, around: candidate.range, into: &joinedRecord)
      {
        joinedUpTo = record.range.upperBound
        readJoinedRecord(line: line - record.linesBefore, sniffed: sniffed)
        unwrapping = true
        continue
      }
      summary.candidateLines += 1
      let rule = problemRule
      let isEvent = prefilter.withRules(of: candidate) { mask in
        read(
          parsed, raw: bytes, rules: mask.lazy.filter { $0 < rule }, mayBeProblem: mask.contains(rule), line: line,
          sniffed: sniffed)
      }
      // A user's mark of more of the same (`...`, `<-- ~10s later`) on the line after an
      // event holds no rule's literal: that one line is read too.
      let next = candidate.range.upperBound + 1
      if isEvent, next < block.count, index + 1 == candidates.count || candidates[index + 1].range.lowerBound != next {
        let end = Bytes.find(Bytes.lf, in: block, from: next) ?? block.count
        readMark(UnsafeRawBufferPointer(rebasing: block[next..<end]), line: line + 1)
      }
    }
    line += Self.newlines(in: block, cursor..<block.count)
    linesBefore = line
    noteLastLine(block)
    now = Clock.now
    timings.match += now - start
  }

  /// One candidate line's event (or problem, or mark of more of the same), tallied; whether
  /// it was an event.
  @discardableResult
  private func read(
    _ parsed: ParsedLine, raw: UnsafeRawBufferPointer, rules: some Sequence<Int>, mayBeProblem: Bool, line: Int,
    sniffed: Int
  ) -> Bool {
    if let time = parsed.time {
      lastParsedTime = time
      noteClockOffset(time)
    }
    if line > sniffed {
      // A set insertion hashes; most lines share the previous line's format.
      if parsed.format != lastFormat {
        summary.formats.insert(parsed.format)
        lastFormat = parsed.format
      }
      if parsed.isOpenClaw { summary.openClawLines += 1 }
    }
    let origin = Origin(input: index, line: line, pid: parsed.pid)
    // What a user noted on the line (`-> 17:07:29 socket mode connected`) is a line they saw.
    let noted = parser.noteLine(of: parsed).flatMap { matcher.match($0, candidates: rules, origin: origin) }
    guard let event = matcher.match(parsed, candidates: rules, origin: origin) else {
      // A line whose note is an event is explained: it is never listed as unexplained too.
      if let noted {
        tally(noted, host: parsed.host)
        return true
      }
      if !readMark(of: parsed, raw: raw, origin: origin), mayBeProblem {
        problems.add(parsed, input: summary.name, lineNumber: line)
      }
      return false
    }
    if tally(event, host: parsed.host) {
      // A note on the event's own line that says it repeats (`← fires again`, `(x12)`).
      if let mark = parsed.note.flatMap(RepeatMarks.note) ?? RepeatMarks.trailingCount(parsed.message) {
        addMark(mark, repeating: nil, time: parsed.time, origin: origin)
      }
    }
    if let noted { tally(noted, host: parsed.host) }
    return true
  }

  /// Keeps an event that lies within `--since`/`--until`, and counts it; `host` is the host
  /// its line names (usually none). Whether it was kept.
  @discardableResult
  private func tally(_ event: Event, host: UnsafeRawBufferPointer) -> Bool {
    var event = event
    // Named only for events, and only when the line names a host (most logs name none).
    if host.count > 0 { event.host = hosts.name(host) }
    summary.events += 1
    guard range.contains(event.time) else {
      eventsOutsideRange += 1
      if let time = event.time, range.since?.admits(time, after: true) == false {
        summary.channelsBeforeWindow.insert(event.channel)
      }
      return false
    }
    events.append(event)
    return true
  }

  /// A line that matched no rule, read as a mark of more of the same (``RepeatMarks``): a
  /// line of its own, a note that states a period (`<-- ~10s later`), or a line cut short
  /// whose start repeats an earlier event's. Whether it was one.
  private func readMark(of parsed: ParsedLine, raw: UnsafeRawBufferPointer, origin: Origin) -> Bool {
    if let mark = RepeatMarks.ownLine(raw: raw, message: parsed.message)
      ?? parsed.note.flatMap(RepeatMarks.note).flatMap({ $0.period == nil ? nil : $0 })
    {
      addMark(mark, repeating: nil, time: parsed.time, origin: origin)
      return true
    }
    if let start = RepeatMarks.cutShort(parsed.message) {
      let text = String(decoding: parsed.message, as: UTF8.self)
      addMark(.init(text: text), repeating: String(decoding: start, as: UTF8.self), time: parsed.time, origin: origin)
      return true
    }
    return false
  }

  /// The line after an event, when it may hold a mark: parsed and read as one.
  private func readMark(_ raw: UnsafeRawBufferPointer, line: Int) {
    guard RepeatMarks.mayHoldMark(raw) else { return }
    let parsed = parser.parse(raw)
    _ = readMark(of: parsed, raw: raw, origin: Origin(input: index, line: line, pid: parsed.pid))
  }

  /// An ``EventKind/elision`` event for a mark: more of the same as the event before it in
  /// this input, or as the recent one whose message starts with `repeating`.
  private func addMark(_ mark: RepeatMarks.Mark, repeating: String?, time: LogTime?, origin: Origin) {
    guard range.contains(time) else { return }
    var fields: [String: String] = [:]
    if let period = mark.period { fields[RepeatMarks.periodField] = String(period) }
    if let repeating { fields[RepeatMarks.repeatingField] = repeating }
    events.append(
      Event(
        kind: .elision, ruleID: "", time: time, channel: StreamKey.unknownChannel, fields: fields, origin: origin,
        text: mark.text))
  }

  /// Whether a line ends with `{` (after blanks): it may open an object printed over the
  /// lines after it (``InspectedObject``).
  private static func opensObject(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var end = bytes.count
    while end > 0, bytes[end - 1] == Bytes.space || bytes[end - 1] == Bytes.cr { end -= 1 }
    return end > 1 && bytes[end - 1] == Bytes.lbrace
  }

  /// Whether a candidate line may be a piece of a JSON record a paste wrapped: it opens an
  /// object the envelope could not read, or the envelope found nothing in it at all. Lines
  /// the envelope read (a tag, a JSON record, a time) never are.
  private static func mayBeWrapped(_ parsed: ParsedLine, _ bytes: UnsafeRawBufferPointer) -> Bool {
    guard parsed.tag.count == 0, !parsed.isOpenClaw else { return false }
    switch parsed.innerFormat {
    case .fileLogJSON, .consoleJSON, .logsJSON, .journaldJSON: return false
    default: return parsed.time == nil || bytes.first == Bytes.lbrace
    }
  }

  /// The record `WrappedRecord` joined into `joinedRecord`, read as one line at `line`.
  private func readJoinedRecord(line: Int, sniffed: Int) {
    joinedRecord.withUnsafeBytes { readAlone($0, line: line, sniffed: sniffed) }
  }

  /// One line (or joined record) with a prefilter of its own: the block's is in use.
  /// Whether the last line ``readAlone`` read was an event.
  private var lastAloneWasEvent = false

  private func readAlone(_ bytes: UnsafeRawBufferPointer, line: Int, sniffed: Int) {
    let rules = joinPrefilter ?? rulesForJoined()
    rules.scan(bytes)
    guard let candidate = rules.candidates.first else {
      if lastAloneWasEvent { readMark(bytes, line: line) }
      lastAloneWasEvent = false
      return
    }
    summary.candidateLines += 1
    let parsed = parser.parse(bytes)
    let rule = problemRule
    lastAloneWasEvent = rules.withRules(of: candidate) { mask in
      read(
        parsed, raw: bytes, rules: mask.lazy.filter { $0 < rule }, mayBeProblem: mask.contains(rule), line: line,
        sniffed: sniffed)
    }
  }

  /// A block of an input that showed a wrapped record: line by line, each record that
  /// opens on a line and closes on a later one read as one line, so that a record none of
  /// whose pieces holds a rule's literal (it was cut inside the literal) is read too. Slower
  /// than the block-wide prefilter, and only for such inputs (pastes, in practice).
  private func readUnwrapping(_ block: UnsafeRawBufferPointer, sniffed: Int) {
    var start = 0
    var line = linesBefore
    while start < block.count {
      let end = Self.lineEnd(in: block, from: start)
      line += 1
      if let recordEnd = WrappedRecord.record(in: block, openingAt: start, into: &joinedRecord) {
        readJoinedRecord(line: line, sniffed: sniffed)
        line += Self.newlines(in: block, end..<recordEnd)
        start = recordEnd + 1
        continue
      }
      readAlone(UnsafeRawBufferPointer(rebasing: block[start..<end]), line: line, sniffed: sniffed)
      start = end + 1
    }
    linesBefore = line
    noteLastLine(block)
  }

  private func rulesForJoined() -> Prefilter {
    let made = ruleSet.makePrefilter(extra: [ProblemLines.literals(ruleSet)])
    joinPrefilter = made
    return made
  }

  /// Says which date a named zone's offset came from, for lines whose time is a clock the
  /// zone gave an offset to (not one a dated prefix replaced).
  private func noteClockOffset(_ time: LogTime) {
    guard time.precision == .timeOfDay, let offset = time.offset,
      let (basis, day) = parser.times.lastClockBasis, let zone = parser.options.defaultZone
    else { return }
    summary.clockOffsets.note(zone: zone.identifier, basis: basis, day: day, offset: offset)
  }

  /// Keeps a copy of the block's last line, whose time is read once, at the end (parsing it
  /// for each of a gigabyte's eight thousand blocks showed in profiles).
  private func noteLastLine(_ block: UnsafeRawBufferPointer) {
    var end = block.count
    if end > 0, block[end - 1] == 0x0A { end -= 1 }
    var start = end
    while start > 0, block[start - 1] != 0x0A { start -= 1 }
    guard start < end else { return }
    lastLine.removeAll(keepingCapacity: true)
    lastLine.append(contentsOf: block[start..<end])
  }

  /// Parses the input's first lines whatever they hold; returns the last line number sniffed.
  private func sniff(_ block: UnsafeRawBufferPointer) -> Int {
    guard sniffLeft > 0 else { return 0 }
    var start = 0
    var line = linesBefore
    while sniffLeft > 0, start < block.count {
      var end = Self.lineEnd(in: block, from: start)
      let bytes = UnsafeRawBufferPointer(rebasing: block[start..<end])
      var parsed = sniffParser.parse(bytes)
      line += 1
      sniffLeft -= 1
      // A wrapped record is one line of its format, as the candidates read it.
      if Self.mayBeWrapped(parsed, bytes),
        let record = WrappedRecord.find(in: block, around: start..<end, into: &joinedRecord)
      {
        parsed = joinedRecord.withUnsafeBytes { sniffParser.parse($0) }
        unwrapping = true
        line += Self.newlines(in: block, end..<record.range.upperBound)
        end = record.range.upperBound
      }
      if end > start || parsed.isOpenClaw {
        summary.formats.insert(parsed.format)
        if parsed.isOpenClaw { summary.openClawLines += 1 }
      }
      start = end + 1
    }
    return line
  }

  private func finish() {
    finished = true
    fillSummary(&summary)
  }

  private func fillSummary(_ summary: inout InputSummary) {
    summary.lastTime = lastLine.withUnsafeBytes { parser.parse($0).time } ?? lastParsedTime
    summary.lines = linesBefore
    summary.bytes = Int(reader.bytesRead)
    summary.cutLines = reader.cutLines
    summary.warnings = reader.warnings + matcher.warnings
    summary.binary = isBinary(summary)
    summary.regexCalls = matcher.regexCalls
    // A blank line or two is not a format; say `bare` only when text was there.
    if summary.binary || (summary.formats == [.bare] && summary.openClawLines == 0 && summary.lines == 0) {
      summary.formats = []
    }
  }

  private static func lineEnd(in block: UnsafeRawBufferPointer, from start: Int) -> Int {
    var index = start
    while index < block.count, block[index] != 0x0A { index += 1 }
    return index
  }

  /// Newlines in `range` of the block: how far the line number moves between candidates.
  static func newlines(in block: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int {
    NewlineCounter.count(in: block, range)
  }
}

/// Nanoseconds spent in each stage of reading one input.
public struct StageTimings: Sendable {
  /// Reading, decompression and line splitting.
  public var read: UInt64 = 0
  /// The literal prefilter over whole blocks.
  public var prefilter: UInt64 = 0
  /// Envelope parsing and PCRE2 on candidate lines.
  public var match: UInt64 = 0

  public static func + (lhs: StageTimings, rhs: StageTimings) -> StageTimings {
    StageTimings(read: lhs.read + rhs.read, prefilter: lhs.prefilter + rhs.prefilter, match: lhs.match + rhs.match)
  }
}

/// A monotonic clock in nanoseconds.
enum Clock {
  static var now: UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
  }
}
