import Foundation

/// Writes the metrics file atomically: into a hidden file beside it, then `rename(2)` over it,
/// so node_exporter never reads half a file (its textfile collector reads only `*.prom`).
public enum MetricsFile {
  /// Nil when written; else why not, for a warning (the watch goes on).
  public static func write(_ text: String, to path: String) -> String? {
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
    do {
      try Data(text.utf8).write(to: temporary)
    } catch {
      return "cannot write the metrics file \(path): \(error.localizedDescription)"
    }
    guard rename(temporary.path, path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      return "cannot write the metrics file \(path): \(reason)"
    }
    return nil
  }
}
