/// Whether each channel account is healthy now, from the events as they pass: healthy since
/// its first connection (role `connects`) after its last problem (any lifecycle event other than
/// a start, a connection or a version line), on the log's clock. The gateway's own stream
/// (`conventions.stream`) never connects; it is healthy once it has been quiet. Accounts and
/// whole logs are per host, the first host's kept as nil (``HostOrder/memory(_:)``), as
/// ``AlertPolicy`` keys them.
struct StreamHealth {
  struct Account: Hashable {
    var channel: String
    var account: String
    var host: String?
  }

  private struct State {
    var lastProblem: Double?
    var healthySince: Double?
    /// Problems seen so far: a resolved finding alerts again only after a new one.
    var problems = 0
  }

  private var states: [Account: State] = [:]
  /// Each host's whole log's problems, for findings about a whole log.
  private var logs: [String?: State] = [:]
  private var hosts = HostOrder()

  static let healthyRoles = KindRoles([.connects, .starts, .tellsVersion])

  private let gatewayStream: String?

  init(conventions: GatewayConventions = RuleSet.default.conventions) { gatewayStream = conventions.stream }

  /// `time` is the event's time, or the log's latest when the line printed none.
  mutating func add(_ event: Event, at time: Double?) {
    _ = hosts.note(event.host)
    let host = hosts.memory(event.host)
    // The stream attributor gave every event an account.
    let key = Account(channel: event.channel, account: event.account ?? "", host: host)
    if event.roles.contains(.connects) {
      if states[key]?.healthySince == nil { states[key, default: State()].healthySince = time }
      return
    }
    guard !event.roles.containsAny(Self.healthyRoles) else { return }
    for index in [0, 1] {
      var state = index == 0 ? states[key, default: State()] : logs[host, default: State()]
      state.lastProblem = time
      state.healthySince = key.channel == gatewayStream || index == 1 ? time : nil
      state.problems += 1
      if index == 0 { states[key] = state } else { logs[host] = state }
    }
  }

  /// Problems seen so far on the stream (for nil, on the whole log of `host`).
  func problems(_ key: StreamKey?, host: String?) -> Int { state(key, host)?.problems ?? 0 }

  /// Since when the stream (for nil, the whole log of `host`) has been healthy, on the log's clock.
  func healthySince(_ key: StreamKey?, host: String?) -> Double? { state(key, host)?.healthySince }

  /// Whether the stream (for nil, the whole log of `host`) has been healthy for `duration` at
  /// `now`. A log whose lines print no time is never judged healthy.
  func isHealthy(_ key: StreamKey?, host: String?, for duration: Double, at now: Double?) -> Bool {
    guard let now, let since = state(key, host)?.healthySince else { return false }
    return now - since >= duration
  }

  private func state(_ key: StreamKey?, _ host: String?) -> State? {
    guard let key else { return logs[host] ?? State() }
    return states[Account(channel: key.channel, account: key.account, host: key.host)]
  }
}
