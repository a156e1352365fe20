/// Which events a condition counts: every given field must match one of its values.
public struct EventFilter: Sendable, Equatable {
  public var kinds: Set<EventKind> = []
  /// The event's kind must have one of these roles (`role:`), so that a diagnosis covers a
  /// plugin's own kinds too.
  public var roles = KindRoles()
  public var statuses: Set<String> = []
  public var classes: Set<StatusRule.StatusClass> = []
  public var reasons: Set<String> = []
  public var channels: Set<String> = []
  public var rules: Set<String> = []
  /// Substrings of the message, any of which must occur.
  public var textContains: [String] = []
  /// Tests of named fields (`fields:`): a value among some, or a number within bounds.
  public var fieldTests: [FieldTest] = []
  /// Filters of events left out although they match the rest (`except:`).
  public var exceptions: [EventFilter] = []

  public init() {}

  /// One `fields:` entry: `{phase: setup}`, `{minutes: {at_least: 30}}`.
  public struct FieldTest: Sendable, Equatable {
    public var name: String
    /// The field must equal one of these (when not empty).
    public var values: Set<String> = []
    /// The field, read as a number, must be at least / at most these (when given).
    public var atLeast: Double?
    public var atMost: Double?

    public init(name: String, values: Set<String> = [], atLeast: Double? = nil, atMost: Double? = nil) {
      self.name = name
      self.values = values
      self.atLeast = atLeast
      self.atMost = atMost
    }

    func holds(for event: Event) -> Bool {
      guard let value = Self.value(of: name, in: event) else { return false }
      if !values.isEmpty && !values.contains(value) { return false }
      if atLeast == nil && atMost == nil { return true }
      // A masked or unparsable figure (`2.XXs`, `n/a`) is unknown: it fails every bound.
      guard let number = Double(value) else { return false }
      if let atLeast, number < atLeast { return false }
      if let atMost, number > atMost { return false }
      return true
    }

    /// An event field by its capture name (docs/rules.md), the typed ones included.
    static func value(of name: String, in event: Event) -> String? {
      switch name {
      case "status": event.status
      case "attempt": event.attempt.map(String.init)
      case "max": event.maxAttempts
      case "delay": event.delaySeconds.map { String($0) }
      case "account": event.account
      case "reason": event.reason
      default: event.fields[name]
      }
    }
  }

  /// `statusClass` is the class of the event's status in the rule file's `statuses`, looked
  /// up once per event by the caller.
  public func matches(_ event: Event, statusClass: StatusRule.StatusClass?) -> Bool {
    if !kinds.isEmpty && !kinds.contains(event.kind) { return false }
    if !roles.isEmpty && !event.roles.containsAny(roles) { return false }
    if !statuses.isEmpty && !Self.holds(statuses, event.status) { return false }
    if !classes.isEmpty && !(statusClass.map(classes.contains) ?? false) { return false }
    if !reasons.isEmpty && !Self.holds(reasons, event.reason) { return false }
    if !channels.isEmpty && !Self.holds(channels, event.channel) { return false }
    if !rules.isEmpty && !Self.holds(rules, event.ruleID) { return false }
    if !textContains.isEmpty && !textContains.contains(where: { Self.bytes(of: event.text, contain: $0) }) {
      return false
    }
    for test in fieldTests where !test.holds(for: event) { return false }
    return !exceptions.contains { $0.matches(event, statusClass: statusClass) }
  }

  /// Whether the outcome depends on more than the event's rule, status, reason, kind and
  /// channel, so it cannot be remembered per such combination.
  var readsEachEvent: Bool {
    !textContains.isEmpty || !fieldTests.isEmpty || exceptions.contains(where: \.readsEachEvent)
  }

  /// Whether the outcome depends on the event's reason.
  var readsReason: Bool { !reasons.isEmpty || exceptions.contains(where: \.readsReason) }

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
