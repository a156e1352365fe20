/// `walog watch --alertmanager URL…`: sends every alert to every Alertmanager given, as
/// Prometheus sends to each peer of a cluster, and keeps them alive there with re-sends.
///
/// ``submit(_:)`` only records and queues: each Alertmanager has a thread of its own
/// (``AlertmanagerTarget``), so the terminal, JSON Lines and metrics never wait for one.
public final class AlertmanagerSender: @unchecked Sendable {
  public struct Settings: Sendable {
    public var urls: [AlertmanagerURL]
    public var http: HTTPOptions
    /// Seconds between re-sends of every active alert; `endsAt` is four of them ahead.
    public var resend: Double = 60
    /// Seconds a request may take.
    public var timeout: Double = 10
    /// Alerts that may wait for one Alertmanager.
    public var queueCapacity = 1000

    public init(urls: [AlertmanagerURL], http: HTTPOptions) {
      self.urls = urls
      self.http = http
    }
  }

  /// One Alertmanager's counts, for the metrics file.
  public struct Stats: Sendable, Equatable {
    /// Its alerts URL, without credentials.
    public var url: String
    /// Alerts it accepted.
    public var sent: Int
    /// Requests that failed or were refused.
    public var errors: Int
    /// Alerts dropped: the queue was full, Alertmanager refused them, or the watch ended first.
    public var dropped: Int
    public var queued: Int
    public var capacity: Int
  }

  private let lock = ThreadCondition()
  private var book = AlertmanagerBook()
  private var targets: [AlertmanagerTarget] = []

  /// Starts a thread per Alertmanager; `report` gets its messages for stderr.
  public init(_ settings: Settings, report: @escaping @Sendable (String) -> Void) {
    targets = settings.urls.map { url in
      AlertmanagerTarget(url: url, settings: settings, due: { [unowned self] now in self.due(now) }, report: report)
    }
  }

  /// Records `alert` (already redacted) and queues what changed for every Alertmanager.
  public func submit(_ alert: Alert) {
    let now = WallClock.now
    let changed = lock.withLock { book.record(alert, now: now) }
    guard !changed.isEmpty else { return }
    for target in targets { target.enqueue(changed) }
  }

  public var stats: [Stats] { targets.map(\.stats) }

  /// Sends what waits for at most `seconds` more, then stops; what is left is counted as
  /// dropped and reported. Alertmanager lets the alerts still firing expire at their `endsAt`.
  public func finish(within seconds: Double) {
    for target in targets { target.finish(within: seconds) }
    for target in targets { target.waitUntilStopped() }
  }

  private func due(_ now: Double) -> [AlertmanagerAlert] {
    lock.withLock { book.due(now: now) }
  }
}
