import Testing

@testable import WalogCore

/// The alert policy on findings made by hand: once per rule and stream, escalated on a
/// severity rise or a doubled key figure, resolved after a healthy spell, again only after a
/// new problem; whole-log diagnoses never alert.
@Suite struct WatchAlertPolicyTests {
  static let stream = StreamKey(channel: "whatsapp", account: "default")

  static func finding(_ value: Double, id: String = "conflict", severity: Finding.Severity = .error) -> Finding {
    Finding(
      id: id, severity: severity, title: id, rootCause: "", actions: [],
      figures: [Figure(name: "conflicts", value: value, unit: .count, text: "\(Int(value))")], stream: stream,
      evidence: [])
  }

  static func event(_ kind: EventKind, at seconds: Double) -> Event {
    Event(
      kind: kind, roles: .of(kind), ruleID: "r", time: time(seconds), channel: "whatsapp", account: "default",
      origin: Origin(input: 0, line: 1), text: "")
  }

  static func time(_ seconds: Double) -> LogTime { LogTime(seconds: seconds, offset: 0, precision: .full) }

  static func kinds(_ alerts: [Alert]) -> [String] { alerts.map { "\($0.kind.rawValue) \($0.finding.id)" } }

  @Test func alertsOnceThenOnlyWhenItDoublesOrRises() {
    var policy = AlertPolicy(diagnoses: [], resolveAfter: 600)
    let health = StreamHealth()
    #expect(Self.kinds(policy.update(findings: [Self.finding(1)], health: health, now: Self.time(0), lastLine: Self.time(0))) == ["finding conflict"])
    #expect(policy.update(findings: [Self.finding(1)], health: health, now: Self.time(1), lastLine: Self.time(1)).isEmpty)
    #expect(Self.kinds(policy.update(findings: [Self.finding(2)], health: health, now: Self.time(2), lastLine: Self.time(2))) == ["escalated conflict"])
    #expect(policy.update(findings: [Self.finding(3)], health: health, now: Self.time(3), lastLine: Self.time(3)).isEmpty)
    #expect(Self.kinds(policy.update(findings: [Self.finding(3, severity: .critical)], health: health, now: Self.time(4), lastLine: Self.time(4))) == ["escalated conflict"])
    #expect(Self.kinds(policy.update(findings: [Self.finding(6, severity: .critical)], health: health, now: Self.time(5), lastLine: Self.time(5))) == ["escalated conflict"])
    #expect(policy.active.count == 1)
  }

  @Test func resolvesAfterAHealthySpellAndAlertsAgainOnlyAfterANewProblem() {
    var policy = AlertPolicy(diagnoses: [], resolveAfter: 600)
    var health = StreamHealth()
    health.add(Self.event(.close, at: 0), at: 0)
    _ = policy.update(findings: [Self.finding(1)], health: health, now: Self.time(0), lastLine: Self.time(0))
    health.add(Self.event(.connected, at: 10), at: 10)
    #expect(policy.update(findings: [Self.finding(1)], health: health, now: Self.time(609), lastLine: Self.time(609)).isEmpty, "not yet 10 minutes")
    #expect(Self.kinds(policy.update(findings: [Self.finding(1)], health: health, now: Self.time(610), lastLine: Self.time(610))) == ["resolved conflict"])
    #expect(policy.active.isEmpty && policy.resolved.count == 1)
    // The finding still holds on the whole log, but nothing new happened: no alert.
    #expect(policy.update(findings: [Self.finding(1)], health: health, now: Self.time(700), lastLine: Self.time(700)).isEmpty)
    health.add(Self.event(.close, at: 800), at: 800)
    #expect(Self.kinds(policy.update(findings: [Self.finding(2)], health: health, now: Self.time(800), lastLine: Self.time(800))) == ["finding conflict"])
  }

  /// A followed log's clock moves on with the wall clock while it is quiet (`now`); an alert
  /// still says the time the log printed: the last line's for a finding, the end of the
  /// healthy spell for a resolution, in the line's zone.
  @Test func alertsCarryTheLogsPrintedTimeNotTheMovingClock() {
    var policy = AlertPolicy(diagnoses: [], resolveAfter: 600)
    var health = StreamHealth()
    health.add(Self.event(.close, at: 0), at: 0)
    let line = LogTime(seconds: 0, offset: nil, precision: .full)
    let raised = policy.update(
      findings: [Self.finding(1)], health: health, now: LogTime(seconds: 0.004, offset: nil, precision: .full), lastLine: line)
    #expect(raised.map(\.time) == [line])
    health.add(Self.event(.connected, at: 10), at: 10)
    let connected = LogTime(seconds: 10, offset: 0, precision: .full, zulu: true)
    let resolved = policy.update(
      findings: [Self.finding(1)], health: health, now: LogTime(seconds: 612.37, offset: 0, precision: .full), lastLine: connected)
    #expect(resolved.map(\.time) == [LogTime(seconds: 610, offset: 0, precision: .full, zulu: true)])
  }

  @Test func aCloseBeforeTheSpellEndsKeepsItOpen() {
    var policy = AlertPolicy(diagnoses: [], resolveAfter: 600)
    var health = StreamHealth()
    health.add(Self.event(.close, at: 0), at: 0)
    _ = policy.update(findings: [Self.finding(1)], health: health, now: Self.time(0), lastLine: Self.time(0))
    health.add(Self.event(.connected, at: 10), at: 10)
    health.add(Self.event(.close, at: 300), at: 300)
    #expect(policy.update(findings: [Self.finding(1)], health: health, now: Self.time(700), lastLine: Self.time(700)).isEmpty, "no connection since the close")
    health.add(Self.event(.connected, at: 310), at: 310)
    #expect(policy.update(findings: [Self.finding(1)], health: health, now: Self.time(909), lastLine: Self.time(909)).isEmpty)
    #expect(Self.kinds(policy.update(findings: [Self.finding(1)], health: health, now: Self.time(910), lastLine: Self.time(910))) == ["resolved conflict"])
  }

  @Test func wholeLogDiagnosesNeverAlert() throws {
    let yaml = """
      version: 1
      events: []
      diagnoses:
        - id: nothing-followed
          severity: error
          title: t
          root_cause: r
          whole_log: true
          when: {count: {kind: close}, at_least: 1}
        - id: live
          severity: warning
          title: t
          root_cause: r
          when: {count: {kind: close}, at_least: 1}
      """
    let rules = try RuleSet.load(yaml: yaml, name: "whole-log.yaml")
    let diagnoses = try rules.diagnosisRules()
    #expect(diagnoses.map(\.wholeLog) == [true, false])
    var policy = AlertPolicy(diagnoses: diagnoses, resolveAfter: 600)
    let alerts = policy.update(
      findings: [Self.finding(1, id: "nothing-followed"), Self.finding(1, id: "live")], health: StreamHealth(), now: nil, lastLine: nil)
    #expect(Self.kinds(alerts) == ["finding live"])
  }

  @Test func wholeLogMustBeABoolean() {
    let yaml = """
      version: 1
      events: []
      diagnoses:
        - id: d
          severity: error
          title: t
          root_cause: r
          whole_log: sometimes
          when: {count: {kind: close}, at_least: 1}
      """
    let error = #expect(throws: RuleError.self) { try RuleSet.load(yaml: yaml, name: "bad.yaml").diagnosisRules() }
    #expect(error?.description == "bad.yaml:8:16: error: expected true or false for 'whole_log', found 'sometimes'")
  }
}
