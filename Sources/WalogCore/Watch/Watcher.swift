#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What to watch and how: the core's view of `walog watch`'s flags.
public struct WatchRequest: Sendable {
  /// Files or folders to follow; empty for standard input.
  public var paths: [String]
  /// False for `--no-follow`: read what is there, through the same inputs as `analyze`
  /// (compressed files and archives too), and stop at the end.
  public var follow = true
  /// Where following starts in files that exist (`--from-start`: at their beginning).
  public var start: FollowedFile.Start = .end
  /// `--since`: read files from their start, keeping this many seconds before their last line.
  public var since: Double?
  public var timeZone: LogZone?
  public var lineCap: Int = 1 << 20
  public var limits: InputLimits = .default
  /// Seconds a stream must be healthy before its findings are resolved.
  public var resolveAfter: Double = 600
  /// Wall-clock seconds without a byte after which held-back events are handed out.
  public var quietSpell: Double = 0.25
  /// Wall-clock seconds between two ``Watcher/Observer/snapshot(_:)`` calls.
  public var snapshotEvery: Double = 15

  public init(paths: [String]) { self.paths = paths }
}

/// The state of a watch at one moment, for the metrics file.
public struct WatchSnapshot: Sendable {
  /// The analysis so far.
  public var analysis: Analysis
  /// Findings alerted and not resolved.
  public var active: [Finding]
  /// Findings alerted and since resolved.
  public var resolved: [Finding]
  /// The time of the latest line that printed one.
  public var lastLineTime: LogTime?
}

/// Runs the one pipeline of `analyze` over inputs that are followed, and reports findings
/// the moment they hold (``AlertPolicy``), snapshots on a timer, and the analysis at the end.
///
/// The loop never blocks for long: reads return at once when no line is there, and it waits
/// in `poll(2)` (pipes) or on a short timer (files) between lines, so held-back events are
/// flushed, quiet streams resolve on the wall clock, and SIGINT/SIGTERM end it promptly.
public final class Watcher {
  /// Where alerts and snapshots go (printing, the `--exec` hook, the metrics file).
  public struct Observer {
    public var alert: (Alert) -> Void
    public var snapshot: (WatchSnapshot) -> Void
    public init(alert: @escaping (Alert) -> Void, snapshot: @escaping (WatchSnapshot) -> Void) {
      self.alert = alert
      self.snapshot = snapshot
    }
  }

  private let request: WatchRequest
  private let rules: RuleSet
  /// The rules' files and hash, made once: every evaluation's analysis names them, and hashing
  /// the rule texts each time was most of an evaluation's cost.
  private let ruleInfo: RuleSetInfo
  private var readers: [InputReader] = []
  private var polled: [Int32] = []
  private var pipeline: any EventSource
  private var builder: AnalysisBuilder
  private var policy: AlertPolicy
  private var health: StreamHealth
  /// The log's latest time, and the wall clock when it last moved.
  private var logSeconds: LogTime?
  private var logSecondsAt: UInt64 = 0

  /// Time between evaluations while events stream in without a pause.
  static let floodEvaluation: UInt64 = 500_000_000
  /// Least time between two evaluations after a pause (so a burst is judged as a whole).
  static let pauseEvaluation: UInt64 = 20_000_000
  /// How long to wait for input before looking at the clocks and files again.
  static let idleWait: Int32 = 50

  public init(_ request: WatchRequest, rules: RuleSet, diagnoses: [Diagnosis]) throws {
    self.request = request
    self.rules = rules
    ruleInfo = rules.info
    let options = EnvelopeOptions(defaultZone: request.timeZone, rules: rules)
    var sources: [any EventSource] = []
    if request.follow {
      let followed = try WatchInputs.followed(
        paths: request.paths, start: request.since == nil ? request.start : .beginning,
        quietSpell: request.quietSpell)
      for (index, source) in followed.enumerated() {
        let reader = InputReader(
          index: index, name: source.name, source: source, rules: rules, options: options,
          range: TimeRange(), lineCap: request.lineCap)
        readers.append(reader)
        if let fd = source.pollDescriptor { polled.append(fd) }
        var stage: any EventSource = reader
        if let since = request.since, let file = source as? FollowedFile,
          let path = file.currentPath, let last = Priming.lastTime(of: path, options: options)
        {
          stage = EventsSince(reader, seconds: last.seconds - since)
        }
        sources.append(stage)
      }
    } else {
      let inputs = try InputCatalog.expand(paths: request.paths.isEmpty ? ["-"] : request.paths, limits: request.limits)
      for (index, input) in inputs.enumerated() {
        let reader = InputReader(
          index: index, name: input.name, source: try input.open(), rules: rules, options: options,
          range: TimeRange(), lineCap: request.lineCap)
        readers.append(reader)
        sources.append(reader)
      }
    }
    pipeline = StreamAttributor(
      DetailPairer(try EventMerger(sources), policy: rules.policies.defaults), conventions: rules.conventions)
    builder = AnalysisBuilder(rules: rules, diagnoses: diagnoses)
    health = StreamHealth(conventions: rules.conventions)
    policy = AlertPolicy(diagnoses: diagnoses, resolveAfter: request.resolveAfter)
  }

  /// Watches until the inputs end or a stop is requested; returns the analysis of all that
  /// was read, for the summary.
  public func run(_ observer: Observer) throws -> Analysis {
    var lastEvaluation: UInt64 = 0
    var lastSnapshot = Clock.now
    var pending = false  // events since the last evaluation
    var sinceClockCheck = 0
    let snapshotEvery = UInt64(request.snapshotEvery * 1e9)
    while true {
      if let event = try pipeline.next() {
        builder.add(event)
        if let time = event.time, logSeconds.map({ $0 < time }) ?? true { advanceLogTime(to: time) }
        health.add(event, at: event.time?.seconds ?? logSeconds?.seconds)
        pending = true
        sinceClockCheck += 1
        // A flood (a log replayed as fast as it is read) is judged on a timer, not per event.
        if sinceClockCheck >= 1024 {
          sinceClockCheck = 0
          let now = Clock.now
          if Self.isEvaluationDue(after: now - lastEvaluation, pending: true, flooding: true, lastCost: evaluationCost) {
            evaluate(observer)
            lastEvaluation = now
            pending = false
          }
          if now - lastSnapshot >= snapshotEvery {
            observer.snapshot(snapshot())
            lastSnapshot = now
          }
        }
        continue
      }
      if pipeline.status == .ended { break }
      let now = Clock.now
      if Self.isEvaluationDue(after: now - lastEvaluation, pending: pending, flooding: false, lastCost: evaluationCost) {
        evaluate(observer)
        lastEvaluation = now
        pending = false
      }
      if now - lastSnapshot >= snapshotEvery {
        observer.snapshot(snapshot())
        lastSnapshot = now
      }
      waitForInput(timeout: Self.waitTimeout(pending: pending))
    }
    evaluate(observer)
    let analysis = current()
    observer.snapshot(snapshot(analysis))
    return analysis
  }

  private func advanceLogTime(to time: LogTime) {
    logSeconds = time
    logSecondsAt = Clock.now
  }

  /// The log's clock: its latest time, moved on by the wall clock while following and quiet.
  private func logClock() -> LogTime? {
    guard var time = logSeconds else { return nil }
    if request.follow { time.seconds += Double(Clock.now - logSecondsAt) / 1e9 }
    return time
  }

  /// Nanoseconds the last evaluation took.
  private var evaluationCost: UInt64 = 0

  /// Milliseconds to wait for input before looking at the clocks again: with events pending,
  /// no longer than the least spacing of evaluations, so a due one is not slept through.
  static func waitTimeout(pending: Bool) -> Int32 {
    pending ? Int32(pauseEvaluation / 1_000_000) : idleWait
  }

  /// Whether to judge the findings again, `elapsed` nanoseconds after the last evaluation,
  /// which took `lastCost`. After new events (`pending`): once four times the last cost has
  /// passed, so judging many streams takes at most a fifth of the time, at least 20 ms apart
  /// (a burst is judged as a whole), and during a flood every half second; never more than a
  /// second apart, so an alert is never later than that (docs/watch.md). With nothing new,
  /// once a second, for streams that resolve while quiet.
  static func isEvaluationDue(after elapsed: UInt64, pending: Bool, flooding: Bool, lastCost: UInt64) -> Bool {
    guard pending else { return elapsed >= 1_000_000_000 }
    let spacing = max(pauseEvaluation, 4 * lastCost, flooding ? floodEvaluation : 0)
    return elapsed >= min(spacing, 1_000_000_000)
  }

  private func evaluate(_ observer: Observer) {
    let started = Clock.now
    defer { evaluationCost = Clock.now - started }
    // Lines without events move the log's clock too (the last line of each input).
    for reader in readers {
      if let last = reader.summarySoFar.lastTime, logSeconds.map({ $0 < last }) ?? true {
        advanceLogTime(to: last)
      }
    }
    let analysis = current()
    let alerts = policy.update(
      findings: analysis.findings, firstHost: analysis.firstHost, health: health, now: logClock(), lastLine: logSeconds)
    for alert in alerts { observer.alert(alert) }
  }

  private func current() -> Analysis {
    let inputs = readers.map(\.summarySoFar)
    var analysis = builder.analysis(inputs: inputs, rules: ruleInfo, warnings: [], walogVersion: walogVersion)
    analysis.addUnexplained(readers.map(\.unexplained))
    return analysis
  }

  private func snapshot(_ analysis: Analysis? = nil) -> WatchSnapshot {
    WatchSnapshot(
      analysis: analysis ?? current(), active: policy.active, resolved: policy.resolved, lastLineTime: logSeconds)
  }

  /// Waits until a followed pipe has bytes, or `timeout` milliseconds (files are looked at
  /// again after it, as `tail -F` does on a timer).
  private func waitForInput(timeout: Int32) {
    guard !StopRequest.isRequested else { return }
    var fds = polled.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
    _ = poll(&fds, nfds_t(fds.count), timeout)
  }
}
