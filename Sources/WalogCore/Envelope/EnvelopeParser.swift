/// Splits one log line into its envelope (format, time, pid, tag, level) and the message
/// normalised as the gateway's console prints it.
///
/// Recognised formats are listed in `LineFormat` and described in docs/formats.md. Outer
/// prefixes (docker compose, journald text or JSON) are peeled first, then the gateway's own
/// line is read. The parser keeps a little state across lines of one input: the day count for
/// clock-only times and the year for journald `short` times, so feed it one input's lines in
/// order and use one parser per input.
///
/// Cost: bytes only, no allocation per line. Decoded text (JSON escapes, ANSI removal,
/// journald byte arrays) goes to one scratch buffer owned by the parser; `ParsedLine`'s byte
/// views point into the line or that buffer and are valid until the next `parse` call.
/// Copies of a parser share that buffer, so make a new parser per input rather than copying.
public struct EnvelopeParser {
  /// The options this parser was made with.
  public let options: EnvelopeOptions
  let arena = ScratchArena()
  var times: TimeResolver
  /// The last pasted line's peeling: the sum, over its steps, of the bytes from the step's
  /// start to the line's end, the most that step's linear scans can look at. What bounds the
  /// work on a hostile line (EnvelopePeelTests), one add per step off the hot path.
  var peelReach = 0
  /// The rule file's channels and subsystems.
  var vocabulary: TagVocabulary { options.vocabulary }

  public init(options: EnvelopeOptions = .init()) {
    self.options = options
    self.times = TimeResolver(zone: options.defaultZone, fileModified: options.fileModified)
  }

  static let recordSeparator: UInt8 = 0x1E

  /// Parses one line, given without its `\n` (a trailing `\r` is allowed and removed).
  public mutating func parse(_ line: UnsafeRawBufferPointer) -> ParsedLine {
    arena.reset(forLineOf: line.count)
    let text = ANSI.strip(Bytes.trimTrailingNewlines(line), arena: arena)
    var parsed = parseText(text)
    nameChannel(&parsed)
    (parsed.message, parsed.note) = TrailingNote.split(parsed.message)
    if parsed.message.first.map({ $0 >= 0xE2 }) == true { parsed.message = LeadingEmoji.strip(parsed.message) }
    parsed.messageWithTag = parsed.messageWithTag.map(TrailingNote.strip)
    return parsed
  }

  /// A user's note on a line (`-> 17:07:29 socket mode connected`) as a line of its own: the
  /// note's text is the message, with the line's tags, channel and account; its time is the
  /// line's, or the clock the note opens with on the line's day (the next day when that clock
  /// lies more than twelve hours before the line's). Nil when the line has no note.
  public mutating func noteLine(of line: ParsedLine) -> ParsedLine? {
    guard let note = line.note.map(TrailingNote.text(of:)), note.count > 0 else { return nil }
    var noted = line
    noted.note = nil
    noted.messageWithTag = nil
    noted.message = note
    if case (.clock(let clock), let end)? = TimeReading.read(note, at: 0), end < note.count {
      var text = end
      while text < note.count, note[text] == Bytes.space || note[text] == Bytes.tab { text += 1 }
      noted.message = Bytes.suffix(note, from: text)
      noted.time = line.time.map { times.moved($0, toClock: clock.secondOfDay) }
    }
    return noted
  }

  /// The moment on `time`'s day (in its own offset) whose clock reads `secondOfDay`.
  static func time(_ time: LogTime, atClock secondOfDay: Double) -> LogTime {
    let local = time.seconds + Double(time.offset ?? 0)
    let ownClock = local - (local / 86_400).rounded(.down) * 86_400
    var delta = secondOfDay - ownClock
    if delta < -43_200 { delta += 86_400 }
    if delta > 43_200 { delta -= 86_400 }
    var moved = time
    moved.seconds += delta
    return moved
  }

  /// The line's channel and account from the tags it carries: the display tag when the rule
  /// file knows it as a channel's, then a `[channel:account]` tag opening the message (which
  /// stays in the message, where rules capture it). Either makes the line OpenClaw's.
  private func nameChannel(_ line: inout ParsedLine) {
    if line.tag.count > 0, let meaning = tagMeaning(of: line) {
      line.isOpenClaw = true
      line.tagIsKnown = true
      if case .channel(let index) = meaning { line.channel = vocabulary.channelIDs[index] }
    }
    guard let word = Self.bracketContent(line.message, at: 0),
      let colon = Bytes.find(Bytes.colon, in: word), colon > 0, colon + 1 < word.count,
      let channel = vocabulary.channel(named: Bytes.slice(word, 0, colon))
    else { return }
    line.channel = channel
    line.account = Bytes.suffix(word, from: colon + 1)
    line.isOpenClaw = true
  }

  private mutating func parseText(_ text: UnsafeRawBufferPointer) -> ParsedLine {
    guard text.count > 0 else { return Self.bare(text) }
    if Self.isConsoleCompact(text) { return parseGatewayLine(text) }
    let first = text[0]
    if first == Bytes.lbrace, let parsed = parseJSONLine(text, allowJournal: true) {
      return parsed
    }
    // `journalctl -o json-seq` frames each record as RFC 7464 does: a record separator first.
    if first == Self.recordSeparator, text.count > 1, text[1] == Bytes.lbrace,
      let parsed = parseJSONLine(Bytes.suffix(text, from: 1), allowJournal: true)
    {
      return parsed
    }
    if Bytes.isAlpha(first), let parsed = parseJournaldShort(text) { return parsed }
    if Bytes.isDigit(first), let parsed = parseJournaldShortISO(text) { return parsed }
    if Bytes.isAlpha(first) || Bytes.isDigit(first), let parsed = parseDocker(text) {
      return parsed
    }
    if Bytes.isDigit(first), let parsed = parseGrepLineNumber(text) { return parsed }
    if let parsed = parseGrepFileName(text) { return parsed }
    return parseGatewayLine(text)
  }

  /// Whether `text` opens as the console's compact line does, `YYYY-MM-DDTHH:` with `[`
  /// after its first space: no prefix reader below can take such a line (journald's
  /// short-iso wants a host after the stamp, docker a name and `|`, grep a number or a path
  /// before a `:`), so it goes straight to the gateway's layouts.
  static func isConsoleCompact(_ text: UnsafeRawBufferPointer) -> Bool {
    guard text.count > 14, text[4] == 0x2D, text[7] == 0x2D, text[10] == 0x54, text[13] == Bytes.colon,
      Bytes.isDigit(text[0]), Bytes.isDigit(text[1]), Bytes.isDigit(text[2]), Bytes.isDigit(text[3]),
      Bytes.isDigit(text[5]), Bytes.isDigit(text[6]), Bytes.isDigit(text[8]), Bytes.isDigit(text[9]),
      Bytes.isDigit(text[11]), Bytes.isDigit(text[12]),
      let space = Bytes.find(Bytes.space, in: text, from: 14), space + 1 < text.count
    else { return false }
    return text[space + 1] == Bytes.lbracket
  }

  /// Whether a line read after a grep prefix is the gateway's: a tag, one of the gateway's
  /// JSON forms, or a dated time (a captured `console.*` line).
  static func carriesGatewayLine(_ line: ParsedLine) -> Bool {
    line.isOpenClaw || line.tag.count > 0 || line.time?.precision == .full
  }

  /// `grep -n` output pasted into bug reports: `199671:<line>`. Peeled only when the rest is
  /// an OpenClaw line, so `404: not found` stays as it is; a timestamp (`12:00:00`,
  /// `5:20:57 PM`) is not a line number.
  mutating func parseGrepLineNumber(_ text: UnsafeRawBufferPointer) -> ParsedLine? {
    var i = 0
    while i < text.count, i < 10, Bytes.isDigit(text[i]) { i += 1 }
    guard i > 0, i < text.count - 1, text[i] == Bytes.colon,
      !(i == 2 && Bytes.isDigit(text[i + 1])), TimeReading.read(text, at: 0) == nil
    else { return nil }
    let rest = Bytes.suffix(text, from: i + 1)
    let parsed = parseAfterPrefix(rest)
    if Self.carriesGatewayLine(parsed) { return parsed }
    // `207027:WhatsApp Web connection closed …` or `12:WhatsApp …`: an untagged gateway
    // message. grep puts no space after the colon (`404: not found` is a message), and the
    // message of such a line starts with a letter.
    return parsed.format == .bare && parsed.time == nil && Bytes.isAlpha(rest[0]) ? parsed : nil
  }

  /// The line after a grep prefix: a JSON record, a journald `short` line or a gateway line.
  private mutating func parseAfterPrefix(_ rest: UnsafeRawBufferPointer) -> ParsedLine {
    if rest[0] == Bytes.lbrace, let json = parseJSONLine(rest, allowJournal: true) { return json }
    if Bytes.isAlpha(rest[0]), let journal = parseJournaldShort(rest) { return journal }
    return parseGatewayLine(rest)
  }

  /// `grep -Hn` / `grep -rn` output (several files searched): `gateway.err.log:199671:<line>`
  /// or, without `-n`, `/tmp/openclaw/openclaw-2026-04-12.log:<line>`. The file name has no
  /// spaces and looks like a path (a `.` or `/` in it); the prefix is peeled only when the
  /// rest is an OpenClaw line, or an untagged message after a line number.
  mutating func parseGrepFileName(_ text: UnsafeRawBufferPointer) -> ParsedLine? {
    var i = 0
    var pathLike = false
    while i < text.count, i < 1024 {
      let b = text[i]
      if b == Bytes.space || b == Bytes.lbracket { break }
      if b == Bytes.colon {
        // A Windows drive letter (`C:\Users\…`) is part of the name.
        let drive = i == 1 && i + 1 < text.count && (text[i + 1] == 0x5C || text[i + 1] == 0x2F)
        if !drive { break }
      }
      if b == 0x2E || b == 0x2F || b == 0x5C { pathLike = true }
      i += 1
    }
    guard pathLike, i > 0, i + 1 < text.count, text[i] == Bytes.colon else { return nil }
    let rest = Bytes.suffix(text, from: i + 1)
    if Bytes.isDigit(rest[0]), let numbered = parseGrepLineNumber(rest) { return numbered }
    let parsed = parseAfterPrefix(rest)
    return Self.carriesGatewayLine(parsed) ? parsed : nil
  }

  // MARK: - Prefixes

  /// docker compose: `service-name  | <line>` (name, one or more spaces, `| `).
  mutating func parseDocker(_ text: UnsafeRawBufferPointer) -> ParsedLine? {
    var i = 0
    while i < text.count {
      let b = text[i]
      guard Bytes.isAlpha(b) || Bytes.isDigit(b) || b == 0x2D || b == 0x5F || b == 0x2E else {
        break
      }
      i += 1
    }
    guard i > 0, i < text.count, text[i] == Bytes.space else { return nil }
    let bar = Bytes.skipSpaces(text, i)
    guard bar < text.count, text[bar] == Bytes.pipe,
      bar + 1 == text.count || text[bar + 1] == Bytes.space
    else { return nil }
    var inner = parseGatewayLine(Bytes.suffix(text, from: min(bar + 2, text.count)))
    inner.format = .docker
    // Each compose service is a gateway of its own: its name tells the hosts apart.
    inner.host = Bytes.slice(text, 0, i)
    return inner
  }

  /// journald `short` / `short-precise`: `Apr 27 02:37:31[.184562] host ident[pid]: <line>`.
  mutating func parseJournaldShort(_ text: UnsafeRawBufferPointer) -> ParsedLine? {
    guard let (month, day, clock, clockStart) = TimeParsing.syslog(text, at: 0),
      clock.end == text.count || text[clock.end] == Bytes.space
    else { return nil }
    let precise = clock.end > clockStart + 8
    let ident = Self.journalIdent(text, from: clock.end, allowBareIdent: true)
    let outerTime = times.noYear(month: month, day: day, secondOfDay: clock.secondOfDay)
    return wrapJournal(
      text, ident: ident, format: precise ? .journaldShortPrecise : .journaldShort,
      outerTime: outerTime)
  }

  /// journald `short-iso` (`2026-04-27T02:37:31+0800 host ident[pid]: <line>`), told apart
  /// from a compact console line by the `ident[pid]:` that must follow.
  mutating func parseJournaldShortISO(_ text: UnsafeRawBufferPointer) -> ParsedLine? {
    // A host name follows the stamp, never a `[tag]`: the console's own ISO lines
    // (`… +08:00 [ws] …`) are told apart before their time is parsed twice.
    guard let space = Bytes.find(Bytes.space, in: text), space + 1 < text.count, text[space + 1] != Bytes.lbracket
    else { return nil }
    guard let stamp = TimeParsing.iso(text, at: 0), stamp.end < text.count,
      text[stamp.end] == Bytes.space,
      let ident = Self.journalIdent(text, from: stamp.end, allowBareIdent: false),
      ident.pid != nil
    else { return nil }
    return wrapJournal(
      text, ident: ident, format: .journaldShortISO, outerTime: times.full(stamp))
  }

  /// Reads the gateway's line after a journald text prefix and merges the two envelopes.
  private mutating func wrapJournal(
    _ text: UnsafeRawBufferPointer, ident: JournalIdent?, format: LineFormat, outerTime: LogTime
  ) -> ParsedLine {
    // Without a recognisable `ident[pid]:` (pasted logs often drop host and ident) the
    // message starts after the spaces following the time.
    let start = ident?.messageStart ?? Bytes.skipSpaces(text, Self.afterTime(text))
    var inner = parseGatewayLine(Bytes.suffix(text, from: start))
    inner.format = format
    inner.pid = ident?.pid
    if let host = ident?.host { inner.host = Bytes.slice(text, host.lowerBound, host.upperBound) }
    inner.time = Self.preferGatewayTime(outer: outerTime, inner: inner.time)
    return inner
  }

  /// The index after the first space-delimited time token(s) of a journald prefix: the
  /// position of the space after the clock (month form) or the ISO stamp.
  private static func afterTime(_ text: UnsafeRawBufferPointer) -> Int {
    // Month form: "Mon DD HH:MM:SS…" → the third space-separated token ends the time.
    var i = 0
    var tokens = 0
    while i < text.count {
      i = Bytes.skipSpaces(text, i)
      while i < text.count, text[i] != Bytes.space { i += 1 }
      tokens += 1
      if tokens == 3 { break }
    }
    return i
  }

  struct JournalIdent {
    var pid: Int?
    var messageStart: Int
    /// Where the host name before the ident is, when the prefix has one.
    var host: Range<Int>? = nil
  }

  /// Finds `[host ]ident[pid]: ` (or, when `allowBareIdent`, `[host ]ident: `) after the
  /// time, starting at the space at `from`.
  static func journalIdent(
    _ text: UnsafeRawBufferPointer, from: Int, allowBareIdent: Bool
  ) -> JournalIdent? {
    let t1 = Bytes.skipSpaces(text, from)
    guard t1 < text.count else { return nil }
    if let id = identToken(text, at: t1, allowBare: allowBareIdent) { return id }
    // Skip one host token.
    var t2 = t1
    while t2 < text.count, text[t2] != Bytes.space { t2 += 1 }
    guard t2 < text.count, text[t1] != Bytes.lbracket else { return nil }
    let host = t1..<t2
    t2 += 1
    var ident = identToken(text, at: t2, allowBare: allowBareIdent)
    ident?.host = host
    return ident
  }

  /// `ident[pid]: ` or `ident: ` at `i`.
  private static func identToken(
    _ text: UnsafeRawBufferPointer, at i: Int, allowBare: Bool
  ) -> JournalIdent? {
    var j = i
    while j < text.count {
      let b = text[j]
      if b == Bytes.space || b == Bytes.lbracket || b == Bytes.colon { break }
      j += 1
    }
    guard j > i, j < text.count else { return nil }
    if text[j] == Bytes.lbracket {
      var k = j + 1
      var pid = 0
      while k < text.count, Bytes.isDigit(text[k]), k - j < 12 {
        pid = pid * 10 + Int(text[k] &- 0x30)
        k += 1
      }
      guard k > j + 1, k + 1 < text.count, text[k] == Bytes.rbracket,
        text[k + 1] == Bytes.colon
      else { return nil }
      let start = k + 2 < text.count && text[k + 2] == Bytes.space ? k + 3 : k + 2
      return JournalIdent(pid: pid, messageStart: start)
    }
    guard allowBare, text[j] == Bytes.colon, j + 1 < text.count, text[j + 1] == Bytes.space
    else { return nil }
    return JournalIdent(pid: nil, messageStart: j + 2)
  }

  /// The gateway's own ISO time is more precise than any prefix; a clock-only inner time is
  /// less precise than a dated prefix.
  static func preferGatewayTime(outer: LogTime?, inner: LogTime?) -> LogTime? {
    if let inner, inner.precision == .full { return inner }
    return outer ?? inner
  }

  /// A line that is no OpenClaw envelope: the whole text is the message.
  static func bare(_ text: UnsafeRawBufferPointer) -> ParsedLine {
    ParsedLine(
      format: .bare, innerFormat: .bare, time: nil, pid: nil, tag: Bytes.empty, level: nil,
      message: text, structuredFields: nil, isOpenClaw: false)
  }
}
