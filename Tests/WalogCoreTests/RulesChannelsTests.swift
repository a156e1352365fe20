import Testing

@testable import WalogCore

@Suite struct RulesChannelsTests {
  private func messages(_ yaml: String) -> [String] {
    do {
      _ = try RuleSet.load(yaml: yaml, name: "t.yaml")
      return []
    } catch { return error.diagnostics.map(\.description) }
  }

  @Test func theDefaultFileNamesTheChannelsAndSubsystems() throws {
    let rules = RuleSet.default
    #expect(rules.file.version == 2)
    let whatsapp = try #require(rules.channel("whatsapp"))
    #expect(whatsapp.names == ["WhatsApp"])
    #expect(whatsapp.subsystems.contains("gateway/channels/whatsapp"))
    #expect(whatsapp.subsystems.contains("web-reconnect"))
    #expect(rules.channel("telegram")?.names == ["Telegram"])
    #expect(rules.channels.map(\.id).contains("nextcloud-talk"))
    #expect(rules.subsystems.contains("gateway/health-monitor"))
    #expect(rules.subsystems.contains("diagnostic"))
    #expect(!rules.subsystems.contains("gateway/channels/whatsapp"))
  }

  @Test func aVersion1FileGetsTheBuiltInChannels() throws {
    let rules = try RuleSet.load(yaml: "version: 1\n", name: "old.yaml")
    #expect(rules.channels.map(\.id) == RuleSet.default.channels.map(\.id))
    #expect(rules.subsystems == RuleSet.default.subsystems)
  }

  @Test func aVersion2FileHasOnlyItsOwnChannels() throws {
    let rules = try RuleSet.load(
      yaml: """
        version: 2
        channels:
          - {id: dingtalk, names: [DingTalk], subsystems: [gateway/channels/dingtalk]}
        subsystems: [gateway]
        """, name: "plugin.yaml")
    #expect(rules.channels.map(\.id) == ["dingtalk"])
    #expect(rules.subsystems == ["gateway"])
    #expect(rules.channel("whatsapp") == nil)
    #expect(rules.channelIDs.contains(bytes: "dingtalk"))
    #expect(!rules.channelIDs.contains(bytes: "whatsapp"))
  }

  @Test func channelProblemsAreLocated() {
    #expect(
      messages("version: 1\nchannels: []\nsubsystems: []\n") == [
        "t.yaml:2:1: error: 'channels' needs 'version: 2'",
        "t.yaml:3:1: error: 'subsystems' needs 'version: 2'",
      ])
    #expect(
      messages("version: 2\nchannels:\n  - {id: Bad_ID, nmes: [x]}\n") == [
        "t.yaml:3:18: error: unknown key 'nmes' in channel 'Bad_ID'; allowed keys: id, names, subsystems, policies",
        "t.yaml:3:10: error: invalid channel id 'Bad_ID'; expected lowercase letters, digits and '-'",
      ])
    #expect(
      messages("version: 2\nchannels:\n  - {id: a}\n  - {id: a}\n") == [
        "t.yaml:4:5: error: duplicate channel id 'a' (first defined at t.yaml:3:5)"
      ])
    #expect(
      messages("version: 2\nchannels:\n  - {id: a, names: WhatsApp, subsystems: ['']}\n") == [
        "t.yaml:3:20: error: expected a list for 'names', found 'WhatsApp'",
        "t.yaml:3:43: error: expected a non-empty string in 'subsystems'",
      ])
    #expect(messages("version: 2\nchannels:\n  - names: [x]\n") == ["t.yaml:3:5: error: channel is missing required key 'id'"])
  }

  @Test func extraRulesMergeChannelsByID() throws {
    let extra = try RuleSet.load(
      yaml: """
        version: 2
        channels:
          - {id: whatsapp, names: [WhatsApp, WA]}
          - {id: dingtalk, subsystems: [gateway/channels/dingtalk]}
        subsystems: [gateway, acme-bridge]
        """, name: "extra.yaml")
    let merged = RuleSet.default.extended(with: extra)
    let whatsapp = try #require(merged.channel("whatsapp"))
    #expect(whatsapp.names == ["WhatsApp", "WA"])
    #expect(whatsapp.subsystems == RuleSet.default.channel("whatsapp")!.subsystems)
    #expect(merged.channels.count == RuleSet.default.channels.count + 1)
    #expect(merged.channels.last?.id == "dingtalk")
    #expect(merged.channelIDs.contains(bytes: "dingtalk"))
    #expect(merged.subsystems == RuleSet.default.subsystems + ["acme-bridge"])

    // A version-1 extra file keeps the channels as they were.
    let old = try RuleSet.load(yaml: "version: 1\n", name: "old.yaml")
    #expect(merged.extended(with: old).channels.map(\.id) == merged.channels.map(\.id))
  }
  @Test func policiesAreReadWithTheirUnits() throws {
    let rules = try RuleSet.load(
      yaml: """
        version: 2
        policies:
          reconnect: {counter_reset: 1m, counter_reset_runs: 4, delay_slack: 0.1}
          detail_pairing: {window: 500ms, events: 3}
          health_monitor: {restarts_per_hour: [{before: '2026.3.1', value: 3}, {since: '2026.3.1', value: 10}]}
          notes: {run-before-log: 'runs: {runs_began_before_log}'}
        channels:
          - id: demo
            policies:
              reconnect: {max_attempts: 5, initial: 850ms, factor: 1.5, max: 1m, jitter: 0.2}
              loop_gap: 2h
              watchdog: {idle_growth: 3m}
        statuses:
          - {channel: demo, code: '9', name: nine, class: persistent, fail_fast_since: 'v2026.4.1'}
        """, name: "p.yaml")
    let demo = rules.policies.policy(for: "demo")
    #expect(
      demo.reconnect
        == Backoff(
          maxAttempts: 5, initialSeconds: 0.85, factor: 1.5, maxSeconds: 60, jitter: 0.2, counterResetSeconds: 60,
          counterResetRuns: 4, delaySlack: 0.1))
    #expect(demo.loopGapSeconds == 7200)
    #expect(demo.watchdogIdleGrowthSeconds == 180)
    #expect(rules.policies.defaults.detailWindowSeconds == 0.5 && rules.policies.defaults.detailMaxDistance == 3)
    #expect(demo.notes["run-before-log"] == "runs: {runs_began_before_log}")
    #expect(demo.failFast == [FailFastStatus(code: "9", name: "nine", since: GatewayVersion(2026, 4, 1))])
    let cap = try #require(demo.healthMonitor.restartsPerHour)
    #expect(cap.value(at: GatewayVersion(2026, 2, 16)) == 3)
    #expect(cap.value(at: GatewayVersion(2026, 3, 1)) == 10)
    #expect(cap.value(at: nil) == 10)
    // A channel the rules do not name gets the top-level policies.
    #expect(rules.policies.policy(for: "other").reconnect.counterResetSeconds == 60)
    #expect(rules.policies.policy(for: "other").reconnect.maxAttempts == nil)
  }

  @Test func policyProblemsAreLocated() {
    #expect(
      messages("version: 2\npolicies:\n  reconnect: {initial: soon, max_attempts: -1}\n  loop_gap: [1h]\n") == [
        "t.yaml:3:44: error: expected a count of 0 or more for 'max_attempts', found '-1'",
        "t.yaml:3:24: error: expected a duration such as 2s, 850ms, 5m or 1h for 'initial', found 'soon'",
        "t.yaml:4:13: error: expected a duration such as 2s, 850ms, 5m or 1h for 'loop_gap', found a list",
      ])
    #expect(
      messages("version: 2\npolicies:\n  notes: {no-such-note: x}\n  supervisor: {counter_reset: 1s}\n") == [
        "t.yaml:4:16: error: unknown key 'counter_reset' in 'supervisor' of 'policies'; allowed keys: max_attempts, initial, factor, max, jitter",
        "t.yaml:3:11: error: unknown key 'no-such-note' in 'notes' of 'policies'; allowed keys: \(ChannelPolicy.noteIDs.joined(separator: ", "))",
      ])
    #expect(
      messages("version: 2\npolicies:\n  health_monitor: {restarts_per_hour: [{before: soon, value: 3}, {}]}\n") == [
        "t.yaml:3:49: error: expected a gateway version such as '2026.2.24' for 'before', found 'soon'",
        "t.yaml:3:66: error: an entry of 'restarts_per_hour' is missing required key 'value'",
      ])
    #expect(
      messages("version: 1\nstatuses:\n  - {channel: a, code: '1', name: x, class: persistent, fail_fast_since: '2026.1.1'}\n") == [
        "t.yaml:3:57: error: 'fail_fast_since' needs 'version: 2'"
      ])
  }

  @Test func aVersion1FileKeepsTheBuiltInFailFastStatuses() throws {
    let rules = try RuleSet.load(
      yaml: "version: 1\nstatuses:\n  - {channel: whatsapp, code: '440', name: conflict, class: persistent}\n",
      name: "old.yaml")
    #expect(rules.policies.policy(for: "whatsapp").failFast.map(\.code) == ["440"])
    #expect(rules.policies.policy(for: "whatsapp").reconnect.maxAttempts == RuleSet.default.policies.policy(for: "whatsapp").reconnect.maxAttempts)
  }

}

extension ChannelIDs {
  func contains(bytes text: String) -> Bool { Array(text.utf8).withUnsafeBytes { contains($0) } }
}
