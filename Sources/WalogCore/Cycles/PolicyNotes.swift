extension StreamHistory {
  /// What this stream's log says against the gateway's default policies (research §1.2–§3),
  /// as sentences for the report. `version` is the newest gateway version the log revealed.
  public func policyNotes(version: GatewayVersion?) -> [PolicyNote] {
    var notes: [PolicyNote] = []
    if retriedConflicts > 0, let version, version >= Policy.conflictFailFastSince {
      notes.append(PolicyNote(
        id: "conflict-retried-after-fail-fast",
        text: "\(retriedConflicts) status-440 closes were retried, but v\(version) stops on a session conflict (since v\(Policy.conflictFailFastSince)): an older gateway may be writing to this log too"))
    }
    let reconnectOther = reconnectMaxima.subtracting([String(Policy.Reconnect.maxAttempts)])
    if key.channel == "whatsapp", !reconnectOther.isEmpty {
      notes.append(PolicyNote(
        id: "reconnect-max-attempts",
        text: "reconnect attempts are capped at \(reconnectOther.sorted().joined(separator: ", ")), not the default \(Policy.Reconnect.maxAttempts): `web.reconnect.maxAttempts` is set"))
    }
    let supervisorOther = supervisorMaxima.subtracting([String(Policy.Supervisor.maxAttempts)])
    if !supervisorOther.isEmpty {
      notes.append(PolicyNote(
        id: "supervisor-max-attempts",
        text: "the supervisor announced \(supervisorOther.sorted().joined(separator: ", ")) restart attempts, not \(Policy.Supervisor.maxAttempts)"))
    }
    let cap = Policy.HealthMonitor.maxRestartsPerHour(version: version)
    if maxHealthRestartsInHour > cap {
      notes.append(PolicyNote(
        id: "health-restarts-above-cap",
        text: "\(maxHealthRestartsInHour) health restarts within one hour, above the monitor's cap of \(cap) for \(version.map { "v\($0)" } ?? "current versions")"))
    }
    if delaysOffPolicy > 0 {
      notes.append(PolicyNote(
        id: "reconnect-delays-tuned",
        text: "\(delaysOffPolicy) of \(delaysChecked) announced reconnect delays lie outside the default backoff (2 s × 1.8 up to 30 s): `web.reconnect` is tuned"))
    }
    if singleCloseRecoveries >= 3 {
      notes.append(PolicyNote(
        id: "counter-reset",
        text: "\(singleCloseRecoveries) runs recovered after a single close: the connection lived past the 60 s counter reset each time, so the count restarts at 1 and never reaches the limit"))
    }
    if runsBeganBeforeLog > 0 {
      notes.append(PolicyNote(
        id: "run-before-log",
        text: "\(runsBeganBeforeLog) retry \(runsBeganBeforeLog == 1 ? "run" : "runs") began before the log did (first attempt above 1)"))
    }
    return notes
  }
}
