import Foundation

/// How the envelope parser reads times that the log printed without a zone, and which tags
/// and subsystems the rule file knows.
public struct EnvelopeOptions: Sendable {
  /// The zone for times printed without an offset (`--tz`): console `HH:MM:SS`, journald
  /// `short`/`short-precise` and ISO times without `Z` or offset. When nil such times get
  /// `offset: nil` and are read as if they were UTC.
  public var defaultZone: TimeZone?
  /// The rule file's channels and subsystems, for telling a tag from an account and naming
  /// a line's channel.
  public var vocabulary: TagVocabulary

  public init(defaultZone: TimeZone? = nil, vocabulary: TagVocabulary = RuleSet.default.tagVocabulary) {
    self.defaultZone = defaultZone
    self.vocabulary = vocabulary
  }
}
