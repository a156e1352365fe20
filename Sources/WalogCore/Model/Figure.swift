/// A figure a finding cites: the measured value, its unit, and how reports write it.
public struct Figure: Sendable, Equatable {
  public enum Unit: String, Sendable, CaseIterable {
    case count, seconds
    case perMinute = "per_minute"
    case ratio
  }

  /// The rule's name for it (`closes`, `loop_median_period`) or the name a condition gave it.
  public var name: String
  /// The words a condition gave it (`label:`), for the human reports; for a `NAME_gap` figure,
  /// the words of the count NAME. Nil: reports say the name in words of their own.
  public var label: String?
  public var value: Double
  public var unit: Unit
  /// As reports show it: `78`, `5m 45s`, `6.2`; for a finding merged across processes, the
  /// whole and its parts (`78 (39 in each of processes 4242 and 5151)`).
  public var text: String
  /// Whether the condition that measured it held. A branch of an `any` that did not hold
  /// (`logout lines: 0` beside a logout a 401 close revealed) is no figure the finding rests
  /// on: the human reports leave it out, JSON lists it.
  public var held: Bool

  public init(name: String, label: String? = nil, value: Double, unit: Unit, text: String, held: Bool = true) {
    self.name = name
    self.label = label
    self.value = value
    self.unit = unit
    self.text = text
    self.held = held
  }
}
