#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain text file cut into chunks of whole lines that several threads read at once, each
/// with `pread(2)` on the one descriptor (``ParallelInputReader``).
///
/// Chunk `k` nominally covers `chunkSize` bytes from `dataStart + k * chunkSize`; it really
/// starts at the first line start at or after that which is a safe place to cut (``LineEdge``)
/// and runs to the next chunk's start, so a chunk holds whole lines and no construct read
/// across lines is split. Both neighbours compute an edge with the same function of the file's
/// bytes, so they agree on it without talking. A chunk in which no safe place begins is empty
/// (its lines belong to the one before), and the first chunk holds at least the lines an
/// input's reader sniffs (``LineBlockReader/firstBlockLines``).
public final class FileChunks: @unchecked Sendable {
  public let path: String
  private let fd: Int32
  /// Where the text starts (after a UTF-8 byte order mark).
  let dataStart: Int64
  /// The size when opened: the chunks are planned on it; the last one reads on to the end.
  let sizeWhenOpened: Int64
  let chunkSize: Int64
  /// The first chunk ends no earlier than this.
  private var firstEnd: Int64 = 0
  let count: Int
  private let lineCap: Int

  /// The plain text file `source` names, or nil when it is something else (standard input, a
  /// FIFO, compressed data, UTF-16), which is read as a stream.
  static func plainFile(_ source: InputSource, chunkSize: Int, lineCap: Int) throws(InputError) -> FileChunks? {
    guard case .file(let path) = source.location else { return nil }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 { throw InputError.fromErrno(errno, path: path) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
      close(fd)
      return nil
    }
    guard let start = textStart(fd) else {
      close(fd)
      return nil
    }
    return FileChunks(fd: fd, path: path, dataStart: start, size: Int64(info.st_size), chunkSize: chunkSize, lineCap: lineCap)
  }

  /// Whether the file at `path` is plain text (not compressed, an archive or UTF-16).
  static func isPlainText(_ path: String) -> Bool {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    return textStart(fd) != nil
  }

  /// Where a plain text file's text starts (after a UTF-8 byte order mark); nil when the
  /// file is not plain text.
  private static func textStart(_ fd: Int32) -> Int64? {
    var head = [UInt8](repeating: 0, count: StreamFormat.wantedPeekCount)
    let read = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
    switch head.prefix(max(0, read)).withUnsafeBytes({ StreamFormat.detect($0) }) {
    case .plain: return 0
    case .utf8WithBOM: return 3
    default: return nil
    }
  }

  private init(fd: Int32, path: String, dataStart: Int64, size: Int64, chunkSize: Int, lineCap: Int) {
    self.fd = fd
    self.path = path
    self.dataStart = dataStart
    sizeWhenOpened = size
    self.chunkSize = Int64(max(1, chunkSize))
    self.lineCap = lineCap
    count = max(1, Int((max(0, size - dataStart) + self.chunkSize - 1) / self.chunkSize))
    firstEnd = sniffedEnd()
  }

  deinit { close(fd) }

  /// The bytes of chunk `index`, or nil when no line starts in it; `upperBound` is
  /// `Int64.max` for a chunk that reads to the end of the file.
  func range(of index: Int) throws(InputError) -> Range<Int64>? {
    let start: Int64
    if index == 0 {
      start = dataStart
    } else {
      guard let found = try edge(from: nominalStart(index), below: nominalStart(index + 1)) else { return nil }
      start = found
    }
    guard index + 1 < count, let end = try edge(from: nominalStart(index + 1), below: nil) else {
      return start..<Int64.max
    }
    return start..<max(start, end)
  }

  /// Reads `range` of the file.
  func source(for range: Range<Int64>) -> FileRangeByteSource {
    FileRangeByteSource(fd: fd, path: path, range: range, sizeWhenOpened: sizeWhenOpened)
  }

  private func nominalStart(_ index: Int) -> Int64 { dataStart + Int64(index) * chunkSize }

  /// Past the lines a reader sniffs: the 200th line's end, or the last line end in the first
  /// buffer's worth of bytes when they hold fewer.
  private func sniffedEnd() -> Int64 {
    let window = Window(capacity: 1 << 20)
    guard let bytes = try? window.read(fd: fd, at: dataStart, path: path) else { return dataStart }
    var lines = 0
    var end = 0
    var cursor = 0
    while lines < ChunkReader.sniffLines,
      let newline = Bytes.find(Bytes.lf, in: bytes, from: cursor)
    {
      lines += 1
      end = newline + 1
      cursor = end
    }
    return dataStart + Int64(end)
  }

  /// The first safe line start at or after `nominal` (and the first chunk's end), before
  /// `limit`; nil when there is none (without a limit: none before the file's end). It reads
  /// windows of the file that reach ``LineEdge/lookBehind`` bytes before each place judged.
  private func edge(from nominal: Int64, below limit: Int64?) throws(InputError) -> Int64? {
    var position = max(nominal, firstEnd)
    if position <= dataStart { return dataStart }
    let window = Window(capacity: LineEdge.lookBehind + (16 << 10))
    while limit.map({ position < $0 }) ?? true {
      let windowStart = max(dataStart, position - Int64(LineEdge.lookBehind))
      let bytes = try window.read(fd: fd, at: windowStart, path: path)
      // A line starts at `position` when the byte before it is a newline.
      var cursor = Int(position - windowStart) - 1
      guard cursor < bytes.count else { return nil }
      while let newline = Bytes.find(Bytes.lf, in: bytes, from: cursor) {
        let start = windowStart + Int64(newline + 1)
        if let limit, start >= limit { return nil }
        if Self.isSafe(bytes, before: newline + 1, windowAtTextStart: windowStart == dataStart) { return start }
        cursor = newline + 1
      }
      if bytes.count < window.capacity { return nil }  // the file's end
      position = windowStart + Int64(bytes.count)
    }
    return nil
  }

  /// Whether the place at `end` of `bytes` is a safe end: judged on the whole lines before it
  /// within reach (the window may begin inside a line, unless it begins at the text's start).
  private static func isSafe(_ bytes: UnsafeRawBufferPointer, before end: Int, windowAtTextStart: Bool) -> Bool {
    var from = max(0, end - LineEdge.lookBehind)
    if from > 0 || !windowAtTextStart {
      guard let newline = Bytes.find(Bytes.lf, in: bytes, from: from), newline + 1 < end else { return true }
      from = newline + 1
    }
    return LineEdge.isSafe(after: Bytes.slice(bytes, from, end))
  }

  /// Moves the descriptor's offset (which `pread` leaves alone) to where a read ended, so that
  /// `/proc/PID/fdinfo` shows how far walog got, as for a file read in order (`progress(1)`,
  /// the tests of a file cut while it is read). With several threads it is one of their places.
  static func showProgress(fd: Int32, at offset: off_t) {
    _ = lseek(fd, offset, SEEK_SET)
  }

  /// A buffer of file bytes read with `pread`.
  private final class Window {
    let capacity: Int
    private let memory: UnsafeMutableRawBufferPointer

    init(capacity: Int) {
      self.capacity = capacity
      memory = .allocate(byteCount: capacity, alignment: 64)
    }

    deinit { memory.deallocate() }

    func read(fd: Int32, at offset: Int64, path: String) throws(InputError) -> UnsafeRawBufferPointer {
      var filled = 0
      while filled < capacity {
        let count = pread(fd, memory.baseAddress! + filled, capacity - filled, off_t(offset) + off_t(filled))
        if count == 0 { break }
        if count < 0 {
          if errno == EINTR { continue }
          throw InputError.fromErrno(errno, path: path)
        }
        filled += count
      }
      FileChunks.showProgress(fd: fd, at: off_t(offset) + off_t(filled))
      return UnsafeRawBufferPointer(rebasing: memory[0..<filled])
    }
  }
}

/// Bytes `range` of a regular file, read with `pread(2)` (the descriptor's offset stays where
/// it is, so several threads read one file at once). A file that ends before the range and
/// before the size it had when opened shrank while it was read: a warning says so, as
/// ``FileByteSource``'s does.
final class FileRangeByteSource: ByteSource {
  private let fd: Int32
  private let path: String
  private let end: Int64
  private let sizeWhenOpened: Int64
  private var offset: Int64
  private var shrank: String?

  init(fd: Int32, path: String, range: Range<Int64>, sizeWhenOpened: Int64) {
    self.fd = fd
    self.path = path
    offset = range.lowerBound
    end = range.upperBound
    self.sizeWhenOpened = sizeWhenOpened
  }

  var warnings: [String] { shrank.map { [$0] } ?? [] }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    guard let base = buffer.baseAddress, offset < end else { return 0 }
    let wanted = Int(min(Int64(buffer.count), end - offset))
    while true {
      let count = pread(fd, base, wanted, off_t(offset))
      if count > 0 {
        offset += Int64(count)
        FileChunks.showProgress(fd: fd, at: off_t(offset))
        return count
      }
      if count == 0 {
        noteShrinking()
        return 0
      }
      let code = errno
      if code == EINTR {
        if StopRequest.isRequested { return 0 }
        continue
      }
      throw InputError.fromErrno(code, path: path)
    }
  }

  private func noteShrinking() {
    guard shrank == nil, offset < sizeWhenOpened else { return }
    var info = stat()
    let now = fstat(fd, &info) == 0 ? Int64(info.st_size) : offset
    shrank = FileByteSource.shrinkWarning(held: sizeWhenOpened, now: now, endedAt: offset)
  }
}
