/// What peeling has taken off the front of a line so far.
struct PeeledEnvelope {
  /// The best time seen: more precise wins, and of two equally precise the later one (the
  /// inner, the gateway's own) wins.
  var time: TimeReading?
  var level: LogLevel?
  var tag = Bytes.empty
  /// Whether the tag came from a logger name (subsystem, binding) rather than the console's
  /// `[tag]`: only then is the message as the file log wrote it, with the channel word.
  var tagFromLogger = false
  var pid: Int?
  /// The host before a `unit[pid]:`, as `ParsedLine.host`.
  var host = Bytes.empty
  /// The message read from an unknown tag on (see `BracketRole.unknownTag`).
  var messageWithTag: UnsafeRawBufferPointer?
  /// Whether anything at all was recognised.
  var found = false

  mutating func add(_ reading: TimeReading) {
    if let time, time.rank > reading.rank { return }
    time = reading
  }
}

/// The peeling of pasted lines (docs/formats.md, "Pasted lines"): whatever a terminal, a log
/// viewer, `journalctl`, a container runtime or a chat app put in front of the gateway's
/// message comes off, element by element, in any order, until the message is left.
///
/// Elements: timestamps of every common shape (bare or in `[…]`, with a zone word), syslog
/// priorities `<14>`, `host unit[pid]:`, level words in any case (`INFO`, `warn`, `[ERROR]`),
/// subsystem names and their `{"subsystem":"…"}` form, container prefixes (`name | `,
/// `stdout F`), line numbers, quote and list markers, separators; and the gateway's own tag,
/// which ends the envelope. A whole known line (JSON, journald) after a prefix is read as
/// such. An unknown word in front of a timestamp or known tag is skipped.
extension EnvelopeParser {
  /// Elements peeled at most from one line: bounded work whatever the input.
  static let maxPeelSteps = 24
  /// Unknown prefixes skipped at most, and how far ahead a known element is looked for.
  static let maxUnknownSkips = 2
  static let anchorReach = 96

  /// The line with its envelope peeled off, or nil when nothing at its front is known.
  mutating func peel(_ line: UnsafeRawBufferPointer) -> ParsedLine? {
    var text = Markdown.withoutRowEnd(line)
    var envelope = PeeledEnvelope()
    var i = 0
    var skips = 0
    peelReach = 0
    for _ in 0..<Self.maxPeelSteps {
      let start = i
      peelReach += text.count - start
      i = Self.skipSeparators(text, i)
      if i > start { envelope.found = true }
      guard i < text.count else { break }
      if let content = Self.peelCode(&text, at: i) {
        envelope.found = true
        i = content
        continue
      }
      if i > 0, let inner = parseWholeLine(Bytes.suffix(text, from: i)) {
        return wrap(inner, in: envelope)
      }
      if let next = peelElement(text, at: i, into: &envelope) {
        envelope.found = true
        i = next
        if envelope.tag.count > 0 { break }
        continue
      }
      guard envelope.tag.count == 0, skips < Self.maxUnknownSkips,
        let anchor = anchor(text, after: i)
      else { break }
      skips += 1
      i = anchor
    }
    guard envelope.found else { return nil }
    var message = Bytes.suffix(text, from: Self.skipBlanks(text, i))
    var fields: UnsafeRawBufferPointer? = nil
    if envelope.tagFromLogger {
      let split = Self.splitLogsMessage(message)
      message = DisplayTag.stripTagPrefix(unquoted(split.message), tag: envelope.tag)
      fields = split.fields
    }
    var line = ParsedLine(
      format: .pasted, innerFormat: .pasted, time: resolve(envelope.time), pid: envelope.pid,
      tag: envelope.tag, level: envelope.level, message: message, structuredFields: fields,
      isOpenClaw: false)
    line.messageWithTag = envelope.messageWithTag
    line.host = envelope.host
    return line
  }

  /// A message that is one JSON string after its logger's binding, as a user copies a
  /// record's fields (`{"subsystem":"…"} "No messages received in 30m …"`): its text.
  private func unquoted(_ message: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    guard message.count > 1, message[0] == Bytes.quote, let value = JSONScanner.stringValue(message, at: 0),
      value.end == message.count - 1
    else { return message }
    return JSONScanner.string(message, value, arena: arena)
  }

  /// The index of the first byte at or after `i` that is no space or tab.
  static func skipBlanks(_ text: UnsafeRawBufferPointer, _ i: Int) -> Int {
    var j = i
    while j < text.count, text[j] == Bytes.space || text[j] == Bytes.tab { j += 1 }
    return j
  }

  /// A known whole line after a pasted prefix: the JSON forms and journald's text forms.
  private mutating func parseWholeLine(_ rest: UnsafeRawBufferPointer) -> ParsedLine? {
    let first = rest[0]
    if first == Bytes.lbrace { return parseJSONLine(rest, allowJournal: true) }
    if Bytes.isAlpha(first) || first >= 0x80 { return parseJournaldShort(rest) }
    if Bytes.isDigit(first) { return parseJournaldShortISO(rest) }
    return nil
  }

  /// `inner` (a known line found after a prefix) under the prefix peeled before it.
  private mutating func wrap(_ inner: ParsedLine, in envelope: PeeledEnvelope) -> ParsedLine {
    var line = inner
    line.format = .pasted
    line.time = Self.preferGatewayTime(outer: resolve(envelope.time), inner: inner.time)
    line.level = inner.level ?? envelope.level
    line.pid = inner.pid ?? envelope.pid
    if inner.host.count == 0 { line.host = envelope.host }
    return line
  }

  private mutating func resolve(_ reading: TimeReading?) -> LogTime? {
    switch reading {
    case .dated(let stamp): times.full(stamp)
    case .noYear(let month, let day, let secondOfDay):
      times.noYear(month: month, day: day, secondOfDay: secondOfDay)
    case .clock(let clock): times.timeOfDay(clock)
    case nil: nil
    }
  }

  // MARK: - Elements

  /// A timestamp at `i`: the common shapes (`TimeReading`), else a chat app's (`ChatTime`).
  private static func readTime(_ text: UnsafeRawBufferPointer, at i: Int) -> (TimeReading, end: Int)? {
    TimeReading.read(text, at: i) ?? ChatTime.read(text, at: i)
  }

  /// Markdown code (Markdown.swift): a fence line leaves no message; inline code narrows the
  /// line to the span's content, so what follows its closing backticks is no message.
  private static func peelCode(_ text: inout UnsafeRawBufferPointer, at i: Int) -> Int? {
    guard text[i] == Markdown.backtick else { return nil }
    if Markdown.isFence(text, i) {
      text = Bytes.slice(text, 0, i)
      return i
    }
    guard let span = Markdown.at(text, i) else { return nil }
    var close = span.close
    while close > span.content, text[close - 1] == Bytes.space || text[close - 1] == Bytes.tab { close -= 1 }
    text = Bytes.slice(text, 0, close)
    return span.content
  }

  /// Peels one element at `i` into `envelope`; returns the index after it, or nil when the
  /// bytes at `i` are no element (the message, or an unknown prefix, starts there).
  private func peelElement(
    _ text: UnsafeRawBufferPointer, at i: Int, into envelope: inout PeeledEnvelope
  ) -> Int? {
    let b = text[i]
    if b == Bytes.lbracket { return peelBracket(text, at: i, into: &envelope) }
    if b == Bytes.lbrace { return peelBinding(text, at: i, into: &envelope) }
    if b == 0x3C { return Self.syslogPriority(text, at: i) }
    if let (reading, end) = Self.readTime(text, at: i) {
      envelope.add(reading)
      return end
    }
    if Bytes.isDigit(b) { return Self.lineNumber(text, at: i) }
    guard Bytes.isAlpha(b) else { return nil }
    if let (level, end) = Self.pastedLevel(text, at: i) {
      envelope.level = envelope.level ?? level
      return end
    }
    if let ident = Self.journalIdent(text, from: i, allowBareIdent: false) {
      envelope.pid = ident.pid
      if let host = ident.host { envelope.host = Bytes.slice(text, host.lowerBound, host.upperBound) }
      return ident.messageStart
    }
    if let end = Self.containerPrefix(text, at: i) { return end }
    return peelSubsystem(text, at: i, into: &envelope)
  }

  /// `[…]`: a time (which may hold spaces), a level, a known tag. An unknown word is a tag
  /// when another unknown `[word]` follows (a plugin's `[chan] [account]`), and a prefix to
  /// skip when a known tag follows; otherwise (`[default]`, `[whatsapp:default]`) it is the
  /// start of the message.
  private func peelBracket(
    _ text: UnsafeRawBufferPointer, at i: Int, into envelope: inout PeeledEnvelope
  ) -> Int? {
    if let (reading, end) = Self.readTime(text, at: i + 1), end < text.count,
      text[end] == Bytes.rbracket
    {
      envelope.add(reading)
      return end + 1
    }
    guard let word = Self.bracketContent(text, at: i) else { return nil }
    let end = i + word.count + 2
    if let (level, _) = Self.levelWord(word, at: 0, ignoringCase: true), Self.isLevelWord(word) {
      envelope.level = envelope.level ?? level
      return end
    }
    let next = Bytes.skipSpaces(text, end)
    switch bracketRole(word, before: next, in: text) {
    case .knownTag:
      envelope.tag = word
    case .unknownTag:
      // An unknown prefix (`[pod-name]`) when a known element follows; else a tag, read
      // both ways by the matcher.
      if anchor(text, after: i) != nil { return end }
      envelope.tag = word
      envelope.messageWithTag = Bytes.suffix(text, from: i)
    case .message:
      return nil
    }
    return end
  }

  /// The text of `[word]` at `i`: no spaces or brackets inside, at most 64 bytes; followed
  /// by a space, tab, `[`, `:` or the end.
  static func bracketContent(_ text: UnsafeRawBufferPointer, at i: Int) -> UnsafeRawBufferPointer? {
    guard i < text.count, text[i] == Bytes.lbracket else { return nil }
    var j = i + 1
    while j < text.count, j - i <= 64 {
      let b = text[j]
      if b == Bytes.rbracket || b == Bytes.space || b == Bytes.lbracket || b == Bytes.tab { break }
      j += 1
    }
    guard j < text.count, j > i + 1, text[j] == Bytes.rbracket else { return nil }
    let after = j + 1
    guard after == text.count || text[after] == Bytes.space || text[after] == Bytes.tab
      || text[after] == Bytes.lbracket || text[after] == Bytes.colon
    else { return nil }
    return Bytes.slice(text, i + 1, j)
  }

  /// `{"subsystem":"…"}` or `{"module":"…",…}` followed by a space: the logger's binding.
  private func peelBinding(
    _ text: UnsafeRawBufferPointer, at i: Int, into envelope: inout PeeledEnvelope
  ) -> Int? {
    let rest = Bytes.suffix(text, from: i)
    guard let end = JSONScanner.skipContainer(rest, at: 0), end < rest.count,
      rest[end] == Bytes.space || rest[end] == Bytes.tab
    else { return nil }
    let object = Bytes.slice(rest, 0, end)
    guard Self.isBindingObject(object) else { return nil }
    envelope.tag = bindingTag(object)
    envelope.tagFromLogger = true
    return i + end
  }

  /// A subsystem name followed by a space: one the rule file knows (`web-auto-reply`), or a
  /// path whose display tag it knows (`gateway/channels/whatsapp`, `channels/telegram`), or
  /// any path after the level. A channel's bare name is not taken: `WhatsApp gateway disconnected` is a message.
  private func peelSubsystem(
    _ text: UnsafeRawBufferPointer, at i: Int, into envelope: inout PeeledEnvelope
  ) -> Int? {
    var j = i
    var hasSlash = false
    while j < text.count, j - i <= 64 {
      let b = text[j]
      if b == Bytes.space || b == Bytes.tab { break }
      guard Bytes.isAlpha(b) || Bytes.isDigit(b) || b == 0x2D || b == 0x5F || b == Bytes.slash
        || b == 0x2E
      else { return nil }
      if b == Bytes.slash { hasSlash = true }
      j += 1
    }
    guard j < text.count else { return nil }
    let token = Bytes.slice(text, i, j)
    let tag: UnsafeRawBufferPointer
    if hasSlash {
      tag = DisplayTag.forSubsystem(token, channels: options.channels, drops: options.tagDrops)
      // After the level, as `openclaw logs` prints it, any path is the subsystem: a plugin
      // channel's (`gateway/channels/relay`) is one the rule file cannot know.
      guard vocabulary.meaning(of: tag) != nil || vocabulary.meaning(of: token) != nil
        || (envelope.level != nil && text[i] != Bytes.slash)
      else { return nil }
    } else {
      // A bare name only where `openclaw logs` prints one: after the level, or before the
      // binding object (`gateway closed with code …` is a message).
      let next = Bytes.skipSpaces(text, j)
      guard vocabulary.isSubsystemName(token),
        envelope.level != nil || (next < text.count && text[next] == Bytes.lbrace)
      else { return nil }
      tag = token
    }
    envelope.tag = tag
    envelope.tagFromLogger = true
    return j
  }

  /// A level word as tools print it, in upper or lower case (not `Error:` prose), followed
  /// by a space, tab, `|` or `:`.
  private static func pastedLevel(_ text: UnsafeRawBufferPointer, at i: Int) -> (LogLevel, Int)? {
    var j = i
    while j < text.count, j - i < 8, Bytes.isAlpha(text[j]) { j += 1 }
    guard j < text.count, text[j] == Bytes.space || text[j] == Bytes.tab || text[j] == Bytes.pipe
      || text[j] == Bytes.colon
    else { return nil }
    let word = Bytes.slice(text, i, j)
    guard isLevelWord(word), let (level, _) = levelWord(word, at: 0, ignoringCase: true) ?? warning(word)
    else { return nil }
    return (level, j + (text[j] == Bytes.colon ? 1 : 0))
  }

  /// Whether `word` is all upper or all lower case and names a level (`WARNING` too).
  private static func isLevelWord(_ word: UnsafeRawBufferPointer) -> Bool {
    guard word.count >= 4, word.count <= 7 else { return false }
    var upper = 0
    for b in word {
      guard Bytes.isAlpha(b) else { return false }
      if b < 0x61 { upper += 1 }
    }
    guard upper == 0 || upper == word.count else { return false }
    return levelWord(word, at: 0, ignoringCase: true) != nil || warning(word) != nil
  }

  private static func warning(_ word: UnsafeRawBufferPointer) -> (LogLevel, Int)? {
    word.count == 7 && Bytes.hasPrefixIgnoringCase(word, 0, UnsafeRawBufferPointer(start: ("warning" as StaticString).utf8Start, count: 7))
      ? (.warn, 7) : nil
  }

  /// syslog's `<14>` priority.
  private static func syslogPriority(_ text: UnsafeRawBufferPointer, at i: Int) -> Int? {
    var j = i + 1
    while j < text.count, j - i <= 4, Bytes.isDigit(text[j]) { j += 1 }
    guard j > i + 1, j < text.count, text[j] == 0x3E else { return nil }
    return j + 1
  }

  /// A line number put in front by an editor, `cat -n`, `grep -n` or `nl`: digits, then a
  /// tab or `|` (spaces around allowed), or a `:`, `.` or `)` followed by more envelope or a
  /// tag (`[`, `{`, a digit) — so `404: not found` stays a message.
  private static func lineNumber(_ text: UnsafeRawBufferPointer, at i: Int) -> Int? {
    var j = i
    while j < text.count, j - i < 9, Bytes.isDigit(text[j]) { j += 1 }
    j = Bytes.skipSpaces(text, j)
    guard j < text.count else { return nil }
    switch text[j] {
    case Bytes.tab, Bytes.pipe, Bytes.colon, 0x2E, 0x29: break
    default: return nil
    }
    let next = skipSeparators(text, j + 1)
    guard next < text.count else { return nil }
    if text[j] == Bytes.tab || text[j] == Bytes.pipe { return next }
    let b = text[next]
    guard b == Bytes.lbracket || b == Bytes.lbrace || Bytes.isDigit(b) else { return nil }
    return next
  }

  /// A container runtime's prefix: compose's `name  | ` and CRI's `stdout F ` / `stderr P `.
  private static func containerPrefix(_ text: UnsafeRawBufferPointer, at i: Int) -> Int? {
    if Bytes.hasLiteral(text, i, "stdout ") || Bytes.hasLiteral(text, i, "stderr ") {
      let flag = i + 7
      if flag + 1 < text.count, text[flag] == 0x46 || text[flag] == 0x50, text[flag + 1] == Bytes.space {
        return flag + 2
      }
    }
    var j = i
    while j < text.count, j - i < 64 {
      let b = text[j]
      guard Bytes.isAlpha(b) || Bytes.isDigit(b) || b == 0x2D || b == 0x5F || b == 0x2E else { break }
      j += 1
    }
    guard j < text.count, text[j] == Bytes.space else { return nil }
    let bar = Bytes.skipSpaces(text, j)
    guard bar + 1 < text.count, text[bar] == Bytes.pipe, text[bar + 1] == Bytes.space else { return nil }
    return bar + 2
  }

  /// Spaces, tabs, `|`, and quote, list and box markers (`>`, `-`, `*`, `•`, `│`) followed
  /// by a space, tab or the end; a `-` or `*` glued to a word is text.
  static func skipSeparators(_ text: UnsafeRawBufferPointer, _ from: Int) -> Int {
    var i = from
    while i < text.count {
      let b = text[i]
      if b == Bytes.space || b == Bytes.tab || b == Bytes.pipe || b == 0x3E {
        i += 1
        continue
      }
      var width = 0
      if b == 0x2D || b == 0x2A {
        width = 1
      } else if b == 0xE2, i + 2 < text.count,
        (text[i + 1] == 0x80 && text[i + 2] == 0xA2) || (text[i + 1] == 0x94 && text[i + 2] == 0x82)
      {
        width = 3  // • U+2022, │ U+2502
      }
      guard width > 0, i + width == text.count || text[i + width] == Bytes.space
        || text[i + width] == Bytes.tab
      else { break }
      i += width
    }
    return i
  }

  /// Where a known element starts within the next few words after `i` (a timestamp, a
  /// bracketed time or known tag, a JSON log record or binding), or nil.
  private func anchor(_ text: UnsafeRawBufferPointer, after i: Int) -> Int? {
    var p = i
    let limit = min(text.count, i + Self.anchorReach)
    var words = 0
    while p < limit, words < 6 {
      while p < limit, text[p] != Bytes.space, text[p] != Bytes.tab { p += 1 }
      p = Self.skipSeparators(text, p)
      words += 1
      guard p < text.count else { return nil }
      if isAnchor(text, at: p) { return p }
    }
    return nil
  }

  private func isAnchor(_ text: UnsafeRawBufferPointer, at p: Int) -> Bool {
    let b = text[p]
    if b == Bytes.lbracket {
      if let (_, end) = Self.readTime(text, at: p + 1), end < text.count, text[end] == Bytes.rbracket {
        return true
      }
      guard let word = Self.bracketContent(text, at: p) else { return false }
      return vocabulary.meaning(of: word) != nil
    }
    if b == Bytes.lbrace {
      return Bytes.hasLiteral(text, p, "{\"0\":") || Bytes.hasLiteral(text, p, "{\"subsystem\":")
        || Bytes.hasLiteral(text, p, "{\"module\":") || Bytes.hasLiteral(text, p, "{\"time\":")
        || Bytes.hasLiteral(text, p, "{\"type\":") || Bytes.hasLiteral(text, p, "{\"__")
    }
    guard let (reading, _) = TimeReading.read(text, at: p) else { return ChatTime.read(text, at: p) != nil }
    if case .dated = reading { return true }
    // A clock is an anchor only with seconds (`12:30` may be prose).
    if case .clock = reading { return p + 8 <= text.count && text[p + 5] == Bytes.colon }
    return true
  }
}
