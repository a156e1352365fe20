#if canImport(Glibc)
  import Glibc
  let systemRead = Glibc.read
#elseif canImport(Darwin)
  import Darwin
  let systemRead = Darwin.read
#endif

/// Bytes of a file descriptor, read with `read(2)`: a plain file, a pipe or standard input.
///
/// `read(2)` straight into the caller's buffer is the fastest way to stream a file on Linux
/// (research §3: 5.5 GB/s, the same for files and stdin); nothing is buffered here.
public final class FileByteSource: ByteSource {
  /// The name used in error messages.
  public let path: String
  private let fd: Int32
  private let ownsDescriptor: Bool
  private var closed = false
  /// For a regular file: its size when opened, and the bytes read since, to notice a file
  /// cut short while walog reads it (log rotation truncating in place, `> gateway.log`).
  private var sizeWhenOpened: Int64?
  private var offset: Int64 = 0
  private var shrank: String?

  /// Reads an already open descriptor, e.g. `0` for standard input.
  /// - Parameter closeOnDeinit: whether this source closes `fd` when it goes away.
  public init(fd: Int32, path: String, closeOnDeinit: Bool) {
    self.fd = fd
    self.path = path
    self.ownsDescriptor = closeOnDeinit
    var info = stat()
    if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
      sizeWhenOpened = Int64(info.st_size)
      offset = Int64(lseek(fd, 0, SEEK_CUR))
    } else {
      waitsForBytes = true
      if info.st_mode & S_IFMT == S_IFIFO { Self.widenPipe(fd) }
    }
  }

  /// Whether reads wait for bytes to come (a pipe, a terminal, a socket), rather than find them
  /// all there (a regular file).
  private var waitsForBytes = false

  /// Asks Linux for a pipe buffer of ``pipeBytes`` (the default is 64 KiB): `cat log | walog`
  /// then switches between writer and reader a sixteenth as often, which halved the time a
  /// gigabyte took through the pipe (Benchmarks/README.md). A refusal (a lower
  /// `/proc/sys/fs/pipe-max-size`, another system) leaves the pipe as it is.
  private static func widenPipe(_ fd: Int32) {
    #if os(Linux)
      _ = fcntl(fd, setPipeSize, pipeBytes)
    #endif
  }

  /// `F_SETPIPE_SZ` (`F_LINUX_SPECIFIC_BASE + 7`), which Glibc declares only under `_GNU_SOURCE`.
  private static let setPipeSize: Int32 = 1024 + 7

  /// The pipe buffer asked for: Linux's default limit for unprivileged users.
  static let pipeBytes: Int32 = 1 << 20

  /// Opens a file for reading.
  public convenience init(path: String) throws(InputError) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 { throw InputError.fromErrno(errno, path: path) }
    var info = stat()
    if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
      close(fd)
      throw InputError.readFailed(path: path, reason: "it is a directory")
    }
    self.init(fd: fd, path: path, closeOnDeinit: true)
  }

  deinit {
    if ownsDescriptor && !closed { close(fd) }
  }

  public var warnings: [String] { shrank.map { [$0] } ?? [] }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    while true {
      if waitsForBytes, !waitUntilReadable() { return 0 }  // Ctrl-C: the input ends here, and is reported
      let count = systemRead(fd, base, buffer.count)
      if count > 0 { offset += Int64(count) }
      if count == 0 { noteShrinking() }
      if count >= 0 { return count }
      let code = errno
      if code == EINTR {
        if StopRequest.isRequested { return 0 }  // SIGINT: the input ends here, and is reported
        continue  // another signal arrived before any byte: just ask again
      }
      if code == EAGAIN || code == EWOULDBLOCK {
        // A non-blocking descriptor (some terminals and sockets): wait until it is readable.
        var pollFD = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        _ = poll(&pollFD, 1, -1)
        continue
      }
      throw InputError.fromErrno(code, path: path)
    }
  }

  /// Waits until a read would not block, looking for a stop request every tenth of a second:
  /// the thread that reads (one of the pipeline's) may not be the one a signal interrupts.
  /// False once a stop is requested.
  private func waitUntilReadable() -> Bool {
    var pollFD = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    while !StopRequest.isRequested {
      let ready = poll(&pollFD, 1, Self.stopCheckMilliseconds)
      if ready > 0 || (ready < 0 && errno != EINTR) { return true }  // bytes, the end, or an error read reports
    }
    return false
  }

  static let stopCheckMilliseconds: Int32 = 100

  /// At the end of a regular file: whether it ended before the size it had when opened.
  private func noteShrinking() {
    guard shrank == nil, let size = sizeWhenOpened, offset < size else { return }
    var info = stat()
    let now = fstat(fd, &info) == 0 ? Int64(info.st_size) : offset
    shrank = Self.shrinkWarning(held: size, now: now, endedAt: offset)
  }

  static func shrinkWarning(held size: Int64, now: Int64, endedAt offset: Int64) -> String {
    "the file shrank while it was read: it held \(size) bytes when opened and now \(now); "
      + "reading ended at byte offset \(offset), and the report covers the bytes before it"
  }
}

extension InputError {
  /// Maps an `errno` from opening or reading `path` to the error users see.
  static func fromErrno(_ code: Int32, path: String) -> InputError {
    switch code {
    case ENOENT, ENOTDIR: .notFound(path: path)
    case EACCES, EPERM: .permissionDenied(path: path)
    default: .readFailed(path: path, reason: String(cString: strerror(code)))
    }
  }
}
