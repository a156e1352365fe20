/// A finding as Alertmanager's API v2 takes it (its `postableAlert`): the labels that name it,
/// the annotations that explain it, and when it began; `endsAt` is added at each send.
///
/// Labels: `alertname` (the rule id), `severity`, `channel`, `account`, `pid` (when the log
/// tells gateway processes apart), `host` and `job="walog"`; a finding about the whole log has
/// no `channel` or `account`. Annotations: `summary` (the
/// title), `description` (the root cause) and `action` (the first action) — Alertmanager's
/// and Grafana's conventional names for the first two.
public struct AlertmanagerAlert: Sendable, Equatable {
  public var labels: [(String, String)]
  public var annotations: [(String, String)]
  /// Unix seconds.
  public var startsAt: Double
  /// The wall clock when it resolved (its `endsAt` from then on); nil while it fires.
  public var resolvedAt: Double?

  /// Alertmanager tells alerts apart by their label set.
  public var identity: String { labels.map { "\($0.0)=\($0.1)" }.joined(separator: "\u{0}") }

  /// `host` is the gateway's host as the log names it (``Alert/host``); a log that names
  /// none is this machine's, where `walog watch` runs beside its gateway.
  public init(finding: Finding, host: String?, startsAt: Double) {
    var labels = [("alertname", finding.id), ("severity", finding.severity.rawValue)]
    if let stream = finding.stream {
      // A finding merged across accounts or processes names only what its streams share,
      // as its JSON does, so its labels stay the same as more accounts join it.
      let streams = finding.streams.isEmpty ? [stream] : finding.streams
      labels.append(("channel", stream.channel))
      if Set(streams.map(\.account)).count == 1 { labels.append(("account", stream.account)) }
      if Set(streams.map(\.pid)).count == 1, let pid = stream.pid { labels.append(("pid", String(pid))) }
    }
    labels += [("host", host ?? HostName.current), ("job", "walog")]
    self.labels = labels.filter { !$0.1.isEmpty }
    annotations = [("summary", finding.title), ("description", finding.rootCause)]
    if let action = finding.actions.first { annotations.append(("action", action)) }
    self.startsAt = startsAt
  }

  /// The alert as sent at wall-clock `now`: while it fires, `endsAt` is `validFor` seconds
  /// ahead, so Alertmanager resolves it by itself if walog stops re-sending; once resolved,
  /// `endsAt` is when that happened.
  func json(now: Double, validFor: Double) -> JSONValue {
    let endsAt = resolvedAt ?? now + validFor
    return .object([
      ("labels", .object(labels.map { ($0.0, .string($0.1)) })),
      ("annotations", .object(annotations.map { ($0.0, .string($0.1)) })),
      ("startsAt", .string(Self.rfc3339(min(startsAt, endsAt)))),
      ("endsAt", .string(Self.rfc3339(endsAt))),
    ])
  }

  /// A batch as one request body: a JSON array.
  static func body(_ alerts: [AlertmanagerAlert], now: Double, validFor: Double) -> [UInt8] {
    Array(JSONValue.array(alerts.map { $0.json(now: now, validFor: validFor) }).renderedLine().utf8)
  }

  /// A wall-clock instant, in UTC: `Z`, which RFC 3339 requires.
  static func rfc3339(_ seconds: Double) -> String {
    TimeText.iso(LogTime(seconds: seconds, offset: 0, precision: .full, zulu: true))
  }

  public static func == (lhs: AlertmanagerAlert, rhs: AlertmanagerAlert) -> Bool {
    lhs.identity == rhs.identity && lhs.annotations.elementsEqual(rhs.annotations, by: ==)
      && lhs.startsAt == rhs.startsAt && lhs.resolvedAt == rhs.resolvedAt
  }
}
