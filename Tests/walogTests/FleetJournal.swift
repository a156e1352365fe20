import Foundation

/// A fleet's central journal, made as `systemd-journal-remote` makes one: journal export-format
/// records of three hosts, each running a gateway with a `whatsapp:default` account, written to
/// a journal file by the real `systemd-journal-remote` and read back with `journalctl -D`.
///
/// - `gw-alpha` loops on status 440: each run stops fail-fast and the supervisor restarts it.
/// - `gw-beta` is healthy: the provider starts and listens (one line coloured, so `journalctl`
///   gives its `MESSAGE` as an array of bytes).
/// - `gw-gamma` runs two gateway processes on the one account, which replace each other's
///   session (440) turn by turn.
///
/// The PIDs repeat across hosts on purpose (alpha's process has gamma's first PID, beta's
/// gamma's second), and alpha and beta each log one start that found the port taken: read as
/// one gateway, the log would show duplicate processes and a port fight everywhere.
struct FleetJournal {
  struct Record {
    var microseconds: Int64
    var host: String
    var identifier: String
    var pid: Int
    var message: String
  }

  /// What each host's gateway logged, counted as the records were made.
  struct Expected {
    var closes440 = 0
    var autoRestarts = 0
    var providerStarts = 0
    var connected = 0
    var gatewayExits = 0
    var pids: Set<Int> = []
    var events: Int { closes440 + autoRestarts + providerStarts + connected + gatewayExits }
  }

  static let hosts = ["gw-alpha", "gw-beta", "gw-gamma"]
  static let start: Int64 = 1_776_000_000_000_000

  private(set) var records: [Record] = []
  private(set) var expected: [String: Expected] = [:]

  init() {
    for host in Self.hosts {
      add(Self.start, host, "systemd", 1, "Started openclaw-gateway.service - OpenClaw Gateway (v2026.4.11).")
    }
    // gw-alpha: one process, a 440 loop of six cycles on the supervisor's backoff.
    var t = Self.start + 1_000_000
    providerStart(t, "gw-alpha", 4101, phone: "+15550001111")
    for attempt in 1...6 {
      listening(t + 2_000_000, "gw-alpha", 4101)
      conflict(t + 30_000_000, "gw-alpha", 4101)
      let delay = 5 << (attempt - 1)
      autoRestart(t + 30_016_000, "gw-alpha", 4101, attempt: attempt, delay: delay)
      t += 30_016_000 + Int64(delay) * 1_000_000
      providerStart(t, "gw-alpha", 4101, phone: "+15550001111")
    }
    listening(t + 2_000_000, "gw-alpha", 4101)
    portTaken(Self.start + 200_000_000, "gw-alpha", 5200)
    // gw-beta: healthy.
    providerStart(Self.start + 1_500_000, "gw-beta", 4103, phone: "+15550002222")
    listening(Self.start + 4_000_000, "gw-beta", 4103, colour: true)
    portTaken(Self.start + 210_000_000, "gw-beta", 5300)
    // gw-gamma: two processes of one account, each taking the session from the other.
    let processes = [(pid: 4101, offset: Int64(1_200_000)), (pid: 4103, offset: Int64(31_000_000))]
    for process in processes {
      var t = Self.start + process.offset
      providerStart(t, "gw-gamma", process.pid, phone: "+15550003333")
      listening(t + 2_000_000, "gw-gamma", process.pid)
      for attempt in 1...3 {
        conflict(t + 45_000_000, "gw-gamma", process.pid)
        let delay = 5 << (attempt - 1)
        autoRestart(t + 45_016_000, "gw-gamma", process.pid, attempt: attempt, delay: delay)
        t += 45_016_000 + Int64(delay) * 1_000_000
        providerStart(t, "gw-gamma", process.pid, phone: "+15550003333")
        listening(t + 2_000_000, "gw-gamma", process.pid)
      }
    }
    records.sort { ($0.microseconds, $0.host) < ($1.microseconds, $1.host) }
  }

  // MARK: - The gateway's lines (compact console lines, as under systemd)

  private mutating func providerStart(_ t: Int64, _ host: String, _ pid: Int, phone: String) {
    gateway(t, host, pid, "[whatsapp] [default] starting provider (\(phone))")
    expected[host, default: .init()].providerStarts += 1
  }

  private mutating func listening(_ t: Int64, _ host: String, _ pid: Int, colour: Bool = false) {
    let text = "[whatsapp] Listening for personal WhatsApp inbound messages."
    gateway(t, host, pid, colour ? "\u{1B}[36m\(text)\u{1B}[39m" : text)
    expected[host, default: .init()].connected += 1
  }

  private mutating func conflict(_ t: Int64, _ host: String, _ pid: Int) {
    gateway(
      t, host, pid,
      "[whatsapp] Web connection closed (status 440: session conflict). Resolve conflicting WhatsApp Web sessions, "
        + "then relink with `openclaw channels login --channel web`. Stopping web monitoring.")
    expected[host, default: .init()].closes440 += 1
  }

  private mutating func autoRestart(_ t: Int64, _ host: String, _ pid: Int, attempt: Int, delay: Int) {
    gateway(t, host, pid, "[whatsapp] [default] auto-restart attempt \(attempt)/10 in \(delay)s")
    expected[host, default: .init()].autoRestarts += 1
  }

  /// A second start that finds the port taken and exits (its own short-lived process).
  private mutating func portTaken(_ t: Int64, _ host: String, _ pid: Int) {
    add(t, host, "node", pid, "Gateway failed to start: another gateway instance is already listening on ws://127.0.0.1:18789")
    expected[host, default: .init()].gatewayExits += 1
  }

  private mutating func gateway(_ t: Int64, _ host: String, _ pid: Int, _ text: String) {
    add(t, host, "node", pid, Self.compactTime(t) + " " + text)
    expected[host, default: .init()].pids.insert(pid)
  }

  private mutating func add(_ t: Int64, _ host: String, _ identifier: String, _ pid: Int, _ message: String) {
    records.append(Record(microseconds: t, host: host, identifier: identifier, pid: pid, message: message))
  }

  /// The console's compact timestamp, `2026-04-12T13:20:01.000+00:00`.
  static func compactTime(_ microseconds: Int64) -> String {
    let date = Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    let millis = Int(microseconds / 1000 % 1000)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02d.%03d+00:00", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!,
      millis)
  }

  // MARK: - Export format and the journal file

  /// The records in the journal export format (systemd's JOURNAL_EXPORT_FORMATS): `KEY=value`
  /// lines, a blank line after each record, and the binary-safe form (name, newline, 64-bit
  /// little-endian length, bytes, newline) for values with control characters.
  var exportFormat: Data {
    var out = Data()
    for (index, record) in records.enumerated() {
      let fields: [(String, String)] = [
        ("__CURSOR", "s=0;i=\(index + 1)"),
        ("__REALTIME_TIMESTAMP", String(record.microseconds)),
        ("__MONOTONIC_TIMESTAMP", String(record.microseconds - Self.start + 5_000_000)),
        ("_BOOT_ID", "8e2d4c6a1f3b4e5d9a7c0b1e2f3a4b5c"),
        ("_HOSTNAME", record.host),
        ("SYSLOG_IDENTIFIER", record.identifier),
        ("_PID", String(record.pid)),
        ("_SYSTEMD_UNIT", "openclaw-gateway.service"),
        ("PRIORITY", "6"),
        ("MESSAGE", record.message),
      ]
      for (name, value) in fields {
        let bytes = Data(value.utf8)
        if bytes.contains(where: { $0 < 0x20 }) {
          out.append(Data((name + "\n").utf8))
          var length = UInt64(bytes.count).littleEndian
          withUnsafeBytes(of: &length) { out.append(contentsOf: $0) }
          out.append(bytes)
          out.append(0x0A)
        } else {
          out.append(Data((name + "=" + value + "\n").utf8))
        }
      }
      out.append(0x0A)
    }
    return out
  }

  /// systemd's, so Linux only: `FleetJournalTests` is `.linuxOnly`, and macOS never runs it.
  #if os(Linux)
    static let journalRemote = "/lib/systemd/systemd-journal-remote"
  #else
    static let journalRemote = "/nonexistent"  // macOS has no systemd
  #endif

  /// Writes the journal file into `folder` with the real `systemd-journal-remote`; returns its
  /// messages on failure.
  func writeJournal(into folder: URL) throws -> String? {
    let export = folder.appendingPathComponent("fleet.export")
    try exportFormat.write(to: export)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.journalRemote)
    process.arguments = [
      "--output=" + folder.appendingPathComponent("fleet.journal").path, "--split-mode=none", export.path,
    ]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = errors
    try process.run()
    let watchdog = Watchdog(process)
    let messages = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    watchdog.check()
    return process.terminationStatus == 0 ? nil : messages
  }
}
