import Foundation
import Testing

@testable import WalogCore

/// What the rule language lets a finding's words depend on: a figure's `label:`, an action
/// for some channels only, and a version the log may not reveal.
@Suite struct DiagnoseWordingTests {
  static let diagnosis = """
      - id: loop
        severity: warning
        title: '{channel_name} loop on {stream}'
        root_cause: '{n} closes[[ under {version}]]; bare: {version}.'
        actions:
          - 'Fix it.'
          - text: 'WhatsApp only[[ ({version})]].'
            channel: whatsapp
          - text: 'Telegram or Slack, when old.'
            channel: [telegram, slack]
            when: {not: {version: {at_least: '2026.1.1'}}}
        when:
          count: {kind: close}
          at_least: 1
          as: n
          label: 'closes of any status'
    """

  static func analysis(channel: String, version: String? = nil) throws -> Analysis {
    let (rules, diagnoses) = try DiagnoseTests.rules(Self.diagnosis)
    var builder = AnalysisBuilder(diagnoses: diagnoses, statuses: rules.file.statuses)
    if let version {
      builder.add(Event(
        kind: .version, roles: .of(.version), ruleID: "v", time: nil, channel: "gateway", fields: ["version": version],
        origin: Origin(input: 0, line: 1), text: "openclaw \(version)"))
    }
    builder.add(Event(
      kind: .close, roles: .of(.close), ruleID: "t", time: LogTime(seconds: 10, offset: 0, precision: .full), channel: channel,
      account: "default", status: "428", origin: Origin(input: 0, line: 2), text: "closed 428"))
    return builder.analysis(inputs: [], rules: rules.info, warnings: [], walogVersion: "test")
  }

  static func finding(channel: String, version: String? = nil) throws -> Finding {
    try #require(try analysis(channel: channel, version: version).findings.first)
  }

  @Test func aLabelIsWhatReportsCallTheFigure() throws {
    let analysis = try Self.analysis(channel: "whatsapp")
    let figure = try #require(analysis.findings.first?.figures.first)
    #expect(figure.name == "n")
    #expect(figure.label == "closes of any status")
    #expect(ReportWords.figure(figure) == "closes of any status: 1")
    // The JSON keeps the name: it is what scripts read.
    #expect(JSONReport.render(analysis).contains(#""n": {"#))
    #expect(TextReport.render(analysis).contains("figures: closes of any status: 1"))
  }

  @Test func aLabelNeedsAName() {
    #expect {
      _ = try DiagnoseTests.rules("""
          - id: d
            severity: info
            title: t
            root_cause: r
            when: {count: {kind: close}, at_least: 1, label: 'closes'}
        """)
    } throws: { "\($0)".contains("'label' gives the words for a value named with 'as'; give 'as' too") }
  }

  @Test func anActionForSomeChannelsIsShownOnTheirStreamsOnly() throws {
    #expect(try Self.finding(channel: "whatsapp").actions == ["Fix it.", "WhatsApp only."])
    // Its advice depends on the version there, which the log does not show: it asks for it.
    #expect(
      try Self.finding(channel: "telegram").actions == [
        "Fix it.", "Telegram or Slack, when old.",
        "Check the gateway version with `openclaw --version`: this advice depends on it, and the log does not show it.",
      ])
    #expect(try Self.finding(channel: "telegram", version: "2026.3.2").actions == ["Fix it."])
    #expect(try Self.finding(channel: "discord").actions == ["Fix it."])
  }

  @Test func aChannelIsNamedAsItsRuleFileNamesIt() throws {
    #expect(try Self.finding(channel: "imessage").title == "iMessage loop on imessage:default")
    // A channel the rule file does not know (a plugin) is called by its id.
    #expect(try Self.finding(channel: "dingtalk").title == "dingtalk loop on dingtalk:default")
  }

  /// Findings that differ only by account are one; an action naming the account is said once.
  @Test func aMergedFindingSaysAnAccountsActionOnce() throws {
    let analysis = try ReportFixture.analysis("Fixtures/diagnoses/two-accounts-pairing.log", extraRules: false)
    let finding = try #require(analysis.findings.first { $0.id == "whatsapp-restart-after-pairing" })
    #expect(finding.accounts == ["home", "work"])
    #expect(finding.actions.count == 2)
    #expect(finding.actions[0].contains("--account home") && !finding.actions[0].contains("--account work"))
    #expect(finding.actions[1] == "Likewise for the work account.")
  }

  @Test func anUnknownVersionDropsItsSegmentsAndIsSaidInWordsElsewhere() throws {
    let unknown = try Self.finding(channel: "whatsapp")
    #expect(unknown.rootCause == "1 closes; bare: an unknown version.")
    let known = try Self.finding(channel: "whatsapp", version: "2026.3.2")
    #expect(known.rootCause == "1 closes under v2026.3.2; bare: v2026.3.2.")
    #expect(known.actions == ["Fix it.", "WhatsApp only (v2026.3.2)."])
  }

  /// `closes with status 401: 0` beside a logout says nothing to a reader; scripts keep it.
  @Test func zeroFiguresAreLeftOutOfTheHumanReportsOnly() throws {
    let analysis = try ReportFixture.analysis("Fixtures/diagnoses/excerpt-logged-out.log", extraRules: false)
    let finding = try #require(analysis.findings.first { $0.id == "whatsapp-logged-out" })
    #expect(finding.figures.map(\.name) == ["logouts", "closes401"])
    for text in [TextReport.render(analysis), MarkdownReport.render(analysis), HTMLReport.render(analysis)] {
      #expect(text.contains("logout lines: "))
      #expect(!text.contains("closes with status 401: "))
    }
    #expect(JSONReport.render(analysis).contains(#""closes401": {"#))
  }
}
