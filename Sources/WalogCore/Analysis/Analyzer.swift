#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What to analyse and how: the core's view of `walog analyze`'s flags.
public struct AnalysisRequest: Sendable {
  public var paths: [String]
  /// A rule file replacing the built-in rules, or nil for the built-in ones.
  public var rules: String?
  public var extraRules: [String]
  public var timeZone: LogZone?
  public var range: TimeRange
  public var lineCap: Int
  public var bufferSize: Int
  public var limits: InputLimits
  /// The id of a diagnosis whose measurements the analysis reports (`--why`), or nil.
  public var why: String?
  /// Called after each block read with the bytes read since the last call (decompressed,
  /// all inputs together), for a progress display; nil for none.
  public var progress: (@Sendable (Int64) -> Void)?
  /// Threads that read one input's chunks (`--threads`); 1 reads it on the calling thread.
  public var threads: Int
  /// Bytes per chunk of one input read on several threads; nil for the defaults
  /// (``ParallelInputReader``). Tests cut inputs into chunks of a few bytes.
  public var chunkSize: Int?

  public init(
    paths: [String], rules: String? = nil, extraRules: [String] = [], timeZone: LogZone? = nil,
    range: TimeRange = TimeRange(), lineCap: Int = 1 << 20, bufferSize: Int = 1 << 20,
    limits: InputLimits = .default, why: String? = nil, progress: (@Sendable (Int64) -> Void)? = nil,
    threads: Int = AnalysisRequest.defaultThreads, chunkSize: Int? = nil
  ) {
    self.why = why
    self.threads = max(1, threads)
    self.chunkSize = chunkSize
    self.paths = paths
    self.rules = rules
    self.extraRules = extraRules
    self.timeZone = timeZone
    self.range = range
    self.lineCap = lineCap
    self.bufferSize = bufferSize
    self.limits = limits
    self.progress = progress
  }
}

extension AnalysisRequest {
  /// The machine's cores (online processors).
  public static var defaultThreads: Int {
    return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  }
}

/// The result of a run: the analysis, and where the time went.
public struct AnalysisRun: Sendable {
  public var analysis: Analysis
  public var stats: RunStats
}

/// Counters for `--stats`.
public struct RunStats: Sendable {
  public var inputs: [InputSummary]
  public var timings: StageTimings
  /// Nanoseconds in the stages after matching (merging, cycles, diagnoses, reports excluded).
  public var analysisNanoseconds: UInt64
  public var totalNanoseconds: UInt64
  /// What inflates gzip in this process (docs/install.md: ISA-L when installed, else zlib).
  public var gzipEngine: GzipEngine = .inUse
}

/// Runs the whole pipeline over the requested inputs.
public enum Analyzer {
  public static func run(_ request: AnalysisRequest) throws -> AnalysisRun {
    let rules = try RuleSet.load(rules: request.rules, extraRules: request.extraRules)
    return try run(request, rules: rules, diagnoses: try rules.diagnosisRules())
  }

  /// Runs with rules already loaded (rule tests run many logs through one rule set).
  public static func run(_ request: AnalysisRequest, rules: RuleSet, diagnoses: [Diagnosis]) throws
    -> AnalysisRun
  {
    let started = Clock.now
    var skipped: [String] = []
    let sources = try InputCatalog.expand(paths: request.paths, limits: request.limits, skipped: &skipped)
    var readers: [any InputEvents] = []
    for (index, source) in sources.enumerated() {
      let options = EnvelopeOptions(
        defaultZone: request.timeZone, fileModified: source.modificationTime, rules: rules)
      // One input: cut into chunks read on every core (lines longer than a chunk edge's look
      // behind are cut the same way in chunks and whole).
      if sources.count == 1, request.lineCap >= LineEdge.lookBehind,
        ParallelInputReader.suits(source, threads: request.threads)
      {
        readers.append(
          try ParallelInputReader(
            index: index, input: source, rules: rules, options: options, range: request.range,
            lineCap: request.lineCap, threads: request.threads, chunkSize: request.chunkSize,
            progress: request.progress))
        continue
      }
      readers.append(
        InputReader(
          index: index, name: source.name, source: try source.open(), rules: rules, options: options,
          range: request.range, bufferSize: request.bufferSize, lineCap: request.lineCap,
          progress: request.progress))
    }
    // Several inputs: each is read on its own thread while this one analyses (a pipe's reader
    // looks for Ctrl-C itself, whatever thread the signal interrupts: ``FileByteSource``).
    let threaded = request.threads > 1 && (2...ThreadedEventSource.maxThreadedInputs).contains(readers.count)
    let sourcesInOrder: [any EventSource] =
      threaded ? readers.map { ThreadedEventSource($0) } : readers
    var pipeline: any EventSource = StreamAttributor(
      DetailPairer(try EventMerger(sourcesInOrder), policy: rules.policies.defaults), conventions: rules.conventions)
    // The merge and attribution on a thread of their own: this one only analyses.
    if request.threads > 1 { pipeline = ThreadedEventSource(pipeline) }
    var builder = AnalysisBuilder(rules: rules, diagnoses: diagnoses, traced: request.why)
    while let event = try pipeline.next() { builder.add(event) }

    var warnings: [String] = []
    if !skipped.isEmpty {
      let named = skipped.prefix(10).joined(separator: ", ") + (skipped.count > 10 ? " and \(skipped.count - 10) more" : "")
      warnings.append(
        skipped.count == 1
          ? "skipped 1 file that is neither text nor a format walog reads: \(named)"
          : "skipped \(skipped.count) files that are neither text nor a format walog reads: \(named)")
    }
    let outside = readers.reduce(0) { $0 + $1.eventsOutsideRange }
    if outside > 0 {
      warnings.append("\(outside) events outside --since/--until (or without a time) were left out")
    }
    let inputs = readers.map(\.summary)
    if let sentence = Analysis.noLifecycleEvent(inputs) { warnings.append(sentence) }
    var analysis = builder.analysis(
      inputs: inputs, rules: rules.info, warnings: warnings, walogVersion: walogVersion)
    analysis.addUnexplained(readers.map(\.unexplained))
    let timings = readers.reduce(StageTimings()) { $0 + $1.timings }
    let total = Clock.now - started
    let stages = timings.read + timings.prefilter + timings.match
    return AnalysisRun(
      analysis: analysis,
      stats: RunStats(
        inputs: inputs, timings: timings, analysisNanoseconds: total > stages ? total - stages : 0,
        totalNanoseconds: total))
  }
}

/// An input's events and what its reading counted: ``InputReader``, ``ParallelInputReader``.
protocol InputEvents: EventSource {
  var summary: InputSummary { get }
  var timings: StageTimings { get }
  var eventsOutsideRange: Int { get }
  var unexplained: ProblemLines { get }
}

extension InputReader: InputEvents {}
extension ParallelInputReader: InputEvents {}
