/// The gateway's own line once outer prefixes are gone: console `pretty`/`compact`, the
/// `openclaw logs` text renderings, the JSON forms, or a bare message.
extension EnvelopeParser {
  /// The known layouts first (the fast path); a line they leave without a tag is peeled
  /// (Peeler.swift), and the peeled reading is kept when it took off more.
  mutating func parseGatewayLine(_ text: UnsafeRawBufferPointer) -> ParsedLine {
    guard text.count > 0 else { return Self.bare(text) }
    if text[0] == Bytes.lbrace, let json = parseJSONLine(text, allowJournal: false) { return json }
    let known = knownGatewayLine(text)
    if known.tag.count > 0, tagMeaning(of: known) != nil { return known }
    guard let peeled = peel(text) else { return known }
    if peeled.tag.count > 0, known.tag.count == 0 || vocabulary.meaning(of: peeled.tag) != nil {
      return peeled
    }
    return peeled.message.count < known.message.count ? peeled : known
  }

  /// The gateway's own layouts: console pretty and compact, `openclaw logs` plain and pretty,
  /// or a bare message.
  private mutating func knownGatewayLine(_ text: UnsafeRawBufferPointer) -> ParsedLine {
    let first = text[0]
    if first == Bytes.lbrace { return Self.bare(text) }
    if Bytes.isDigit(first) {
      if let stamp = TimeParsing.iso(text, at: 0),
        stamp.end == text.count || text[stamp.end] == Bytes.space
      {
        let time = times.full(stamp)
        let rest = Bytes.skipSpaces(text, stamp.end)
        if let parsed = logsText(text, from: rest, time: time, format: .logsPlain) {
          return parsed
        }
        return consoleText(text, from: rest, time: time, format: .consoleCompact)
      }
      if let clock = TimeParsing.clock(text, at: 0, withOffset: true),
        clock.end == text.count || text[clock.end] == Bytes.space
      {
        let time = times.timeOfDay(clock)
        let rest = Bytes.skipSpaces(text, clock.end)
        if let parsed = logsText(text, from: rest, time: time, format: .logsPretty) {
          return parsed
        }
        return consoleText(text, from: rest, time: time, format: .consolePretty)
      }
    }
    if first == 0x4C, Bytes.hasLiteral(text, 0, "Log file: ") {
      // First line of `openclaw logs`: names the file, carries no event.
      return ParsedLine(
        format: .logsPlain, innerFormat: .logsPlain, time: nil, pid: nil, tag: Bytes.empty,
        level: nil, message: Bytes.empty, structuredFields: nil, isOpenClaw: true)
    }
    return consoleText(text, from: 0, time: nil, format: .bare)
  }

  /// `[tag] message` or a message without tag, from `from`. Console lines already had the
  /// redundant tag word removed by the gateway, so the message is taken as printed.
  private func consoleText(
    _ text: UnsafeRawBufferPointer, from: Int, time: LogTime?, format: LineFormat
  ) -> ParsedLine {
    var tag = Bytes.empty
    var level: LogLevel? = nil
    var messageStart = from
    var bracket = Self.bracketWord(text, at: from)
    // Some libraries and plugins print their own `[WARN]` (before the gateway's tag, or
    // alone): a level, not a tag.
    if let word = bracket,
      let (found, _) = Self.levelWord(word, at: 0, ignoringCase: false, uppercase: true)
    {
      level = found
      messageStart = Bytes.skipSpaces(text, from + word.count + 2)
      bracket = Self.bracketWord(text, at: messageStart)
    }
    var messageWithTag: UnsafeRawBufferPointer? = nil
    var tagLookup: TagLookup? = nil
    if let word = bracket {
      let next = Bytes.skipSpaces(text, messageStart + word.count + 2)
      switch bracketRole(word, before: next, in: text) {
      case .knownTag(let meaning):
        tag = word
        tagLookup = .known(meaning)
        messageStart = next
      case .unknownTag:
        tag = word
        tagLookup = .unknown
        messageWithTag = Bytes.suffix(text, from: messageStart)
        messageStart = next
      case .message:
        break
      }
    }
    var line = ParsedLine(
      format: format, innerFormat: format, time: time, pid: nil, tag: tag, level: level,
      message: Bytes.suffix(text, from: messageStart), structuredFields: nil, isOpenClaw: false)
    line.messageWithTag = messageWithTag
    line.tagLookup = tagLookup
    return line
  }

  /// What a `[word]` where the gateway's tag would be is.
  enum BracketRole {
    /// A tag the rule file knows, and what it means.
    case knownTag(TagVocabulary.Meaning)
    /// Another word: a plugin's channel tag, or an account opening the message
    /// (`[default] auto-restart…`); the matcher tries both readings.
    case unknownTag
    /// `[channel:account]` and the like, which open the message.
    case message
  }

  func bracketRole(
    _ word: UnsafeRawBufferPointer, before next: Int, in text: UnsafeRawBufferPointer
  ) -> BracketRole {
    if let meaning = vocabulary.meaning(of: word) { return .knownTag(meaning) }
    return Bytes.find(Bytes.colon, in: word) == nil ? .unknownTag : .message
  }

  /// What the rule file makes of `line`'s tag: the lookup made when the tag was read, else
  /// one now (one lookup per line, not one per stage).
  func tagMeaning(of line: ParsedLine) -> TagVocabulary.Meaning? {
    switch line.tagLookup {
    case .known(let meaning): return meaning
    case .unknown: return nil
    case nil: return line.tag.count > 0 ? vocabulary.meaning(of: line.tag) : nil
    }
  }

  /// The text of a `[word]` at `i` that is followed by a space, a `[` (`[telegram][diag]`) or
  /// the end: no spaces or brackets inside, at least one byte.
  static func bracketWord(_ text: UnsafeRawBufferPointer, at i: Int) -> UnsafeRawBufferPointer? {
    guard i < text.count, text[i] == Bytes.lbracket else { return nil }
    var j = i + 1
    while j < text.count, text[j] != Bytes.rbracket, text[j] != Bytes.space,
      text[j] != Bytes.lbracket
    {
      j += 1
    }
    guard j < text.count, j > i + 1, text[j] == Bytes.rbracket,
      j + 1 == text.count || text[j + 1] == Bytes.space || text[j + 1] == Bytes.lbracket
    else { return nil }
    return Bytes.slice(text, i + 1, j)
  }

  /// `openclaw logs` text: `{level} {subsystem|module} [{binding}] [{fields}] {message}`
  /// after the time. Returns nil when no level word follows the time.
  private func logsText(
    _ text: UnsafeRawBufferPointer, from: Int, time: LogTime, format: LineFormat
  ) -> ParsedLine? {
    guard let (level, afterLevel) = Self.levelWord(text, at: from, ignoringCase: false),
      afterLevel < text.count, text[afterLevel] == Bytes.space
    else { return nil }
    let subStart = afterLevel + 1
    var subEnd = subStart
    while subEnd < text.count, text[subEnd] != Bytes.space { subEnd += 1 }
    guard subEnd > subStart, text[subStart] != Bytes.lbracket, text[subStart] != Bytes.lbrace
    else { return nil }
    let word = Bytes.slice(text, subStart, subEnd)
    let afterWord = Bytes.skipSpaces(text, subEnd)
    // Subsystems and modules are lowercase (`gateway/channels/whatsapp`, `web-reconnect`); a
    // message opens with a capital more often than not (`WhatsApp Web…`, `No messages…`).
    guard text[subStart] &- 0x61 < 26 || (afterWord < text.count && text[afterWord] == Bytes.lbrace) else {
      // `openclaw channels logs` prints `{time} {level} {message}`: the word is the message's.
      return ParsedLine(
        format: format, innerFormat: format, time: time, pid: nil, tag: Bytes.empty, level: level,
        message: Bytes.suffix(text, from: subStart), structuredFields: nil, isOpenClaw: true)
    }
    let tag = DisplayTag.forSubsystem(word, channels: options.channels, drops: options.tagDrops)
    let split = Self.splitLogsMessage(Bytes.suffix(text, from: afterWord))
    return ParsedLine(
      format: format, innerFormat: format, time: time, pid: nil, tag: tag, level: level,
      message: DisplayTag.stripTagPrefix(split.message, tag: tag),
      structuredFields: split.fields, isOpenClaw: true)
  }

  /// `openclaw logs` joins all of a record's positional values: the binding object
  /// (`{"subsystem":…}` / `{"module":…}`), then a fields object when the record is
  /// structured, then the message. Splits that back apart.
  static func splitLogsMessage(
    _ text: UnsafeRawBufferPointer
  ) -> (message: UnsafeRawBufferPointer, fields: UnsafeRawBufferPointer?) {
    var rest = text
    var fields: UnsafeRawBufferPointer? = nil
    for _ in 0..<2 {
      guard rest.count > 0, rest[0] == Bytes.lbrace,
        let end = JSONScanner.skipContainer(rest, at: 0), end < rest.count,
        rest[end] == Bytes.space
      else { break }
      let object = Bytes.slice(rest, 0, end)
      let isBinding = fields == nil && isBindingObject(object)
      if !isBinding {
        if fields != nil { break }
        fields = object
      }
      rest = Bytes.suffix(rest, from: Bytes.skipSpaces(rest, end))
      if !isBinding { break }
    }
    return (rest, fields)
  }

  /// Whether `object` is a logger binding: it has a `subsystem` or `module` key.
  static func isBindingObject(_ object: UnsafeRawBufferPointer) -> Bool {
    var found = false
    JSONScanner.members(object, at: 0) { key, _ in
      if Bytes.equals(key, "subsystem") || Bytes.equals(key, "module") { found = true }
      return !found
    }
    return found
  }

  /// A level name at `i` (`info`, `WARN`…) and the index after it.
  static func levelWord(
    _ buf: UnsafeRawBufferPointer, at i: Int, ignoringCase: Bool, uppercase: Bool = false
  ) -> (LogLevel, Int)? {
    if uppercase {
      // `WARN`, `ERROR`…: match the lowercase names against a lowered copy of ≤ 5 bytes.
      guard buf.count - i <= 5, buf.count - i >= 4 else { return nil }
      for k in i..<buf.count where buf[k] &- 0x41 >= 26 { return nil }
      return levelWord(buf, at: i, ignoringCase: true)
    }
    var j = i
    while j < buf.count, j - i < 6, Bytes.isAlpha(buf[j]) { j += 1 }
    let word = Bytes.slice(buf, i, j)
    guard word.count >= 4 else { return nil }
    let level: LogLevel
    @inline(__always) func match(_ s: StaticString) -> Bool {
      ignoringCase
        ? word.count == s.utf8CodeUnitCount
          && Bytes.hasPrefixIgnoringCase(word, 0, UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
        : Bytes.equals(word, s)
    }
    if match("info") {
      level = .info
    } else if match("warn") {
      level = .warn
    } else if match("error") {
      level = .error
    } else if match("debug") {
      level = .debug
    } else if match("trace") {
      level = .trace
    } else if match("fatal") {
      level = .fatal
    } else {
      return nil
    }
    return (level, j)
  }
}
