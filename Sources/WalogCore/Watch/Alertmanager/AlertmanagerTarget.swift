#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One Alertmanager and the thread that posts to it, so a slow or absent one never holds up
/// the watch or the other Alertmanagers.
///
/// Alerts wait in an ``AlertmanagerQueue``, go out in batches of up to 64 (as Prometheus
/// sends them), and every `resend` seconds the ``AlertmanagerBook``'s alerts are queued again.
/// A request that fails — no connection, time-out, 5xx, 408 or 429 — puts its batch back and
/// waits before the next try, 1 s doubling up to the re-send interval (30 s at most); any
/// other answer outside 2xx refuses the batch, which is dropped and reported.
final class AlertmanagerTarget: @unchecked Sendable {
  static let batchSize = 64

  let url: AlertmanagerURL
  private let settings: AlertmanagerSender.Settings
  private let due: @Sendable (Double) -> [AlertmanagerAlert]
  private let report: @Sendable (String) -> Void
  private let condition = ThreadCondition()
  private var queue: AlertmanagerQueue
  private var sent = 0
  private var errors = 0
  private var dropped = 0
  /// Set by ``finish(within:)``: the monotonic second after which nothing more is sent, and
  /// when finishing started.
  private var deadline: Double?
  private var finishStarted = 0.0
  private var stopped = false
  /// Whether the last request failed (reported once, and once when sending works again).
  private var failing = false
  private var lastRefusal: String?
  /// The wait before the next try after a failure, and when that try may start (monotonic).
  private let initialBackoff: Double
  private let longestBackoff: Double
  private var backoff: Double
  private var retryAt = 0.0
  private var lastFailure = -Double.infinity

  init(
    url: AlertmanagerURL, settings: AlertmanagerSender.Settings, due: @escaping @Sendable (Double) -> [AlertmanagerAlert],
    report: @escaping @Sendable (String) -> Void
  ) {
    self.url = url
    self.settings = settings
    self.due = due
    self.report = report
    queue = AlertmanagerQueue(capacity: settings.queueCapacity)
    initialBackoff = min(1, settings.resend)
    longestBackoff = max(initialBackoff, min(settings.resend, 30))
    backoff = initialBackoff
    WorkerThread.start { [self] in work() }
  }

  /// Queues alerts to send; never waits for the network.
  func enqueue(_ alerts: [AlertmanagerAlert]) {
    condition.withLock {
      for alert in alerts { countDropped(queue.add(alert)) }
      condition.broadcast()
    }
  }

  var stats: AlertmanagerSender.Stats {
    condition.withLock {
      AlertmanagerSender.Stats(
        url: url.display, sent: sent, errors: errors, dropped: dropped, queued: queue.count, capacity: queue.capacity)
    }
  }

  /// Lets the thread send what waits for at most `seconds` more, then stop; what is not sent
  /// by then is counted as dropped and reported. ``waitUntilStopped()`` waits for it.
  func finish(within seconds: Double) {
    condition.withLock {
      finishStarted = Self.monotonic
      deadline = finishStarted + seconds
      condition.broadcast()
    }
  }

  func waitUntilStopped() {
    condition.withLock {
      while !stopped { condition.wait() }
    }
  }

  private static var monotonic: Double { Double(Clock.now) / 1e9 }

  /// Called with the lock held.
  private func countDropped(_ count: Int) {
    guard count > 0 else { return }
    for _ in 0..<count {
      dropped += 1
      if dropped == 1 || dropped % 100 == 0 {
        report(
          "warning: alertmanager \(url.display): the queue of \(queue.capacity) is full; the oldest alert was dropped (\(dropped) dropped so far)")
      }
    }
  }

  private func work() {
    Self.keepSignalsForTheWatch()
    let client = HTTPPost(url: url.endpoint, options: settings.http, userAgent: "walog/\(walogVersion)")
    var nextResend = Self.monotonic + settings.resend
    while true {
      condition.lock()
      var batch: [AlertmanagerAlert] = []
      var timeout = settings.timeout
      while batch.isEmpty {
        let now = Self.monotonic
        if deadline == nil && now >= nextResend {
          condition.unlock()
          let again = due(WallClock.now)
          condition.lock()
          for alert in again { countDropped(queue.add(alert)) }
          nextResend = now + settings.resend
        }
        // Finishing, what waits gets one more try, without the back-off: an Alertmanager
        // that is still down does not hold up the exit.
        if let deadline, queue.isEmpty || now >= deadline || (failing && lastFailure >= finishStarted) {
          stop()
          return
        }
        if !queue.isEmpty && (now >= retryAt || deadline != nil) {
          batch = queue.take(Self.batchSize)
          if let deadline { timeout = min(timeout, deadline - now) }
          break
        }
        var wake = deadline ?? nextResend
        if !queue.isEmpty { wake = min(wake, retryAt) }
        condition.wait(seconds: wake - now)
      }
      condition.unlock()
      let outcome = client.post(AlertmanagerAlert.body(batch, now: WallClock.now, validFor: 4 * settings.resend), timeout: timeout)
      condition.lock()
      switch outcome {
      case .response(let status, _) where (200..<300).contains(status):
        sent += batch.count
        backoff = initialBackoff
        if failing {
          failing = false
          report("alertmanager \(url.display): sending again")
        }
      case .response(let status, let body) where !Self.retried(status):
        errors += 1
        dropped += batch.count
        let refusal = "HTTP \(status)" + (Self.firstLine(body).map { ": \($0)" } ?? "")
        if refusal != lastRefusal {
          report("warning: alertmanager \(url.display) refused \(batch.count == 1 ? "1 alert" : "\(batch.count) alerts"): \(refusal)")
        }
        lastRefusal = refusal
      case .response(let status, let body):
        retry(batch, because: "HTTP \(status)" + (Self.firstLine(body).map { ": \($0)" } ?? ""))
      case .failure(let reason):
        retry(batch, because: reason)
      }
      condition.unlock()
    }
  }

  /// Called with the lock held: the batch goes back to the queue, and the next try waits.
  private func retry(_ batch: [AlertmanagerAlert], because reason: String) {
    lastFailure = Self.monotonic
    retryAt = lastFailure + backoff
    backoff = min(backoff * 2, longestBackoff)
    errors += 1
    countDropped(queue.putBack(batch))
    if !failing {
      failing = true
      report("warning: alertmanager \(url.display): cannot send (\(reason)); alerts wait and are sent when it answers")
    }
  }

  /// Called with the lock held; unlocks.
  private func stop() {
    if !queue.isEmpty {
      let left = queue.take(queue.count).count
      dropped += left
      report("warning: alertmanager \(url.display): \(left == 1 ? "1 alert" : "\(left) alerts") not sent before exit")
    }
    stopped = true
    condition.broadcast()
    condition.unlock()
  }

  /// Statuses worth trying again: the server is overloaded, restarting or timed out.
  private static func retried(_ status: Int) -> Bool { status >= 500 || status == 408 || status == 429 }

  private static func firstLine(_ body: String) -> String? {
    let line = body.split(whereSeparator: \.isNewline).first.map { String($0.prefix(200)) }
    return line?.isEmpty == false ? line : nil
  }

  /// SIGINT and SIGTERM are the watch's (its main thread stops on them), and a SIGPIPE from a
  /// closed connection must not end walog: this thread takes none of them.
  private static func keepSignalsForTheWatch() {
    var signals = sigset_t()
    sigemptyset(&signals)
    for number in [SIGINT, SIGTERM, SIGPIPE] { sigaddset(&signals, number) }
    pthread_sigmask(SIG_BLOCK, &signals, nil)
  }
}
