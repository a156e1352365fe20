/// What a report says about the rules in effect.
public struct RuleSetInfo: Sendable {
  public var files: [String]
  public var hash: String
  public var statuses: [StatusRule]
  /// The event kinds the rules declare, by id.
  public var kinds: [EventKind: KindRule]
  public init(files: [String], hash: String, statuses: [StatusRule], kinds: [EventKind: KindRule] = [:]) {
    self.files = files
    self.hash = hash
    self.statuses = statuses
    self.kinds = kinds
  }
}
