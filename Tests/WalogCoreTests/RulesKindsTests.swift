import Testing

@testable import WalogCore

/// The `kinds:` section: each kind an event names is declared, with what it means and its
/// roles, which the machinery reads instead of kind names (docs/rules.md, "kinds").
@Suite struct RulesKindsTests {
  func problems(_ yaml: String) -> [String] {
    do {
      _ = try RuleSet.load(yaml: yaml, name: "k.yaml")
      return []
    } catch { return error.diagnostics.map(\.description) }
  }

  @Test func aDeclaredKindGivesItsEventsItsRoles() throws {
    let rules = try RuleSet.load(
      yaml: """
        version: 2
        kinds:
          - {id: squawk, failure: true, meaning: the parrot squawked, severity: warning,
             next_step: 'Feed it.', roles: [closes, restatable]}
        events:
          - id: squawk
            kind: squawk
            pattern: '^squawk \\(status (?<status>\\d+)\\)'
        """, name: "k.yaml")
    let kind = try #require(rules.kinds["squawk"])
    #expect(kind.isFailure && kind.level == .warning && kind.meaning == "the parrot squawked" && kind.nextSteps == ["Feed it."])
    #expect(rules.events[0].roles == KindRoles([.closes, .restatable]))
    let event = withParsed("[parrot] squawk (status 7)") { rules.makeEventMatcher().match($0, origin: Origin(input: 0, line: 1)) }
    #expect(event?.roles.contains(.closes) == true)
    // The built-in kinds are known to every rule file without declaring them.
    #expect(rules.kinds["close"]?.roleSet.contains(.closes) == true)
  }

  @Test func eachRoleIsABitOfItsOwn() {
    let sets = KindRole.allCases.map { KindRoles([$0]) }
    #expect(Set(sets.map(\.rawValue)).count == KindRole.allCases.count)
    #expect(sets.allSatisfy { $0.rawValue.nonzeroBitCount == 1 })
    for role in KindRole.allCases {
      #expect(KindRoles(KindRole.allCases.filter { $0 != role }).contains(role) == false, "\(role)")
    }
  }

  @Test func anUndeclaredKindIsAnErrorAtItsEvent() {
    #expect(problems("""
      version: 2
      events:
        - id: squawk
          kind: squawk
          pattern: '^squawk loudly'
      """) == [
      "k.yaml:4:11: error: event kind 'squawk' of event 'squawk' is not declared; add it under 'kinds:' (id, failure, meaning, severity, next_step, roles)"
    ])
  }

  @Test func badDeclarationsAreLocated() {
    let found = problems("""
      version: 2
      kinds:
        - {id: squawk, roles: [closes]}
        - {id: squawk}
        - {id: Squawk!, severity: loud, failure: maybe}
        - {id: flap, roles: [closes, gives_up]}
        - {id: sing, roles: [sings]}
      events: []
      """)
    #expect(found.sorted() == [
      "k.yaml:4:5: error: duplicate kind id 'squawk' (first defined at k.yaml:3:5)",
      "k.yaml:5:10: error: invalid kind id 'Squawk!'; expected a snake_case name (lowercase letters, digits and '_')",
      "k.yaml:5:29: error: invalid severity 'loud'; expected info, warning, error, critical",
      "k.yaml:5:44: error: expected true or false for 'failure', found 'maybe'",
      "k.yaml:6:23: error: kind 'flap' has the roles closes and gives_up, which say different things about a run or cycle; give it one of \(KindRole.cycleRoles.map(\.rawValue).joined(separator: ", "))",
      "k.yaml:7:24: error: unknown role 'sings' of kind 'sing'; roles: \(KindRole.allCases.map(\.rawValue).joined(separator: ", "))",
    ])
  }

  /// An extra file changes a built-in kind field by field, and the rules' roles follow.
  @Test func anExtraFileOverridesFieldsOfABuiltInKind() throws {
    let extra = try RuleSet.load(
      yaml: """
        version: 2
        kinds:
          - {id: watchdog, severity: warning, roles: [closes]}
        """, name: "x.yaml")
    let rules = RuleSet.default.extended(with: extra)
    let watchdog = try #require(rules.kinds["watchdog"])
    #expect(watchdog.level == .warning && watchdog.meaning == RuleSet.default.kinds["watchdog"]?.meaning)
    let rule = try #require(rules.index(ofRule: "whatsapp-watchdog"))
    #expect(rules.events[rule].roles == KindRoles([.closes]))
  }

  /// A version-1 file cannot declare kinds: one the built-in rules do not know is its own, with
  /// no roles, as before kinds were declared.
  @Test func aVersion1FilesOwnKindHasNoRoles() throws {
    let rules = try RuleSet.load(yaml: "version: 1\nevents:\n  - {id: b, kind: bridge_down, pattern: '^bridge down'}\n", name: "v1.yaml")
    #expect(rules.kinds["bridge_down"]?.roleSet == [])
    #expect(problems("version: 1\nkinds: []\nevents: []\n") == ["k.yaml:2:1: error: 'kinds' needs 'version: 2'"])
  }

  /// Every kind the default rules use is declared with its meaning; a failure says how severe
  /// it is and what to do next.
  @Test func everyDefaultKindIsDeclaredWithItsMeaning() throws {
    let rules = RuleSet.default
    for rule in rules.events { #expect(rules.kinds[rule.kind] != nil, "\(rule.id): \(rule.kind)") }
    for kind in rules.kinds.values {
      #expect(kind.meaning?.isEmpty == false, "\(kind.id) has no meaning")
      if kind.isFailure { #expect(kind.severity != nil && kind.nextSteps != nil, "\(kind.id)") }
    }
    for diagnosis in try rules.diagnosisRules() { _ = diagnosis }  // each names declared kinds only
  }
}
