/// Lines that are one JSON object: the tslog file log, console `json` style,
/// `openclaw logs --json` and `journalctl -o json`.
extension EnvelopeParser {
  /// The members walk collects what any of the JSON formats needs in one pass.
  struct JSONMembers {
    var zero: JSONScanner.Value?
    var one: JSONScanner.Value?
    var lastString: JSONScanner.Value?
    var lastStringIndex = -1
    var meta: JSONScanner.Value?
    var time: JSONScanner.Value?
    var type: JSONScanner.Value?
    var raw: JSONScanner.Value?
    var level: JSONScanner.Value?
    var subsystem: JSONScanner.Value?
    var module: JSONScanner.Value?
    var message: JSONScanner.Value?
    var journalMessage: JSONScanner.Value?
    var realtime: JSONScanner.Value?
    var pid: JSONScanner.Value?
    var syslogPID: JSONScanner.Value?
    var hostname: JSONScanner.Value?
  }

  /// Parses `text` (starting with `{`) as one of the JSON formats, or nil when it is not a
  /// complete object or none of ours. `allowJournal` is false inside a journald MESSAGE.
  mutating func parseJSONLine(_ text: UnsafeRawBufferPointer, allowJournal: Bool) -> ParsedLine? {
    var m = JSONMembers()
    let end = JSONScanner.members(text, at: 0) { key, value in
      Self.collect(key: key, value: value, into: &m)
      return true
    }
    guard end != nil else { return nil }
    if allowJournal, m.journalMessage != nil || m.realtime != nil {
      return journalJSON(text, m)
    }
    if m.type != nil { return logsJSON(text, m) }
    if m.zero != nil || m.meta != nil { return fileLog(text, m) }
    if m.time != nil, m.message != nil || m.subsystem != nil { return consoleJSON(text, m) }
    return nil
  }

  private static func collect(
    key: UnsafeRawBufferPointer, value: JSONScanner.Value, into m: inout JSONMembers
  ) {
    guard key.count > 0 else { return }
    if Bytes.isDigit(key[0]), key.count <= 4, let index = Bytes.digits(key, 0, key.count) {
      if index == 0 { m.zero = value }
      if index == 1 { m.one = value }
      if value.kind == .string, index > m.lastStringIndex {
        m.lastString = value
        m.lastStringIndex = index
      }
      return
    }
    switch key.count {
    case 3 where Bytes.equals(key, "raw"): m.raw = value
    case 4 where Bytes.equals(key, "time"): m.time = value
    case 4 where Bytes.equals(key, "type"): m.type = value
    case 4 where Bytes.equals(key, "_PID"): m.pid = value
    case 5 where Bytes.equals(key, "_meta"): m.meta = value
    case 5 where Bytes.equals(key, "level"): m.level = value
    case 6 where Bytes.equals(key, "module"): m.module = value
    case 7 where Bytes.equals(key, "message"): m.message = value
    case 7 where Bytes.equals(key, "MESSAGE"): m.journalMessage = value
    case 9 where Bytes.equals(key, "subsystem"): m.subsystem = value
    case 9 where Bytes.equals(key, "_HOSTNAME"): m.hostname = value
    case 10 where Bytes.equals(key, "SYSLOG_PID"): m.syslogPID = value
    case 20 where Bytes.equals(key, "__REALTIME_TIMESTAMP"): m.realtime = value
    default: break
    }
  }

  // MARK: - tslog file log

  /// `{"0":"{\"subsystem\":…}","1":…,"_meta":{…},"time":"…"}`.
  private mutating func fileLog(_ text: UnsafeRawBufferPointer, _ m: JSONMembers) -> ParsedLine {
    var tag = Bytes.empty
    var zeroIsBinding = false
    if let zero = m.zero, zero.kind == .string {
      let binding = JSONScanner.string(text, zero, arena: arena)
      if binding.count > 1, binding[0] == Bytes.lbrace {
        zeroIsBinding = true
        tag = bindingTag(binding)
      }
    }
    var message = Bytes.empty
    if let last = m.lastString, !(m.lastStringIndex == 0 && zeroIsBinding) {
      message = decodeMessage(text, last)
    }
    var structured: UnsafeRawBufferPointer? = nil
    if let one = m.one, one.kind == .object { structured = Bytes.slice(text, one.start, one.end) }

    var level: LogLevel? = nil
    var metaDate: JSONScanner.Value? = nil
    var host = Bytes.empty
    if let meta = m.meta, meta.kind == .object {
      JSONScanner.members(text, at: meta.start) { key, value in
        guard value.kind == .string else { return true }
        if Bytes.equals(key, "logLevelName") {
          level = Self.levelWord(Bytes.slice(text, value.start, value.end), at: 0, ignoringCase: true)?.0
        } else if Bytes.equals(key, "date") {
          metaDate = value
        } else if Bytes.equals(key, "hostname") {
          host = Self.hostName(text, value)
        }
        return true
      }
    }
    let time = isoTime(text, m.time) ?? isoTime(text, metaDate)
    var line = ParsedLine(
      format: .fileLogJSON, innerFormat: .fileLogJSON, time: time, pid: nil, tag: tag,
      level: level, message: DisplayTag.stripTagPrefix(message, tag: tag),
      structuredFields: structured, isOpenClaw: true)
    line.host = host
    return line
  }

  /// A `hostname` value, empty for the `unknown` that the gateway's logger writes where the
  /// runtime does not tell it the machine's name (escapes left as they are: a host name has
  /// none).
  static func hostName(_ text: UnsafeRawBufferPointer, _ value: JSONScanner.Value) -> UnsafeRawBufferPointer {
    let name = Bytes.slice(text, value.start, value.end)
    return Bytes.equals(name, "unknown") ? Bytes.empty : name
  }

  /// The display tag from a binding object `{"subsystem":"…"}` / `{"module":"…",…}`.
  func bindingTag(_ binding: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var tag = Bytes.empty
    JSONScanner.members(binding, at: 0) { key, value in
      guard value.kind == .string else { return true }
      if Bytes.equals(key, "subsystem") {
        tag = DisplayTag.forSubsystem(
          JSONScanner.string(binding, value, arena: arena), channels: options.channels, drops: options.tagDrops)
        return false
      }
      if Bytes.equals(key, "module") {
        tag = JSONScanner.string(binding, value, arena: arena)
        return false
      }
      return true
    }
    return tag
  }

  // MARK: - console json style

  /// `{"time":"…","level":"error","subsystem":"gateway/channels/whatsapp","message":"…",…}`.
  private mutating func consoleJSON(_ text: UnsafeRawBufferPointer, _ m: JSONMembers) -> ParsedLine {
    let tag = subsystemTag(text, m)
    let message = m.message.map { decodeMessage(text, $0) } ?? Bytes.empty
    return ParsedLine(
      format: .consoleJSON, innerFormat: .consoleJSON, time: isoTime(text, m.time), pid: nil,
      tag: tag, level: levelValue(text, m.level),
      message: DisplayTag.stripTagPrefix(message, tag: tag), structuredFields: nil,
      isOpenClaw: true)
  }

  // MARK: - openclaw logs --json

  /// `{"type":"log",…,"raw":"<file-log line>"}`, `{"type":"raw","raw":…}`,
  /// `{"type":"meta",…}`, `{"type":"notice",…}`.
  private mutating func logsJSON(_ text: UnsafeRawBufferPointer, _ m: JSONMembers) -> ParsedLine {
    let type = m.type.map { Bytes.slice(text, $0.start, $0.end) } ?? Bytes.empty
    let isLog = Bytes.equals(type, "log")
    if isLog || Bytes.equals(type, "raw"), let raw = m.raw, raw.kind == .string {
      let original = Bytes.trimTrailingNewlines(JSONScanner.string(text, raw, arena: arena))
      var inner: ParsedLine
      if original.count > 0, original[0] == Bytes.lbrace,
        let parsed = parseJSONLine(original, allowJournal: false)
      {
        inner = parsed
      } else if isLog {
        inner = logsJSONFields(text, m)
      } else {
        inner = parseGatewayLine(ANSI.strip(original, arena: arena))
      }
      inner.format = .logsJSON
      return inner
    }
    if isLog { return logsJSONFields(text, m) }
    // meta / notice: part of the rendering, no event.
    return ParsedLine(
      format: .logsJSON, innerFormat: .logsJSON, time: nil, pid: nil, tag: Bytes.empty,
      level: nil, message: Bytes.empty, structuredFields: nil, isOpenClaw: true)
  }

  /// A `type: log` record read from its own fields (no usable `raw`).
  private mutating func logsJSONFields(
    _ text: UnsafeRawBufferPointer, _ m: JSONMembers
  ) -> ParsedLine {
    var tag = subsystemTag(text, m)
    if tag.count == 0, let module = m.module, module.kind == .string {
      tag = JSONScanner.string(text, module, arena: arena)
    }
    let joined = m.message.map { decodeMessage(text, $0) } ?? Bytes.empty
    let split = Self.splitLogsMessage(joined)
    return ParsedLine(
      format: .logsJSON, innerFormat: .logsJSON, time: isoTime(text, m.time), pid: nil,
      tag: tag, level: levelValue(text, m.level),
      message: DisplayTag.stripTagPrefix(split.message, tag: tag),
      structuredFields: split.fields, isOpenClaw: true)
  }

  // MARK: - journalctl -o json

  /// One journal entry: the console line is `MESSAGE` (a string, or an array of byte values
  /// when it holds control characters or invalid UTF-8).
  private mutating func journalJSON(_ text: UnsafeRawBufferPointer, _ m: JSONMembers) -> ParsedLine {
    var message = Bytes.empty
    if let v = m.journalMessage {
      if v.kind == .string {
        message = JSONScanner.string(text, v, arena: arena)
      } else if let bytes = JSONScanner.byteArray(text, v, arena: arena) {
        message = bytes
      }
    }
    message = ANSI.strip(Bytes.trimTrailingNewlines(message), arena: arena)
    var inner = parseGatewayLine(message)
    inner.format = .journaldJSON
    // `_PID` is the journal's own record of the sender; `SYSLOG_PID` what the sender said.
    if let pid = m.pid ?? m.syslogPID { inner.pid = Self.integer(text, pid) }
    if let host = m.hostname, host.kind == .string { inner.host = Self.hostName(text, host) }
    var outer: LogTime? = nil
    if let rt = m.realtime, let micros = Self.integer(text, rt) {
      outer = times.absolute(Double(micros) / 1_000_000)
    }
    inner.time = Self.preferGatewayTime(outer: outer, inner: inner.time)
    return inner
  }

  // MARK: - Values

  /// A message value: unescaped, ANSI removed, trailing newlines dropped.
  private func decodeMessage(
    _ text: UnsafeRawBufferPointer, _ v: JSONScanner.Value
  ) -> UnsafeRawBufferPointer {
    guard v.kind == .string else { return Bytes.slice(text, v.start, v.end) }
    let decoded = JSONScanner.string(text, v, arena: arena)
    return Bytes.trimTrailingNewlines(ANSI.strip(decoded, arena: arena))
  }

  private func subsystemTag(
    _ text: UnsafeRawBufferPointer, _ m: JSONMembers
  ) -> UnsafeRawBufferPointer {
    guard let sub = m.subsystem, sub.kind == .string else { return Bytes.empty }
    return DisplayTag.forSubsystem(
      JSONScanner.string(text, sub, arena: arena), channels: options.channels, drops: options.tagDrops)
  }

  private func levelValue(_ text: UnsafeRawBufferPointer, _ v: JSONScanner.Value?) -> LogLevel? {
    guard let v, v.kind == .string else { return nil }
    return Self.levelWord(Bytes.slice(text, v.start, v.end), at: 0, ignoringCase: true)?.0
  }

  private mutating func isoTime(
    _ text: UnsafeRawBufferPointer, _ v: JSONScanner.Value?
  ) -> LogTime? {
    guard let v, v.kind == .string,
      let stamp = TimeParsing.iso(Bytes.slice(text, v.start, v.end), at: 0)
    else { return nil }
    return times.full(stamp)
  }

  /// A JSON integer, bare or quoted (journald quotes all its numbers).
  static func integer(_ text: UnsafeRawBufferPointer, _ v: JSONScanner.Value) -> Int? {
    guard v.kind == .string || v.kind == .number, v.end > v.start, v.end - v.start <= 18
    else { return nil }
    return Bytes.digits(text, v.start, v.end - v.start)
  }
}
