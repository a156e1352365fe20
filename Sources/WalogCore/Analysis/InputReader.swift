#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One input's events, read on demand on the calling thread: blocks of whole lines from the
/// Input stage, each read by a ``ChunkReader`` and put in place by a ``ChunkStitcher`` at once.
/// For followed inputs (`walog watch`), several inputs at a time, and `--threads 1`; one large
/// input is read on every core by ``ParallelInputReader``, with the same two parts.
public final class InputReader: EventSource {
  /// Time spent per stage, in nanoseconds, for `--stats`.
  public var timings: StageTimings { stitcher.timings + StageTimings(read: readNanoseconds) }
  public var summary: InputSummary { finalSummary ?? summarySoFar }

  private let reader: LineBlockReader
  private let chunkReader: ChunkReader
  private var stitcher: ChunkStitcher
  private var events: [Event] = []
  private var eventIndex = 0
  private var finished = false
  private var finalSummary: InputSummary?
  private var readNanoseconds: UInt64 = 0
  private let progress: (@Sendable (Int64) -> Void)?
  /// The source, when it is followed as it grows.
  private let followed: FollowedByteSource?
  private var bytesReported: Int64 = 0
  private var cutLinesReported = 0
  /// Two results in turn: one filled while the other is stitched.
  private var spare = ChunkResult()

  public init(
    index: Int, name: String, source: ByteSource, rules: RuleSet, options: EnvelopeOptions,
    range: TimeRange, bufferSize: Int = 1 << 20, lineCap: Int = 1 << 20,
    progress: (@Sendable (Int64) -> Void)? = nil
  ) {
    self.progress = progress
    reader = LineBlockReader(source: source, bufferSize: bufferSize, lineCap: lineCap)
    // The first block holds the lines the reader sniffs, so that a wrapped record among them
    // is seen before any line is read.
    reader.firstBlockLines = ChunkReader.sniffLines
    followed = source as? FollowedByteSource
    chunkReader = ChunkReader(index: index, name: name, rules: rules, options: options)
    chunkReader.begin(ChunkResult(), first: true, mode: ReadingMode())
    stitcher = ChunkStitcher(name: name, options: options, range: range)
  }

  public var status: SourceStatus {
    if finished { return .ended }
    return followed?.isQuiet == true ? .quiet : .waiting
  }

  public var eventsOutsideRange: Int { stitcher.eventsOutsideRange }

  /// Warnings and errors no rule explained.
  var unexplained: ProblemLines { stitcher.unexplained }

  /// What was read so far, for a summary before the end of a followed input.
  public var summarySoFar: InputSummary {
    var summary = stitcher.finished(readerWarnings: reader.warnings)
    summary.bytes = Int(reader.bytesRead)
    return summary
  }

  public func next() throws -> Event? {
    while eventIndex >= events.count {
      if finished { return nil }
      if StopRequest.isRequested {  // SIGINT or SIGTERM: what was read so far is the input
        finish()
        return nil
      }
      events.removeAll(keepingCapacity: true)
      eventIndex = 0
      let start = Clock.now
      let block = try reader.nextBlock()
      readNanoseconds += Clock.now - start
      reportProgress()
      guard let block else {
        if reader.ended { finish() }
        return nil
      }
      chunkReader.read(block)
      let result = chunkReader.takeResult(into: spare)
      result.cutLines = reader.cutLines - cutLinesReported
      cutLinesReported = reader.cutLines
      stitcher.add(result, to: &events)
      spare = result
    }
    defer { eventIndex += 1 }
    return events[eventIndex]
  }

  /// Tells the progress hook how many bytes this block added (once per block, not per line).
  private func reportProgress() {
    guard let progress else { return }
    let total = reader.bytesRead
    if total > bytesReported { progress(total - bytesReported) }
    bytesReported = total
  }

  private func finish() {
    finished = true
    finalSummary = summarySoFar
  }
}

/// Nanoseconds spent in each stage of reading one input.
public struct StageTimings: Sendable {
  /// Reading, decompression and line splitting.
  public var read: UInt64 = 0
  /// The literal prefilter over whole blocks.
  public var prefilter: UInt64 = 0
  /// Envelope parsing and PCRE2 on candidate lines.
  public var match: UInt64 = 0

  public static func + (lhs: StageTimings, rhs: StageTimings) -> StageTimings {
    StageTimings(read: lhs.read + rhs.read, prefilter: lhs.prefilter + rhs.prefilter, match: lhs.match + rhs.match)
  }
}

/// A monotonic clock in nanoseconds.
enum Clock {
  static var now: UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
  }
}
