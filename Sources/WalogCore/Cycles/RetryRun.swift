/// A run of reconnect attempts: closes whose announced attempt rises by one
/// (`Retry 1/12`, `2/12`, …), with the short reconnections between them.
public struct RetryRun: Sendable {
  /// How a run ended.
  public enum Outcome: String, Sendable, CaseIterable {
    /// The connection lived past the counter reset (60 s): the next close starts at 1 again.
    case recovered
    /// `max attempts reached`.
    case gaveUp = "gave_up"
    /// A fail-fast stop (440 session conflict since v2026.2.24).
    case stopped
    /// The session was logged out (401).
    case loggedOut = "logged_out"
    /// The provider threw (`channel exited: …`).
    case exited
    /// A restart (health monitor, supervisor) cut it short.
    case restarted
    /// The next close's attempt did not follow on (lines missing from a trimmed paste, or a
    /// restart the log does not show).
    case interrupted
    /// Still retrying when the log ends: its last close announced a retry.
    case open
    /// Connected again when the log ends, before the counter reset could show it lasted.
    case reconnected
    /// Its last close announced no retry (a failed `channels login`) and the log ends.
    case unretried
  }

  public var start: LogTime?
  public var end: LogTime?
  public var startOrigin: Origin
  public var endOrigin: Origin
  /// First and last announced attempts; nil when the closes announce none.
  public var firstAttempt: Int?
  public var lastAttempt: Int?
  /// `N` of `k/N` as announced (`"12"`, `"∞"`).
  public var maxAttempts: String?
  public var closes = 0
  public var connects = 0
  public var statuses: [String: Int] = [:]
  /// Announced delays, in order (a run has at most `maxAttempts` of them under the policy;
  /// an unlimited one keeps its first `delayCap`).
  public var delays: [Double] = []
  /// Whether the last close announced a retry (`Retry k/N`, `retrying in 30s`), or a retry
  /// line followed it (`Attempting resume with backoff …`).
  public var lastCloseAnnouncedRetry = false
  /// Retry lines that are no close (`retry` events) within the run.
  public var retryLines = 0
  public var outcome: Outcome = .open

  static let delayCap = 64

  /// The stream's events before `--since` were left out, and this is its first run.
  public var followsWindowCut = false
  /// Its first attempt follows on from the last attempt of the run before it (a restart
  /// cut that one short and the counter went on): the log shows where it began.
  public var continuesEarlierRun = false

  /// The first attempt seen was not 1 and follows on from no run of the log: the run began
  /// before the log did, or, when the window cut the lines before it, before `--since`.
  public var beganBeforeLog: Bool { (firstAttempt ?? 1) > 1 && !followsWindowCut && !continuesEarlierRun }
  public var beganBeforeWindow: Bool { (firstAttempt ?? 1) > 1 && followsWindowCut && !continuesEarlierRun }

  init(startingWith event: Event) {
    start = event.time
    end = event.time
    startOrigin = event.origin
    endOrigin = event.origin
  }

  mutating func extend(to event: Event) {
    if let time = event.time { end = time }
    if start == nil { start = event.time }
    endOrigin = event.origin
  }

  mutating func addClose(_ event: Event) {
    extend(to: event)
    closes += 1
    if let status = event.status { statuses[status, default: 0] += 1 }
    if let attempt = event.attempt {
      if firstAttempt == nil { firstAttempt = attempt }
      lastAttempt = attempt
    }
    if let max = event.maxAttempts { maxAttempts = max }
    if let delay = event.delaySeconds, delays.count < Self.delayCap { delays.append(delay) }
    lastCloseAnnouncedRetry = event.attempt != nil || event.delaySeconds != nil
  }

  /// A retry line that is no close: the last close's retry was announced.
  mutating func addRetry(_ event: Event) {
    extend(to: event)
    retryLines += 1
    lastCloseAnnouncedRetry = true
  }

  /// How reports say its outcome: a run that retried before its last close (a retry line, a
  /// reconnection) did not end with "no retry announced".
  public var outcomeText: String {
    outcome == .unretried && (retryLines > 0 || connects > 0) ? "closed as the log ends: nothing followed its last close" : outcome.text
  }
}

extension RetryRun.Outcome {
  /// How reports say it.
  public var text: String {
    switch self {
    case .recovered: "recovered"
    case .gaveUp: "gave up (max attempts reached)"
    case .stopped: "stopped (fail-fast)"
    case .loggedOut: "logged out"
    case .exited: "provider exited"
    case .restarted: "cut short by a restart"
    case .interrupted: "interrupted (the next close did not follow on)"
    case .open: "still retrying at the end of the log"
    case .reconnected: "reconnected as the log ends"
    case .unretried: "closed as the log ends, no retry announced"
    }
  }
}
