/// A kind of warning or error that no rule explained.
public struct ProblemShape: Sendable, Equatable {
  public var shape: String
  public var count: Int
  /// `warn`, `error` or `fatal` (console lines, which print no level, count as `error`).
  public var level: String
  public var example: String
  /// `input:line` of the first occurrence.
  public var firstSeen: String
}
