import Foundation
import Testing

@testable import WalogCore

/// The diagnosis language: conditions, windows, sequences, templates, and rule files that
/// really drive the findings.
@Suite struct DiagnoseTests {
  static func event(_ seconds: Double, _ kind: EventKind, status: String? = nil) -> Event {
    Event(
      kind: kind, roles: .of(kind), ruleID: "t", time: LogTime(seconds: seconds, offset: 0, precision: .full),
      channel: "whatsapp", account: "default", status: status, origin: Origin(input: 0, line: 1), text: "")
  }

  @Test func slidingWindowCountsTheBusiestStretch() {
    var window = SlidingWindow(seconds: 60)
    var best = 0
    for time in [0.0, 10, 20, 65, 70, 71, 72, 200] {
      window.add(time)
      best = max(best, window.count)
    }
    // 20, 65, 70, 71, 72 lie within 60 s of each other: 5 (0 and 10 dropped out by 72).
    #expect(best == 5)
  }

  @Test func outOfOrderLinesCountAtTheLatestTimeSeen() {
    var window = SlidingWindow(seconds: 10)
    window.add(100)
    window.add(50)  // earlier line, counted at 100
    #expect(window.count == 2)
    window.add(111)
    #expect(window.count == 1)
  }

  @Test func sequencesMatchWholeKindsOnly() throws {
    let pattern = try SequencePattern("(giveup | stop) .{0,3} auto_restart")
    let kinds = KindTape(["close", "close", "giveup", "auto_restart", "provider_start", "close", "stop", "connected", "auto_restart"])
    #expect(pattern.count(in: kinds) == 2)
    let restart = try SequencePattern("restart")
    #expect(restart.count(in: KindTape(["auto_restart"])) == 0)
    #expect(throws: SequencePatternError.self) { try SequencePattern("giveup # stop") }
  }

  @Test func kindsNumberedPastOneByteMatchWholeAndTheOldestAreDroppedWhole() throws {
    // Enough kinds that some take two or three UTF-8 bytes on the tape.
    let many = (0..<3000).map { EventKind(rawValue: "tape_kind_\($0)") }
    let pattern = try SequencePattern("tape_kind_2999 tape_kind_150 .? tape_kind_7")
    var tape = KindTape(many)
    for number in [2999, 150, 3, 7, 2999, 15, 7] { tape.append(many[number]) }
    #expect(pattern.count(in: tape) == 1)
    // Past the cap the oldest go, each whole: what is left still decodes to the newest names.
    // Kind 2000 takes two bytes: the tape passes its cap once within this many.
    for _ in 0...(KindTape.cap / 2) { tape.append(many[2000]) }
    tape.append(many[42])
    #expect(tape.bytes.count <= KindTape.cap && tape.bytes.count >= KindTape.cap / 2)
    let (names, more) = tape.names(last: 2)
    #expect(names == ["tape_kind_2000", "tape_kind_42"] && more)
    #expect(String(validating: tape.bytes, as: UTF8.self) != nil)
  }

  @Test func aRoleInASequenceIsAnyKindThatHasIt() throws {
    let roles = ["gives_up": ["giveup", "relay_give_up"], "restarts": ["auto_restart"], "logs_out": []]
    let pattern = try SequencePattern("(gives_up | logs_out) .{0,3} restarts", roles: roles)
    #expect(pattern.kinds == ["gives_up", "logs_out", "restarts"])
    let kinds = KindTape(["close", "relay_give_up", "auto_restart", "close", "giveup", "connected", "auto_restart", "logout", "auto_restart"])
    // A role no kind has matches nothing: the logout is not one here.
    #expect(pattern.count(in: kinds) == 2)
  }

  @Test func diagnosesNameRolesAndAKindMayNotTakeARolesName() throws {
    let plugin = """
      version: 2
      kinds:
        - {id: relay_give_up, roles: [gives_up]}
      events:
        - {id: relay-gave-up, kind: relay_give_up, pattern: '^relay gave up'}
        - {id: restart, kind: auto_restart, pattern: '^restart'}
      diagnoses:
        - id: failed-and-restarted
          severity: warning
          title: t
          root_cause: '{n} runs'
          when: {sequence: 'gives_up restarts', as: n}
          evidence: {role: [gives_up, restarts]}
      """
    let rules = try RuleSet.load(yaml: plugin, name: "plugin.yaml")
    var builder = AnalysisBuilder(rules: rules, diagnoses: try rules.diagnosisRules())
    for (second, kind) in [(0.0, EventKind("relay_give_up")), (5, .autoRestart), (9, .close)] {
      builder.add(
        Event(
          kind: kind, roles: rules.kinds[kind]?.roleSet ?? [], ruleID: "t",
          time: LogTime(seconds: second, offset: 0, precision: .full), channel: "parrot", account: "main",
          origin: Origin(input: 0, line: Int(second) + 1), text: kind.rawValue))
    }
    // The close, which no diagnosis cites, is the unexplained-failures finding's.
    let findings = builder.analysis(inputs: [], rules: rules.info, warnings: [], walogVersion: "test").findings
    #expect(findings.map(\.id) == ["failed-and-restarted", Explainer.findingID])
    #expect(findings.first?.evidence.map(\.text) == ["relay_give_up", "auto_restart"])

    #expect {
      _ = try Self.rules(
        """
          - id: d
            severity: info
            title: t
            root_cause: r
            when: {count: {role: gives_upp}, at_least: 1}
        """)
    } throws: { "\($0)".contains("unknown role 'gives_upp'; roles: closes, retries") }
    #expect {
      _ = try RuleSet.load(yaml: "version: 2\nkinds:\n  - {id: restarts}\n", name: "k.yaml")
    } throws: { "\($0)".contains("k.yaml:3:10: error: kind id 'restarts' is the name of a role") }
  }

  @Test func optionalTemplateSegmentsNeedAllTheirValues() {
    let text = "runs {runs}[[, loop of {loop_cycles} cycles]]."
    #expect(Template.render(text, ["runs": "3"]) == "runs 3.")
    #expect(Template.render(text, ["runs": "3", "loop_cycles": "7"]) == "runs 3, loop of 7 cycles.")
    #expect(Template.placeholders(in: text) == ["runs", "loop_cycles"])
    #expect(Template.render(text, ["runs": "3", "loop_cycles": "0"]) == "runs 3.")
    #expect(Template.render("{n} close{s:n}", ["n": "1"]) == "1 close")
    #expect(Template.render("{n} close{s:n}", ["n": "78"]) == "78 closes")
  }

  @Test func aConditionPlaceholderPrintsNothingAndGuardsItsSegment() {
    let text = "quiet[[{?growing}, so the idle time keeps growing]]."
    #expect(Template.render(text, ["growing": "1"]) == "quiet, so the idle time keeps growing.")
    #expect(Template.render(text, ["growing": "0"]) == "quiet.")
    #expect(Template.render(text, [:]) == "quiet.")
    #expect(Template.placeholders(in: text) == ["growing"])
  }

  static let closeRule = """
      - id: close
        kind: close
        pattern: '^closed (?<status>\\d+)'
    """

  /// A rule file of these event rules (a close by default) and diagnoses.
  static func rules(_ diagnoses: String, events: String = closeRule) throws -> (RuleSet, [Diagnosis]) {
    let yaml = """
      version: 1
      events:
      \(events)
      diagnoses:
      \(diagnoses)
      """
    let rules = try RuleSet.load(yaml: yaml, name: "test.yaml")
    return (rules, try rules.diagnosisRules())
  }

  @Test func brokenDiagnosesNameLineColumnAndWhatWasExpected() throws {
    let yaml = """
        - id: d
          severity: urgent
          title: t
          root_cause: 'r {nope}'
          when:
            count: {kind: clsoe}
            at_least: 1
      """
    #expect {
      _ = try Self.rules(yaml)
    } throws: { error in
      let text = "\(error)"
      return text.contains("test.yaml:8:15: error: unknown severity 'urgent'")
        && text.contains("unknown event kind 'clsoe'")
        && text.contains("unknown placeholder '{nope}'")
    }
  }

  @Test func conditionsComposeAndReportTheirFigures() throws {
    let (rules, diagnoses) = try Self.rules("""
        - id: flood
          severity: warning
          title: 'flood of {n}'
          root_cause: 'fast: {burst} in 1m'
          when:
            all:
              - count: {kind: close, status: '440'}
                at_least: 3
                as: n
              - rate: {kind: close}
                window: 1m
                at_least: 3
                as: burst
              - not: {count: {kind: giveup}, at_least: 1}
      """)
    var builder = AnalysisBuilder(diagnoses: diagnoses, statuses: rules.file.statuses)
    for time in [0.0, 20, 40, 300] { builder.add(Self.event(time, .close, status: "440")) }
    let analysis = builder.analysis(inputs: [], rules: rules.info, warnings: [], walogVersion: "test")
    let finding = try #require(analysis.findings.first)
    #expect(finding.title == "flood of 4")
    #expect(finding.rootCause == "fast: 3 in 1m")
    #expect(finding.figures.map(\.name) == ["n", "burst"])
    #expect(finding.evidence.count == 4)

    builder.add(Self.event(400, .giveup))
    #expect(builder.analysis(inputs: [], rules: rules.info, warnings: [], walogVersion: "test").findings.isEmpty)
  }
}

/// Warnings and errors no rule explains are listed by shape, so "no known problem" never
/// reads as "nothing wrong".
@Suite struct ProblemLinesTests {
  @Test func shapesMaskWhatVaries() {
    #expect(
      ProblemLines.shape(of: "pong not received before the timeout of 15000ms (conn 3f9a1c2e-77b1-4c1e-9d2a-0b1c2d3e4f50) from +15550001111")
        == "pong not received before the timeout of <n>ms (conn <id>) from <phone>")
  }

  @Test func unexplainedErrorsAreCountedByShapeAndExplainedOnesAreNot() throws {
    let log = """
      2026-04-12T10:00:00.000+02:00 [plugins] failed to load plugin foo: Error: ENOENT (attempt 1)
      2026-04-12T10:00:05.000+02:00 [plugins] failed to load plugin foo: Error: ENOENT (attempt 2)
      2026-04-12T10:00:06.000+02:00 [whatsapp] Web connection closed (status 428). Retry 1/12 in 2.2s… (status=428 Precondition Required Connection Closed)
      2026-04-12T10:00:07.000+02:00 [ws] webchat connected
      {"0":"{\\"subsystem\\":\\"gateway/ws\\"}","1":"handshake timeout on conn 77","_meta":{"logLevelName":"WARN","date":"2026-04-12T08:00:08.000Z"},"time":"2026-04-12T10:00:08.000+02:00"}

      """
    let directory = try InputTempDirectory()
    let path = try directory.write("gateway.log", log)
    let analysis = try Analyzer.run(AnalysisRequest(paths: [path])).analysis
    #expect(analysis.unexplainedTotal == 3)
    #expect(analysis.unexplained.map(\.shape) == ["failed to load plugin foo: Error: ENOENT (attempt <n>)", "handshake timeout on conn <n>"])
    #expect(analysis.unexplained.map(\.count) == [2, 1])
    #expect(analysis.unexplained.map(\.level) == ["error", "warn"])
  }
}
