import Foundation

@testable import WalogCore

/// Goldens pin what the rules conclude, not which bytes the rule file has: every rule edit
/// would rewrite them all. Where a report prints the hash of the rules in use (in full in JSON,
/// its first 12 digits in the markdown and HTML footers) a golden holds this placeholder;
/// `RulesHashTests` (end-to-end) checks that the real hash is printed and right.
enum RulesHashPlaceholder {
  static let text = "<rules hash>"

  /// `report` in `format` (`--format`'s name) with `hash` replaced by the placeholder.
  static func mask(_ report: String, hash: String, format: String) -> String {
    let placeholder = format == "html" ? HTMLText.escape(text) : text
    return report.replacingOccurrences(of: hash, with: placeholder)
      .replacingOccurrences(of: String(hash.prefix(12)), with: placeholder)
  }
}
