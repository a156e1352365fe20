// TEMPORARY until the rule file's `channels:`/`subsystems:` (branch `rules`) reach main:
// the same entries that branch puts in openclaw.yaml, so the envelope code can be written
// against `TagVocabulary` now. Deleted on merge.
extension RuleSet {
  public var tagVocabulary: TagVocabulary { Self.temporaryVocabulary }

  private static let temporaryVocabulary: TagVocabulary = {
    let ids = [
      "whatsapp", "telegram", "discord", "slack", "signal", "imessage", "msteams", "matrix",
      "bluebubbles", "zalo", "zalouser", "googlechat", "line", "mattermost", "nostr", "irc",
      "feishu", "nextcloud-talk", "tlon", "twitch", "xmpp",
    ]
    let channels = ids.map { id in
      TagVocabulary.Channel(
        id: id, names: id == "whatsapp" ? ["WhatsApp"] : [],
        subsystems: ["gateway/channels/\(id)", "channels/\(id)"]
          + (id == "whatsapp"
            ? ["web-auto-reply", "web-reconnect", "web-heartbeat", "web-session", "web-inbound"] : []))
    }
    return TagVocabulary(
      channels: channels,
      subsystems: [
        "gateway", "gateway/health-monitor", "health-monitor", "gateway/heartbeat", "heartbeat",
        "gateway/ws", "ws", "diagnostic", "health", "logging",
      ])
  }()
}
