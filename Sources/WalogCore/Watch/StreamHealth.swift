/// Whether each channel account is healthy now, from the events as they pass: healthy since
/// its first connection (role `connects`) after its last problem (any lifecycle event other than
/// a start, a connection or a version line), on the log's clock. The gateway's own stream
/// (`conventions.stream`) never connects; it is healthy once it has been quiet.
struct StreamHealth {
  struct Account: Hashable {
    var channel: String
    var account: String
  }

  private struct State {
    var lastProblem: Double?
    var healthySince: Double?
    /// Problems seen so far: a resolved finding alerts again only after a new one.
    var problems = 0
  }

  private var states: [Account: State] = [:]
  /// The whole log's problems, for findings about the whole log.
  private var log = State()

  static let healthyRoles = KindRoles([.connects, .starts, .tellsVersion])

  private let gatewayStream: String?

  init(conventions: GatewayConventions = RuleSet.default.conventions) { gatewayStream = conventions.stream }

  static func account(of key: StreamKey) -> Account { Account(channel: key.channel, account: key.account) }

  /// `time` is the event's time, or the log's latest when the line printed none.
  mutating func add(_ event: Event, at time: Double?) {
    // The stream attributor gave every event an account.
    let key = Account(channel: event.channel, account: event.account ?? "")
    if event.roles.contains(.connects) {
      if states[key]?.healthySince == nil { states[key, default: State()].healthySince = time }
      return
    }
    guard !event.roles.containsAny(Self.healthyRoles) else { return }
    for index in [0, 1] {
      var state = index == 0 ? states[key, default: State()] : log
      state.lastProblem = time
      state.healthySince = key.channel == gatewayStream || index == 1 ? time : nil
      state.problems += 1
      if index == 0 { states[key] = state } else { log = state }
    }
  }

  /// Problems seen so far on the stream (the whole log for nil).
  func problems(_ key: StreamKey?) -> Int { state(key)?.problems ?? 0 }

  /// Whether the stream (the whole log for nil) has been healthy for `duration` at `now`.
  /// A log whose lines print no time is never judged healthy.
  func isHealthy(_ key: StreamKey?, for duration: Double, at now: Double?) -> Bool {
    guard let now, let since = state(key)?.healthySince else { return false }
    return now - since >= duration
  }

  private func state(_ key: StreamKey?) -> State? {
    guard let key else { return log }
    return states[Self.account(of: key)]
  }
}
