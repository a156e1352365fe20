/// The kind of a lifecycle event. Kinds are open (a rule file may name new ones); the ones
/// below are those the cycle builder and the totals understand.
public struct EventKind: RawRepresentable, Hashable, Sendable, Comparable, ExpressibleByStringLiteral,
  CustomStringConvertible
{
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { self.rawValue = value }
  public var description: String { rawValue }
  public static func < (lhs: EventKind, rhs: EventKind) -> Bool { lhs.rawValue < rhs.rawValue }

  /// `[acct] starting provider (…)`.
  public static let providerStart: EventKind = "provider_start"
  /// The connection is up (`Listening for … inbound messages`, `socket mode connected`).
  public static let connected: EventKind = "connected"
  /// A connection closed, with its status and, if announced, the retry `k/N`.
  public static let close: EventKind = "close"
  /// A retry announcement that is not itself a close (e.g. Telegram `retrying in`).
  public static let retry: EventKind = "retry"
  /// Reconnect gave up: `max attempts reached`.
  public static let giveup: EventKind = "giveup"
  /// Fail-fast stop, e.g. status 440 session conflict since v2026.2.24.
  public static let stop: EventKind = "stop"
  /// The session was logged out (401).
  public static let logout: EventKind = "logout"
  /// Watchdog forced a reconnect (`No messages received in Nm`).
  public static let watchdog: EventKind = "watchdog"
  /// `[acct] channel exited: …` (the provider threw).
  public static let channelExit: EventKind = "channel_exit"
  /// `[acct] auto-restart attempt n/N in Ds`.
  public static let autoRestart: EventKind = "auto_restart"
  /// `[acct] giving up after N restart attempts`.
  public static let supervisorGiveup: EventKind = "supervisor_giveup"
  /// `[ch:acct] health-monitor: restarting (reason: R)`.
  public static let healthRestart: EventKind = "health_restart"
  /// `[ch:acct] health-monitor: hit N restarts/hour limit`.
  public static let healthCap: EventKind = "health_cap"
  /// A line that tells the gateway's version (`OpenClaw Gateway (v2026.4.24)`).
  public static let version: EventKind = "version"
}

/// Where a line came from: which input, which line of it, which process.
public struct Origin: Sendable, Hashable {
  /// Index into the analysis' input list.
  public var input: Int
  /// 1-based line number within that input.
  public var line: Int
  /// journald PID, when the line carried one.
  public var pid: Int?

  public init(input: Int, line: Int, pid: Int? = nil) {
    self.input = input
    self.line = line
    self.pid = pid
  }
}

/// A recognised lifecycle event, typed by its rule, with the fields its pattern captured.
public struct Event: Sendable {
  public var kind: EventKind
  /// The id of the event rule that produced it.
  public var ruleID: String
  public var time: LogTime?
  /// The channel (`whatsapp`, `telegram`, …), from the rule, a capture or the line's tag.
  public var channel: String
  /// The account, when the line names one (`[default]`, `[whatsapp:work]`).
  public var account: String?
  /// Close status as printed: `"440"`, `"unknown"`.
  public var status: String?
  /// Announced retry attempt `k` of `k/N`, or restart attempt `n` of `n/N`.
  public var attempt: Int?
  /// `N` of `k/N` as printed (`"12"`, `"∞"`).
  public var maxAttempts: String?
  /// Announced delay before the next attempt, in seconds.
  public var delaySeconds: Double?
  /// Health-restart reason, exit error text, and similar.
  public var reason: String?
  /// A structured file-log record that restates a human line (`web reconnect: …`):
  /// it enriches that line's event and is counted only when no such line accompanies it.
  public var isDetail: Bool
  /// Every other captured or structured field, by name.
  public var fields: [String: String]
  public var origin: Origin
  /// The normalised message, for evidence.
  public var text: String

  public init(
    kind: EventKind, ruleID: String, time: LogTime?, channel: String, account: String? = nil,
    status: String? = nil, attempt: Int? = nil, maxAttempts: String? = nil,
    delaySeconds: Double? = nil, reason: String? = nil, isDetail: Bool = false,
    fields: [String: String] = [:], origin: Origin, text: String
  ) {
    self.kind = kind
    self.ruleID = ruleID
    self.time = time
    self.channel = channel
    self.account = account
    self.status = status
    self.attempt = attempt
    self.maxAttempts = maxAttempts
    self.delaySeconds = delaySeconds
    self.reason = reason
    self.isDetail = isDetail
    self.fields = fields
    self.origin = origin
    self.text = text
  }
}
