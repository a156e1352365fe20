/// Cuts a stream (standard input, a decompressed file) into chunks of whole lines for a
/// ``ParallelInputReader``, on a thread of its own: a ``LineBlockReader`` reads into a buffer of
/// a fixed pool until it holds `chunkSize` bytes of lines, hands that buffer over as a chunk,
/// and reads on in the next (only the unfinished last line is copied). Lines are cut at the line
/// cap here, and chunks end where blocks may (``LineEdge``), the first one past the lines a
/// reader sniffs. Memory is the pool, whatever the stream's size.
final class StreamChunker: @unchecked Sendable {
  private let source: ByteSource
  private let chunkSize: Int
  private let lineCap: Int
  private let pool: BufferPool

  static let readSize = 256 << 10

  init(source: ByteSource, chunkSize: Int, lineCap: Int, buffers: Int) {
    self.source = source
    self.chunkSize = max(1, chunkSize)
    self.lineCap = lineCap
    // Room for a chunk, an unfinished line after it, and a read.
    pool = BufferPool(count: max(2, buffers), size: self.chunkSize + lineCap + LineEdge.lookBehind + Self.readSize)
  }

  /// Reads the stream to its end (or until `pipeline` is cancelled), submitting each chunk.
  func run(into pipeline: ChunkPipeline) {
    guard let first = pool.take() else { return }
    let reader = LineBlockReader(source: source, buffer: first, lineCap: lineCap, readSize: Self.readSize)
    reader.minimumBlock = chunkSize
    reader.firstBlockLines = ChunkReader.sniffLines
    var index = 0
    var bytesBefore: Int64 = 0
    var cutBefore = 0
    var readTime: UInt64 = 0
    do {
      while true {
        let start = Clock.now
        let next = try reader.nextBlock()
        readTime += Clock.now - start
        guard let block = next, let replacement = pool.take() else { break }
        let owned = reader.exchangeBuffer(for: replacement)
        let offset = block.baseAddress! - UnsafeRawPointer(owned.baseAddress!)
        let job = ChunkJob(
          index: index, lines: UnsafeMutableRawBufferPointer(rebasing: owned[offset..<offset + block.count]),
          buffer: owned, bytes: Int(reader.bytesRead - bytesBefore), cutLines: reader.cutLines - cutBefore)
        bytesBefore = reader.bytesRead
        cutBefore = reader.cutLines
        guard pipeline.submit(job) else {
          pool.recycle(owned)
          break
        }
        index += 1
      }
      pipeline.streamEnded(count: index, end: .init(warnings: reader.warnings, readNanoseconds: readTime))
    } catch {
      pipeline.streamFailed(at: index, error: error, end: .init(warnings: reader.warnings, readNanoseconds: readTime))
    }
  }

  func recycle(_ buffer: UnsafeMutableRawBufferPointer) { pool.recycle(buffer) }
  func cancel() { pool.cancel() }
}

/// A fixed set of equal buffers, taken and given back by several threads.
final class BufferPool: @unchecked Sendable {
  private let condition = ThreadCondition()
  private let all: [UnsafeMutableRawBufferPointer]
  private var free: [UnsafeMutableRawBufferPointer]
  private var cancelled = false

  init(count: Int, size: Int) {
    all = (0..<count).map { _ in .allocate(byteCount: size, alignment: 64) }
    free = all
  }

  deinit { all.forEach { $0.deallocate() } }

  /// A free buffer, once one is; nil once the pool is cancelled.
  func take() -> UnsafeMutableRawBufferPointer? {
    condition.lock()
    defer { condition.unlock() }
    while free.isEmpty && !cancelled { condition.wait() }
    return cancelled ? nil : free.removeLast()
  }

  func recycle(_ buffer: UnsafeMutableRawBufferPointer) {
    condition.withLock {
      free.append(buffer)
      condition.broadcast()
    }
  }

  func cancel() {
    condition.withLock {
      cancelled = true
      condition.broadcast()
    }
  }
}
