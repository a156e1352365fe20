/// Runs an event source on a thread of its own and hands its events over in batches through a
/// bounded queue, in the source's order.
///
/// With several inputs each reader (reading, prefilter, PCRE2) runs on its own thread, in
/// parallel with the others; the merge, the file log's pairing and the stream attribution run
/// on one more, so that the calling thread only analyses. The order of events is the
/// source's, so the report does not change.
final class ThreadedEventSource: EventSource {
  private let queue: BatchQueue
  private var batch: [Event] = []
  private var index = 0

  static let batchSize = 256
  static let depth = 4

  /// Inputs at most this many are read on threads of their own (each thread holds its
  /// reader's buffer); with more, thread switching gains nothing on two cores.
  static let maxThreadedInputs = 8

  /// - Parameter source: used by the thread alone from now on, until ``next()`` returns nil
  ///   or throws; only then may the caller read what it holds (a reader's summary).
  init(_ source: any EventSource) {
    queue = BatchQueue(depth: Self.depth)
    let work = SourceWork(source: source, queue: queue)
    WorkerThread.start { work.run() }
  }

  deinit { queue.cancel() }

  func next() throws -> Event? {
    if index == batch.count {
      guard let next = try queue.take() else { return nil }
      batch = next
      index = 0
    }
    defer { index += 1 }
    return batch[index]
  }
}

private final class SourceWork: @unchecked Sendable {
  var source: any EventSource
  let queue: BatchQueue

  init(source: any EventSource, queue: BatchQueue) {
    self.source = source
    self.queue = queue
  }

  func run() {
    var batch: [Event] = []
    batch.reserveCapacity(ThreadedEventSource.batchSize)
    do {
      while let event = try source.next() {
        batch.append(event)
        if batch.count == ThreadedEventSource.batchSize {
          guard queue.put(batch) else { return }
          batch.removeAll(keepingCapacity: true)
        }
      }
      if !batch.isEmpty, !queue.put(batch) { return }
      queue.finish(error: nil)
    } catch {
      if !batch.isEmpty, !queue.put(batch) { return }
      queue.finish(error: error)
    }
  }
}

/// Batches in order, at most `depth` waiting, behind one lock.
private final class BatchQueue: @unchecked Sendable {
  private let condition = ThreadCondition()
  private var batches: [[Event]] = []
  private let depth: Int
  private var done = false
  private var cancelled = false
  private var error: (any Error)?

  init(depth: Int) { self.depth = depth }

  /// Waits for room; false once the consumer is gone.
  func put(_ batch: [Event]) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while batches.count >= depth && !cancelled { condition.wait() }
    guard !cancelled else { return false }
    batches.append(batch)
    condition.broadcast()
    return true
  }

  func finish(error: (any Error)?) {
    condition.lock()
    done = true
    self.error = error
    condition.broadcast()
    condition.unlock()
  }

  /// The next batch; nil at the end; the reader's error after the events before it.
  func take() throws -> [Event]? {
    condition.lock()
    defer { condition.unlock() }
    while batches.isEmpty && !done { condition.wait() }
    if !batches.isEmpty {
      condition.broadcast()
      return batches.removeFirst()
    }
    if let error { throw error }
    return nil
  }

  func cancel() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    condition.unlock()
  }
}
