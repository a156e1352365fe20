#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--exec PATH`: runs the user's program once per alert, with the alert's JSON on its
/// standard input and `WALOG_SEVERITY`, `WALOG_RULE`, `WALOG_STREAM` in its environment.
///
/// Never through a shell, and never with alert text in its arguments (they are the fixed
/// `--exec-arg`s). One run at a time on a thread of its own, so a slow hook never holds up the
/// watch; a run is killed after `timeout` seconds. Alerts that arrive meanwhile wait in a
/// queue of `queueLimit`; any beyond are dropped and counted. A failing run is reported
/// through `report` and the next one goes on.
public final class AlertHook: @unchecked Sendable {
  public struct Run: Sendable {
    public var json: String
    public var severity: String
    public var rule: String
    public var stream: String
    public init(json: String, severity: String, rule: String, stream: String) {
      self.json = json
      self.severity = severity
      self.rule = rule
      self.stream = stream
    }
  }

  private let path: String
  private let arguments: [String]
  private let timeout: Double
  private let queueLimit: Int
  private let report: @Sendable (String) -> Void
  private let condition = ThreadCondition()
  private var queue: [Run] = []
  private var closed = false
  private var running = false
  /// Alerts dropped because the queue was full.
  public private(set) var dropped = 0

  public init(
    path: String, arguments: [String], timeout: Double, queueLimit: Int = 100,
    report: @escaping @Sendable (String) -> Void
  ) {
    self.path = path
    self.arguments = arguments
    self.timeout = timeout
    self.queueLimit = queueLimit
    self.report = report
    signal(SIGPIPE, SIG_IGN)  // a hook that exits without reading its input must not kill walog
    WorkerThread.start { [unowned self] in self.work() }
  }

  /// Queues a run; false (and counted) when the queue is full.
  @discardableResult
  public func submit(_ run: Run) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    guard queue.count < queueLimit else {
      dropped += 1
      return false
    }
    queue.append(run)
    condition.broadcast()
    return true
  }

  /// Runs what is queued (or, with `runQueued` false, after a stop signal, only lets the
  /// current run end and counts the queued alerts as dropped), then stops the thread; returns
  /// when the last run has ended.
  public func finish(runQueued: Bool = true) {
    condition.lock()
    closed = true
    if !runQueued {
      dropped += queue.count
      queue.removeAll()
    }
    condition.broadcast()
    while !queue.isEmpty || running { condition.wait() }
    condition.unlock()
  }

  private func work() {
    while true {
      condition.lock()
      while queue.isEmpty && !closed { condition.wait() }
      if queue.isEmpty {
        condition.unlock()
        return
      }
      let next = queue.removeFirst()
      running = true
      condition.unlock()
      execute(next)
      condition.lock()
      running = false
      condition.broadcast()
      condition.unlock()
    }
  }

  private func execute(_ run: Run) {
    let alert = ["WALOG_SEVERITY": run.severity, "WALOG_RULE": run.rule, "WALOG_STREAM": run.stream]
    let process: ChildProcess
    do {
      process = try ChildProcess(path: path, arguments: arguments, adding: alert)
    } catch {
      report("--exec \(path) could not run: \(error)")
      return
    }
    let deadline = ContinuousClock.now + .seconds(timeout)
    feed(Array(run.json.utf8), to: process.input, until: deadline)
    close(process.input)
    var exit = process.exited()
    while exit == nil && ContinuousClock.now < deadline {
      usleep(5_000)
      exit = process.exited()
    }
    switch exit {
    case nil:
      process.terminate()
      report("--exec \(path) was killed after \(TimeText.duration(timeout)) (alert \(run.rule))")
    case .signal(let signal):
      report("--exec \(path) was killed by signal \(signal) (alert \(run.rule))")
    case .status(let status) where status != 0:
      report("--exec \(path) exited with status \(status) (alert \(run.rule))")
    default:
      break
    }
  }

  /// Writes without blocking past `deadline` (a hook that does not read its input).
  private func feed(_ bytes: [UInt8], to fd: Int32, until deadline: ContinuousClock.Instant) {
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    var written = 0
    while written < bytes.count && ContinuousClock.now < deadline {
      let count = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if count > 0 {
        written += count
      } else if count < 0 && (errno == EAGAIN || errno == EINTR) {
        var ready = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        _ = poll(&ready, 1, 10)
      } else {
        return  // the hook closed its input
      }
    }
  }
}
