#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads blocks of whole lines into a ``ChunkResult``: the literal prefilter over each block,
/// the envelope parser and PCRE2 rules only for the candidate lines; ordinary lines are only
/// counted. Everything here is a matter of the chunk's own lines; what depends on the lines
/// before it (line numbers, times, the counts of the input) is left to the merge
/// (``ChunkStitcher``), so that a chunk can be read on any thread, in any order.
///
/// One per thread: it owns a prefilter (planned from the first block it scans) and a matcher.
/// The lines of a chunk come in ``begin(_:first:mode:)``, then ``read(_:)`` per block, then
/// ``end()``; a single reader that reads a whole input in order (``InputReader``) begins once
/// and takes a result after each block (``takeResult(into:)``).
final class ChunkReader {
  let index: Int
  let name: String
  private let ruleSet: RuleSet
  private let prefilter: Prefilter
  private let matcher: EventMatcher
  private var parser: EnvelopeParser
  /// Sniffing has a parser of its own: the main one records each candidate's times in order,
  /// and the sniff reads the same lines again.
  private var sniffParser: EnvelopeParser
  /// The prefilter's pseudo-rule for warning and error marks (after the event rules).
  private let problemRule: Int
  /// A wrapped JSON record joined back (`WrappedRecord`), and the prefilter that finds its
  /// rules (the block's is in use; made at the first such record).
  private var joinedRecord: [UInt8] = []
  private var joinPrefilter: Prefilter?
  /// A Control UI record, and an object printed over several lines, joined into one line
  /// (``ControlUICopy``, ``InspectedObject``).
  private var controlUIRecord: [UInt8] = []
  private var objectRecord: [UInt8] = []
  /// Whether the last line read was an event (``ReadingMode/afterEvent``), and whether a line
  /// of the result decided it (else it is the mode's the chunk began in).
  private var afterEvent = false
  private var afterEventDecided = false
  /// Host names made into strings once each (a cache: the same names whichever reader).
  private var hosts = HostNames()

  /// The result being filled.
  private var result = ChunkResult()
  /// Whether the input showed a wrapped record: its lines are then read one by one.
  private var unwrapping = false
  /// Lines of the input's start still to sniff (only the first chunk sniffs).
  private var sniffLeft = 0
  /// What the chunk's first bytes past any padding say (``BinarySniff``); nil before them.
  private var content: BinarySniff.Look?
  /// Whether this chunk starts the input, whose binary data is then only counted.
  private var first = false
  /// The last format counted, so that most lines skip the set insertion.
  private var lastFormat: LineFormat?
  private var hitsAtStart: [Int] = []
  private var warningsAtStart = 0
  private var callsAtStart = 0

  /// The first lines of an input are all parsed, to tell its formats and whether it is an
  /// OpenClaw log even when it holds no lifecycle event.
  static let sniffLines = 200

  /// - Parameter sharedPlan: the prefilter plan of the other readers of the same input, if any.
  init(index: Int, name: String, rules: RuleSet, options: EnvelopeOptions, sharedPlan: SharedPrefilterPlan? = nil) {
    self.index = index
    self.name = name
    ruleSet = rules
    problemRule = rules.events.count
    prefilter = rules.makePrefilter(extra: [ProblemLines.literals(rules)])
    prefilter.sharedPlan = sharedPlan
    matcher = rules.makeEventMatcher()
    parser = EnvelopeParser(options: options)
    parser.times.tape = TimeTape()
    sniffParser = EnvelopeParser(options: options)
  }

  /// Starts a chunk: the input's first one sniffs its start; `mode` is what the lines before
  /// it decided, as far as the caller knows.
  func begin(_ result: ChunkResult, first: Bool, mode: ReadingMode) {
    self.result = result
    result.reset()
    parser.times.tape!.removeAll()
    sniffLeft = first ? Self.sniffLines : mode.sniffLeft
    self.first = first
    content = nil
    lastFormat = nil
    unwrapping = mode.unwrapping
    afterEvent = mode.afterEvent
    matcher.restore(limitHits: mode.limitHits)
    startCounting(mode: mode)
  }

  private func startCounting(mode: ReadingMode) {
    result.modeAtStart = mode
    result.modeAtStart.sniffLeft = sniffLeft
    result.modeAtStart.afterEvent = afterEvent
    afterEventDecided = false
    hitsAtStart = matcher.limitHitCounts
    warningsAtStart = matcher.warnings.count
    callsAtStart = matcher.regexCalls
  }

  /// Finishes the chunk's counts; the result is complete.
  func end() {
    let hits = matcher.limitHitCounts
    result.limitHitsInChunk = zip(hits, hitsAtStart).map { $0 - $1 }
    result.modeAtEnd = ReadingMode(unwrapping: unwrapping, limitHits: hits, sniffLeft: sniffLeft, afterEvent: afterEvent)
    // A result without a line ends as it began: the line before decides that too.
    if !afterEventDecided { result.readsLineBefore = true }
    result.matcherWarnings = Array(matcher.warnings[warningsAtStart...])
    result.regexCalls = matcher.regexCalls - callsAtStart
    swap(&result.times, &parser.times.tape!)
    parser.times.tape!.removeAll()
  }

  /// Ends the current result and starts the next in `next`, where the same chunk goes on
  /// (a single reader's input, handed out block by block).
  func takeResult(into next: ChunkResult) -> ChunkResult {
    end()
    let done = result
    result = next
    next.reset()
    startCounting(mode: done.modeAtEnd)
    return done
  }

  /// Reads one block of whole lines (each ending with `\n`).
  func read(_ block: UnsafeRawBufferPointer) {
    var start = Clock.now
    if content == nil {
      content = BinarySniff.look(block)
      result.look = content
    }
    // Binary data whatever it holds is only counted (the merge drops whatever a later chunk,
    // which does not know, read in it: ``ChunkStitcher``).
    if first, content?.binary == true {
      result.lines += Self.newlines(in: block, 0..<block.count)
      return
    }
    let sniffed = sniff(block)
    if unwrapping {
      readUnwrapping(block, from: 0, line: result.lines, sniffed: sniffed)
      result.timings.match += Clock.now - start
      return
    }
    prefilter.scan(block)
    var now = Clock.now
    result.timings.prefilter += now - start
    start = now

    var line = result.lines
    var cursor = 0
    /// The end of the last object joined in this block: its lines are read.
    var joinedUpTo = -1
    let candidates = prefilter.candidates
    // The block's first line, when it is no candidate, is the line after the last one read.
    if !block.isEmpty, candidates.first?.range.lowerBound != 0 {
      readMarkAfterEvent(Bytes.slice(block, 0, Self.lineEnd(in: block, from: 0)), line: line + 1)
    }
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
        // No mark is looked for on the line after an object.
        afterEvent = false
        continue
      }
      if Self.mayBeWrapped(parsed, bytes),
        let record = WrappedRecord.find(in: block, around: candidate.range, into: &joinedRecord)
      {
        readJoinedRecord(line: line - record.linesBefore, sniffed: sniffed)
        // From the record on, the input's lines are read one by one (`readUnwrapping`).
        unwrapping = true
        line += Self.newlines(in: block, candidate.range.upperBound..<record.range.upperBound)
        readUnwrapping(block, from: record.range.upperBound + 1, line: line, sniffed: sniffed)
        result.timings.match += Clock.now - start
        return
      }
      result.candidateLines += 1
      let rule = problemRule
      afterEvent = prefilter.withRules(of: candidate) { mask in
        read(
          parsed, raw: bytes, rules: mask.lazy.filter { $0 < rule }, mayBeProblem: mask.contains(rule), line: line,
          sniffed: sniffed)
      }
      afterEventDecided = true
      // A user's mark of more of the same (`...`, `<-- ~10s later`) on the line after an
      // event holds no rule's literal: that one line is read too (in the next block when
      // this one ends here).
      let next = candidate.range.upperBound + 1
      if next < block.count, index + 1 == candidates.count || candidates[index + 1].range.lowerBound != next {
        readMarkAfterEvent(Bytes.slice(block, next, Self.lineEnd(in: block, from: next)), line: line + 1)
      }
    }
    line += Self.newlines(in: block, cursor..<block.count)
    result.lines = line
    noteLastLine(block)
    now = Clock.now
    result.timings.match += now - start
  }

  /// One candidate line's event (or problem, or mark of more of the same), kept in the
  /// result; whether it was an event.
  @discardableResult
  private func read(
    _ parsed: ParsedLine, raw: UnsafeRawBufferPointer, rules: some Sequence<Int>, mayBeProblem: Bool, line: Int,
    sniffed: Int
  ) -> Bool {
    if let time = parsed.time { parser.times.tape!.noteRead(time) }
    if line > sniffed {
      // A set insertion hashes; most lines share the previous line's format.
      if parsed.format != lastFormat {
        result.formats.insert(parsed.format)
        lastFormat = parsed.format
      }
      if parsed.isOpenClaw { result.openClawLines += 1 }
    }
    let origin = Origin(input: index, line: line, pid: parsed.pid)
    // What a user noted on the line (`-> 17:07:29 socket mode connected`) is a line they saw.
    let noted = parser.noteLine(of: parsed).flatMap { matcher.match($0, candidates: rules, origin: origin) }
    guard let event = matcher.match(parsed, candidates: rules, origin: origin) else {
      // A line whose note is an event is explained: it is never listed as unexplained too.
      if let noted {
        keep(noted, host: parsed.host)
        return true
      }
      if !readMark(of: parsed, raw: raw, origin: origin), mayBeProblem,
        let record = ProblemLines.record(parsed, lineNumber: line)
      {
        result.problems.append(record)
      }
      return false
    }
    keep(event, host: parsed.host)
    // A note on the event's own line that says it repeats (`← fires again`, `(x12)`); the
    // merge drops it with its event outside `--since`/`--until` (they share the line's time).
    if let mark = parsed.note.flatMap(RepeatMarks.note) ?? RepeatMarks.trailingCount(parsed.message) {
      addMark(mark, repeating: nil, time: parsed.time, origin: origin)
    }
    if let noted { keep(noted, host: parsed.host) }
    return true
  }

  /// Keeps an event; `host` is the host its line names (usually none).
  private func keep(_ event: Event, host: UnsafeRawBufferPointer) {
    var event = event
    // Named only for events, and only when the line names a host (most logs name none).
    if host.count > 0 { event.host = hosts.name(host) }
    result.eventCount += 1
    result.events.append(event)
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

  /// A line that holds no rule's literal, after the last line read: when that was an event,
  /// the line is read as a mark of more of the same if it may hold one. A chunk's first line
  /// depends on the chunk before (``ChunkResult/readsLineBefore``).
  private func readMarkAfterEvent(_ raw: UnsafeRawBufferPointer, line: Int) {
    if !afterEventDecided, RepeatMarks.mayHoldMark(raw) { result.readsLineBefore = true }
    if afterEvent, RepeatMarks.mayHoldMark(raw) {
      let parsed = parser.parse(raw)
      _ = readMark(of: parsed, raw: raw, origin: Origin(input: index, line: line, pid: parsed.pid))
    }
    afterEvent = false
    afterEventDecided = true
  }

  /// An ``EventKind/elision`` event for a mark: more of the same as the event before it in
  /// this input, or as the recent one whose message starts with `repeating`. The merge keeps
  /// it only within `--since`/`--until`, and counts it nowhere.
  private func addMark(_ mark: RepeatMarks.Mark, repeating: String?, time: LogTime?, origin: Origin) {
    var fields: [String: String] = [:]
    if let period = mark.period { fields[RepeatMarks.periodField] = String(period) }
    if let repeating { fields[RepeatMarks.repeatingField] = repeating }
    result.events.append(
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
  private func readAlone(_ bytes: UnsafeRawBufferPointer, line: Int, sniffed: Int) {
    let rules = joinPrefilter ?? rulesForJoined()
    rules.scan(bytes)
    guard let candidate = rules.candidates.first else {
      readMarkAfterEvent(bytes, line: line)
      return
    }
    result.candidateLines += 1
    let parsed = parser.parse(bytes)
    let rule = problemRule
    afterEvent = rules.withRules(of: candidate) { mask in
      read(
        parsed, raw: bytes, rules: mask.lazy.filter { $0 < rule }, mayBeProblem: mask.contains(rule), line: line,
        sniffed: sniffed)
    }
    afterEventDecided = true
  }

  /// The lines of a block from `start` (`line` lines before it), once the input showed a
  /// wrapped record: one by one, each record that opens on a line and closes on a later one
  /// read as one line, so that a record none of whose pieces holds a rule's literal (it was
  /// cut inside the literal) is read too. Slower than the block-wide prefilter, and only for
  /// such inputs (pastes, in practice).
  private func readUnwrapping(_ block: UnsafeRawBufferPointer, from start: Int, line: Int, sniffed: Int) {
    var start = start
    var line = line
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
    result.lines = line
    noteLastLine(block)
  }

  private func rulesForJoined() -> Prefilter {
    let made = ruleSet.makePrefilter(extra: [ProblemLines.literals(ruleSet)])
    joinPrefilter = made
    return made
  }

  /// Keeps a copy of the block's last line, whose time is read once, at the end of the input
  /// (parsing it for each of a gigabyte's eight thousand blocks showed in profiles).
  private func noteLastLine(_ block: UnsafeRawBufferPointer) {
    var end = block.count
    if end > 0, block[end - 1] == 0x0A { end -= 1 }
    var start = end
    while start > 0, block[start - 1] != 0x0A { start -= 1 }
    guard start < end else { return }
    result.lastLine.removeAll(keepingCapacity: true)
    result.lastLine.append(contentsOf: block[start..<end])
  }

  /// Parses the input's first lines whatever they hold; returns the last line number sniffed
  /// (counted from the result's start).
  private func sniff(_ block: UnsafeRawBufferPointer) -> Int {
    guard sniffLeft > 0 else { return 0 }
    var start = 0
    var line = result.lines
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
        result.formats.insert(parsed.format)
        if parsed.isOpenClaw { result.openClawLines += 1 }
      }
      start = end + 1
    }
    return line
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
