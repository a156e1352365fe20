import Foundation
import Testing

/// Bounds the wait for a process the tests started: once `seconds` have passed it is killed,
/// so a walog that hangs fails its test (with `check()`) instead of holding the suite until the
/// CI job's limit. Generous, for the sanitizer builds; a test's own bounds are tighter.
final class Watchdog {
  static let seconds: Double = 600

  /// Whether the process had to be killed.
  private final class Fired: @unchecked Sendable {
    let lock = NSLock()
    var killed = false
  }

  private let item: DispatchWorkItem
  private let fired = Fired()
  private let name: String

  init(_ process: Process, seconds: Double = Watchdog.seconds) {
    name = ([process.executableURL?.lastPathComponent ?? "?"] + (process.arguments ?? []).prefix(2)).joined(separator: " ")
    let pid = process.processIdentifier
    let fired = fired
    item = DispatchWorkItem {
      fired.lock.lock()
      fired.killed = kill(pid, SIGKILL) == 0
      fired.lock.unlock()
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: item)
  }

  /// Call once the process has ended: records an issue if the watchdog had to kill it.
  func check() {
    item.cancel()
    fired.lock.lock()
    defer { fired.lock.unlock() }
    if fired.killed { Issue.record("\(name) still ran after \(Int(Watchdog.seconds)) s and was killed") }
  }
}
