#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A log file followed as it grows, with `tail -F`'s semantics: it may not exist yet; when it
/// is renamed away and a new file takes its name (logrotate, the gateway's own rotation), the
/// old file is read to its end and the new one from its start; when it is truncated in place
/// (`copytruncate`), reading starts over. `path` is asked again at each check, so a dated log
/// (`openclaw-2026-04-12.log`) can hand over to the next day's file.
///
/// Reads never block: at the end of the file `read` returns 0 and the watch loop comes back
/// after a short timer.
public final class FollowedFile: FollowedByteSource, Followed {
  /// Where reading starts in the first file found.
  public enum Start: Sendable, Equatable {
    /// At its current end: only lines written from now on (the default of `tail -F`).
    case end
    /// At its first byte.
    case beginning
  }

  public let name: String
  private let path: () -> String?
  private let quietSpell: UInt64
  private var start: Start
  private var fd: Int32 = -1
  private var openPath: String?
  private var identity: (device: UInt64, inode: UInt64)?
  private var offset: Int64 = 0
  private var lastBytes: UInt64 = 0
  /// The last byte handed out was not a newline: a switch of file first ends that line.
  private var lineOpen = false
  private var lastCheck: UInt64 = 0
  /// How often the path is looked at again once the file is at its end.
  private let checkEvery: UInt64 = 200_000_000

  public init(name: String, start: Start, quietSpell: Double, path: @escaping () -> String?) {
    self.name = name
    self.path = path
    self.quietSpell = UInt64(quietSpell * 1e9)
    // A file that is not there yet is read whole once it appears, as `tail -F` does. One that
    // is there is opened now, so that following starts where it stood when walog started (and
    // a line written while the watch sets up is not taken for an old one).
    var info = stat()
    self.start = path().map { stat($0, &info) == 0 } == true ? start : .beginning
    _ = openCurrent()
  }

  public convenience init(path: String, start: Start, quietSpell: Double) {
    self.init(name: path, start: start, quietSpell: quietSpell) { path }
  }

  deinit { if fd >= 0 { close(fd) } }

  public var warnings: [String] { [] }
  public let ended = false
  public var isQuiet: Bool { Clock.now - lastBytes >= quietSpell }
  public var pollDescriptor: Int32? { nil }
  /// The file the path names now.
  public var currentPath: String? { path() }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    if fd < 0 {
      guard openCurrent() else { return 0 }
    }
    let count = readSome(base, buffer.count)
    if count > 0 { return count }
    // At the end of what is there: has the file been rotated, truncated or superseded?
    let now = Clock.now
    guard now - lastCheck >= checkEvery else { return 0 }
    lastCheck = now
    let current = path()
    var info = stat()
    if let current, current == openPath, stat(current, &info) == 0, sameFile(info) {
      if Int64(info.st_size) < offset {  // truncated in place: start over
        lseek(fd, 0, SEEK_SET)
        offset = 0
        return endLine(base)
      }
      return 0
    }
    // Renamed away, replaced or superseded: the old file was read to its end just now.
    guard let current, stat(current, &info) == 0 else { return 0 }  // not there (yet)
    close(fd)
    fd = -1
    start = .beginning
    let ended = endLine(base)
    if ended > 0 { return ended }
    guard openCurrent() else { return 0 }
    return readSome(base, buffer.count)
  }

  /// Opens the file the path names now; false when there is none.
  private func openCurrent() -> Bool {
    guard let current = path() else { return false }
    let descriptor = open(current, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return false }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
      close(descriptor)
      return false
    }
    fd = descriptor
    openPath = current
    identity = (UInt64(info.st_dev), UInt64(info.st_ino))
    offset = start == .end ? Int64(lseek(fd, 0, SEEK_END)) : 0
    start = .beginning  // a file that appears later is read whole
    return true
  }

  private func readSome(_ base: UnsafeMutableRawPointer, _ count: Int) -> Int {
    while true {
      let read = systemRead(fd, base, count)
      if read > 0 {
        offset += Int64(read)
        lastBytes = Clock.now
        lineOpen = base.load(fromByteOffset: read - 1, as: UInt8.self) != 0x0A
        return read
      }
      if read < 0 && errno == EINTR && !StopRequest.isRequested { continue }
      return 0
    }
  }

  /// A newline when the last line handed out was unfinished, so it does not run into the
  /// first line of the next file.
  private func endLine(_ base: UnsafeMutableRawPointer) -> Int {
    guard lineOpen else { return 0 }
    lineOpen = false
    base.storeBytes(of: 0x0A, as: UInt8.self)
    return 1
  }

  private func sameFile(_ info: stat) -> Bool {
    identity.map { $0.device == UInt64(info.st_dev) && $0.inode == UInt64(info.st_ino) } ?? false
  }
}
