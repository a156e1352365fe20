/// One `channels:` entry: a chat channel of the gateway as its logs show it.
public struct ChannelRule: Sendable, Equatable {
  /// The channel id, as the console's `[tag]` and the events' `channel` field name it.
  public var id: String
  /// Words a message may start with that name the channel (`WhatsApp`, `Telegram`); the
  /// console drops such a leading word, and so does the envelope stage.
  public var names: [String]
  /// The subsystems and modules the channel logs under (`gateway/channels/whatsapp`,
  /// `web-reconnect`).
  public var subsystems: [String]
  /// The channel's own policies, laid over the top-level ones (see ``PolicyTable``).
  public var policies: ChannelPolicy
  public var location: SourceLocation

  public init(
    id: String, names: [String], subsystems: [String], policies: ChannelPolicy = ChannelPolicy(),
    location: SourceLocation
  ) {
    self.id = id
    self.names = names
    self.subsystems = subsystems
    self.policies = policies
    self.location = location
  }

  /// This entry with `later`'s keys laid over it (an `--extra-rules` entry of the same id):
  /// what `later` gives replaces, what it leaves out stays.
  func merged(with later: ChannelRule) -> ChannelRule {
    var result = self
    if !later.names.isEmpty { result.names = later.names }
    if !later.subsystems.isEmpty { result.subsystems = later.subsystems }
    result.policies = policies.laid(under: later.policies)
    result.location = later.location
    return result
  }
}
