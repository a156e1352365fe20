/// How the envelope parser reads times that the log printed without a zone, and which
/// channels, tags and subsystems the rule file knows.
public struct EnvelopeOptions: Sendable {
  /// The zone for times printed without an offset (`--tz`): console `HH:MM:SS`, journald
  /// `short`/`short-precise` and ISO times without `Z` or offset. When nil such times get
  /// `offset: nil` and are read as if they were UTC.
  public var defaultZone: LogZone?
  /// The input's modification time (seconds since 1970), nil for standard input: under a
  /// named zone, clock-only times before the first dated line take its offset on that date.
  public var fileModified: Double?
  /// The rule file's channel ids, which the console shows alone as a subsystem's tag.
  public var channels: ChannelIDs
  /// The leading subsystem segments the console leaves out of a tag (`conventions.tag_drops`).
  public var tagDrops: ChannelIDs
  /// The rule file's channels and subsystems, for telling a tag from an account and naming
  /// a line's channel.
  public var vocabulary: TagVocabulary

  /// The options for reading lines with `rules`' channels, subsystems and tags.
  public init(defaultZone: LogZone? = nil, fileModified: Double? = nil, rules: RuleSet = .default) {
    self.defaultZone = defaultZone
    self.fileModified = fileModified
    channels = rules.channelIDs
    tagDrops = rules.tagDrops
    vocabulary = rules.tagVocabulary
  }
}
