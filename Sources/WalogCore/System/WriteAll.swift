#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes every byte to a file descriptor, across short writes and interruptions; false when
/// the descriptor refuses (`errno` says why). Standard output, standard error and the files
/// walog writes go through here, not Foundation's `FileHandle`.
public func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
  bytes.withUnsafeBytes { buffer in
    var offset = 0
    while offset < buffer.count {
      let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
      if count > 0 {
        offset += count
      } else if count < 0 && errno == EINTR {
        continue
      } else {
        return false
      }
    }
    return true
  }
}

/// Appends to a file, creating it if need be; false when it cannot be opened or written.
public func appendAll(toFile path: String, _ bytes: [UInt8]) -> Bool {
  let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
  guard descriptor >= 0 else { return false }
  defer { close(descriptor) }
  return writeAll(descriptor, bytes)
}
