/// Decides which findings become alerts, so a watch says each thing once.
///
/// - A finding alerts once per rule and stream.
/// - It alerts again as `escalated` only when its severity rose or its key figure (the first
///   `as:` value of its `when`) has at least doubled since the last alert.
/// - It is `resolved` once its stream has been healthy for `resolveAfter` seconds; after that
///   it alerts as a new `finding` only when the stream has had a new problem and it holds.
/// - Diagnoses marked `whole_log: true` never alert: they are left to the summary; so is the
///   finding for failures no diagnosis explains, which only the whole log can settle (a
///   diagnosis may hold later and explain them), and for failures that recur at a steady
///   period (``Cadence``), for the same reason.
struct AlertPolicy {
  /// A rule on a stream (or a host's whole log): the first host's streams and log keyed
  /// without their host, as before a second host appeared, so they keep their alerts.
  struct Key: Hashable {
    var id: String
    var stream: StreamKey?
    var host: String?

    init(_ finding: Finding, firstHost: String?) {
      func kept(_ host: String?) -> String? { host == firstHost ? nil : host }
      id = finding.id
      stream = finding.stream
      stream?.host = kept(finding.stream?.host)
      host = kept(finding.host)
    }
  }

  private struct Raised {
    var finding: Finding
    var keyFigure: Double?
    var resolved = false
    /// The stream's problem count when it was resolved.
    var problemsAtResolution = 0
  }

  let resolveAfter: Double
  private let wholeLog: Set<String>
  /// In the order first raised, so resolutions come out in a stable order.
  private var raised: [Key: Raised] = [:]
  private var order: [Key] = []

  init(diagnoses: [Diagnosis], resolveAfter: Double) {
    self.resolveAfter = resolveAfter
    wholeLog = Set(diagnoses.filter(\.wholeLog).map(\.id) + [Explainer.findingID, Cadence.findingID])
  }

  /// The alerts that `findings` (the analysis as of now, whose first host is `firstHost`) call
  /// for, at log time `now` (which moves on with the wall clock while a followed log is quiet).
  /// A finding's alert carries the time of the last line read, `lastLine`, as the log printed
  /// it; a resolution the moment its stream had been healthy for `resolveAfter`, on the log's
  /// clock.
  mutating func update(
    findings: [Finding], firstHost: String? = nil, health: StreamHealth, now: LogTime?, lastLine: LogTime?
  ) -> [Alert] {
    var alerts: [Alert] = []
    for finding in findings where !wholeLog.contains(finding.id) {
      let key = Key(finding, firstHost: firstHost)
      let host = Self.host(of: finding, firstHost: firstHost)
      let figure = Self.keyFigure(finding)
      guard var entry = raised[key] else {
        raised[key] = Raised(finding: finding, keyFigure: figure)
        order.append(key)
        alerts.append(Alert(kind: .finding, time: lastLine, finding: finding, host: host))
        continue
      }
      if entry.resolved {
        guard health.problems(key.stream, host: key.host) > entry.problemsAtResolution else { continue }
        entry = Raised(finding: finding, keyFigure: figure)
        alerts.append(Alert(kind: .finding, time: lastLine, finding: finding, host: host))
      } else if finding.severity > entry.finding.severity || Self.doubled(figure, since: entry.keyFigure) {
        entry = Raised(finding: finding, keyFigure: figure)
        alerts.append(Alert(kind: .escalated, time: lastLine, finding: finding, host: host))
      } else {
        entry.finding = finding  // the latest wording, for the resolution
      }
      raised[key] = entry
    }
    for key in order {
      guard var entry = raised[key], !entry.resolved,
        health.isHealthy(key.stream, host: key.host, for: resolveAfter, at: now?.seconds)
      else { continue }
      entry.resolved = true
      entry.problemsAtResolution = health.problems(key.stream, host: key.host)
      raised[key] = entry
      let healthy = health.healthySince(key.stream, host: key.host).map { $0 + resolveAfter }
      let time = lastLine.map { line in healthy.map { var at = line; at.seconds = $0; return at } ?? line }
      alerts.append(Alert(kind: .resolved, time: time, finding: entry.finding, host: Self.host(of: entry.finding, firstHost: firstHost)))
    }
    return alerts
  }

  /// Rules and streams alerted and not resolved: what holds now.
  var active: [Finding] {
    order.compactMap { raised[$0] }.filter { !$0.resolved }.map(\.finding)
  }

  /// Rules and streams alerted and since resolved.
  var resolved: [Finding] {
    order.compactMap { raised[$0] }.filter(\.resolved).map(\.finding)
  }

  private static func doubled(_ figure: Double?, since last: Double?) -> Bool {
    guard let figure, let last, last > 0 else { return false }
    return figure >= 2 * last
  }

  /// The host a finding is about: its stream's or its own once the log names several, else
  /// the one host the log names.
  static func host(of finding: Finding, firstHost: String?) -> String? {
    finding.stream?.host ?? finding.host ?? firstHost
  }

  /// The first figure a finding lists is its condition's first named value.
  static func keyFigure(_ finding: Finding) -> Double? { finding.figures.first?.value }
}
