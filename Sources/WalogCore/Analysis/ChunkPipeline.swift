/// The chunks of a ``ParallelInputReader`` between its threads: jobs to the workers, results
/// back to the merge in file order, behind one lock.
///
/// Workers take a plain file's chunks by number, at most `ahead` beyond the one the merge
/// waits for; a stream's chunks come from its ``StreamChunker`` (bounded by its buffers).
/// The merge publishes its reading mode after each chunk, and workers start from it.
final class ChunkPipeline: @unchecked Sendable {
  struct Done {
    var job: ChunkJob
    var result: ChunkResult
  }

  /// How a stream ended: its source's warnings and the time spent reading it.
  struct StreamEnd {
    var warnings: [String]
    var readNanoseconds: UInt64
  }

  private let condition = ThreadCondition()
  private let source: ChunkSource
  private let ahead: Int
  private var nextIndex = 0
  private var queued: [ChunkJob] = []
  private var queuedHead = 0
  private var streamCount: Int?
  private(set) var streamEnd: StreamEnd?
  private var streamError: (index: Int, error: any Error)?
  private var finished: [Int: Done] = [:]
  private var nextToStitch = 0
  private var mode = ReadingMode(sniffLeft: ChunkReader.sniffLines)
  /// The chunk `mode` is exact for (the one after the last stitched); later chunks start
  /// from a guess: the same mode, with the sniff over (it rarely reaches past a chunk).
  private var modeIsFor = 0
  private var cancelled = false
  private var spareResults: [ChunkResult] = []

  init(source: ChunkSource, ahead: Int) {
    self.source = source
    self.ahead = max(1, ahead)
  }

  // MARK: - Workers

  /// The next chunk to read and the mode to start from; nil when there is none left (or the
  /// reader went away).
  func nextJob() -> (ChunkJob, ReadingMode)? {
    condition.lock()
    defer { condition.unlock() }
    switch source {
    case .file(let file, let lineCap):
      while !cancelled, nextIndex < file.count, nextIndex >= nextToStitch + ahead { condition.wait() }
      guard !cancelled, nextIndex < file.count else { return nil }
      defer { nextIndex += 1 }
      return (ChunkJob(index: nextIndex, file: file, lineCap: lineCap), mode(for: nextIndex))
    case .stream:
      while !cancelled, queuedHead == queued.count, streamCount == nil, streamError == nil { condition.wait() }
      guard !cancelled, queuedHead < queued.count else { return nil }
      let job = queued[queuedHead]
      queuedHead += 1
      if queuedHead == queued.count {
        queued.removeAll(keepingCapacity: true)
        queuedHead = 0
      }
      return (job, mode(for: job.index))
    }
  }

  private func mode(for index: Int) -> ReadingMode {
    guard index != modeIsFor else { return mode }
    var guess = mode
    guess.sniffLeft = 0
    return guess
  }

  /// A result object to fill (recycled from the merge).
  func emptyResult() -> ChunkResult {
    condition.withLock { spareResults.popLast() } ?? ChunkResult()
  }

  func done(_ job: ChunkJob, _ result: ChunkResult) {
    condition.withLock {
      finished[job.index] = Done(job: job, result: result)
      condition.broadcast()
    }
  }

  // MARK: - The stream's chunker

  /// Queues a stream's chunk; false once the reader went away.
  func submit(_ job: ChunkJob) -> Bool {
    condition.withLock {
      guard !cancelled else { return false }
      queued.append(job)
      condition.broadcast()
      return true
    }
  }

  func streamEnded(count: Int, end: StreamEnd) {
    condition.withLock {
      streamCount = count
      streamEnd = end
      condition.broadcast()
    }
  }

  /// The stream failed after `index` chunks: the merge raises `error` once it has merged them.
  func streamFailed(at index: Int, error: any Error, end: StreamEnd) {
    condition.withLock {
      streamError = (index, error)
      streamEnd = end
      condition.broadcast()
    }
  }

  // MARK: - The merge

  /// The next chunk in file order once it is read; nil at the end, or when a stop was
  /// requested (SIGINT: what was read so far is the input).
  func nextInOrder() throws -> Done? {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if let done = finished.removeValue(forKey: nextToStitch) {
        nextToStitch += 1
        condition.broadcast()
        if let error = done.result.error { throw error }
        return done
      }
      if cancelled { return nil }
      switch source {
      case .file(let file, _):
        if nextToStitch >= file.count { return nil }
      case .stream:
        if let failure = streamError, failure.index == nextToStitch { throw failure.error }
        if let count = streamCount, nextToStitch >= count { return nil }
      }
      if StopRequest.isRequested {
        cancelLocked()
        return nil
      }
      condition.wait(seconds: 0.1)
    }
  }

  /// The merge is done with a chunk: its buffers go back, and workers start from `mode`.
  func stitched(_ done: Done, mode: ReadingMode) {
    if let buffer = done.job.buffer, case .stream(let chunker) = source { chunker.recycle(buffer) }
    done.result.reset()
    condition.withLock {
      spareResults.append(done.result)
      self.mode = mode
      modeIsFor = done.job.index + 1
    }
  }

  func cancel() { condition.withLock { cancelLocked() } }

  private func cancelLocked() {
    cancelled = true
    condition.broadcast()
    if case .stream(let chunker) = source { chunker.cancel() }
  }
}
