@testable import WalogCore

/// One line the gateway logs during the scripted incident, as its file log records it.
struct IncidentEntry: Sendable {
  /// Milliseconds after the incident's start.
  var offsetMs: Int
  /// The logger: a subsystem (`gateway/channels/whatsapp`) or, when `runId` is set, a
  /// module logger name (`web-reconnect`), which writes to the file log only.
  var subsystem: String
  var runId: String?
  var level: LogLevel
  /// The message as the file log writes it (with a leading `WhatsApp `).
  var message: String
  /// The structured record's fields (JSON object text), for `"1"` objects.
  var fields: String?

  var isModuleRecord: Bool { runId != nil }
  /// Module loggers are file-only; everything else is printed on the console too.
  var onConsole: Bool { !isModuleRecord }

  /// The `[tag]` the console prints for this logger (written independently of walog's code).
  var displayTag: String {
    if isModuleRecord { return subsystem }
    var parts = subsystem.split(separator: "/").map(String.init)
    while let first = parts.first, ["gateway", "channels", "providers"].contains(first) {
      parts.removeFirst()
    }
    if parts.isEmpty { return subsystem }
    if ["whatsapp", "telegram", "discord", "slack"].contains(parts[0]) { return parts[0] }
    return parts.suffix(2).joined(separator: "/")
  }

  /// The message as the console prints it: a leading `<tag> ` removed.
  var consoleMessage: String {
    let tag = displayTag
    guard !isModuleRecord, message.lowercased().hasPrefix(tag.lowercased() + " ") else {
      return message
    }
    return String(message.dropFirst(tag.count + 1))
  }
}

/// A WhatsApp 440 (session conflict) loop in the wording of OpenClaw ≤ v2026.2.23, when 440
/// was still retried: 11 retries with the real backoff, give-up at 12/12, a supervisor
/// auto-restart, three more closes, a health-monitor restart and a final start. It begins at
/// 23:57:30 local time (+02:00) so the console clock crosses midnight.
enum IncidentScript {
  /// 2026-04-12T23:57:30.000+02:00 = 2026-04-12T21:57:30Z.
  static let startEpoch: Double =
    Double(TimeParsing.daysFromCivil(year: 2026, month: 4, day: 12)) * 86400 + 21 * 3600 + 57 * 60
    + 30
  /// The gateway host's zone offset (seconds east of UTC).
  static let localOffset = 7200
  static let channel = "gateway/channels/whatsapp"
  static let health = "gateway/health-monitor"
  static let conflictError = "status=440 Unknown Stream Errored (conflict)"
  /// Backoff delays of attempts 1…11: 2 s × 1.8^(k-1) plus jitter ≤ 25 %, at most 30 s.
  static let delaysMs = [2270, 4460, 7010, 12560, 23140, 30000, 30000, 30000, 30000, 30000, 30000]

  static let entries: [IncidentEntry] = build()

  static func epoch(_ entry: IncidentEntry) -> Double {
    startEpoch + Double(entry.offsetMs) / 1000
  }

  /// `formatDurationPrecise`: seconds with at most two decimals, trailing zeros trimmed.
  static func duration(_ ms: Int) -> String {
    if ms < 1000 { return "\(ms)ms" }
    var text = String(ms / 1000)
    let hundredths = (ms % 1000 + 5) / 10
    if hundredths > 0 {
      var decimals = hundredths < 10 ? "0\(hundredths)" : "\(hundredths)"
      while decimals.hasSuffix("0") { decimals.removeLast() }
      text += "." + decimals
    }
    return text + "s"
  }

  private static func build() -> [IncidentEntry] {
    var out: [IncidentEntry] = []
    var t = 0
    var connection = 0
    func add(_ subsystem: String, _ level: LogLevel, _ message: String, runId: String? = nil,
             fields: String? = nil, after ms: Int = 0) {
      t += ms
      out.append(IncidentEntry(offsetMs: t, subsystem: subsystem, runId: runId, level: level,
                               message: message, fields: fields))
    }
    func connectionId() -> String {
      "c2d4e6f8-0a1b-4c3d-8e5f-" + String(format6: 0x6a7b8c000000 + connection)
    }
    func start(after ms: Int) {
      add(channel, .info, "[default] starting provider (+15550001111)", after: ms)
    }
    func listening(after ms: Int) {
      connection += 1
      add(channel, .info, "Listening for personal WhatsApp inbound messages.", after: ms)
    }
    func close(_ k: Int, runId: String, lived ms: Int) {
      add("web-reconnect", .info, "web reconnect: connection closed", runId: runId,
          fields: #"{"connectionId":"\#(connectionId())","status":440,"loggedOut":false,"reconnectAttempts":\#(k),"error":"\#(conflictError)"}"#,
          after: ms)
      guard k < 12 else { return }
      let delay = delaysMs[k - 1]
      add("web-reconnect", .info, "web reconnect: scheduling retry", runId: runId,
          fields: #"{"connectionId":"\#(connectionId())","status":440,"reconnectAttempts":\#(k),"maxAttempts":12,"delayMs":\#(delay)}"#,
          after: 1)
      add(channel, .error,
          "WhatsApp Web connection closed (status 440). Retry \(k)/12 in \(duration(delay))… (\(conflictError))",
          after: 1)
    }

    let run1 = "9b1f3c2e-5d4a-4e8b-a6f1-0c2d3e4f5a01"
    let run2 = "9b1f3c2e-5d4a-4e8b-a6f1-0c2d3e4f5a02"
    start(after: 0)
    listening(after: 3512)
    for k in 1...11 {
      close(k, runId: run1, lived: 4180 + 37 * k)
      listening(after: delaysMs[k - 1] + 1304)
    }
    close(12, runId: run1, lived: 4391)
    add("web-reconnect", .warn, "web reconnect: max attempts reached; continuing in degraded mode",
        runId: run1,
        fields: #"{"connectionId":"\#(connectionId())","status":440,"reconnectAttempts":12,"maxAttempts":12}"#,
        after: 1)
    add(channel, .error,
        "WhatsApp Web reconnect: max attempts reached (12/12). Stopping web monitoring.", after: 1)
    add(channel, .info, "[default] auto-restart attempt 1/10 in 5s", after: 9)
    start(after: 5004)
    listening(after: 3377)
    for k in 1...3 {
      close(k, runId: run2, lived: 4402 + 51 * k)
      if k < 3 { listening(after: delaysMs[k - 1] + 1288) }
    }
    add(health, .info, "[whatsapp:default] health-monitor: restarting (reason: stuck)", after: 5120)
    start(after: 42)
    listening(after: 3605)
    return out
  }
}

extension String {
  /// Twelve lowercase hex digits of `value`.
  fileprivate init(format6 value: Int) {
    let hex = String(value, radix: 16)
    self = String(repeating: "0", count: Swift.max(0, 12 - hex.count)) + hex
  }
}
