/// The hosts a log names, in the order it names them, and how lines are keyed by them.
///
/// A log that names one host (or none) reads as it always did: its streams carry no host.
/// Streams are kept apart by host from the moment a second host appears; the first host's
/// streams are then named after it, and lines that name no host count with the first host.
struct HostOrder: Sendable {
  /// The first host named; nil while none was.
  private(set) var first: String?
  /// Whether a second host has appeared.
  private(set) var several = false

  /// Notes the host of a line; true when it is the second host to appear (the moment the
  /// first host's streams take its name).
  mutating func note(_ host: String?) -> Bool {
    guard let host, !several else { return false }
    guard let first else {
      first = host
      return false
    }
    if host == first { return false }
    several = true
    return true
  }

  /// The host a stream of a line from `host` is keyed by (``note(_:)`` first).
  func key(_ host: String?) -> String? { several ? host ?? first : nil }

  /// The host a process or account is remembered under: the same for the first host's lines
  /// whether or not a second host has appeared yet, so memories span that moment.
  func memory(_ host: String?) -> String? { host == first ? nil : host }
}
