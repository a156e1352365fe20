import Testing

@testable import WalogCore

@Suite struct RulesLoaderTests {
  /// The diagnostics of loading a fixture, with the fixture's path shortened to its name.
  func errors(_ fixture: String) -> [String] {
    do {
      _ = try RuleSet.load(path: fixturePath(fixture))
      Issue.record("\(fixture) loaded without errors")
      return []
    } catch {
      return error.diagnostics.map { $0.description.replacingOccurrences(of: fixturePath("x").dropLast(), with: "") }
    }
  }

  @Test func unknownKeyNamesTheAllowedKeys() {
    #expect(
      errors("broken-unknown-key.yaml") == [
        "broken-unknown-key.yaml:5:5: error: unknown key 'patern' in event 'demo-close'; allowed keys: id, kind, channel, pattern, literal, detail, channels_only, fields, json_fields, samples",
        "broken-unknown-key.yaml:3:5: error: event 'demo-close' is missing required key 'pattern'",
      ])
  }

  @Test func badRegexGivesPCRE2MessageAndOffset() {
    #expect(
      errors("broken-bad-regex.yaml") == [
        "broken-bad-regex.yaml:5:14: error: pattern of event 'demo-close' does not compile: missing closing parenthesis at offset 47"
      ])
  }

  @Test func missingPattern() {
    #expect(
      errors("broken-missing-pattern.yaml") == [
        "broken-missing-pattern.yaml:3:5: error: event 'demo-close' is missing required key 'pattern'"
      ])
  }

  @Test func wrongTypes() {
    #expect(
      errors("broken-wrong-type.yaml") == [
        "broken-wrong-type.yaml:6:13: error: expected true or false for 'detail', found 'maybe'",
        "broken-wrong-type.yaml:7:13: error: expected a mapping of names to strings for 'fields', found a list",
      ])
  }

  @Test func duplicateID() {
    #expect(
      errors("broken-duplicate-id.yaml") == [
        "broken-duplicate-id.yaml:6:5: error: duplicate event id 'demo-close' (first defined at broken-duplicate-id.yaml:3:5)"
      ])
  }

  @Test func yamlSyntaxError() {
    #expect(
      errors("broken-yaml-syntax.yaml") == [
        "broken-yaml-syntax.yaml:7:1: error: invalid YAML: found unexpected end of stream (while scanning a quoted scalar at line 5, column 14)"
      ])
  }

  @Test func badKindAndUnderivableLiteral() {
    #expect(
      errors("broken-bad-kind.yaml") == [
        "broken-bad-kind.yaml:4:11: error: invalid event kind 'Close!'; expected a snake_case name declared under 'kinds:'",
        "broken-bad-kind.yaml:8:14: error: cannot derive a prefilter literal from the pattern of event 'demo-caseless' (it has no fixed text of 3 or more bytes outside optional parts, or it is caseless); add 'literal:' with text that every matching line contains",
      ])
  }

  @Test func missingFile() {
    #expect(errors("no-such-file.yaml") == ["no-such-file.yaml: error: no such rule file"])
  }

  @Test func inlineProblems() throws {
    func messages(_ yaml: String) -> [String] {
      do {
        _ = try RuleSet.load(yaml: yaml, name: "t.yaml")
        return []
      } catch { return error.diagnostics.map(\.description) }
    }
    #expect(messages("") == ["t.yaml:1:1: error: expected a mapping with 'version' and 'events', found an empty document"])
    #expect(messages("version: 3\n") == ["t.yaml:1:10: error: unsupported rule file version 3; expected 1 or 2"])
    #expect(messages("events: []\n") == ["t.yaml:1:1: error: the rule file is missing required key 'version'"])
    #expect(
      messages("version: 1\nstatuses:\n  - {channel: whatsapp, code: '1', name: x, class: fatal}\n") == [
        "t.yaml:3:52: error: invalid status class 'fatal'; expected persistent, transient or benign"
      ])
    #expect(
      messages("version: 1\ndiagnoses:\n  - severity: error\n") == ["t.yaml:3:5: error: diagnosis is missing required key 'id'"])
    #expect(
      messages("version: 1\nredact:\n  - {name: key, pattern: 'sk-[', placeholder: KEY}\n") == [
        "t.yaml:3:26: error: pattern of redact rule 'key' does not compile: missing terminating ] for character class at offset 4"
      ])
  }

  @Test func parsesEveryEventKey() throws {
    let yaml = """
      version: 1
      events:
        - id: demo
          kind: close
          channel: whatsapp
          pattern: '^closed \\(status (?<status>\\d+)\\)'
          literal: [closed (status, 'closed ']
          detail: true
          fields: {phase: setup}
          json_fields: {attempt: reconnectAttempts}
          samples:
            - line: '[whatsapp] closed (status 1)'
              expect: {status: '1'}
            - line: '[whatsapp] open'
              match: false
      diagnoses:
        - id: demo-diagnosis
          when: anything
      redact:
        - {name: api-key, pattern: 'sk-[A-Za-z0-9]{20,}', placeholder: API-KEY}
      """
    let rules = try RuleSet.load(yaml: yaml, name: "demo.yaml")
    let rule = try #require(rules.events.first)
    #expect(rule.id == "demo")
    #expect(rule.kind == .close)
    #expect(rule.channel == "whatsapp")
    #expect(rule.literals == ["closed (status", "closed "])
    #expect(rule.detail)
    #expect(rule.fields == ["phase": "setup"])
    #expect(rule.jsonFields == ["attempt": "reconnectAttempts"])
    #expect(rule.samples.count == 2)
    #expect(rule.samples[1].shouldMatch == false)
    #expect(rule.samples[0].location == SourceLocation(file: "demo.yaml", line: 12, column: 15))
    #expect(rules.file.diagnoses.count == 1)
    #expect(rules.file.diagnoses[0].location.line == 17)
    #expect(rules.file.redact.first?.placeholder == "API-KEY")
  }
}
