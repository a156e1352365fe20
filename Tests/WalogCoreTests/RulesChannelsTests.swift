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
        "t.yaml:3:18: error: unknown key 'nmes' in channel 'Bad_ID'; allowed keys: id, names, subsystems",
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
        subsystems: [gateway, plugins]
        """, name: "extra.yaml")
    let merged = RuleSet.default.extended(with: extra)
    let whatsapp = try #require(merged.channel("whatsapp"))
    #expect(whatsapp.names == ["WhatsApp", "WA"])
    #expect(whatsapp.subsystems == RuleSet.default.channel("whatsapp")!.subsystems)
    #expect(merged.channels.count == RuleSet.default.channels.count + 1)
    #expect(merged.channels.last?.id == "dingtalk")
    #expect(merged.channelIDs.contains(bytes: "dingtalk"))
    #expect(merged.subsystems == RuleSet.default.subsystems + ["plugins"])

    // A version-1 extra file keeps the channels as they were.
    let old = try RuleSet.load(yaml: "version: 1\n", name: "old.yaml")
    #expect(merged.extended(with: old).channels.map(\.id) == merged.channels.map(\.id))
  }
}

extension ChannelIDs {
  func contains(bytes text: String) -> Bool { Array(text.utf8).withUnsafeBytes { contains($0) } }
}
