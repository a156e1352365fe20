/// What `walog watch` reports about one finding of one stream, the moment it happens.
public struct Alert: Sendable {
  public enum Kind: String, Sendable {
    /// The finding holds, for the first time (or again after it was resolved).
    case finding
    /// Its severity rose, or its key figure doubled, since the last alert.
    case escalated
    /// The stream has been healthy (connected, no close) for `--resolve-after`.
    case resolved
  }

  public var kind: Kind
  /// As the log printed it: a finding's, the time of the last line read when it held; a
  /// resolution's, the moment its stream had been healthy for `--resolve-after` (in the zone
  /// and precision of the last line). Nil while no line had a time.
  public var time: LogTime?
  public var finding: Finding
  /// The host of the gateway the finding is about, as the log names it: its stream's host, or
  /// the log's one host; nil when the log names none.
  public var host: String?

  public init(kind: Kind, time: LogTime?, finding: Finding, host: String? = nil) {
    self.kind = kind
    self.time = time
    self.finding = finding
    self.host = host
  }
}
