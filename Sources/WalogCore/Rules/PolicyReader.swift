/// Reads a `policies:` mapping (top-level, or a channel's), reporting every problem with its
/// place in the file.
enum PolicyReader {
  static let policyKeys = [
    "reconnect", "supervisor", "health_monitor", "loop_gap", "quick_exit", "watchdog", "detail_pairing", "notes",
    "explain",
  ]
  static let explainKeys = ["endings", "ended", "repeated", "first_step", "ended_steps", "gateway_stream"]
  static let stepKeys = ["first_step", "ended_steps"]
  static let repeatedKeys = ["severity", "at_least", "by_kind", "within"]
  static let reconnectKeys = [
    "max_attempts", "initial", "factor", "max", "jitter", "counter_reset", "counter_reset_runs", "delay_slack",
  ]
  static let watchdogKeys = ["idle_growth", "timeout"]
  static let detailPairingKeys = ["window", "events"]
  static let supervisorKeys = ["max_attempts", "initial", "factor", "max", "jitter"]
  static let healthMonitorKeys = ["check_interval", "restarts_per_hour", "stale_threshold"]
  static let versionedKeys = ["value", "since", "before"]

  static func policy(_ node: Node, what: String, reader: inout YAMLReader) -> ChannelPolicy {
    var policy = ChannelPolicy()
    guard let entries = reader.entries(of: node, what: what, allowed: policyKeys) else { return policy }
    if let node = entries["reconnect"]?.value {
      policy.reconnect = backoff(node, what: "'reconnect' of \(what)", allowed: reconnectKeys, reader: &reader)
    }
    if let node = entries["supervisor"]?.value {
      policy.supervisor = backoff(node, what: "'supervisor' of \(what)", allowed: supervisorKeys, reader: &reader)
    }
    if let node = entries["health_monitor"]?.value,
      let monitor = reader.entries(of: node, what: "'health_monitor' of \(what)", allowed: healthMonitorKeys)
    {
      policy.healthMonitor.checkIntervalSeconds = monitor["check_interval"].flatMap {
        versioned($0.value, key: "check_interval", reader: &reader) { duration($0, key: "check_interval", reader: &$1) }
      }
      policy.healthMonitor.restartsPerHour = monitor["restarts_per_hour"].flatMap {
        versioned($0.value, key: "restarts_per_hour", reader: &reader) { count($0, key: "restarts_per_hour", reader: &$1) }
      }
      policy.healthMonitor.staleThresholdSeconds = monitor["stale_threshold"].flatMap {
        versioned($0.value, key: "stale_threshold", reader: &reader) { duration($0, key: "stale_threshold", reader: &$1) }
      }
    }
    policy.loopGapSeconds = entries["loop_gap"].flatMap { duration($0.value, key: "loop_gap", reader: &reader) }
    policy.quickExitSeconds = entries["quick_exit"].flatMap { duration($0.value, key: "quick_exit", reader: &reader) }
    if let node = entries["watchdog"]?.value,
      let watchdog = reader.entries(of: node, what: "'watchdog' of \(what)", allowed: watchdogKeys)
    {
      policy.watchdogIdleGrowthSeconds = watchdog["idle_growth"].flatMap {
        duration($0.value, key: "idle_growth", reader: &reader)
      }
      policy.watchdogTimeoutSeconds = watchdog["timeout"].flatMap { duration($0.value, key: "timeout", reader: &reader) }
    }
    if let node = entries["detail_pairing"]?.value,
      let pairing = reader.entries(of: node, what: "'detail_pairing' of \(what)", allowed: detailPairingKeys)
    {
      policy.detailWindowSeconds = pairing["window"].flatMap { duration($0.value, key: "window", reader: &reader) }
      policy.detailMaxDistance = pairing["events"].flatMap { count($0.value, key: "events", reader: &reader) }
    }
    if let node = entries["notes"]?.value,
      let notes = reader.entries(of: node, what: "'notes' of \(what)", allowed: ChannelPolicy.noteIDs)
    {
      for id in ChannelPolicy.noteIDs {
        if let entry = notes[id], let text = reader.string(entry.value, key: id) { policy.notes[id] = text }
      }
    }
    if let node = entries["explain"]?.value {
      policy.explain = explain(node, what: "'explain' of \(what)", reader: &reader)
    }
    return policy
  }

  private static func explain(_ node: Node, what: String, reader: inout YAMLReader) -> ExplainPolicy {
    var policy = ExplainPolicy()
    guard let entries = reader.entries(of: node, what: what, allowed: explainKeys) else { return policy }
    let endingNames = ExplainPolicy.Ending.allCases.map(\.rawValue)
    if let node = entries["endings"]?.value,
      let endings = reader.entries(of: node, what: "'endings' of \(what)", allowed: endingNames)
    {
      for ending in ExplainPolicy.Ending.allCases {
        guard let entry = endings[ending.rawValue], let kinds = reader.stringList(entry.value, key: ending.rawValue)
        else { continue }
        for kind in kinds { policy.endings[EventKind(rawValue: kind)] = ending }
      }
    }
    if let node = entries["ended"]?.value,
      let ended = reader.entries(of: node, what: "'ended' of \(what)", allowed: endingNames)
    {
      for ending in ExplainPolicy.Ending.allCases {
        if let entry = ended[ending.rawValue] { policy.ended[ending] = reader.severity(entry.value, key: ending.rawValue) }
      }
    }
    policy.steps = steps(entries, what: what, reader: &reader)
    if let node = entries["gateway_stream"]?.value,
      let gateway = reader.entries(of: node, what: "'gateway_stream' of \(what)", allowed: stepKeys)
    {
      policy.gatewaySteps = steps(gateway, what: "'gateway_stream' of \(what)", reader: &reader)
    }
    if let node = entries["repeated"]?.value,
      let repeated = reader.entries(of: node, what: "'repeated' of \(what)", allowed: repeatedKeys)
    {
      policy.repeatedSeverity = repeated["severity"].flatMap { reader.severity($0.value, key: "severity") }
      policy.repeatedAtLeast = repeated["at_least"].flatMap { count($0.value, key: "at_least", reader: &reader) }
      policy.repeatedWithinSeconds = repeated["within"].flatMap { duration($0.value, key: "within", reader: &reader) }
      if let node = repeated["by_kind"]?.value, case .mapping(let pairs) = node {
        for (key, value) in pairs {
          guard let kind = reader.string(key, key: "by_kind"), let bound = count(value, key: kind, reader: &reader)
          else { continue }
          policy.repeatedByKind[EventKind(rawValue: kind)] = bound
        }
      } else if let node = repeated["by_kind"]?.value {
        reader.error(node, "expected a mapping of event kinds to counts for 'by_kind', found \(YAMLReader.describe(node))")
      }
    }
    return policy
  }

  /// `first_step` and `ended_steps` (each a step or a list of steps).
  private static func steps(_ entries: [String: (key: Node, value: Node)], what: String, reader: inout YAMLReader)
    -> ExplainSteps
  {
    var steps = ExplainSteps()
    steps.first = entries["first_step"].flatMap { reader.steps($0.value, key: "first_step") }
    let endingNames = ExplainPolicy.Ending.allCases.map(\.rawValue)
    if let node = entries["ended_steps"]?.value,
      let ended = reader.entries(of: node, what: "'ended_steps' of \(what)", allowed: endingNames)
    {
      for ending in ExplainPolicy.Ending.allCases {
        if let entry = ended[ending.rawValue] { steps.ended[ending] = reader.steps(entry.value, key: ending.rawValue) }
      }
    }
    return steps
  }

  private static func backoff(_ node: Node, what: String, allowed: [String], reader: inout YAMLReader) -> Backoff {
    var backoff = Backoff()
    guard let entries = reader.entries(of: node, what: what, allowed: allowed) else { return backoff }
    backoff.maxAttempts = entries["max_attempts"].flatMap { count($0.value, key: "max_attempts", reader: &reader) }
    backoff.initialSeconds = entries["initial"].flatMap { duration($0.value, key: "initial", reader: &reader) }
    backoff.factor = entries["factor"].flatMap { number($0.value, key: "factor", reader: &reader) }
    backoff.maxSeconds = entries["max"].flatMap { duration($0.value, key: "max", reader: &reader) }
    backoff.jitter = entries["jitter"].flatMap { number($0.value, key: "jitter", reader: &reader) }
    backoff.counterResetSeconds = entries["counter_reset"].flatMap { duration($0.value, key: "counter_reset", reader: &reader) }
    backoff.counterResetRuns = entries["counter_reset_runs"].flatMap { count($0.value, key: "counter_reset_runs", reader: &reader) }
    backoff.delaySlack = entries["delay_slack"].flatMap { number($0.value, key: "delay_slack", reader: &reader) }
    return backoff
  }

  /// A value, or a list of `{value, since, before}` entries for a value that changed
  /// between releases.
  private static func versioned<Value>(
    _ node: Node, key: String, reader: inout YAMLReader,
    _ value: (Node, inout YAMLReader) -> Value?
  ) -> Versioned<Value>? {
    guard case .sequence(let items) = node else { return value(node, &reader).map { Versioned($0) } }
    var entries: [Versioned<Value>.Entry] = []
    for item in items {
      guard let fields = reader.entries(of: item, what: "an entry of '\(key)'", allowed: versionedKeys),
        let valueNode = reader.required("value", in: fields, of: item, what: "an entry of '\(key)'"),
        let parsed = value(valueNode, &reader)
      else { continue }
      let since = fields["since"].flatMap { version($0.value, key: "since", reader: &reader) }
      let before = fields["before"].flatMap { version($0.value, key: "before", reader: &reader) }
      entries.append(.init(since: since, before: before, value: parsed))
    }
    if items.isEmpty { reader.error(node, "expected a value or a non-empty list of {value, since, before} for '\(key)'") }
    return entries.count == items.count && !entries.isEmpty ? Versioned(entries: entries) : nil
  }

  /// A whole number of zero or more.
  static func count(_ node: Node, key: String, reader: inout YAMLReader) -> Int? {
    guard let value = reader.int(node, key: key) else { return nil }
    guard value >= 0 else {
      reader.error(node, "expected a count of 0 or more for '\(key)', found '\(value)'")
      return nil
    }
    return value
  }

  static func number(_ node: Node, key: String, reader: inout YAMLReader) -> Double? {
    guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Double(scalar.string),
      value.isFinite, value >= 0
    else {
      reader.error(node, "expected a number of 0 or more for '\(key)', found \(YAMLReader.describe(node))")
      return nil
    }
    return value
  }

  /// `2s`, `850ms`, `5m`, `1h`; a bare number is seconds.
  static func duration(_ node: Node, key: String, reader: inout YAMLReader) -> Double? {
    guard case .scalar(let scalar) = node, !node.isNull, let seconds = DurationText.seconds(scalar.string),
      seconds.isFinite
    else {
      reader.error(node, "expected a duration such as 2s, 850ms, 5m or 1h for '\(key)', found \(YAMLReader.describe(node))")
      return nil
    }
    return seconds
  }

  /// A gateway release such as `'2026.2.24'`.
  static func version(_ node: Node, key: String, reader: inout YAMLReader) -> GatewayVersion? {
    guard let text = reader.string(node, key: key) else { return nil }
    guard let version = GatewayVersion(parsing: text) else {
      reader.error(node, "expected a gateway version such as '2026.2.24' for '\(key)', found '\(text)'")
      return nil
    }
    return version
  }
}
