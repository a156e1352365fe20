import Testing

@testable import WalogCore

/// A channel walog's Swift has never heard of, described by a rule file alone
/// (Fixtures/rules/plugin-channel.yaml), gets retry runs, cycles, loops, policy notes and
/// its diagnosis from the kinds, roles and policies that file states.
@Suite struct PluginChannelTests {
  static let log = packageRoot.appendingPathComponent("Fixtures/rules/plugin-channel.log").path

  static func analyse(_ rules: RuleSet) throws -> Analysis {
    try Analyzer.run(AnalysisRequest(paths: [log]), rules: rules, diagnoses: try rules.diagnosisRules()).analysis
  }

  static func pluginRules() throws -> RuleSet {
    try RuleSet.load(rules: nil, extraRules: [fixturePath("plugin-channel.yaml")])
  }

  @Test func thePluginsRuleFileDrivesRunsCyclesLoopsNotesAndDiagnoses() throws {
    let analysis = try Self.analyse(try Self.pluginRules())
    // The file-log line of subsystem gateway/channels/parrot/relay belongs to the channel too.
    #expect(analysis.streams.map(\.key.description) == ["parrot:main"])
    let stream = try #require(analysis.streams.first)
    // Its drops and give-up are kinds of its own, which the built-in rules do not know: their
    // roles alone make them closes and a give-up.
    #expect(RuleSet.default.kinds["relay_drop"] == nil && RuleSet.default.kinds["relay_give_up"] == nil)
    #expect(stream.tally.totals.eventsByKind["relay_drop"] == 9 && stream.tally.totals.eventsByKind["relay_give_up"] == 1)
    #expect(stream.tally.totals.closes == 10 && stream.tally.totals.giveups == 1)
    let history = stream.history
    #expect(history.runs.kept.items.map(\.outcome) == [.gaveUp, .stopped, .restarted, .restarted, .restarted])
    #expect(history.cycles.count == 5)
    #expect(history.cyclesByRestarter == ["supervisor": 2, "health-monitor": 3])
    // The plugin's 30-minute loop gap splits the quiet 48 minutes; the gateway's hour would not.
    #expect(history.loopCount == 2)
    #expect(history.loops.map(\.cycles) == [2, 3])
    #expect(history.retriedConflicts == 1)
    #expect(history.delaysChecked == 9 && history.delaysOffPolicy == 1)
    #expect(
      stream.notes.map(\.text) == [
        "status 4409 (replaced) was retried 1 time, though the plugin stops on it since v2026.5.1",
        "the health monitor restarted the relay 3 times in one hour (the plugin expects at most 2 on v2026.5.3)",
        "1 of 9 relay reconnect delays are off the plugin's backoff (3 s × 2 up to 20 s): `parrot.reconnect` is set",
      ])
    let finding = try #require(analysis.findings.first { $0.id == "parrot-relay-replaced" })
    #expect(finding.title == "Parrot relay session replaced on parrot:main")
    #expect(
      finding.rootCause
        == "2 closes with status 4409: another client takes the relay session over, in 5 retry runs and 5 restart cycles (2 loops).")
    // The built-in restart amplification reads a failed run by role: the relay's own give-up,
    // restarted by the supervisor, is one of the two restarted runs (the fail-fast stop the other).
    let amplification = try #require(analysis.findings.first { $0.id == "restart-amplification" })
    #expect(amplification.figures.first { $0.name == "restarted" }?.value == 2)
    #expect(amplification.evidence.first?.text == "relay gave up after 5/5 connection attempts")
  }

  @Test func changingAPolicyInTheRuleFileChangesWhatIsRebuilt() throws {
    let hourGap = try RuleSet.load(
      yaml: """
        version: 2
        channels:
          - id: parrot
            policies: {loop_gap: 1h, health_monitor: {restarts_per_hour: 6}}
        """, name: "tweak.yaml")
    let analysis = try Self.analyse(try Self.pluginRules().extended(with: hourGap))
    let stream = try #require(analysis.streams.first)
    #expect(stream.history.loopCount == 1)
    #expect(stream.history.loops.map(\.cycles) == [5])
    #expect(!stream.notes.map(\.id).contains("health-restarts-above-cap"))
  }

  @Test func thePluginFilesOwnSamplesAndTestsPass() throws {
    // What `walog rules test Fixtures/rules/plugin-channel.yaml` runs.
    let path = fixturePath("plugin-channel.yaml")
    let rules = try RuleSet.load(path: path)
    let results = RuleTester.run(
      rules: rules, diagnoses: try rules.diagnosisRules(), baseDirectory: "/nonexistent")
    #expect(results.count == rules.events.count + 1)
    #expect(results.filter { !$0.passed }.map(\.message) == [])
  }
}
