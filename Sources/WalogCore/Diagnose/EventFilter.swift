/// Which events a condition counts: every given field must match one of its values.
public struct EventFilter: Sendable, Equatable {
  public var kinds: Set<EventKind> = []
  public var statuses: Set<String> = []
  public var classes: Set<StatusRule.StatusClass> = []
  public var reasons: Set<String> = []
  public var channels: Set<String> = []
  public var rules: Set<String> = []
  /// Substrings of the message, any of which must occur.
  public var textContains: [String] = []

  public init() {}

  /// `statusClass` is the class of the event's status in the rule file's `statuses`, looked
  /// up once per event by the caller.
  public func matches(_ event: Event, statusClass: StatusRule.StatusClass?) -> Bool {
    if !kinds.isEmpty && !kinds.contains(event.kind) { return false }
    if !statuses.isEmpty && !Self.holds(statuses, event.status) { return false }
    if !classes.isEmpty && !(statusClass.map(classes.contains) ?? false) { return false }
    if !reasons.isEmpty && !Self.holds(reasons, event.reason) { return false }
    if !channels.isEmpty && !Self.holds(channels, event.channel) { return false }
    if !rules.isEmpty && !Self.holds(rules, event.ruleID) { return false }
    if !textContains.isEmpty && !textContains.contains(where: { Self.bytes(of: event.text, contain: $0) }) {
      return false
    }
    return true
  }

  /// Set membership by comparison: the sets hold a few short names, and comparing small
  /// strings is cheaper than hashing the value for every probe of every event.
  private static func holds(_ set: Set<String>, _ value: String?) -> Bool {
    guard let value else { return false }
    return set.count > 8 ? set.contains(value) : set.contains { $0 == value }
  }

  /// A byte-level substring test: Foundation's `contains` compares Unicode strings and costs
  /// tens of microseconds per event, the whole analysis' budget.
  static func bytes(of text: String, contain needle: String) -> Bool {
    var text = text
    var needle = needle
    return text.withUTF8 { haystack in
      needle.withUTF8 { Bytes.contains(UnsafeRawBufferPointer(haystack), UnsafeRawBufferPointer($0)) }
    }
  }
}
