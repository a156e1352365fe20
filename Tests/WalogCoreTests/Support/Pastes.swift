import Foundation

@testable import WalogCore

/// A gateway line taken apart, so that a paste can put it back together in another shape.
struct PasteSample: Sendable {
  /// The line as written (a rule sample, any format).
  var raw: String
  /// The moment it happened: UTC seconds, and the gateway host's offset.
  var epoch: Double
  var offset: Int
  /// The console's `[tag]` ("" for none) and the message as the console prints it.
  var tag: String
  var message: String
  /// The subsystem whose display tag `tag` is, when the rule file knows one.
  var subsystem: String?
  /// A structured file-log record (fields in `"1"`): it has no console form.
  var structured: Bool
  /// Whether `raw` begins with a time or a known tag (what an unknown prefix must precede).
  var startsKnown: Bool

  var console: String { tag.isEmpty ? message : "[\(tag)] \(message)" }

  /// Local date and time parts at `epoch + offset`.
  var local: (y: Int, mo: Int, d: Int, h: Int, mi: Int, s: Int, ms: Int) {
    Self.civil(epoch + Double(offset))
  }
  var utc: (y: Int, mo: Int, d: Int, h: Int, mi: Int, s: Int, ms: Int) { Self.civil(epoch) }

  static func civil(_ seconds: Double) -> (y: Int, mo: Int, d: Int, h: Int, mi: Int, s: Int, ms: Int) {
    let millis = Int((seconds * 1000).rounded())
    var days = millis / 86_400_000
    let ofDay = millis - days * 86_400_000
    // Civil from days (proleptic Gregorian), the inverse of TimeParsing.daysFromCivil.
    days += 719_468
    let era = days / 146_097
    let doe = days - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    return (y, m, d, ofDay / 3_600_000, ofDay / 60000 % 60, ofDay / 1000 % 60, ofDay % 1000)
  }
}

/// One way a user's terminal, tool or chat app wraps, trims, annotates or masks a gateway
/// line. `render` returns nil when the paste cannot apply to the sample (the rule for it is
/// in the function: a structured record has no console form, a tag order needs the tags).
struct Paste: Sendable, CustomStringConvertible {
  var name: String
  /// Whether the paste hides digits (captured figures then read as unknown).
  var masksDigits = false
  var render: @Sendable (PasteSample) -> String?

  var description: String { name }

  init(_ name: String, masksDigits: Bool = false, _ render: @escaping @Sendable (PasteSample) -> String?) {
    self.name = name
    self.masksDigits = masksDigits
    self.render = render
  }

  /// A prefix or suffix around the line as written: applies to every line.
  static func wrap(_ name: String, _ body: @escaping @Sendable (String) -> String) -> Paste {
    Paste(name) { body($0.raw) }
  }

  /// The console line rebuilt in another shape: not for structured records, which the
  /// console never prints.
  static func console(_ name: String, _ body: @escaping @Sendable (PasteSample) -> String?) -> Paste {
    Paste(name) { $0.structured || $0.message.isEmpty ? nil : body($0) }
  }

  /// A logger's own rendering (`openclaw logs`, the JSON binding): needs a known subsystem.
  static func logger(_ name: String, _ body: @escaping @Sendable (PasteSample, String) -> String) -> Paste {
    Paste(name) { s in
      guard !s.structured, !s.message.isEmpty, let sub = s.subsystem else { return nil }
      return body(s, sub)
    }
  }
}

// MARK: - Time shapes

private func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
private func three(_ n: Int) -> String { n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)" }

extension PasteSample {
  var clock: String { let t = local; return "\(two(t.h)):\(two(t.mi)):\(two(t.s))" }
  var clockWithoutSeconds: String { let t = local; return "\(two(t.h)):\(two(t.mi))" }
  var date: String { let t = local; return "\(t.y)-\(two(t.mo))-\(two(t.d))" }
  var offsetText: String {
    let sign = offset < 0 ? "-" : "+"
    return "\(sign)\(two(abs(offset) / 3600)):\(two(abs(offset) / 60 % 60))"
  }
  var millis: String { three(local.ms) }
  /// `2026-04-12T23:57:37.729+02:00`, as the gateway prints it.
  var iso: String { "\(date)T\(clock).\(millis)\(offsetText)" }
  var utcISO: String {
    let t = utc
    return "\(t.y)-\(two(t.mo))-\(two(t.d))T\(two(t.h)):\(two(t.mi)):\(two(t.s)).\(three(t.ms))Z"
  }
  var utcClock: String { let t = utc; return "\(two(t.h)):\(two(t.mi)):\(two(t.s))" }
  var syslogDate: String {
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let t = local
    return "\(months[t.mo - 1]) \(two(t.d)) \(clock)"
  }
  /// `5:20 PM` and `5:20:57 PM`, as chat apps show times.
  var twelveHour: String {
    let h = local.h
    return "\(h % 12 == 0 ? 12 : h % 12):\(two(local.mi)) \(h < 12 ? "AM" : "PM")"
  }
  var twelveHourWithSeconds: String {
    let h = local.h
    return "\(h % 12 == 0 ? 12 : h % 12):\(two(local.mi)):\(two(local.s)) \(h < 12 ? "AM" : "PM")"
  }
  /// `GMT+2`, `GMT-5`, `GMT+5:30`.
  var zoneWord: String {
    let sign = offset < 0 ? "-" : "+"
    let minutes = abs(offset) / 60 % 60
    return "GMT\(sign)\(abs(offset) / 3600)" + (minutes > 0 ? ":\(two(minutes))" : "")
  }
}

/// Numbers with their digits replaced by `X`, as users mask them before pasting; digits
/// that continue a word (`P99`, `ed4529e`, `v2026`) are part of a name and stay.
func maskDigits(_ text: String) -> String {
  var out = ""
  var inWord = false
  for c in text {
    let digit = c.isASCII && c.isNumber
    if digit, !inWord {
      out.append("X")
      continue
    }
    inWord = c.isASCII && (c.isLetter || (digit && inWord))
    out.append(c)
  }
  return out
}

/// `text` as Markdown inline code: a run of backticks longer than any inside it.
func inlineCode(_ text: String) -> String {
  var longest = 0
  var run = 0
  for c in text {
    run = c == "`" ? run + 1 : 0
    longest = max(longest, run)
  }
  let fence = String(repeating: "`", count: longest + 1)
  let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
  return fence + pad + text + pad + fence
}

/// The `[a:b] ` that opens `message`, if any.
private func channelAccount(_ message: String) -> (tag: String, rest: String)? {
  guard message.hasPrefix("["), let close = message.firstIndex(of: "]"),
    message[message.startIndex..<close].contains(":"),
    message[message.index(after: close)...].hasPrefix(" ")
  else { return nil }
  return (String(message[...close]), String(message[message.index(close, offsetBy: 2)...]))
}

/// The `[account] ` that opens `message` (no colon), if any.
private func account(_ message: String) -> (tag: String, rest: String)? {
  guard message.hasPrefix("["), let close = message.firstIndex(of: "]"),
    !message[message.startIndex..<close].contains(":"), !message[message.startIndex..<close].contains(" "),
    message[message.index(after: close)...].hasPrefix(" ")
  else { return nil }
  return (String(message[...close]), String(message[message.index(close, offsetBy: 2)...]))
}

// MARK: - The table

enum Pastes {
  /// Every paste transformation, named; each also renders a fixture of ours
  /// (Fixtures/envelopes/pasted-<name>.log).
  static let all: [Paste] = wrappers + consoleShapes + loggerShapes + tagOrders + combinations + chatTimes

  /// Around the line as written.
  static let wrappers: [Paste] = [
    .wrap("crlf") { $0 + "\r" },
    .wrap("ansi-colour") { "\u{1B}[90m" + $0 + "\u{1B}[39m" },
    .wrap("quote") { "> " + $0 },
    .wrap("nested-quote") { ">> " + $0 },
    .wrap("dash-bullet") { "- " + $0 },
    .wrap("star-bullet") { "* " + $0 },
    .wrap("dot-bullet") { "• " + $0 },
    .wrap("grep-line-number") { "4711:" + $0 },
    .wrap("cat-line-number") { "    12\t" + $0 },
    .wrap("editor-line-number") { "  12 | " + $0 },
    .wrap("note-arrow") { $0 + "  ← routine rotation" },
    .wrap("note-ascii-arrow") { $0 + "  <-- 10s later" },
    .wrap("note-right-arrow") { $0 + "   -> then silence" },
    .wrap("note-hash") { $0 + "  # silence for 7 hours" },
    .wrap("docker-compose") { "openclaw-gateway-1  | " + $0 },
    .wrap("pm2") { "0|openclaw  | " + $0 },
    .wrap("container-runtime") { "2026-04-12T21:57:37.123456789Z stdout F " + $0 },
    .wrap("journald-short") { "Apr 12 23:57:37 gw-host node[4242]: " + $0 },
    .wrap("journald-short-iso") { "2026-04-12T23:57:37+0200 gw-host node[4242]: " + $0 },
    .wrap("other-tool-clock") { "08:00:01 " + $0 },
    // Markdown: inline code (fenced by more backticks than the line holds, as Markdown
    // needs), in a list item or a quote, and a fenced block.
    .wrap("inline-code") { inlineCode($0) },
    .wrap("list-item-code") { "- " + inlineCode($0) },
    .wrap("quoted-code") { "> " + inlineCode($0) },
    .wrap("fenced-block") { "```log\n" + $0 + "\n```" },
    // A Markdown table row, and a Markdown hard line break (two trailing spaces).
    .wrap("table-row-glued") { "|" + $0 + "|" },
    .wrap("trailing-blanks") { $0 + "  " },
    Paste("emoji-marker") { $0.startsKnown ? "⚠️ " + $0.raw : nil },
    // An unknown word is skipped only in front of something known (a time, a known tag).
    Paste("unknown-word-prefix") { $0.startsKnown ? "System: " + $0.raw : nil },
    Paste("unknown-bracket-prefix") { $0.startsKnown ? "[openclaw-7f9c] " + $0.raw : nil },
  ]

  /// The console line with another time, level or separator in front.
  static let consoleShapes: [Paste] = [
    .console("clock") { "\($0.clock) \($0.console)" },
    .console("clock-without-seconds") { "\($0.clockWithoutSeconds) \($0.console)" },
    .console("clock-with-offset") { "\($0.clock)\($0.offsetText) \($0.console)" },
    .console("iso-with-zone") { "\($0.iso) \($0.console)" },
    .console("iso-space-without-zone") { "\($0.date) \($0.clock) \($0.console)" },
    .console("iso-comma-fraction") { "\($0.date) \($0.clock),\($0.millis) \($0.console)" },
    .console("iso-without-seconds") { "\($0.date) \($0.clockWithoutSeconds) \($0.console)" },
    .console("rfc3339-nanoseconds") { "\($0.utcISO.dropLast())123456Z \($0.console)" },
    .console("bracketed-iso") { "[\($0.date)T\($0.clock)] \($0.console)" },
    .console("bracketed-iso-zone-word") { "[\($0.date) \($0.clock) \($0.zoneWord)] \($0.console)" },
    .console("bracketed-clock") { "[\($0.clock)] \($0.console)" },
    .console("slash-date") { "[\($0.date.replacingOccurrences(of: "-", with: "/")) \($0.clock)] \($0.console)" },
    // Log viewers (Home Assistant's add-on log) show a 12-hour clock and the level.
    .console("clock-12-hour") { s in
      let h = s.local.h
      return "\(h % 12 == 0 ? 12 : h % 12):\(s.clock.dropFirst(3)) \(h < 12 ? "AM" : "PM") info \(s.console)"
    },
    .console("iso-zone-word") { "\($0.date) \($0.clock) \($0.zoneWord) \($0.console)" },
    .console("syslog-host-unit") { "\($0.syslogDate) gw-host openclaw-gateway[4242]: \($0.console)" },
    .console("level-upper") { "\($0.iso) INFO \($0.console)" },
    .console("level-lower-first") { "warn \($0.console)" },
    .console("level-bracketed") { "[ERROR] \($0.console)" },
    .console("level-colon") { "\($0.clock) ERROR: \($0.console)" },
    .console("pipe-separated") { "\($0.date) \($0.clock) | INFO | \($0.console)" },
    .console("dash-separated") { "\($0.date) \($0.clock) - ERROR - \($0.console)" },
    .console("tab-separated") { "\($0.iso)\t\($0.console)" },
    .console("space-run") { "\($0.clock)     \($0.console)" },
    Paste("masked-digits", masksDigits: true) { s in
      s.structured || s.message.isEmpty ? nil
        : "\(s.clock) " + (s.tag.isEmpty ? "" : "[\(s.tag)] ") + maskDigits(s.message)
    },
  ]

  /// The file log's logger names in front of the message.
  static let loggerShapes: [Paste] = [
    .logger("subsystem-json-pair") { s, sub in "{\"subsystem\":\"\(sub)\"} \(s.message)" },
    .logger("subsystem-name") { s, sub in sub.contains("/") ? "\(s.clock) \(sub) \(s.message)" : "\(s.clock) info \(sub) \(s.message)" },
    .logger("openclaw-logs-plain") { s, sub in
      "\(s.utcISO) error \(sub) {\"subsystem\":\"\(sub)\"} \(s.message)"
    },
    .logger("openclaw-logs-pretty") { s, sub in
      "\(s.utcClock)+00:00 info \(sub) {\"subsystem\":\"\(sub)\"} \(s.message)"
    },
    .logger("level-and-subsystem-upper") { s, sub in "\(s.iso) WARN \(sub) \(s.message)" },
  ]

  /// The tags in the other orders and wordings users paste.
  static let tagOrders: [Paste] = [
    // `[whatsapp] [default] auto-restart…` → `[default] auto-restart…`
    .console("account-without-channel-tag") { s in
      account(s.message) != nil && !s.tag.isEmpty ? "\(s.clock) \(s.message)" : nil
    },
    // `[health-monitor] [ch:acct] health-monitor: …` → `[ch:acct] health-monitor: …`
    .console("channel-account-without-tag") { s in
      channelAccount(s.message) != nil && !s.tag.isEmpty ? "\(s.clock) \(s.message)" : nil
    },
    // … → `[health-monitor] [ch:acct] restarting …`
    .console("without-repeated-word") { s in
      guard !s.tag.isEmpty, let (pair, rest) = channelAccount(s.message), rest.hasPrefix(s.tag + ": ") else {
        return nil
      }
      return "\(s.clock) [\(s.tag)] \(pair) \(rest.dropFirst(s.tag.count + 2))"
    },
    // … → `[health-monitor] restarting …` (the channel from the latest line of the kind)
    .console("without-channel-account") { s in
      guard !s.tag.isEmpty, let (_, rest) = channelAccount(s.message), rest.hasPrefix(s.tag + ": ") else {
        return nil
      }
      return "\(s.clock) [\(s.tag)] \(rest.dropFirst(s.tag.count + 2))"
    },
    // `[telegram][diag] …` as well as `[telegram] [diag] …`
    .console("glued-tags") { s in
      guard !s.tag.isEmpty, let (pair, rest) = account(s.message) else { return nil }
      return "[\(s.tag)]\(pair) \(rest)"
    },
  ]

  /// Several wrappings at once, in the orders real pastes show.
  static let combinations: [Paste] = [
    .console("quote-bracketed-time-level") { "> [\($0.date) \($0.clock)] [INFO] \($0.console)" },
    .console("numbered-docker-compact") { "  12 | openclaw-gateway-1  | \($0.iso) \($0.console)  # then quiet" },
    .console("bullet-journald-ansi") {
      "- \($0.syslogDate) gw-host node[4242]: \u{1B}[31m\($0.iso) \($0.console)\u{1B}[39m\r"
    },
    .console("chat-system-zone-word") { "System: [\($0.date) \($0.clock) \($0.zoneWord)] \($0.console)" },
    .console("table-row") { "| \($0.date) \($0.clock) | \($0.console) |" },
  ]

  /// The times chat apps put in front of a copied message.
  static let chatTimes: [Paste] = [
    // Copied the next morning: the evening's lines say `Yesterday`.
    .console("chat-today-at") { "Bob — \($0.local.h >= 12 ? "Yesterday" : "Today") at \($0.twelveHour) \($0.console)" },
    .console("chat-bracketed-12-hour") { "[\($0.twelveHour)] \($0.console)" },
    // The sender's name, an unknown word, is skipped only in front of a known tag.
    .console("whatsapp-export-us") { s in
      let t = s.local
      return "[\(t.mo)/\(t.d)/\(t.y % 100), \(s.twelveHourWithSeconds)] \(s.subsystem == nil ? "" : "Bob: ")\(s.console)"
    },
    .console("dotted-date") { s in
      let t = s.local
      return "\(two(t.d)).\(two(t.mo)).\(t.y) \(s.clock) \(s.console)"
    },
    .console("whatsapp-export-day-first") { s in
      let t = s.local
      return "\(two(t.d)).\(two(t.mo)).\(t.y % 100), \(s.clockWithoutSeconds) - \(s.console)"
    },
  ]
}
