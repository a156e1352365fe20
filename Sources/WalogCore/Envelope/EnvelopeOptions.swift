import Foundation

/// How the envelope parser reads times that the log printed without a zone, and which
/// channels the rule file knows.
public struct EnvelopeOptions: Sendable {
  /// The zone for times printed without an offset (`--tz`): console `HH:MM:SS`, journald
  /// `short`/`short-precise` and ISO times without `Z` or offset. When nil such times get
  /// `offset: nil` and are read as if they were UTC.
  public var defaultZone: TimeZone?
  /// The input's modification time (seconds since 1970), nil for standard input: under a
  /// named zone, clock-only times before the first dated line take its offset on that date.
  public var fileModified: Double?
  /// The rule file's channel ids, which the console shows alone as a subsystem's tag.
  public var channels: ChannelIDs

  public init(
    defaultZone: TimeZone? = nil, fileModified: Double? = nil,
    channels: ChannelIDs = RuleSet.default.channelIDs
  ) {
    self.defaultZone = defaultZone
    self.fileModified = fileModified
    self.channels = channels
  }
}
