#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Standard input while watching (`journalctl -f | walog watch`): read when bytes are there,
/// 0 at once when not, so the watch can flush, resolve and write metrics between lines.
///
/// `poll(2)` asks first; the descriptor is left blocking (it is shared with the shell).
public final class FollowedStream: FollowedByteSource, Followed {
  public let name: String
  private let fd: Int32
  private let quietSpell: UInt64
  private var lastBytes: UInt64 = 0
  public private(set) var ended = false

  public init(fd: Int32, name: String, quietSpell: Double) {
    self.fd = fd
    self.name = name
    self.quietSpell = UInt64(quietSpell * 1e9)
  }

  public var warnings: [String] { [] }
  public var isQuiet: Bool { Clock.now - lastBytes >= quietSpell }
  public var pollDescriptor: Int32? { ended ? nil : fd }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    guard !ended, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    guard poll(&ready, 1, 0) > 0 else { return 0 }
    while true {
      let count = systemRead(fd, base, buffer.count)
      if count > 0 {
        lastBytes = Clock.now
        return count
      }
      if count == 0 {
        ended = true
        return 0
      }
      if errno == EINTR { return 0 }
      if errno == EAGAIN || errno == EWOULDBLOCK { return 0 }
      throw InputError.fromErrno(errno, path: name)
    }
  }
}

/// What the watch loop needs of a followed source besides its bytes.
public protocol Followed: AnyObject {
  /// The input's name in reports: the path, `<stdin>`, or `folder/openclaw-*.log`.
  var name: String { get }
  /// A descriptor to wait on with `poll(2)` (a pipe); nil for files, which are checked on a
  /// short timer, as `tail -F` does.
  var pollDescriptor: Int32? { get }
}
