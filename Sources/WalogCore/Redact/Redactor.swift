/// Replaces secrets (phone numbers, WhatsApp JIDs, bot tokens, e-mail addresses, and what a
/// rule file's `redact:` section names) by stable placeholders: the same value always gets the
/// same placeholder (`<PHONE-1>`, `<PHONE-2>`, `<JID-1>`), so a redacted report still tells
/// which lines are about the same number.
///
/// One redactor serves one report: numbering starts at 1 for each. Not thread-safe (it holds
/// PCRE2 match data and the numbering).
public final class Redactor {
  private let scanners: [RedactionScanner]
  /// value → placeholder, per placeholder stem.
  private var assigned: [String: [String: String]] = [:]

  /// Redacts with `rules` (a rule file's `redact:` patterns, applied first) and then the
  /// built-in rules.
  public init(rules: [RedactionRule]) {
    scanners = (rules + RedactionRule.builtin).map(RedactionScanner.init)
  }

  /// Redacts with a loaded rule set's `redact:` section and the built-in rules.
  public convenience init(ruleSet: RuleSet) {
    let fromFile = zip(ruleSet.file.redact, ruleSet.redactPatterns).map { rule, pattern in
      RedactionRule(name: rule.name, pattern: pattern, placeholder: rule.placeholder)
    }
    self.init(rules: fromFile)
  }

  /// The built-in rules only.
  public convenience init() { self.init(rules: []) }

  /// `text` with every secret replaced. Rules apply in order, each to the previous one's
  /// output, so a placeholder is never matched again.
  public func redact(_ text: String) -> String {
    guard hasRuleFilePatterns || Self.mayHoldBuiltinSecret(text) else { return text }
    var bytes = Array(text.utf8)
    var changed = false
    for scanner in scanners {
      let ranges = scanner.matches(in: bytes)
      guard !ranges.isEmpty else { continue }
      changed = true
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count)
      var cursor = 0
      for range in ranges {
        out += bytes[cursor..<range.lowerBound]
        let value = String(decoding: bytes[range], as: UTF8.self)
        out += placeholder(for: value, stem: scanner.rule.placeholder).utf8
        cursor = range.upperBound
      }
      out += bytes[cursor...]
      bytes = out
    }
    return changed ? String(decoding: bytes, as: UTF8.self) : text
  }

  private var hasRuleFilePatterns: Bool { scanners.count > RedactionRule.builtin.count }

  /// Every built-in secret holds `@` (JID, e-mail), `:` (Telegram), `-` (Slack) or `+`
  /// (phone); most strings of a report hold none, and skip PCRE2.
  private static func mayHoldBuiltinSecret(_ text: String) -> Bool {
    text.utf8.contains { $0 == 0x40 || $0 == 0x3A || $0 == 0x2D || $0 == 0x2B }
  }

  /// The placeholder for `value`: the one it already has, or the next number of its stem.
  private func placeholder(for value: String, stem: String) -> String {
    if let existing = assigned[stem]?[value] { return existing }
    let next = "<\(stem)-\((assigned[stem]?.count ?? 0) + 1)>"
    assigned[stem, default: [:]][value] = next
    return next
  }

  /// How many distinct values got a placeholder, per stem (for `--stats` and tests).
  public var counts: [String: Int] { assigned.mapValues(\.count) }
}
