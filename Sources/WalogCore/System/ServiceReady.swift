#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// systemd's readiness notification (sd_notify(3), the `Type=notify` protocol): one datagram
/// `READY=1` to the Unix socket named by `$NOTIFY_SOCKET` (a path, or `@name` in the abstract
/// namespace). `walog watch` sends it once it follows its inputs, so a unit that starts after
/// it, or a test, knows that every line written from then on is read. The protocol is a stable
/// interface of two system calls; linking libsystemd for it would cost the static binary and macOS.
public enum ServiceReady {
  /// Tells the service manager that walog is ready, when it asked (`$NOTIFY_SOCKET` is set),
  /// and removes the variable so that the programs walog runs (`--exec`) do not speak for it.
  /// Returns whether a notification was sent; a failure is ignored, as sd_notify's callers do.
  @discardableResult
  public static func notify() -> Bool {
    guard let variable = getenv("NOTIFY_SOCKET") else { return false }
    let path = Array(String(cString: variable).utf8)
    unsetenv("NOTIFY_SOCKET")
    guard path.first == UInt8(ascii: "/") || path.first == UInt8(ascii: "@") else { return false }
    #if canImport(Glibc)
      let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    #else
      let descriptor = socket(AF_UNIX, SOCK_DGRAM, 0)
    #endif
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let capacity = MemoryLayout.size(ofValue: address.sun_path)
    guard path.count < capacity else { return false }
    withUnsafeMutableBytes(of: &address.sun_path) { sunPath in
      sunPath.copyBytes(from: path)
      if path[0] == UInt8(ascii: "@") { sunPath[0] = 0 }  // the abstract namespace
    }
    // An abstract name is exactly its bytes; a path may be followed by its NUL.
    let length = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + path.count
    let message = Array("READY=1".utf8)
    let sent = withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
        sendto(descriptor, message, message.count, 0, socketAddress, socklen_t(length))
      }
    }
    return sent == message.count
  }
}
