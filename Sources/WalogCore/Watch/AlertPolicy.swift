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
  struct Key: Hashable {
    var id: String
    var stream: StreamKey?
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

  /// The alerts that `findings` (the analysis as of now) call for, at log time `now`.
  mutating func update(findings: [Finding], health: StreamHealth, now: LogTime?) -> [Alert] {
    var alerts: [Alert] = []
    for finding in findings where !wholeLog.contains(finding.id) {
      let key = Key(id: finding.id, stream: finding.stream)
      let figure = Self.keyFigure(finding)
      guard var entry = raised[key] else {
        raised[key] = Raised(finding: finding, keyFigure: figure)
        order.append(key)
        alerts.append(Alert(kind: .finding, time: now, finding: finding))
        continue
      }
      if entry.resolved {
        guard health.problems(finding.stream) > entry.problemsAtResolution else { continue }
        entry = Raised(finding: finding, keyFigure: figure)
        alerts.append(Alert(kind: .finding, time: now, finding: finding))
      } else if finding.severity > entry.finding.severity || Self.doubled(figure, since: entry.keyFigure) {
        entry = Raised(finding: finding, keyFigure: figure)
        alerts.append(Alert(kind: .escalated, time: now, finding: finding))
      } else {
        entry.finding = finding  // the latest wording, for the resolution
      }
      raised[key] = entry
    }
    for key in order {
      guard var entry = raised[key], !entry.resolved,
        health.isHealthy(key.stream, for: resolveAfter, at: now?.seconds)
      else { continue }
      entry.resolved = true
      entry.problemsAtResolution = health.problems(key.stream)
      raised[key] = entry
      alerts.append(Alert(kind: .resolved, time: now, finding: entry.finding))
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

  /// The first figure a finding lists is its condition's first named value.
  static func keyFigure(_ finding: Finding) -> Double? { finding.figures.first?.value }
}
