/// The headline counts of an analysis or of one stream. Each field has one meaning,
/// documented in docs/json-schema.md, and sums over inputs.
public struct Totals: Sendable, Equatable {
  /// Connection closes per printed status (`"440"`, `"unknown"`): close lines, fail-fast
  /// stops and give-ups that print their status, and `channel exited:` errors carrying a
  /// `statusCode`.
  public var closesByStatus: [String: Int] = [:]
  /// All closes: close lines (also those that print no status, Slack `socket disconnected`),
  /// and the fail-fast stops and `channel exited:` errors that print a status. Every close
  /// counted in `closesByStatus` is counted here.
  public var closes = 0
  /// Retry announcements with an attempt counter `k/N` (`k` and `N` may be masked).
  public var retries = 0
  /// The largest announced `k` of a retry or of a give-up (`max attempts reached (12/12)`),
  /// 0 when none: the highest attempt any run reached.
  public var maxRetryAttempt = 0
  /// Reconnect give-ups (`max attempts reached`).
  public var giveups = 0
  /// Supervisor `auto-restart attempt n/N` lines.
  public var autoRestarts = 0
  /// Supervisor `giving up after N restart attempts` lines.
  public var supervisorGiveups = 0
  /// Health-monitor restarts per reason.
  public var healthRestartsByReason: [String: Int] = [:]
  /// Every event, by kind.
  public var eventsByKind: [EventKind: Int] = [:]

  public init() {}

  /// Roles whose printed status reports a connection that closed (a give-up such as
  /// `closed during setup (status 408) after 12/12 attempts` is the last close).
  static let closingRoles = KindRoles([.closes, .stops, .givesUp, .exits])

  /// Counts an event by its kind, and by its roles into the figures above.
  public mutating func add(_ event: Event) {
    eventsByKind[event.kind, default: 0] += 1
    let roles = event.roles
    if roles.contains(.closes) { closes += 1 }
    if let status = event.status, roles.containsAny(Self.closingRoles) {
      // Stops, give-ups and exits that print their status are closes too.
      if !roles.contains(.closes) { closes += 1 }
      closesByStatus[status, default: 0] += 1
    }
    if roles.contains(.closes) || roles.contains(.retries), event.maxAttempts != nil {
      retries += 1
      if let attempt = event.attempt { maxRetryAttempt = max(maxRetryAttempt, attempt) }
    }
    if roles.contains(.givesUp) {
      giveups += 1
      if let attempt = event.attempt { maxRetryAttempt = max(maxRetryAttempt, attempt) }
    }
    if roles.contains(.restarts) { autoRestarts += 1 }
    if roles.contains(.supervisorGivesUp) { supervisorGiveups += 1 }
    if roles.contains(.healthRestarts) { healthRestartsByReason[event.reason ?? "unknown", default: 0] += 1 }
  }

  /// Adds another scope's counts (scopes that share no event).
  mutating func merge(_ other: Totals) {
    closesByStatus.merge(other.closesByStatus, uniquingKeysWith: +)
    closes += other.closes
    retries += other.retries
    maxRetryAttempt = max(maxRetryAttempt, other.maxRetryAttempt)
    giveups += other.giveups
    autoRestarts += other.autoRestarts
    supervisorGiveups += other.supervisorGiveups
    healthRestartsByReason.merge(other.healthRestartsByReason, uniquingKeysWith: +)
    eventsByKind.merge(other.eventsByKind, uniquingKeysWith: +)
  }

  public var events: Int { eventsByKind.values.reduce(0, +) }
  public var healthRestarts: Int { healthRestartsByReason.values.reduce(0, +) }
}
