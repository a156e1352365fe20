/// Evidence in the log that contradicts or departs from the gateway's default policies.
public struct PolicyNote: Sendable, Equatable {
  public var id: String
  public var text: String
  public init(id: String, text: String) {
    self.id = id
    self.text = text
  }
}
