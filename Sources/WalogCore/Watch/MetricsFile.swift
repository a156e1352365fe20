#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the metrics file atomically: into a hidden file beside it, then `rename(2)` over it,
/// so node_exporter never reads half a file (its textfile collector reads only `*.prom`).
public enum MetricsFile {
  /// Nil when written; else why not, for a warning (the watch goes on).
  public static func write(_ text: String, to path: String) -> String? {
    let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
    let temporary = "\(path[..<slash]).\(path[slash...]).\(getpid()).tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { return failure(path) }
    let written = writeAll(descriptor, Array(text.utf8))
    let closed = close(descriptor) == 0
    guard written, closed, rename(temporary, path) == 0 else {
      let reason = failure(path)
      unlink(temporary)
      return reason
    }
    return nil
  }

  private static func failure(_ path: String) -> String {
    "cannot write the metrics file \(path): \(String(cString: strerror(errno)))"
  }
}
