/// What Alertmanager has been told, for the re-sends that keep it true: every firing alert,
/// and each resolved one for 15 minutes more, as Prometheus does, so that a restarted
/// Alertmanager (it keeps alerts in memory only) learns both at the next re-send.
struct AlertmanagerBook {
  static let keepResolved: Double = 15 * 60

  /// Rule and stream → the identity of its latest Alertmanager alert.
  private var latest: [String: String] = [:]
  /// Identity → alert, in the order first recorded.
  private var alerts: [String: AlertmanagerAlert] = [:]
  private var order: [String] = []

  /// Records one of the watch's alerts at wall-clock `now`; returns the Alertmanager alerts
  /// that changed, to send at once. A finding starts an alert at the log time it was raised
  /// (the wall clock where the log's times have no date); an escalation updates its text, or,
  /// when its severity label changes, ends the old alert and starts one under the new label;
  /// a resolution ends it now.
  mutating func record(_ alert: Alert, now: Double) -> [AlertmanagerAlert] {
    let key = alert.finding.id + "\u{0}" + (alert.finding.stream?.description ?? "")
    let previous = latest[key].flatMap { alerts[$0] }.flatMap { $0.resolvedAt == nil ? $0 : nil }
    if alert.kind == .resolved {
      guard var ended = previous else { return [] }
      ended.resolvedAt = now
      store(ended)
      return [ended]
    }
    let began = alert.time.flatMap { $0.precision == .full ? $0.seconds : nil } ?? now
    var next = AlertmanagerAlert(finding: alert.finding, host: alert.host, startsAt: min(began, now))
    var changed: [AlertmanagerAlert] = []
    if var previous {
      if previous.identity == next.identity {
        next.startsAt = previous.startsAt
      } else {
        previous.resolvedAt = now
        store(previous)
        changed.append(previous)
      }
    }
    store(next)
    latest[key] = next.identity
    changed.append(next)
    return changed
  }

  /// Everything to send again at `now`; resolved alerts older than ``keepResolved`` are
  /// forgotten.
  mutating func due(now: Double) -> [AlertmanagerAlert] {
    let expired = Set(order.filter { identity in alerts[identity]!.resolvedAt.map { now - $0 > Self.keepResolved } ?? false })
    if !expired.isEmpty {
      order.removeAll { expired.contains($0) }
      for identity in expired { alerts[identity] = nil }
      latest = latest.filter { !expired.contains($0.value) }
    }
    return order.map { alerts[$0]! }
  }

  private mutating func store(_ alert: AlertmanagerAlert) {
    if alerts.updateValue(alert, forKey: alert.identity) == nil { order.append(alert.identity) }
  }
}
