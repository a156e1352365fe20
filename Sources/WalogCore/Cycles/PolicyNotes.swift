extension StreamHistory {
  /// What this stream's log says against the channel's policies, as sentences for the report.
  /// Each check is made only when the rule file gives its policy values and its note text
  /// (``ChannelPolicy/notes``, templates with `{figure}` placeholders). `version` is the
  /// newest gateway version the log revealed.
  public func policyNotes(version: GatewayVersion?) -> [PolicyNote] {
    let values = noteValues(version: version)
    var notes: [PolicyNote] = []
    func note(_ id: String, _ extra: [String: String] = [:]) {
      guard let template = policy.notes[id] else { return }
      notes.append(PolicyNote(id: id, text: Template.render(template, values.merging(extra) { $1 })))
    }
    if let version {
      for status in policy.failFast.sorted(by: { $0.code < $1.code }) where version >= status.since {
        guard let retried = retriedByStatus[status.code], retried > 0 else { continue }
        note(
          "conflict-retried-after-fail-fast",
          ["retried_conflicts": String(retried), "status": status.code, "status_name": status.name,
           "fail_fast_since": "v\(status.since)"])
      }
    }
    if let limit = policy.reconnect.maxAttempts {
      let other = reconnectMaxima.subtracting([String(limit)])
      if !other.isEmpty { note("reconnect-max-attempts", ["announced_max": other.sorted().joined(separator: ", ")]) }
    }
    if let limit = policy.supervisor.maxAttempts {
      let other = supervisorMaxima.subtracting([String(limit)])
      if !other.isEmpty { note("supervisor-max-attempts", ["announced_max": other.sorted().joined(separator: ", ")]) }
    }
    if let cap = policy.healthMonitor.restartsPerHour?.value(at: version), maxHealthRestartsInHour > cap {
      note("health-restarts-above-cap")
    }
    if delaysOffPolicy > 0 { note("reconnect-delays-tuned") }
    if let runs = policy.reconnect.counterResetRuns, singleCloseRecoveries >= runs { note("counter-reset") }
    if runsBeganBeforeLog > 0 { note("run-before-log") }
    return notes
  }

  /// The placeholders every note may use: the stream's counts under their figure names, the
  /// policy's values, and the gateway version (`v2026.4.12`, or `current versions`).
  private func noteValues(version: GatewayVersion?) -> [String: String] {
    var values: [String: String] = [
      "version": version.map { "v\($0)" } ?? "current versions",
      "retried_conflicts": String(retriedConflicts),
      "max_health_restarts_in_hour": String(maxHealthRestartsInHour),
      "delays_off_policy": String(delaysOffPolicy),
      "delays_checked": String(delaysChecked),
      "single_close_recoveries": String(singleCloseRecoveries),
      "runs_began_before_log": String(runsBeganBeforeLog),
    ]
    func put(_ name: String, _ value: Double?, seconds: Bool = false) {
      guard let value else { return }
      values[name] = PolicyText.number(value) + (seconds ? " s" : "")
    }
    put("reconnect_max_attempts", policy.reconnect.maxAttempts.map(Double.init))
    put("reconnect_initial", policy.reconnect.initialSeconds, seconds: true)
    put("reconnect_factor", policy.reconnect.factor)
    put("reconnect_max", policy.reconnect.maxSeconds, seconds: true)
    put("reconnect_jitter", policy.reconnect.jitter)
    put("counter_reset", policy.reconnect.counterResetSeconds, seconds: true)
    put("supervisor_max_attempts", policy.supervisor.maxAttempts.map(Double.init))
    put("health_restarts_per_hour_limit", policy.healthMonitor.restartsPerHour.map { Double($0.value(at: version)) })
    put("loop_gap", policy.loopGapSeconds, seconds: true)
    put("quick_exit", policy.quickExitSeconds, seconds: true)
    return values
  }
}

/// How policy values read in a sentence.
enum PolicyText {
  /// `12`, `1.8`, `0.25`: whole numbers without a fraction, others as short as they print.
  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}
