/// The physical line formats walog recognises (docs/formats.md describes each).
public enum LineFormat: String, Sendable, CaseIterable, Comparable {
  case consolePretty = "console-pretty"
  case consoleCompact = "console-compact"
  case consoleJSON = "console-json"
  case fileLogJSON = "file-log-json"
  case logsPlain = "openclaw-logs-plain"
  case logsPretty = "openclaw-logs-pretty"
  case logsJSON = "openclaw-logs-json"
  case journaldShort = "journald-short"
  case journaldShortISO = "journald-short-iso"
  case journaldShortPrecise = "journald-short-precise"
  case journaldJSON = "journald-json"
  case docker = "docker-compose"
  case pasted = "pasted"
  case bare = "bare"

  public static func < (lhs: LineFormat, rhs: LineFormat) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Log levels as the gateway names them; the console prints none (only colour and stream).
public enum LogLevel: String, Sendable, Comparable {
  case trace, debug, info, warn, error, fatal

  var rank: Int {
    switch self {
    case .trace: 0
    case .debug: 1
    case .info: 2
    case .warn: 3
    case .error: 4
    case .fatal: 5
    }
  }
  public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }
}

/// What the rule file made of a line's tag when the envelope stage looked it up.
enum TagLookup {
  case unknown
  case known(TagVocabulary.Meaning)
}

/// One line split into its envelope (time, origin, subsystem) and the normalised message.
///
/// Byte views point into the line or into the parser's scratch buffer and are valid only
/// until the parser's next call: copy what must outlive it.
public struct ParsedLine {
  /// The outermost format that carried the gateway's line, e.g. `.journaldShortISO`
  /// for a journald prefix around a compact console line.
  public var format: LineFormat
  /// The format of the gateway's own line inside any prefixes (`.consoleCompact` in the
  /// example above); equal to `format` when there is no prefix.
  public var innerFormat: LineFormat
  /// The gateway's own time when present, else the prefix's (journald, docker), else nil.
  public var time: LogTime?
  /// The process id from a journald prefix; two gateway processes are two streams.
  public var pid: Int?
  /// The machine the line names (journald's host field or `_HOSTNAME`, a syslog host, a
  /// `docker compose` service, a file-log record's `_meta.hostname`), or empty: streams of
  /// two hosts are kept apart.
  public var host: UnsafeRawBufferPointer = Bytes.empty
  /// The display subsystem as the console shows it (`whatsapp`, `health-monitor`,
  /// `telegram`), or empty when the line has none.
  public var tag: UnsafeRawBufferPointer
  /// The level, when the format carries one (file log, `openclaw logs`, console json).
  public var level: LogLevel?
  /// The message normalised as the console prints it: tag removed, ANSI colour removed,
  /// JSON unescaped, and a leading `<tag> `/`<tag>:` word (e.g. `WhatsApp `) removed.
  public var message: UnsafeRawBufferPointer
  /// For structured file-log records (`"1"` is an object): that JSON object's text.
  public var structuredFields: UnsafeRawBufferPointer?
  /// Whether the envelope is one of OpenClaw's (a known format with a tag, tslog keys…),
  /// as opposed to an arbitrary line read as `.bare`.
  public var isOpenClaw: Bool
  /// The channel id the line names by a tag the rule file knows (`[whatsapp]`,
  /// `[telegram:default]`, subsystem `gateway/channels/slack`, `web-auto-reply`), else nil.
  public var channel: String?
  /// The account named by a `[channel:account]` tag at the start of the message, else empty.
  public var account: UnsafeRawBufferPointer = Bytes.empty
  /// When `tag` is a word the rule file does not know, the message read with that `[word]`
  /// as its start instead: it may be an account (`[default] auto-restart…`) rather than a
  /// plugin's tag. The matcher tries this reading when the first finds no event.
  public var messageWithTag: UnsafeRawBufferPointer?
  /// Whether the rule file knows `tag` (as a channel's or another subsystem's).
  public var tagIsKnown = false
  /// A note the user wrote after the message (`← fires again`, `<-- ~10s later`), from its
  /// mark on; it is no part of `message`.
  public var note: UnsafeRawBufferPointer?
  /// The rule file's lookup of `tag` when the layout that read it already made one; nil
  /// when not looked up yet.
  var tagLookup: TagLookup?

  public init(
    format: LineFormat, innerFormat: LineFormat, time: LogTime?, pid: Int?,
    tag: UnsafeRawBufferPointer, level: LogLevel?, message: UnsafeRawBufferPointer,
    structuredFields: UnsafeRawBufferPointer?, isOpenClaw: Bool
  ) {
    self.format = format
    self.innerFormat = innerFormat
    self.time = time
    self.pid = pid
    self.tag = tag
    self.level = level
    self.message = message
    self.structuredFields = structuredFields
    self.isOpenClaw = isOpenClaw
  }
}
