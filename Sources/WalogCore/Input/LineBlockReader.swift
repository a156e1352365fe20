#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Splits a `ByteSource` into blocks of whole lines, in one reused buffer.
///
/// Each block holds one or more complete lines, every one ending with `\n` (an unterminated
/// last line gets one). Later stages scan a block at once instead of calling per line
/// (research §3.3: matching a block is nearly twice as fast as matching line by line).
/// Bytes are passed through untouched: CRLF, ANSI colours and invalid UTF-8 are the next
/// stages' business.
///
/// A line longer than `lineCap` bytes is cut to its first `lineCap` bytes plus `\n`; the rest
/// is skipped as it streams by, never held, and `cutLines` counts it. Memory is the buffer,
/// however long the input or its lines. The sequence of lines does not depend on
/// `bufferSize` or `readSize`.
///
/// The source is asked for `readSize` bytes at a time, not the whole buffer: a block that
/// fits the CPU's L2 cache is copied in and then scanned by the next stages without a trip
/// to memory. read(2) plus a newline count over 1 GiB ran at 1.8 GB/s with 1 MiB reads and
/// 5.4 GB/s with 128 KiB reads (this project's 2-core EPYC machine).
public final class LineBlockReader {
  /// The longest line kept whole, in bytes without its `\n`.
  public let lineCap: Int
  /// Lines that were longer than `lineCap` and were cut.
  public private(set) var cutLines = 0
  /// Bytes taken from the source so far (after decompression).
  public private(set) var bytesRead: Int64 = 0
  /// The source's warnings (truncated or corrupt compressed streams and the like).
  public var warnings: [String] { source.warnings }

  private let source: ByteSource
  private var buffer: UnsafeMutableRawBufferPointer
  /// Whether the buffer was allocated here (else the caller's, ``init(source:buffer:lineCap:readSize:)``).
  private let ownsBuffer: Bool
  /// Whether the buffer already holds all the bytes (whole lines) and "reading" only moves
  /// `end` on (``init(wholeLines:readSize:bufferSize:)``).
  private let inPlace: Bool
  /// The most bytes the first block waits for (``firstBlockLines``): the buffer's size, or for
  /// lines read in place the size of the buffer a stream's reader has.
  private let firstBlockLimit: Int
  private let readSize: Int
  /// Bytes not yet handed out are `buffer[start..<end]`.
  private var start = 0
  private var end = 0
  /// Inside the uncut rest of a long line, which is dropped up to its `\n`.
  private var skipping = false
  private var sourceEnded = false
  /// Set when the source is followed: a read of 0 bytes then means "nothing yet".
  private let followed: FollowedByteSource?
  /// Whether the last nil from ``nextBlock()`` meant the end (it always does for a source
  /// that is not followed).
  public var ended: Bool { sourceEnded }

  private static let newline: UInt8 = 0x0A

  /// - Parameters:
  ///   - bufferSize: the buffer's size; raised to `lineCap + 1` if smaller so that a line of
  ///     `lineCap` bytes and its `\n` always fit.
  ///   - lineCap: the longest line kept whole.
  ///   - readSize: the most bytes asked of the source at once.
  public init(
    source: ByteSource, bufferSize: Int = 1 << 20, lineCap: Int = 1 << 20, readSize: Int = 128 << 10
  ) {
    precondition(lineCap > 0, "lineCap must be positive")
    self.source = source
    followed = source as? FollowedByteSource
    self.lineCap = lineCap
    self.readSize = max(1, readSize)
    buffer = .allocate(byteCount: max(bufferSize, lineCap + 1), alignment: 64)
    ownsBuffer = true
    inPlace = false
    firstBlockLimit = buffer.count
  }

  /// Reads into the caller's buffer (at least `lineCap + 1` bytes), which it may take back
  /// with each block (``exchangeBuffer(for:)``): a chunk of lines handed to another thread
  /// without a copy.
  public init(source: ByteSource, buffer: UnsafeMutableRawBufferPointer, lineCap: Int, readSize: Int) {
    precondition(lineCap > 0 && buffer.count > lineCap, "the buffer must hold a line of lineCap bytes")
    self.source = source
    followed = source as? FollowedByteSource
    self.lineCap = lineCap
    self.readSize = max(1, readSize)
    self.buffer = buffer
    ownsBuffer = false
    inPlace = false
    firstBlockLimit = buffer.count
  }

  /// Hands out `lines` (whole lines, each ending with `\n` and no longer than a line cap
  /// already applied) in blocks, where they are: as if read `readSize` bytes at a time into a
  /// buffer of `bufferSize` bytes, with the same block ends as a reader of a stream, and no
  /// copy.
  public init(wholeLines lines: UnsafeMutableRawBufferPointer, readSize: Int = 128 << 10, bufferSize: Int = 1 << 20) {
    precondition(lines.last == Self.newline, "whole lines end with a newline")
    source = EmptyByteSource()
    followed = nil
    lineCap = max(1, lines.count)
    self.readSize = max(1, readSize)
    buffer = lines
    ownsBuffer = false
    inPlace = true
    firstBlockLimit = bufferSize
  }

  deinit { if ownsBuffer { buffer.deallocate() } }

  /// The least bytes a block holds while more can be read into the buffer: a reader that
  /// hands its blocks to other threads asks for large ones.
  public var minimumBlock = 0

  /// Gives the caller the buffer that holds the last block handed out (valid as long as the
  /// caller keeps the buffer), and reads on in `replacement`, of the same size, into which the
  /// bytes not yet handed out are copied.
  public func exchangeBuffer(for replacement: UnsafeMutableRawBufferPointer) -> UnsafeMutableRawBufferPointer {
    precondition(!ownsBuffer && !inPlace && replacement.count == buffer.count)
    let count = end - start
    if count > 0 { replacement.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: count) }
    let taken = buffer
    buffer = replacement
    start = 0
    end = count
    return taken
  }

  /// The next block of whole lines, or nil at the end of the input (or, for a followed
  /// source, when no whole line is there yet: see ``ended``). The block is valid until the
  /// next call; it is never empty.
  public func nextBlock() throws(InputError) -> UnsafeRawBufferPointer? {
    while true {
      if skipping {
        if let newline = firstNewline(from: start) {
          start = newline + 1
          skipping = false
        } else {
          start = end
        }
      }
      if !skipping && start < end {
        if let block = completeLines() { return block }
        // What is left is the start of a line no longer than `lineCap`.
        if sourceEnded { return finalLine() }
      } else if sourceEnded {
        return nil
      }
      guard try refill() else { return nil }
    }
  }

  /// Hands out the whole lines at `start` (or the cut first part of a long one), or nil when
  /// the buffered bytes are only the start of a line that may still fit.
  private func completeLines() -> UnsafeRawBufferPointer? {
    let available = end - start
    if available <= lineCap + 1 {
      // No line in here can be longer than the cap: just find the last newline.
      if let last = lastNewline() {
        if wantsMoreLines(upTo: last + 1) { return nil }
        let blockEnd = last + 1 - heldBack(upTo: last + 1)
        return blockEnd > start ? handOut(upTo: blockEnd) : nil
      }
      return available > lineCap ? cutLine() : nil
    }
    // A bigger buffer than the cap needs: check the lines' lengths a cap's reach at a time.
    // Every line before the last newline within `lineCap` bytes of a line start fits.
    var lineStart = start
    while let newline = lastNewline(from: lineStart, upTo: min(end, lineStart + lineCap + 1)) {
      lineStart = newline + 1
    }
    if lineStart > start {
      if wantsMoreLines(upTo: lineStart) { return nil }
      let blockEnd = lineStart - heldBack(upTo: lineStart)
      return blockEnd > start ? handOut(upTo: blockEnd) : nil
    }
    return cutLine()  // the line at `start` is too long, whether its end is here or not
  }

  /// The first block holds at least this many lines when they fit in the buffer (the lines
  /// an ``InputReader`` sniffs, which must be seen together).
  public var firstBlockLines = 0
  private var handedOut = false

  /// Whether a block up to `blockEnd` must wait for more lines (``firstBlockLines``,
  /// ``minimumBlock``) and more can come.
  private func wantsMoreLines(upTo blockEnd: Int) -> Bool {
    guard !sourceEnded, end < buffer.count, followed == nil else { return false }
    if blockEnd - start < minimumBlock { return true }
    guard !handedOut, firstBlockLines > 0, end - start < firstBlockLimit else { return false }
    return NewlineCounter.count(in: UnsafeRawBufferPointer(buffer), start..<blockEnd) < firstBlockLines
  }

  /// The bytes at the end of `buffer[start..<blockEnd]` held for the next block, so that the
  /// block ends where no construct read across lines goes on (``LineEdge``). Not for followed
  /// sources, which are written line by line, nor at the end of the input.
  private func heldBack(upTo blockEnd: Int) -> Int {
    // Room to read the rest after it: a small buffer (tests) holds nothing back.
    guard !sourceEnded, followed == nil, inPlace ? end < buffer.count : end - start + LineEdge.lookBehind <= buffer.count
    else { return 0 }
    return LineEdge.heldBack(UnsafeRawBufferPointer(rebasing: buffer[start..<blockEnd]))
  }

  private func handOut(upTo blockEnd: Int) -> UnsafeRawBufferPointer {
    handedOut = true
    let block = UnsafeRawBufferPointer(rebasing: buffer[start..<blockEnd])
    start = blockEnd
    return block
  }

  /// Hands out the first `lineCap` bytes of the line at `start`, ended by a `\n` written over
  /// the following byte (part of the dropped rest, and not a newline), and skips the rest.
  private func cutLine() -> UnsafeRawBufferPointer {
    let cut = start + lineCap
    buffer[cut] = Self.newline
    cutLines += 1
    skipping = true
    return handOut(upTo: cut + 1)
  }

  /// The last line of an input that does not end with `\n`, with one added.
  private func finalLine() -> UnsafeRawBufferPointer {
    if end == buffer.count { compact() }
    buffer[end] = Self.newline
    end += 1
    return handOut(upTo: end)
  }

  /// Moves the unfinished line to the front and reads more after it; false when a followed
  /// source has nothing yet.
  private func refill() throws(InputError) -> Bool {
    if inPlace {
      if end == buffer.count { sourceEnded = true }
      bytesRead += Int64(min(buffer.count, end + readSize) - end)
      end = min(buffer.count, end + readSize)
      return true
    }
    compact()
    let count = try source.read(
      into: UnsafeMutableRawBufferPointer(rebasing: buffer[end..<min(buffer.count, end + readSize)]))
    if count == 0 {
      if let followed, !followed.ended { return false }
      sourceEnded = true
    } else {
      end += count
      bytesRead += Int64(count)
    }
    return true
  }

  private func compact() {
    guard start > 0, !inPlace else { return }
    let count = end - start
    if count > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + start, count) }
    start = 0
    end = count
  }

  private func firstNewline(from offset: Int) -> Int? {
    guard offset < end else { return nil }
    let base = buffer.baseAddress!
    guard let found = memchr(base + offset, Int32(Self.newline), end - offset) else { return nil }
    return base.distance(to: found)
  }

  /// The last newline in the buffer's bytes `from ..< upTo`, or nil.
  private func lastNewline(from: Int, upTo: Int) -> Int? {
    Bytes.lastNewline(in: UnsafeRawBufferPointer(buffer), from: from, upTo: upTo)
  }

  private func lastNewline() -> Int? { lastNewline(from: start, upTo: end) }
}

/// The source of a reader whose buffer holds the lines already.
private final class EmptyByteSource: ByteSource {
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int { 0 }
  var warnings: [String] { [] }
}
