#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

  /// `classOf` reads a status's class from the rule file's `statuses`.
  public func matches(_ event: Event, classOf: (String, String) -> StatusRule.StatusClass?) -> Bool {
    if !kinds.isEmpty && !kinds.contains(event.kind) { return false }
    if !statuses.isEmpty && !(event.status.map(statuses.contains) ?? false) { return false }
    if !classes.isEmpty {
      guard let status = event.status, let statusClass = classOf(event.channel, status),
        classes.contains(statusClass)
      else { return false }
    }
    if !reasons.isEmpty && !(event.reason.map(reasons.contains) ?? false) { return false }
    if !channels.isEmpty && !channels.contains(event.channel) { return false }
    if !rules.isEmpty && !rules.contains(event.ruleID) { return false }
    if !textContains.isEmpty && !textContains.contains(where: { Self.bytes(of: event.text, contain: $0) }) {
      return false
    }
    return true
  }

  /// A byte-level substring test: Foundation's `contains` compares Unicode strings and costs
  /// tens of microseconds per event, the whole analysis' budget.
  static func bytes(of text: String, contain needle: String) -> Bool {
    var text = text
    var needle = needle
    return text.withUTF8 { haystack in
      needle.withUTF8 { wanted in
        guard !wanted.isEmpty else { return true }
        guard haystack.count >= wanted.count, let base = haystack.baseAddress,
          let first = wanted.first
        else { return false }
        var index = 0
        let last = haystack.count - wanted.count
        while index <= last {
          if base[index] == first && memcmp(base + index, wanted.baseAddress!, wanted.count) == 0 {
            return true
          }
          index += 1
        }
        return false
      }
    }
  }
}
