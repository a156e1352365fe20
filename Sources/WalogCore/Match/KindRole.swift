/// What the cycle and diagnosis machinery does with an event: its kind's roles, declared in the
/// rule file's `kinds:` (docs/rules.md, "kinds"). The machinery reads roles, never kind names,
/// so a plugin's own kind gets runs, cycles and totals from its roles alone.
public enum KindRole: String, Sendable, CaseIterable {
  /// A connection closed: it starts a retry run or continues one (status, attempt k/N, delay).
  case closes
  /// A retry announcement that is not itself a close: its `k/N` counts among the retries.
  case retries
  /// The connection is up: a run that stays up past the counter reset has recovered.
  case connects
  /// Reconnecting gave up: ends the run (counted among the give-ups).
  case givesUp = "gives_up"
  /// A fail-fast stop: ends the run, as its last close.
  case stops
  /// The session was logged out: ends the run.
  case logsOut = "logs_out"
  /// The provider exited: ends the run (a close when it prints a status), or, with no run,
  /// begins a cycle of its own.
  case exits
  /// The provider started: how long it ran before a restart tells an exit at once.
  case starts
  /// The supervisor restarted the channel (attempt n/N, delay): ends a cycle.
  case restarts
  /// The health monitor restarted the channel (its `reason`): ends a cycle.
  case healthRestarts = "health_restarts"
  /// The gateway restarted every channel of its process at once: a restart in each of their
  /// stories, though the line counts once, in its own stream.
  case restartsEveryChannel = "restarts_every_channel"
  /// The supervisor gave up restarting (counted among the supervisor give-ups).
  case supervisorGivesUp = "supervisor_gives_up"
  /// Tells the gateway's version (its `version` field): not a stream's event.
  case tellsVersion = "tells_version"
  /// A watchdog's idle report: its `minutes` field is the idle time it announced.
  case reportsIdle = "reports_idle"
  /// A structured file-log record (an event rule with `detail: true`) may restate it.
  case restatable

  /// The roles that say what an event does to a stream's runs and cycles: a kind has one
  /// of them at most.
  static let cycleRoles: [KindRole] = [
    .closes, .connects, .givesUp, .stops, .logsOut, .exits, .starts, .restarts, .healthRestarts,
    .restartsEveryChannel,
  ]
}

/// A set of ``KindRole``s, as one word: each event carries its kind's.
public struct KindRoles: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  public init(_ roles: some Sequence<KindRole>) {
    self.init(rawValue: roles.reduce(0) { $0 | Self.bit($1) })
  }

  public func contains(_ role: KindRole) -> Bool { rawValue & Self.bit(role) != 0 }

  /// Whether it holds any of `roles`.
  public func containsAny(_ roles: KindRoles) -> Bool { rawValue & roles.rawValue != 0 }

  /// A switch, not a search of `allCases`: a role with a raw value compares as its string, and
  /// every event asks for a few bits.
  private static func bit(_ role: KindRole) -> UInt32 {
    let index: UInt32 =
      switch role {
      case .closes: 0
      case .retries: 1
      case .connects: 2
      case .givesUp: 3
      case .stops: 4
      case .logsOut: 5
      case .exits: 6
      case .starts: 7
      case .restarts: 8
      case .healthRestarts: 9
      case .restartsEveryChannel: 10
      case .supervisorGivesUp: 11
      case .tellsVersion: 12
      case .reportsIdle: 13
      case .restatable: 14
      }
    return 1 << index
  }
}
