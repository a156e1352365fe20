#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension InputCatalog {
  /// The summed size of `paths` when every one is a regular file whose first bytes say it is
  /// plain text (so its size on disk is the number of bytes walog will read), else nil: a
  /// compressed file, an archive or UTF-16 reads another number of bytes than it holds, and a
  /// pipe or folder has no size. Decided by the bytes, never by the name.
  public static func plainTextSize(_ paths: [String]) -> Int64? {
    var sum: Int64 = 0
    for path in paths {
      var info = stat()
      guard path != "-", stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
        let head = try? readHead(of: path)
      else { return nil }
      switch head.withUnsafeBytes({ StreamFormat.detect($0) }) {
      case .plain, .utf8WithBOM: sum += Int64(info.st_size)
      default: return nil
      }
    }
    return sum
  }
}
