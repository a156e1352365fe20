/// How the gateway retries and restarts a channel, as the rule file states it: the top-level
/// `policies:` every channel inherits, laid under a channel's own `policies:`. Every value is
/// optional; a check whose values the rules leave out is not made.
public struct ChannelPolicy: Sendable, Equatable {
  /// The channel's own reconnect loop (`Retry k/N in …`).
  public var reconnect = Backoff()
  /// The gateway's auto-restart of a channel whose task ended (`auto-restart attempt n/N`).
  public var supervisor = Backoff()
  public var healthMonitor = HealthMonitorPolicy()
  /// A quiet gap this long between two cycles separates two loops.
  public var loopGapSeconds: Double?
  /// A provider that ends within this long of its start exited at once (an exit cycle).
  public var quickExitSeconds: Double?
  /// A watchdog whose announced idle time only grows, by at least this much from its first
  /// report to its last, has a clock no reconnect resets (`watchdog.idle_growth`); a reset
  /// clock announces its timeout give or take this (``WatchdogClock``).
  public var watchdogIdleGrowthSeconds: Double?
  /// The message watchdog's idle timeout (`watchdog.timeout`, `No messages received in Nm`):
  /// a clock that a reconnect resets announces about this much (``WatchdogClock``).
  public var watchdogTimeoutSeconds: Double?
  /// How the file log's structured records pair with the human lines they restate: within
  /// this long of log time, or within this many events when times are unknown.
  public var detailWindowSeconds: Double?
  public var detailMaxDistance: Int?
  /// Policy-note templates by note id (``noteIDs``), with `{figure}` placeholders.
  public var notes: [String: String] = [:]
  /// How failures that no diagnosis explained are weighed and how a stream's ending is read.
  public var explain = ExplainPolicy()
  /// The channel's statuses that stop the channel instead of being retried, since a release
  /// (from `statuses:` entries with `fail_fast_since`).
  public var failFast: [FailFastStatus] = []

  /// The notes the cycle builder can make, in the order it makes them, then the requests a
  /// report makes of its reader: the version a finding's advice depends on (`ask-version`),
  /// and what to paste when nothing could be judged (`paste-next`).
  public static let noteIDs = [
    "conflict-retried-after-fail-fast", "reconnect-max-attempts", "supervisor-max-attempts",
    "health-restarts-above-cap", "reconnect-delays-tuned", "counter-reset", "run-before-log",
    askVersion, pasteNext,
  ]
  public static let askVersion = "ask-version"
  public static let pasteNext = "paste-next"

  public init() {}

  /// This policy with `later`'s values laid over it: what `later` gives replaces, what it
  /// leaves out stays.
  public func laid(under later: ChannelPolicy) -> ChannelPolicy {
    var result = self
    result.reconnect = reconnect.laid(under: later.reconnect)
    result.supervisor = supervisor.laid(under: later.supervisor)
    result.healthMonitor.checkIntervalSeconds = later.healthMonitor.checkIntervalSeconds ?? healthMonitor.checkIntervalSeconds
    result.healthMonitor.restartsPerHour = later.healthMonitor.restartsPerHour ?? healthMonitor.restartsPerHour
    result.healthMonitor.staleThresholdSeconds =
      later.healthMonitor.staleThresholdSeconds ?? healthMonitor.staleThresholdSeconds
    result.loopGapSeconds = later.loopGapSeconds ?? loopGapSeconds
    result.quickExitSeconds = later.quickExitSeconds ?? quickExitSeconds
    result.watchdogIdleGrowthSeconds = later.watchdogIdleGrowthSeconds ?? watchdogIdleGrowthSeconds
    result.watchdogTimeoutSeconds = later.watchdogTimeoutSeconds ?? watchdogTimeoutSeconds
    result.detailWindowSeconds = later.detailWindowSeconds ?? detailWindowSeconds
    result.detailMaxDistance = later.detailMaxDistance ?? detailMaxDistance
    result.notes.merge(later.notes) { $1 }
    result.explain = explain.laid(under: later.explain)
    for status in later.failFast {
      result.failFast.removeAll { $0.code == status.code }
      result.failFast.append(status)
    }
    return result
  }
}

/// How the finding for a stream's failures that no diagnosis explained is weighed
/// (`policies.explain`): the ending its last lifecycle line shows, by kind, and the least
/// severity an ending or a repeated failure gives it.
public struct ExplainPolicy: Sendable, Equatable {
  /// How a stream ended, by the kind of its last lifecycle event (``Ending``).
  public var endings: [EventKind: Ending] = [:]
  /// The least severity of a stream that ended so (`gave_up: warning`).
  public var ended: [Ending: Finding.Severity] = [:]
  /// Failures this many times in a row with no recovery between (of any kinds), or of one kind
  /// within ``repeatedWithinSeconds`` or announcing attempt `k/N` with `k` this high, make the
  /// finding at least ``repeatedSeverity``: by kind, else ``repeatedAtLeast``.
  public var repeatedAtLeast: Int?
  public var repeatedByKind: [EventKind: Int] = [:]
  public var repeatedSeverity: Finding.Severity?
  /// Failures of a kind this many times within this long count as repeated too, recovered or
  /// not in between (a loop of failure and recovery).
  public var repeatedWithinSeconds: Double?
  /// The policy's own next steps for a channel's stream, and those the gateway's own stream
  /// (`conventions.stream`) takes instead where it gives them (`gateway_stream:`).
  public var steps = ExplainSteps()
  public var gatewaySteps = ExplainSteps()

  /// How a stream's failures ended, as its last lifecycle line shows.
  public enum Ending: String, Sendable, CaseIterable, Hashable {
    /// Connected again after the last failure.
    case recovered
    /// The last line announces another attempt.
    case retrying
    /// The last line restarts it (a supervisor, health-monitor or service restart).
    case restarting
    /// It stopped retrying.
    case gaveUp = "gave_up"
    /// It stopped on a failure that retrying cannot fix.
    case stopped
    /// Its task (or the gateway process) ended, and nothing in the log started it again.
    case exited
    /// It was shut down on request.
    case shutDown = "shut_down"
    /// The last line is a failure that announces nothing more.
    case failing
  }

  public init() {}

  /// The least severity the policy gives a failure of `kind` (nil: failures of any kinds)
  /// repeated `times`.
  public func repeatedFloor(_ kind: EventKind?, times: Int) -> Finding.Severity? {
    guard let severity = repeatedSeverity, let bound = repeatedBound(kind) else { return nil }
    return times >= bound ? severity : nil
  }

  /// The next steps for a stream: the gateway's own where it gives them, else the channels'.
  public func steps(gateway: Bool) -> ExplainSteps { gateway ? steps.laid(under: gatewaySteps) : steps }

  /// How often a failure of `kind` (nil: of any kinds) must repeat to count as repeated.
  func repeatedBound(_ kind: EventKind?) -> Int? { kind.flatMap { repeatedByKind[$0] } ?? repeatedAtLeast }

  func laid(under later: ExplainPolicy) -> ExplainPolicy {
    var result = self
    result.endings.merge(later.endings) { $1 }
    result.ended.merge(later.ended) { $1 }
    result.repeatedAtLeast = later.repeatedAtLeast ?? repeatedAtLeast
    result.repeatedByKind.merge(later.repeatedByKind) { $1 }
    result.repeatedSeverity = later.repeatedSeverity ?? repeatedSeverity
    result.repeatedWithinSeconds = later.repeatedWithinSeconds ?? repeatedWithinSeconds
    result.steps = steps.laid(under: later.steps)
    result.gatewaySteps = gatewaySteps.laid(under: later.gatewaySteps)
    return result
  }
}

/// Next steps that belong to a stream, not to a kind of failure: the check a finding starts
/// with, and what to do when the stream ended so, which comes before every other step.
public struct ExplainSteps: Sendable, Equatable {
  /// `first_step`: the check every finding of the stream starts with (`openclaw channels
  /// status --probe`), written once here instead of in each kind's `next_step`.
  public var first: [String]?
  /// `ended_steps`: what to do when the stream ended so (nothing restarted it, it gave up).
  public var ended: [ExplainPolicy.Ending: [String]] = [:]

  public init(first: [String]? = nil, ended: [ExplainPolicy.Ending: [String]] = [:]) {
    self.first = first
    self.ended = ended
  }

  func laid(under later: ExplainSteps) -> ExplainSteps {
    ExplainSteps(first: later.first ?? first, ended: ended.merging(later.ended) { $1 })
  }
}

/// An exponential backoff with jitter and an attempt limit: `initial × factor^(k-1)`, capped
/// at `max`, plus up to `jitter` of it.
public struct Backoff: Sendable, Equatable {
  public var maxAttempts: Int?
  public var initialSeconds: Double?
  public var factor: Double?
  public var maxSeconds: Double?
  public var jitter: Double?
  /// A connection that lived longer than this resets the attempt counter.
  public var counterResetSeconds: Double?
  /// This many runs of one close that recovered are the counter reset's signature (its note).
  public var counterResetRuns: Int?
  /// Announced delays are rounded: one within this fraction outside the backoff still fits it.
  public var delaySlack: Double?

  public init(
    maxAttempts: Int? = nil, initialSeconds: Double? = nil, factor: Double? = nil,
    maxSeconds: Double? = nil, jitter: Double? = nil, counterResetSeconds: Double? = nil,
    counterResetRuns: Int? = nil, delaySlack: Double? = nil
  ) {
    self.maxAttempts = maxAttempts
    self.initialSeconds = initialSeconds
    self.factor = factor
    self.maxSeconds = maxSeconds
    self.jitter = jitter
    self.counterResetSeconds = counterResetSeconds
    self.counterResetRuns = counterResetRuns
    self.delaySlack = delaySlack
  }

  /// The delay range announced for attempt `k`, when the rules give the whole curve.
  public func delayRange(attempt: Int) -> ClosedRange<Double>? {
    guard let initialSeconds, let factor, let maxSeconds, let jitter else { return nil }
    var base = initialSeconds
    for _ in 1..<max(attempt, 1) { base *= factor }
    return min(maxSeconds, base)...min(maxSeconds, base * (1 + jitter))
  }

  func laid(under later: Backoff) -> Backoff {
    Backoff(
      maxAttempts: later.maxAttempts ?? maxAttempts, initialSeconds: later.initialSeconds ?? initialSeconds,
      factor: later.factor ?? factor, maxSeconds: later.maxSeconds ?? maxSeconds, jitter: later.jitter ?? jitter,
      counterResetSeconds: later.counterResetSeconds ?? counterResetSeconds,
      counterResetRuns: later.counterResetRuns ?? counterResetRuns, delaySlack: later.delaySlack ?? delaySlack)
  }
}

/// The gateway's channel health monitor.
public struct HealthMonitorPolicy: Sendable, Equatable {
  public var checkIntervalSeconds: Versioned<Double>?
  /// Restarts per account per rolling hour.
  public var restartsPerHour: Versioned<Int>?
  /// How old an account's last event may be before a stale-socket restart, in the releases
  /// that fix it; a release where it is a setting has no entry (``Versioned/stated(at:)``).
  public var staleThresholdSeconds: Versioned<Double>?
  public init(
    checkIntervalSeconds: Versioned<Double>? = nil, restartsPerHour: Versioned<Int>? = nil,
    staleThresholdSeconds: Versioned<Double>? = nil
  ) {
    self.checkIntervalSeconds = checkIntervalSeconds
    self.restartsPerHour = restartsPerHour
    self.staleThresholdSeconds = staleThresholdSeconds
  }
}

/// A policy value that changed between gateway releases.
public struct Versioned<Value: Sendable & Equatable>: Sendable, Equatable {
  public struct Entry: Sendable, Equatable {
    public var since: GatewayVersion?
    public var before: GatewayVersion?
    public var value: Value
    public init(since: GatewayVersion? = nil, before: GatewayVersion? = nil, value: Value) {
      self.since = since
      self.before = before
      self.value = value
    }
  }
  /// In file order; never empty.
  public var entries: [Entry]

  public init(_ value: Value) { entries = [Entry(value: value)] }
  public init(entries: [Entry]) {
    precondition(!entries.isEmpty, "a versioned policy value needs at least one entry")
    self.entries = entries
  }

  /// The value for `version`: the first entry whose range holds it, else the last entry;
  /// the last entry (current releases) when the log names no version.
  public func value(at version: GatewayVersion?) -> Value {
    guard let version else { return entries[entries.count - 1].value }
    let match = entries.first { entry in
      (entry.since.map { version >= $0 } ?? true) && (entry.before.map { version < $0 } ?? true)
    }
    return (match ?? entries[entries.count - 1]).value
  }

  /// The value the release `version` has for certain: that of the entry whose range holds
  /// it; nil when the log names no version or no entry's range holds it (a setting there).
  public func stated(at version: GatewayVersion?) -> Value? {
    guard let version else { return nil }
    return entries.first { entry in
      (entry.since.map { version >= $0 } ?? true) && (entry.before.map { version < $0 } ?? true)
    }?.value
  }
}

/// A close status that stops the channel instead of being retried, since a release.
public struct FailFastStatus: Sendable, Equatable {
  public var code: String
  public var name: String
  public var since: GatewayVersion
  public init(code: String, name: String, since: GatewayVersion) {
    self.code = code
    self.name = name
    self.since = since
  }
}

/// Every channel's effective policy, worked out once when the rules load.
public struct PolicyTable: Sendable {
  /// The policy of a channel the rules do not name.
  public var defaults: ChannelPolicy
  public var byChannel: [String: ChannelPolicy]

  public init(defaults: ChannelPolicy, byChannel: [String: ChannelPolicy]) {
    self.defaults = defaults
    self.byChannel = byChannel
  }

  /// The top-level policies under each channel's own, with each channel's fail-fast statuses.
  init(file: RuleFile) {
    defaults = file.policies
    var byChannel: [String: ChannelPolicy] = [:]
    for channel in file.channels { byChannel[channel.id] = file.policies.laid(under: channel.policies) }
    for status in file.statuses {
      guard let since = status.failFastSince else { continue }
      var policy = byChannel[status.channel] ?? file.policies
      var own = ChannelPolicy()
      own.failFast = [FailFastStatus(code: status.code, name: status.name, since: since)]
      policy = policy.laid(under: own)
      byChannel[status.channel] = policy
    }
    self.byChannel = byChannel
  }

  public func policy(for channel: String) -> ChannelPolicy { byChannel[channel] ?? defaults }
}
