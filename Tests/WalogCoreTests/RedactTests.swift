import Foundation
import Testing

@testable import WalogCore

@Suite struct RedactTests {
  /// The secrets planted in Fixtures/reports/secrets.log; none may reach any output.
  static let planted = [
    "15550104477", "+39344XXXXXXX", "39344", "ops.alerts@example.com", "it@example.org",
    "120363025246125486", "123456789012345", "s.whatsapp.net", "@g.us", "@lid",
    "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq", "123456789:AA", "xoxb-", "AbCdEfGhIjKlMnOpQrStUvWx",
    "sess-1a2b3c4d", "1a2b3c4d",
  ]

  @Test func phoneNumbersBecomeNumberedPlaceholders() {
    let redactor = Redactor()
    #expect(redactor.redact("starting provider (+15550104477)") == "starting provider (<PHONE-1>)")
    #expect(
      redactor.redact("linked +39344XXXXXXX and +447700900123") == "linked <PHONE-2> and <PHONE-3>")
    // The same number later in the report keeps its placeholder.
    #expect(redactor.redact("again +15550104477.") == "again <PHONE-1>.")
    #expect(redactor.counts["PHONE"] == 3)
  }

  @Test func whatsappJIDsOfEveryKind() {
    let redactor = Redactor()
    #expect(redactor.redact("to 15550104477@s.whatsapp.net") == "to <JID-1>")
    #expect(redactor.redact("device 15550104477:12@s.whatsapp.net") == "device <JID-2>")
    #expect(
      redactor.redact("group 120363025246125486@g.us; lid 123456789012345@lid")
        == "group <JID-3>; lid <JID-4>")
    #expect(redactor.redact("to 15550104477@s.whatsapp.net again") == "to <JID-1> again")
  }

  @Test func botTokensAndEmailAddresses() {
    let redactor = Redactor()
    let telegram =
      "https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq/getUpdates"
    #expect(redactor.redact(telegram) == "https://api.telegram.org/bot<TOKEN-1>/getUpdates")
    #expect(
      redactor.redact("token xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp,") == "token <TOKEN-2>,")
    #expect(
      redactor.redact("xapp-1-A0123456789-abcdef and xoxp-99-88-77-aaaa")
        == "<TOKEN-3> and <TOKEN-4>")
    #expect(redactor.redact("mail Ops.Alerts+gw@example.co.uk now") == "mail <EMAIL-1> now")
  }

  @Test func ordinaryLogTextIsLeftAlone() {
    let redactor = Redactor()
    let lines = [
      "2026-02-04T09:12:14.960-08:00 [whatsapp] Web connection closed (status 440). Retry 1/12 in 2.36s… (status=440 Unknown Stream Errored (conflict))",
      "[gateway] listening on ws://127.0.0.1:18789 (PID 48211)",
      "OpenClaw Gateway (v2026.4.24) conn=21890bdd-6203-f1b6 offset +02:00 +1s",
      "[whatsapp:default] health-monitor: restarting (reason: stuck)",
      "npm i -g openclaw@2026.2.24 and @scope/pkg",
    ]
    for line in lines { #expect(redactor.redact(line) == line) }
    #expect(redactor.counts.isEmpty)
  }

  @Test func ruleFilePatternsUseTheirPlaceholder() throws {
    let rules = try RuleSet.load(
      yaml:
        "version: 1\nredact:\n  - {name: session-id, pattern: 'sess-[0-9a-f]{8}', placeholder: SESSION}\n",
      name: "test.yaml")
    let redactor = Redactor(ruleSet: rules)
    #expect(
      redactor.redact("session sess-1a2b3c4d, sess-00000000, sess-1a2b3c4d")
        == "session <SESSION-1>, <SESSION-2>, <SESSION-1>")
    // The built-in rules still apply with a rule file's.
    #expect(redactor.redact("+15550104477") == "<PHONE-1>")
  }

  @Test func analysisRedactionCoversFindingsStreamsAndCounts() throws {
    let analysis = try ReportFixture.analysis("Fixtures/reports/secrets.log")
    #expect(analysis.streams.contains { $0.key.account == "<PHONE-1>" })
    let conflict = try #require(analysis.findings.first { $0.id == "report-conflict-loop" })
    #expect(
      conflict.evidence.first?.text.hasSuffix("conflict from <PHONE-1>, owner <EMAIL-1>)") == true)
    // Input names are the user's own paths and stay.
    #expect(analysis.inputs.map(\.name) == ["Fixtures/reports/secrets.log"])
    #expect(conflict.evidence.first?.input == "Fixtures/reports/secrets.log")
  }

  @Test(arguments: ["Fixtures/reports/secrets.log", "Fixtures/reports/no-times.log"])
  func noPlantedSecretReachesAnyFormat(log: String) throws {
    let plain = try ReportFixture.analysis(log, redact: false)
    // The fixture does plant them: without redaction the evidence shows them.
    let unredacted = ReportFixture.renderings(plain).map(\.text).joined()
    #expect(unredacted.contains("+15550104477"))

    let analysis = try ReportFixture.analysis(log)
    for (format, text) in ReportFixture.renderings(analysis) {
      let decoded = try Decoded.decode(format, text)
      for secret in Self.planted {
        #expect(!decoded.contains(secret), "\(format) output of \(log) shows \(secret)")
        #expect(!text.contains(secret), "\(format) output of \(log) shows \(secret)")
      }
    }
  }

  @Test func sameNumberKeepsItsPlaceholderAcrossTheReport() throws {
    let analysis = try ReportFixture.analysis("Fixtures/reports/secrets.log")
    let markdown = MarkdownReport.render(analysis)
    // +15550104477 is the stream account, in a close line's reason, and in a JID (which is
    // its own secret, <JID-n>); +39344XXXXXXX is a second number.
    #expect(markdown.contains("`whatsapp:<PHONE-1>`"))
    #expect(markdown.contains("conflict from <PHONE-1>, owner <EMAIL-1>"))
    #expect(markdown.contains("linked phone <PHONE-2> (session <SESSION-1>)"))
    #expect(!markdown.contains("<PHONE-3>"))
    let json = JSONReport.render(analysis)
    #expect(json.contains("\"account\": \"<PHONE-1>\""))
  }
}
