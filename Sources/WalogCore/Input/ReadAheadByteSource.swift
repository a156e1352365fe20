/// Reads its upstream on a thread of its own into a bounded queue of blocks, so that
/// decompression (one core) overlaps with the analysis of the bytes already inflated (the
/// other core).
///
/// Without it a `.gz` ran at inflate time plus analysis time; with it, at the slower of the
/// two. Memory is `depth` blocks whatever the input's size. Bytes come out in order and
/// unchanged, so the report does not depend on it; an upstream error is raised after the
/// bytes read before it, as the upstream itself would. Dropping it stops the thread and
/// waits for it to end (after the block it is reading), so nothing outlives its reader.
final class ReadAheadByteSource: ByteSource {
  private let queue: BlockQueue
  private var current: BlockQueue.Block?
  private var offset = 0

  static let blockSize = 1 << 18
  static let depth = 8

  init(upstream: ByteSource, blockSize: Int = ReadAheadByteSource.blockSize, depth: Int = ReadAheadByteSource.depth) {
    queue = BlockQueue(blockSize: blockSize, depth: depth)
    let producer = Producer(upstream: upstream, queue: queue)
    WorkerThread.start { producer.run() }
  }

  deinit {
    if let current { queue.recycle(current) }
    queue.cancelAndJoin()
  }

  var warnings: [String] { queue.warnings }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    guard let target = buffer.baseAddress, buffer.count > 0 else { return 0 }
    if let block = current, offset == block.count {
      queue.recycle(block)
      current = nil
    }
    if current == nil {
      guard let block = try queue.take() else { return 0 }
      current = block
      offset = 0
    }
    let block = current!
    let count = min(buffer.count, block.count - offset)
    target.copyMemory(from: block.memory.baseAddress! + offset, byteCount: count)
    offset += count
    return count
  }
}

/// The upstream, owned by the read-ahead thread alone once it starts, and released by it
/// before the thread ends.
private final class Producer: @unchecked Sendable {
  private var source: ByteSource?
  let queue: BlockQueue

  init(upstream: ByteSource, queue: BlockQueue) {
    source = upstream
    self.queue = queue
  }

  func run() {
    if let upstream = source { pump(upstream) }
    source = nil
    queue.producerEnded()
  }

  private func pump(_ upstream: ByteSource) {
    while let block = queue.emptyBlock() {
      var filled = block
      do {
        filled.count = try upstream.read(into: block.memory)
      } catch {
        queue.finish(error: error, warnings: upstream.warnings)
        return
      }
      if filled.count == 0 {
        queue.recycle(block)
        queue.finish(error: nil, warnings: upstream.warnings)
        return
      }
      queue.put(filled, warnings: upstream.warnings)
    }
  }
}

/// Full blocks in order and empty ones to reuse, behind one lock.
private final class BlockQueue: @unchecked Sendable {
  struct Block {
    let memory: UnsafeMutableRawBufferPointer
    var count = 0
  }

  private let condition = ThreadCondition()
  private var full: [Block] = []
  private var fullHead = 0
  private var empty: [Block]
  private var all: [UnsafeMutableRawBufferPointer]
  private var done = false
  private var cancelled = false
  private var producerRunning = true
  private var error: InputError?
  private var latestWarnings: [String] = []

  init(blockSize: Int, depth: Int) {
    all = (0..<depth).map { _ in .allocate(byteCount: blockSize, alignment: 64) }
    empty = all.map { Block(memory: $0) }
  }

  deinit { all.forEach { $0.deallocate() } }

  var warnings: [String] {
    condition.lock()
    defer { condition.unlock() }
    return latestWarnings
  }

  /// An empty block for the producer; nil once the reader is gone.
  func emptyBlock() -> Block? {
    condition.lock()
    defer { condition.unlock() }
    while empty.isEmpty && !cancelled { condition.wait() }
    return cancelled ? nil : empty.removeLast()
  }

  func put(_ block: Block, warnings: [String]) {
    condition.lock()
    full.append(block)
    latestWarnings = warnings
    condition.broadcast()
    condition.unlock()
  }

  func finish(error: InputError?, warnings: [String]) {
    condition.lock()
    done = true
    self.error = error
    latestWarnings = warnings
    condition.broadcast()
    condition.unlock()
  }

  /// The next full block in order; nil at the end; the upstream's error once the blocks
  /// read before it are taken.
  func take() throws(InputError) -> Block? {
    condition.lock()
    defer { condition.unlock() }
    while fullHead == full.count && !done { condition.wait() }
    if fullHead < full.count {
      let block = full[fullHead]
      fullHead += 1
      if fullHead == full.count {
        full.removeAll(keepingCapacity: true)
        fullHead = 0
      }
      return block
    }
    if let error { throw error }
    return nil
  }

  func recycle(_ block: Block) {
    condition.lock()
    empty.append(Block(memory: block.memory))
    condition.broadcast()
    condition.unlock()
  }

  /// The reader is gone: the producer stops at its next block, and this waits until it has.
  func cancelAndJoin() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    while producerRunning { condition.wait() }
    condition.unlock()
  }

  /// Called by the producer last, once it holds nothing of the upstream.
  func producerEnded() {
    condition.lock()
    producerRunning = false
    condition.broadcast()
    condition.unlock()
  }
}
