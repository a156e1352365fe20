import Foundation

/// The service manager's end of systemd's readiness protocol, for tests: a Unix datagram socket
/// whose path goes into a child's `NOTIFY_SOCKET`, and the messages the child sends to it.
final class NotifySocket: @unchecked Sendable {
  let path: String
  private let descriptor: Int32

  init() throws {
    // sun_path holds 108 bytes: a short name under /tmp, not the (long) temporary directory.
    path = "/tmp/walog-notify-\(getpid())-\(UUID().uuidString.prefix(8)).sock"
    unlink(path)
    descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard bound == 0 else {
      close(descriptor)
      throw POSIXError(.init(rawValue: errno) ?? .EIO)
    }
  }

  deinit {
    close(descriptor)
    unlink(path)
  }

  /// The next message, waiting at most `timeout` seconds; nil when none came.
  func receive(timeout: Double) -> String? {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let left = deadline.timeIntervalSinceNow
      guard left > 0 else { return nil }
      var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      let ready = poll(&poller, 1, Int32(min(left, 1) * 1000) + 1)
      if ready < 0 && errno != EINTR { return nil }
      guard ready > 0 else { continue }
      var buffer = [UInt8](repeating: 0, count: 4096)
      let count = recv(descriptor, &buffer, buffer.count, 0)
      if count > 0 { return String(decoding: buffer[..<count], as: UTF8.self) }
    }
  }
}
