import Foundation

/// A running `walog watch` (or another command) whose standard input the test writes line by
/// line, and whose standard output lines are collected with the moment each arrived.
final class WatchSession: @unchecked Sendable {
  struct Output {
    var line: String
    var arrived: Date
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:] }
  }

  private let process = Process()
  private let input = Pipe()
  private let output = Pipe()
  private let errors = Pipe()
  private let condition = NSCondition()
  private var lines: [Output] = []
  private var stderrText = Data()
  private var stderrRead = false
  private var closed = false
  /// Where `walog watch` says it is ready (systemd's `NOTIFY_SOCKET`).
  private let notify: NotifySocket
  private var watchdog: Watchdog?

  init(_ arguments: [String], command: String = "watch", stdinFromPipe: Bool = true) throws {
    process.executableURL = WalogProcess.binary
    process.arguments = [command] + arguments
    process.currentDirectoryURL = WalogProcess.packageRoot
    notify = try NotifySocket()
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment["NOTIFY_SOCKET"] = notify.path
    process.environment = environment
    process.standardInput = stdinFromPipe ? input : FileHandle(forReadingAtPath: "/dev/null")
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    watchdog = Watchdog(process)
    Thread { [self] in
      var buffer = Data()
      while true {
        let chunk = output.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        buffer += chunk
        while let newline = buffer.firstIndex(of: 0x0A) {
          let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
          buffer = Data(buffer[(newline + 1)...])
          condition.lock()
          lines.append(Output(line: line, arrived: Date()))
          condition.broadcast()
          condition.unlock()
        }
      }
      condition.lock()
      closed = true
      condition.broadcast()
      condition.unlock()
    }.start()
    Thread { [self] in
      while true {
        let chunk = errors.fileHandleForReading.availableData
        condition.lock()
        stderrText += chunk
        if chunk.isEmpty { stderrRead = true }
        condition.broadcast()
        condition.unlock()
        if chunk.isEmpty { break }
      }
    }.start()
  }

  /// Waits until `walog watch` reports that it follows its inputs (`READY=1`, sent once every
  /// followed file is open at its starting point), at most `timeout` seconds; false if it did not.
  @discardableResult
  func waitUntilReady(timeout: Double = 30) -> Bool {
    notify.receive(timeout: timeout) == "READY=1"
  }

  /// Writes one line to walog's standard input; returns when it was written.
  @discardableResult
  func write(_ line: String) -> Date {
    input.fileHandleForWriting.write(Data((line + "\n").utf8))
    return Date()
  }

  /// The output lines so far.
  var received: [Output] {
    condition.lock()
    defer { condition.unlock() }
    return lines
  }

  /// Waits until `count` output lines have arrived, or `timeout` seconds.
  @discardableResult
  func waitForLines(_ count: Int, timeout: Double) -> [Output] {
    let deadline = Date().addingTimeInterval(timeout)
    condition.lock()
    defer { condition.unlock() }
    while lines.count < count && !closed && condition.wait(until: deadline) {}
    return lines
  }

  /// Waits until walog's standard error holds `text`, at most `timeout` seconds; false if it did not.
  func waitForStderr(containing text: String, timeout: Double) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    condition.lock()
    defer { condition.unlock() }
    while !String(decoding: stderrText, as: UTF8.self).contains(text) {
      guard !stderrRead, condition.wait(until: deadline) else {
        return String(decoding: stderrText, as: UTF8.self).contains(text)
      }
    }
    return true
  }

  /// Closes standard input and waits for the process; returns its status and stderr (once the
  /// thread reading it has it all, at most 5 s after the exit).
  func finish() -> (status: Int32, stderr: String) {
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    watchdog?.check()
    waitForLines(Int.max, timeout: 5)
    let deadline = Date().addingTimeInterval(5)
    condition.lock()
    defer { condition.unlock() }
    while !stderrRead && condition.wait(until: deadline) {}
    return (process.terminationStatus, String(decoding: stderrText, as: UTF8.self))
  }

  /// A figure's value in an alert (`"figures": {"conflicts": {"value": 8, …}}`).
  static func figure(_ name: String, of alert: [String: Any]) -> Double? {
    ((alert["figures"] as? [String: Any])?[name] as? [String: Any])?["value"] as? Double
  }

  func signal(_ number: Int32) { kill(process.processIdentifier, number) }

  /// Waits for the process to end and its output to be read.
  func waitForExit() -> Int32 {
    process.waitUntilExit()
    watchdog?.check()
    waitForLines(Int.max, timeout: 5)
    return process.terminationStatus
  }
}

/// Lines of a WhatsApp 440 loop in the console's compact style, with log times that move on
/// by `step` seconds per line from 2026-04-12T10:00:00Z.
struct LoopLog {
  /// 2026-04-12T10:00:00Z in Unix seconds: the log's time 0.
  static let start: Double = 1_775_988_000
  var seconds: Double = 0

  mutating func line(_ tag: String, _ message: String, step: Double = 3) -> String {
    seconds += step
    let whole = Int(seconds)
    let text = String(format: "2026-04-12T%02d:%02d:%02d.000Z", 10 + whole / 3600, whole / 60 % 60, whole % 60)
    return "\(text) [\(tag)] \(message)"
  }

  mutating func conflict(_ attempt: Int) -> String {
    line("whatsapp", "Web connection closed (status 440). Retry \(attempt)/12 in 2s… (status=440 Unknown Stream Errored (conflict))")
  }

  mutating func listening() -> String { line("whatsapp", "Listening for personal WhatsApp inbound messages.") }
  mutating func start() -> String { line("whatsapp", "[default] starting provider (+15550104477)") }
  mutating func chatter() -> String { line("cron", "job heartbeat-check ran in 9ms") }
}
