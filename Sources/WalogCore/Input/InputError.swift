/// Why an input could not be read. Messages are full sentences naming the input.
public enum InputError: Error, CustomStringConvertible, Equatable, Sendable {
  case notFound(path: String)
  case permissionDenied(path: String)
  case noLogFiles(directory: String)
  case readFailed(path: String, reason: String)
  /// Decompressed output beyond a documented limit (compression bombs).
  case limitExceeded(path: String, limit: String)

  public var description: String {
    switch self {
    case .notFound(let path): "no such file or directory: \(path)"
    case .permissionDenied(let path): "permission denied: \(path)"
    case .noLogFiles(let directory): "no log files in directory: \(directory)"
    case .readFailed(let path, let reason): "cannot read \(path): \(reason)"
    case .limitExceeded(let path, let limit): "refusing \(path): \(limit)"
    }
  }
}
