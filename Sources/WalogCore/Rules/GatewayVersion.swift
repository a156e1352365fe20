/// An OpenClaw CalVer release (`2026.2.24`, `2026.4.12-beta.1` → 2026.4.12).
public struct GatewayVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init(_ year: Int, _ month: Int, _ day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Reads `v2026.4.24`, `2026.2.23`, `2026.2.2-3`, `OpenClaw 2026.3.8 (b817600)`.
  public init?(parsing text: String) {
    let digits = text.drop { !$0.isNumber }
    let parts = digits.split(whereSeparator: { !$0.isNumber }).prefix(3).compactMap { Int($0) }
    guard parts.count == 3, parts[0] >= 2025 else { return nil }
    self.init(parts[0], parts[1], parts[2])
  }

  public var description: String { "\(year).\(month).\(day)" }

  public static func < (lhs: GatewayVersion, rhs: GatewayVersion) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }
}
