#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WalogCore

/// The process's terminal edges: which streams are terminals, colour, and stderr output.
enum Terminal {
  static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

  /// Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org).
  static func wantsColor(_ fd: Int32) -> Bool {
    isTerminal(fd) && (getenv("NO_COLOR").map { String(cString: $0) } ?? "").isEmpty
  }

  static func printError(_ message: String) {
    _ = writeAll(2, Array((message.hasSuffix("\n") ? message : message + "\n").utf8))
  }

  /// Writes the whole report in one go: reports are built in memory and can be large.
  static func write(_ text: String) {
    _ = writeAll(1, Array(text.utf8))
  }
}
