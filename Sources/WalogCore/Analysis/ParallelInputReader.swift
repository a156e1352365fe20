#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One input read on every core: cut into chunks of whole lines (``FileChunks`` for a plain
/// file, read by each thread with `pread`; ``StreamChunker`` for standard input and
/// decompressed streams, read on a thread of its own), each chunk read by a ``ChunkReader``
/// on one of `threads` worker threads, and the results put back together in file order by a
/// ``ChunkStitcher`` on the calling thread, which hands out the events.
///
/// A chunk is read in the reading mode the merge last knew (``ReadingMode``); when the lines
/// before it turn out to have left another one that matters (a wrapped record seen, a rule
/// switched off by PCRE2's match limit), the calling thread reads that chunk again, in order.
/// The report is byte for byte the one a single reader gives (the property tests compare
/// them over random chunk sizes and thread counts).
///
/// Memory is bounded: at most ``maxAhead`` chunks are read ahead of the merge, and a stream's
/// chunks live in a fixed pool of buffers.
public final class ParallelInputReader: EventSource {
  private let pipeline: ChunkPipeline
  private var stitcher: ChunkStitcher
  private let progress: (@Sendable (Int64) -> Void)?
  private var events: [Event] = []
  private var eventIndex = 0
  private var finished = false
  private var finalSummary: InputSummary?
  /// Reads a chunk again on this thread, made at the first such chunk.
  private var redoReader: ChunkReader?
  private let makeReader: @Sendable () -> ChunkReader
  private var readerWarnings: [String] = []
  private var readNanoseconds: UInt64 = 0
  public private(set) var redoneChunks = 0

  /// Chunks read ahead of the merge at most, per worker thread.
  static let aheadPerThread = 2
  /// A plain file's chunks: large enough that the look at each edge (``FileChunks``) costs
  /// little, small enough that their events stay few.
  public static let fileChunkSize = 4 << 20
  /// A stream's chunks: each is a buffer of the pool.
  public static let streamChunkSize = 1 << 20

  /// - Parameters:
  ///   - chunkSize: bytes per chunk (nil: the defaults above; tests use a few bytes).
  public init(
    index: Int, input: InputSource, rules: RuleSet, options: EnvelopeOptions, range: TimeRange, lineCap: Int,
    threads: Int, chunkSize: Int? = nil, progress: (@Sendable (Int64) -> Void)? = nil
  ) throws(InputError) {
    let name = input.name
    let plan = SharedPrefilterPlan()
    makeReader = { ChunkReader(index: index, name: name, rules: rules, options: options, sharedPlan: plan) }
    stitcher = ChunkStitcher(name: name, options: options, range: range)
    self.progress = progress
    let source: ChunkSource
    let workers: Int
    if let file = try FileChunks.plainFile(input, chunkSize: chunkSize ?? Self.fileChunkSize, lineCap: lineCap) {
      source = .file(file, lineCap: lineCap)
      workers = max(1, threads)
    } else {
      // The chunker decompresses, a core's work of its own: it is one of the threads.
      workers = max(1, threads - 1)
      source = .stream(
        StreamChunker(
          source: try input.open(), chunkSize: chunkSize ?? Self.streamChunkSize, lineCap: lineCap,
          buffers: workers * Self.aheadPerThread + 2))
    }
    pipeline = ChunkPipeline(source: source, ahead: workers * Self.aheadPerThread)
    for _ in 0..<workers {
      let work = ChunkWorker(pipeline: pipeline, reader: makeReader)
      WorkerThread.start { work.run() }
    }
    if case .stream(let chunker) = source {
      let pipeline = pipeline
      WorkerThread.start { chunker.run(into: pipeline) }
    }
  }

  deinit { pipeline.cancel() }

  /// Whether `input` is read in chunks by `threads` threads: a file on disk (plain,
  /// compressed or an archive's entry), whose bytes are all there. Standard input and FIFOs
  /// are read line by line as they come (`journalctl -f | walog analyze`): a chunk would wait
  /// for a megabyte of a live stream, and Ctrl-C must report the lines read so far.
  ///
  /// A compressed file only when two threads are left besides the one that decompresses:
  /// with one, reading the stream as it is inflated (``ReadAheadByteSource``) is faster than a
  /// chunk pipeline around a single worker (the benchmark's `.gz` on two cores, 0.81 s
  /// against 0.89 s).
  static func suits(_ input: InputSource, threads: Int) -> Bool {
    guard threads > 1 else { return false }
    switch input.location {
    case .standardInput: return false
    case .archiveEntry(let archive, _, _): return threads > 2 && isRegularFile(archive)
    case .file(let path): return isRegularFile(path) && (threads > 2 || FileChunks.isPlainText(path))
    }
  }

  private static func isRegularFile(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
  }

  public var summary: InputSummary { finalSummary ?? stitcher.finished(readerWarnings: readerWarnings) }
  public var timings: StageTimings { stitcher.timings + StageTimings(read: readNanoseconds) }
  public var eventsOutsideRange: Int { stitcher.eventsOutsideRange }
  var unexplained: ProblemLines { stitcher.unexplained }

  public func next() throws -> Event? {
    while eventIndex >= events.count {
      if finished { return nil }
      events.removeAll(keepingCapacity: true)
      eventIndex = 0
      guard let done = try pipeline.nextInOrder() else {
        finish()
        return nil
      }
      if !stitcher.accepts(done.result) { redo(done) }
      stitcher.add(done.result, to: &events)
      readerWarnings = Self.merged(readerWarnings, done.result.readerWarnings)
      pipeline.stitched(done, mode: stitcher.mode)
      progress?(Int64(done.result.bytes))
    }
    defer { eventIndex += 1 }
    return events[eventIndex]
  }

  /// Reads a chunk again on this thread, in the mode the lines before it left.
  private func redo(_ done: ChunkPipeline.Done) {
    let reader = redoReader ?? makeReader()
    redoReader = reader
    redoneChunks += 1
    ChunkWorker.read(done.job, with: reader, into: done.result, mode: stitcher.mode)
  }

  private func finish() {
    finished = true
    if let streamEnd = pipeline.streamEnd {
      readerWarnings = Self.merged(readerWarnings, streamEnd.warnings)
      readNanoseconds = streamEnd.readNanoseconds
    }
    finalSummary = stitcher.finished(readerWarnings: readerWarnings)
  }

  /// `known` and the warnings in `more` it does not hold yet (chunks of one file may each find
  /// that it shrank).
  private static func merged(_ known: [String], _ more: [String]) -> [String] {
    more.isEmpty ? known : known + more.filter { !known.contains($0) }
  }
}

/// Where a parallel reader's chunks come from.
enum ChunkSource {
  case file(FileChunks, lineCap: Int)
  case stream(StreamChunker)
}

/// One chunk to read: its number, and for a stream the buffer that holds its lines.
struct ChunkJob: @unchecked Sendable {
  var index: Int
  var file: FileChunks?
  var lineCap = 0
  /// A stream's lines, whole and already cut, in a buffer of the chunker's pool.
  var lines: UnsafeMutableRawBufferPointer?
  var buffer: UnsafeMutableRawBufferPointer?
  var bytes = 0
  var cutLines = 0
}

/// A worker thread: takes chunks, reads each with its own ``ChunkReader``, hands results back.
final class ChunkWorker: @unchecked Sendable {
  private let pipeline: ChunkPipeline
  private let makeReader: @Sendable () -> ChunkReader

  init(pipeline: ChunkPipeline, reader: @escaping @Sendable () -> ChunkReader) {
    self.pipeline = pipeline
    makeReader = reader
  }

  func run() {
    let reader = makeReader()
    while let (job, mode) = pipeline.nextJob() {
      let result = pipeline.emptyResult()
      Self.read(job, with: reader, into: result, mode: mode)
      pipeline.done(job, result)
    }
  }

  /// Reads chunk `job` into `result`, starting from `mode`.
  static func read(_ job: ChunkJob, with reader: ChunkReader, into result: ChunkResult, mode: ReadingMode) {
    reader.begin(result, first: job.index == 0, mode: mode)
    let start = Clock.now
    do {
      if let file = job.file {
        if let range = try file.range(of: job.index) {
          let source = file.source(for: range)
          let lines = LineBlockReader(source: source, lineCap: job.lineCap)
          if job.index == 0 { lines.firstBlockLines = ChunkReader.sniffLines }
          while let block = try lines.nextBlock() { reader.read(block) }
          result.bytes = Int(lines.bytesRead)
          result.cutLines = lines.cutLines
          result.readerWarnings = source.warnings
        }
      } else if let text = job.lines {
        let lines = LineBlockReader(wholeLines: text)
        if job.index == 0 { lines.firstBlockLines = ChunkReader.sniffLines }
        while let block = try lines.nextBlock() { reader.read(block) }
        result.bytes = job.bytes
        result.cutLines = job.cutLines
      }
    } catch {
      result.error = error
    }
    reader.end()
    result.timings.read += Clock.now - start - result.timings.prefilter - result.timings.match
  }
}
