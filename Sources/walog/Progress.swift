#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import WalogCore

/// A progress line on stderr for long inputs: bytes read, rate, and for plain text files (known
/// by their first bytes) a bar and the time left. Only on a terminal, only once reading has taken half a second, redrawn at
/// most ten times a second, and erased when reading ends, so short runs never show it.
final class Progress: @unchecked Sendable {
  /// Bytes the inputs hold on disk, when every input is a plain, uncompressed file.
  let total: Int64?
  private let lock = ThreadCondition()
  private let started = Date()
  private var done: Int64 = 0
  private var lastDraw: TimeInterval = 0
  private var drawn = false

  /// `WALOG_PROGRESS_DELAY=0` draws from the first block on, for the end-to-end test.
  static let delay: TimeInterval =
    ProcessInfo.processInfo.environment["WALOG_PROGRESS_DELAY"].flatMap(TimeInterval.init) ?? 0.5
  static let interval: TimeInterval = delay == 0 ? 0 : 0.1

  init(total: Int64?) { self.total = total }

  /// A progress reporter when stderr is a terminal, else nil.
  static func forTerminal(paths: [String]) -> Progress? {
    guard Terminal.isTerminal(2) else { return nil }
    return Progress(total: InputCatalog.plainTextSize(paths))
  }

  /// Called by the core after each block with the bytes it added.
  func add(_ bytes: Int64) {
    lock.lock()
    defer { lock.unlock() }
    done += bytes
    let elapsed = Date().timeIntervalSince(started)
    guard elapsed >= Self.delay, elapsed - lastDraw >= Self.interval else { return }
    lastDraw = elapsed
    drawn = true
    write("\r" + Self.line(done: done, total: total, elapsed: elapsed) + "\u{1B}[K")
  }

  /// Erases the line, so the report and messages start on a clean line.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if drawn { write("\r\u{1B}[K") }
    drawn = false
  }

  /// `walog: [########........]  41%  512.0 MB of 1.2 GB  180.3 MB/s  2s left`.
  static func line(done: Int64, total: Int64?, elapsed: TimeInterval) -> String {
    let rate = elapsed > 0 ? Double(done) / elapsed : 0
    let speed = bytes(Int64(rate)) + "/s"
    guard let total, total > 0, done <= total else {
      return "walog: reading  \(bytes(done))  \(speed)"
    }
    let fraction = Double(done) / Double(total)
    let width = 24
    let filled = Int(fraction * Double(width))
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    let left = rate > 0 ? Double(total - done) / rate : 0
    return
      "walog: [\(bar)] \(Int(fraction * 100))%  \(bytes(done)) of \(bytes(total))  \(speed)  \(seconds(left)) left"
  }

  static func bytes(_ count: Int64) -> String {
    let units = ["B", "kB", "MB", "GB", "TB"]
    var value = Double(count)
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    return unit == 0 ? "\(count) B" : "\(oneDecimal(value)) \(units[unit])"
  }

  static func seconds(_ value: TimeInterval) -> String {
    let total = Int(value.rounded(.up))
    return total < 60 ? "\(total)s" : "\(total / 60)m \(total % 60)s"
  }

  /// `%.1f`: 41.96 → `42.0`.
  static func oneDecimal(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }

  private func write(_ text: String) {
    _ = writeAll(2, Array(text.utf8))
  }
}
