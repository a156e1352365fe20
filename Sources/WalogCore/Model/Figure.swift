/// A figure a finding cites: the measured value, its unit, and how reports write it.
public struct Figure: Sendable, Equatable {
  public enum Unit: String, Sendable, CaseIterable {
    case count, seconds
    case perMinute = "per_minute"
    case ratio
  }

  /// The rule's name for it (`closes`, `loop_median_period`) or the name a condition gave it.
  public var name: String
  public var value: Double
  public var unit: Unit
  /// As reports show it: `78`, `5m 45s`, `6.2`; for a finding merged across processes, the
  /// whole and its parts (`78 (39 in each of processes 4242 and 5151)`).
  public var text: String

  public init(name: String, value: Double, unit: Unit, text: String) {
    self.name = name
    self.value = value
    self.unit = unit
    self.text = text
  }
}
