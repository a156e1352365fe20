/// The gateway's built-in policies that shape these logs (research §1.2, §2, §3), against
/// which walog reads what it sees.
public enum Policy {
  /// WhatsApp Web reconnect: `web.reconnect.*` defaults.
  public enum Reconnect {
    public static let maxAttempts = 12
    public static let initialSeconds = 2.0
    public static let factor = 1.8
    public static let maxSeconds = 30.0
    public static let jitter = 0.25
    /// A connection that lived longer than this resets the attempt counter to 0.
    public static let counterResetSeconds = 60.0

    /// The delay range announced for attempt `k` under the default policy.
    public static func delayRange(attempt: Int) -> ClosedRange<Double> {
      let base = initialSeconds * pow(factor, Double(max(attempt, 1) - 1))
      return min(maxSeconds, base)...min(maxSeconds, base * (1 + jitter))
    }
  }

  /// The channel supervisor's auto-restarts (not configurable).
  public enum Supervisor {
    public static let maxAttempts = 10
  }

  /// The channel health monitor.
  public enum HealthMonitor {
    /// Restarts per account per rolling hour; 3 in v2026.2.16 up to v2026.3.1.
    public static func maxRestartsPerHour(version: GatewayVersion?) -> Int {
      if let version, version < GatewayVersion(2026, 3, 1) { return 3 }
      return 10
    }
  }

  /// A quiet hour separates two loops.
  public static let loopGapSeconds = 3600.0

  /// The release that made WhatsApp status 440 fail fast instead of retrying (PR #25858).
  public static let conflictFailFastSince = GatewayVersion(2026, 2, 24)
}

private func pow(_ base: Double, _ exponent: Double) -> Double {
  var result = 1.0
  for _ in 0..<Int(exponent) { result *= base }
  return result
}

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
