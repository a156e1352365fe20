import Foundation
import Testing

@testable import WalogCore

@Suite struct RulesDefaultFileTests {
  /// The embedded files are the rule folder's, by name and text, in the order they join.
  @Test func embeddedFilesEqualTheRuleFolder() throws {
    let folder = packageRoot.appendingPathComponent("Sources/WalogCore/Rules/openclaw").path
    let names = try RuleFolder.fileNames(in: folder)
    #expect(DefaultRules.files.map(\.name) == names, "run scripts/embed-default-rules")
    for (name, text) in DefaultRules.files where names.contains(name) {
      let file = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
      #expect(text == file, "\(name) differs: run scripts/embed-default-rules")
    }
  }

  /// `walog rules show` prints one file; loaded, it is the same set, hash included.
  @Test func theOneFileOfTheDefaultRulesLoadsAsTheSameSet() throws {
    let rules = try RuleSet.load(yaml: DefaultRules.yaml, name: "show.yaml")
    #expect(rules.events.count >= 40)
    #expect(rules.events.allSatisfy { $0.literals?.isEmpty == false })
    #expect(rules.events.map(\.id) == RuleSet.default.events.map(\.id))
    #expect(rules.events.map(\.pattern) == RuleSet.default.events.map(\.pattern))
    #expect(rules.channels.map(\.id) == RuleSet.default.channels.map(\.id))
    #expect(rules.file.diagnoses.count == RuleSet.default.file.diagnoses.count)
    #expect(rules.policies.byChannel == RuleSet.default.policies.byChannel)
    #expect(rules.info.hash == RuleSet.default.info.hash)
  }

  /// The built-in rules' hash is taken when they are embedded, and is the hash of their text.
  @Test func theEmbeddedHashIsTheRulesHash() {
    #expect(DefaultRules.sha256 == SHA256.hex(DefaultRules.yaml), "run scripts/embed-default-rules")
    #expect(RuleSet.default.info.hash == DefaultRules.sha256)
  }

  @Test func everyDefaultSamplePasses() {
    var parser = EnvelopeParser()
    let failures = RuleSet.default.checkSamples { parser.parse($0) }
    #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
  }

  @Test func everyRuleHasSamplesAndWhatsAppRulesHaveAFileLogSample() {
    for rule in RuleSet.default.events {
      #expect(rule.samples.contains { $0.shouldMatch }, "rule \(rule.id) has no matching sample")
      if rule.channel == "whatsapp" || rule.id.hasPrefix("whatsapp") {
        #expect(
          rule.samples.contains { $0.shouldMatch && $0.line.hasPrefix("{\"0\":") },
          "WhatsApp rule \(rule.id) has no file-log JSON sample")
      }
    }
  }

  @Test func statusesCoverTheResearchedCodes() {
    let rules = RuleSet.default
    for code in ["401", "403", "408", "411", "428", "440", "499", "500", "503", "515", "unknown"] {
      #expect(rules.status(channel: "whatsapp", code: code) != nil, "whatsapp \(code)")
    }
    #expect(rules.status(channel: "whatsapp", code: "440")?.statusClass == .persistent)
    #expect(rules.status(channel: "whatsapp", code: "515")?.statusClass == .benign)
    #expect(rules.status(channel: "telegram", code: "409")?.statusClass == .persistent)
    #expect(rules.status(channel: "discord", code: "1006")?.statusClass == .transient)
    #expect(rules.status(channel: "discord", code: "4014")?.name == "disallowed intents")
    #expect(rules.file.redact.isEmpty)
  }

  @Test func everyDefaultDiagnosisCompilesAndHasATestLog() throws {
    let diagnoses = try RuleSet.default.diagnosisRules()
    #expect(diagnoses.count == RuleSet.default.file.diagnoses.count)
    let untested = diagnoses.filter { $0.tests.isEmpty }.map(\.id)
    #expect(untested.isEmpty)
  }

  /// A figure's name is a placeholder (`{idle30}`); reports list the figure by its words.
  @Test func everyNamedFigureOfTheDefaultDiagnosesHasALabel() throws {
    for diagnosis in try RuleSet.default.diagnosisRules() {
      for leaf in diagnosis.condition.leaves where leaf.name != nil {
        #expect(leaf.label?.isEmpty == false, "\(diagnosis.id): 'as: \(leaf.name!)' has no 'label:'")
      }
    }
  }

  @Test func sampleCheckReportsWhatDiffered() throws {
    let yaml = """
      version: 1
      events:
        - id: demo
          kind: close
          pattern: '^closed \\(status (?<status>\\d+)\\)'
          samples:
            - line: '[whatsapp] closed (status 428)'
              expect: {status: '440'}
            - line: '[whatsapp] opened'
            - line: '[whatsapp] closed (status 1)'
              match: false
        - id: hidden
          kind: stop
          pattern: '^closed \\(status (?<status>\\d+)\\) for good'
          samples:
            - line: '[whatsapp] closed (status 9) for good'
      """
    let rules = try RuleSet.load(yaml: yaml, name: "s.yaml")
    var parser = EnvelopeParser()
    let failures = rules.checkSamples { parser.parse($0) }
    #expect(
      failures.map(\.description) == [
        "s.yaml:7:15: error: sample of event 'demo': capture 'status' was '428', expected '440'\n  [whatsapp] closed (status 428)",
        "s.yaml:9:15: error: sample of event 'demo': the prefilter finds none of the rule's literals ('closed (status ') in the raw line\n  [whatsapp] opened",
        "s.yaml:9:15: error: sample of event 'demo': no match (normalised message: 'opened')\n  [whatsapp] opened",
        "s.yaml:10:15: error: sample of event 'demo': unexpected match (the sample says 'match: false')\n  [whatsapp] closed (status 1)",
        "s.yaml:16:15: error: sample of event 'hidden': matched by the earlier rule 'demo' first\n  [whatsapp] closed (status 9) for good",
      ])
  }

  /// Real log excerpts (issue reports) give the events a reader of the log would count.
  @Test func realLogLinesBecomeTheRightEvents() throws {
    let lines: [(String, EventKind, String?)] = [
      ("11:30:53 [whatsapp] Web connection closed (status 440). Retry 2/12 in 4.46s… (status=440 Unknown Stream Errored (conflict))", .close, "440"),
      ("11:38:48 [whatsapp] Web reconnect: max attempts reached (12/12). Stopping web monitoring.", .giveup, nil),
      ("12:53:41 [whatsapp] Web connection closed (status 440: session conflict)", .stop, "440"),
      ("[whatsapp] No messages received in 118m - restarting connection", .watchdog, nil),
      ("2026-03-18T15:39:40 [health-monitor] [whatsapp:default] health-monitor: restarting (reason: stale-socket)", .healthRestart, nil),
      ("[slack] socket disconnected (disconnect). retry 1/∞ in 2s", .close, nil),
      ("[telegram] getUpdates conflict: Call to 'getUpdates' failed! (409: Conflict: terminated by other getUpdates request; make sure that only one bot instance is running); retrying in 30s.", .close, "409"),
    ]
    let matcher = RuleSet.default.makeEventMatcher()
    for (text, kind, status) in lines {
      let event = withParsed(text) { matcher.match($0, origin: Origin(input: 0, line: 1)) }
      #expect(event?.kind == kind, "\(text)")
      #expect(event?.status == status, "\(text)")
    }
    for text in [
      "- WhatsApp default: enabled, configured, linked, running, disconnected, error:status=408 Request Time-out Connection was lost",
      "[ws] webchat disconnected code=1005 reason=n/a conn=676fc4da",
    ] {
      #expect(withParsed(text) { matcher.match($0, origin: Origin(input: 0, line: 1)) } == nil, "\(text)")
    }
    // The diag line restates the `getUpdates conflict: …; retrying in d` close: a detail, not a second close.
    let diag = withParsed("[telegram] [diag] polling cycle error reason=getUpdates conflict ...") {
      matcher.match($0, origin: Origin(input: 0, line: 1))
    }
    #expect(diag?.kind == .close && diag?.status == "409" && diag?.isDetail == true)
    // So does the CLI's `Channel login failed: …` summary of a login close.
    let login = withParsed("Channel login failed: Error: status=408 Request Time-out WebSocket Error ()") {
      matcher.match($0, origin: Origin(input: 0, line: 1))
    }
    #expect(login?.kind == .close && login?.status == "408" && login?.isDetail == true)
  }
}

