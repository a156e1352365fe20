@testable import WalogCore

/// Every way a log of the incident reaches a user: the gateway's console styles, its file
/// log, `openclaw logs`, journald's output modes and docker compose. Each renderer writes what
/// that sink would, byte for byte as far as the formats are known (research §5).
enum Rendering: String, CaseIterable, Sendable {
  case pretty
  case prettyOffset = "pretty-offset"
  case compact
  case consoleJSON = "console-json"
  case fileLog = "file-log"
  case logsPlain = "logs-plain"
  case logsPretty = "logs-pretty"
  case logsJSON = "logs-json"
  case journaldShort = "journald-short"
  case journaldShortISO = "journald-short-iso"
  case journaldShortPrecise = "journald-short-precise"
  case journaldJSON = "journald-json"
  case docker
  case bare

  /// The outer and inner `LineFormat` the parser should report for the gateway's lines.
  var formats: (outer: LineFormat, inner: LineFormat) {
    switch self {
    case .pretty, .prettyOffset: (.consolePretty, .consolePretty)
    case .compact: (.consoleCompact, .consoleCompact)
    case .consoleJSON: (.consoleJSON, .consoleJSON)
    case .fileLog: (.fileLogJSON, .fileLogJSON)
    case .logsPlain: (.logsPlain, .logsPlain)
    case .logsPretty: (.logsPretty, .logsPretty)
    case .logsJSON: (.logsJSON, .fileLogJSON)
    case .journaldShort: (.journaldShort, .consoleCompact)
    case .journaldShortISO: (.journaldShortISO, .consoleCompact)
    case .journaldShortPrecise: (.journaldShortPrecise, .consoleCompact)
    case .journaldJSON: (.journaldJSON, .consoleCompact)
    case .docker: (.docker, .consoleCompact)
    case .bare: (.bare, .bare)
    }
  }

  /// Whether the rendering is read from the file log, and so holds the file-only records.
  var fromFileLog: Bool {
    switch self {
    case .fileLog, .logsPlain, .logsPretty, .logsJSON: true
    default: false
    }
  }

  /// Whether lines carry a level.
  var hasLevel: Bool { fromFileLog || self == .consoleJSON }

  /// The entries this rendering shows.
  var entries: [IncidentEntry] {
    IncidentScript.entries.filter { fromFileLog || $0.onConsole }
  }

  /// The file's full text.
  func render() -> String {
    var lines: [String] = []
    let r = IncidentRenderer.self
    switch self {
    case .logsPlain, .logsPretty:
      lines.append("Log file: /tmp/openclaw/openclaw-2026-04-12.log")
    case .logsJSON:
      lines.append(#"{"type":"meta","file":"/tmp/openclaw/openclaw-2026-04-12.log","cursor":0,"size":48213}"#)
    case .journaldShort, .journaldShortISO, .journaldShortPrecise, .journaldJSON:
      lines.append(r.systemdStarted(self))
    default:
      break
    }
    var previousLocalDay: Int? = nil
    for entry in entries {
      let day = Int(((IncidentScript.epoch(entry) + Double(IncidentScript.localOffset)) / 86400)
        .rounded(.down))
      if self == .logsJSON, let previous = previousLocalDay, previous != day {
        // The daily file rolled over at local midnight; `openclaw logs` says so.
        lines.append(#"{"type":"notice","message":"Log cursor reset (file rotated)."}"#)
      }
      previousLocalDay = day
      lines.append(r.line(entry, self))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

enum IncidentRenderer {
  static let pid = 4242
  static let host = "gw-host"
  /// Microseconds journald adds between the gateway's write and its own receive time.
  static let journalLagMicros = 347

  static func line(_ e: IncidentEntry, _ rendering: Rendering) -> String {
    let t = IncidentScript.epoch(e)
    let local = IncidentScript.localOffset
    switch rendering {
    case .pretty: return "\(clock(t, offset: local)) \(console(e))"
    case .prettyOffset:
      return "\(clock(t, offset: local))\(offsetText(local, colon: true)) \(console(e))"
    case .compact: return compact(e)
    case .consoleJSON:
      return #"{"time":"\#(iso(t, offset: local))","level":"\#(e.level.rawValue)","subsystem":"\#(e.subsystem)","message":\#(jsonString(e.message))}"#
    case .fileLog: return fileLog(e)
    case .logsPlain:
      return "\(iso(t, offset: 0)) \(e.level.rawValue) \(e.subsystem) \(logsJoined(e))"
    case .logsPretty:
      return
        "\(clock(t, offset: 0))+00:00 \(e.level.rawValue) \(e.subsystem) \(logsJoined(e))"
    case .logsJSON:
      let key = e.isModuleRecord ? "module" : "subsystem"
      return #"{"type":"log","time":"\#(iso(t, offset: local))","level":"\#(e.level.rawValue)","\#(key)":"\#(e.subsystem)","message":\#(jsonString(logsJoined(e))),"raw":\#(jsonString(fileLog(e)))}"#
    case .journaldShort, .journaldShortISO, .journaldShortPrecise:
      return "\(journalPrefix(t, rendering)) \(host) node[\(pid)]: \(compact(e))"
    case .journaldJSON:
      return journalJSON(e)
    case .docker:
      return "openclaw-gateway  | \(iso(t, offset: 0)) \(console(e))"
    case .bare:
      return console(e)
    }
  }

  /// `[tag] message` as the console prints it.
  static func console(_ e: IncidentEntry) -> String { "[\(e.displayTag)] \(e.consoleMessage)" }

  static func compact(_ e: IncidentEntry) -> String {
    "\(iso(IncidentScript.epoch(e), offset: IncidentScript.localOffset)) \(console(e))"
  }

  /// The binding the record's logger was made with.
  static func binding(_ e: IncidentEntry) -> String {
    if let runId = e.runId { return #"{"module":"\#(e.subsystem)","runId":"\#(runId)"}"# }
    return #"{"subsystem":"\#(e.subsystem)"}"#
  }

  /// `openclaw logs` joins all positional values: binding, fields object, message.
  static func logsJoined(_ e: IncidentEntry) -> String {
    [binding(e), e.fields, e.message].compactMap { $0 }.joined(separator: " ")
  }

  /// One tslog record: `"0"` binding, `"1"` fields or message, `"2"` message, `_meta`, `time`.
  static func fileLog(_ e: IncidentEntry) -> String {
    let t = IncidentScript.epoch(e)
    let b = jsonString(binding(e))
    var positional = #""0":\#(b)"#
    if let fields = e.fields {
      positional += #","1":\#(fields),"2":\#(jsonString(e.message))"#
    } else {
      positional += #","1":\#(jsonString(e.message))"#
    }
    let levelId = [LogLevel.trace: 1, .debug: 2, .info: 3, .warn: 4, .error: 5, .fatal: 6][e.level]!
    let path: String
    if e.isModuleRecord {
      let file = "/usr/lib/node_modules/openclaw/dist/monitor-Bq2k9LxT.js"
      path = #"{"fullFilePath":"file://\#(file):412:22","fileName":"monitor-Bq2k9LxT.js","fileNameWithLine":"monitor-Bq2k9LxT.js:412","fileColumn":"22","fileLine":"412","filePath":"\#(file)","filePathWithLine":"\#(file):412"}"#
    } else {
      let file = "/usr/lib/node_modules/openclaw/dist/subsystem-CwX3fT9a.js"
      path = #"{"fullFilePath":"file://\#(file):1027:14","fileName":"subsystem-CwX3fT9a.js","fileNameWithLine":"subsystem-CwX3fT9a.js:1027","fileColumn":"14","fileLine":"1027","filePath":"\#(file)","filePathWithLine":"\#(file):1027","method":"logToFile"}"#
    }
    let meta = #"{"runtime":"node","runtimeVersion":"22.22.0","hostname":"unknown","name":\#(b),"parentNames":["openclaw"],"date":"\#(iso(t, offset: 0))","logLevelId":\#(levelId),"logLevelName":"\#(e.level.rawValue.uppercased())","path":\#(path)}"#
    return #"{\#(positional),"_meta":\#(meta),"time":"\#(iso(t, offset: IncidentScript.localOffset))"}"#
  }

  static func journalPrefix(_ t: Double, _ rendering: Rendering) -> String {
    let received = t + Double(journalLagMicros) / 1_000_000
    let local = IncidentScript.localOffset
    switch rendering {
    case .journaldShortISO:
      return isoSeconds(received, offset: local) + offsetText(local, colon: false)
    case .journaldShortPrecise:
      let micros = Int((received * 1_000_000).rounded()) % 1_000_000
      return "\(monthDay(received, offset: local)) \(clock(received, offset: local)).\(pad(micros, 6))"
    default:
      return "\(monthDay(received, offset: local)) \(clock(received, offset: local))"
    }
  }

  /// The unit's start, logged by systemd itself a moment before the gateway's first line.
  static func systemdStarted(_ rendering: Rendering) -> String {
    let t = IncidentScript.startEpoch - 1.2
    let text = "Started openclaw-gateway.service - OpenClaw Gateway (v2026.2.23)."
    if rendering == .journaldJSON {
      return journalJSONObject(
        t: t, pid: 1201, identifier: "systemd", comm: "systemd", transport: "journal",
        message: jsonString(text))
    }
    return "\(journalPrefix(t, rendering)) \(host) systemd[1201]: \(text)"
  }

  /// `journalctl -o json`. journald stores a MESSAGE holding control characters (here the
  /// ANSI colour of the one coloured line) as an array of byte values.
  static func journalJSON(_ e: IncidentEntry) -> String {
    let colored = e.message.hasPrefix("WhatsApp Web reconnect: max attempts")
    let message: String
    if colored {
      let t = IncidentScript.epoch(e)
      let text =
        "\u{1b}[90m\(iso(t, offset: IncidentScript.localOffset))\u{1b}[39m \u{1b}[32m[\(e.displayTag)]\u{1b}[39m \u{1b}[31m\(e.consoleMessage)\u{1b}[39m"
      message = "[" + text.utf8.map { String($0) }.joined(separator: ",") + "]"
    } else {
      message = jsonString(compact(e))
    }
    return journalJSONObject(
      t: IncidentScript.epoch(e), pid: pid, identifier: "node", comm: "node",
      transport: "stdout", message: message)
  }

  static func journalJSONObject(
    t: Double, pid: Int, identifier: String, comm: String, transport: String, message: String
  ) -> String {
    let realtime = Int((t * 1_000_000).rounded()) + journalLagMicros
    let monotonic = realtime - 1_776_000_000_000_000 + 912_004_117
    return #"{"__CURSOR":"s=3f1c9a7e52b84d0b9c1e6f20a4d7b3c5;i=\#(String(realtime % 1_000_000, radix: 16));b=8e2d4c6a1f3b4e5d9a7c0b1e2f3a4b5c;m=\#(String(monotonic, radix: 16));t=\#(String(realtime, radix: 16))","__REALTIME_TIMESTAMP":"\#(realtime)","__MONOTONIC_TIMESTAMP":"\#(monotonic)","_BOOT_ID":"8e2d4c6a1f3b4e5d9a7c0b1e2f3a4b5c","PRIORITY":"6","SYSLOG_FACILITY":"3","_UID":"1000","_GID":"1000","_HOSTNAME":"\#(host)","_TRANSPORT":"\#(transport)","SYSLOG_IDENTIFIER":"\#(identifier)","_COMM":"\#(comm)","_PID":"\#(pid)","_SYSTEMD_USER_UNIT":"openclaw-gateway.service","MESSAGE":\#(message)}"#
  }

  // MARK: - Time text

  /// `YYYY-MM-DDTHH:MM:SS.mmm` + `Z` (offset 0 with `z`) or `±HH:MM`.
  static func iso(_ t: Double, offset: Int) -> String {
    let ms = Int((t * 1000).rounded()) % 1000
    let zone = offset == 0 ? "Z" : offsetText(offset, colon: true)
    return "\(isoSeconds(t, offset: offset)).\(pad(ms, 3))\(zone)"
  }

  static func isoSeconds(_ t: Double, offset: Int) -> String {
    let (y, m, d, sod) = civil(t, offset: offset)
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(hms(sod))"
  }

  static func clock(_ t: Double, offset: Int) -> String { hms(civil(t, offset: offset).3) }

  static func monthDay(_ t: Double, offset: Int) -> String {
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let (_, m, d, _) = civil(t, offset: offset)
    return "\(months[m - 1]) \(pad(d, 2))"
  }

  static func offsetText(_ offset: Int, colon: Bool) -> String {
    let sign = offset < 0 ? "-" : "+"
    let a = abs(offset)
    return "\(sign)\(pad(a / 3600, 2))\(colon ? ":" : "")\(pad(a % 3600 / 60, 2))"
  }

  /// Civil date and whole second of day of `t` at `offset`, by arithmetic.
  static func civil(_ t: Double, offset: Int) -> (Int, Int, Int, Int) {
    let secs = Int((t * 1000).rounded()) / 1000 + offset
    let days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400
    let sod = secs - days * 86400
    // Inverse of days-from-civil (eras of 400 years, years starting in March).
    let z = days + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d, sod)
  }

  static func hms(_ sod: Int) -> String {
    "\(pad(sod / 3600, 2)):\(pad(sod % 3600 / 60, 2)):\(pad(sod % 60, 2))"
  }

  static func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return String(repeating: "0", count: max(0, width - s.count)) + s
  }

  /// `JSON.stringify` of a string: quotes, backslashes and control characters escaped,
  /// everything else (including `…`) kept as is.
  static func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case let c where c.value < 0x20:
        let hex = String(c.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
