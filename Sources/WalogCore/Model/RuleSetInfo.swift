/// What a report says about the rules in effect.
public struct RuleSetInfo: Sendable {
  public var files: [String]
  public var hash: String
  public var statuses: [StatusRule]
  public init(files: [String], hash: String, statuses: [StatusRule]) {
    self.files = files
    self.hash = hash
    self.statuses = statuses
  }
}
