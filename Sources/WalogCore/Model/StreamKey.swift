/// The identity of a stream: one channel account, in one gateway process when the log
/// tells processes apart (journald PIDs), on one host when the log names several. Two
/// processes on one account are two streams; so are two hosts' accounts of the same name.
public struct StreamKey: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var channel: String
  public var account: String
  public var pid: Int?
  /// The host (machine, container) whose gateway logged it; nil when the log names at most
  /// one host (``Analysis/hosts``), so a one-gateway log reads as it always did.
  public var host: String?

  /// The channel of an event whose line names none and whose channel cannot be inferred
  /// (``StreamAttributor``).
  public static let unknownChannel = "unknown"
  /// The account of the stream that sums every account past the analysis' stream cap.
  public static let otherAccounts = "other accounts"

  public init(channel: String, account: String, pid: Int? = nil, host: String? = nil) {
    self.channel = channel
    self.account = account
    self.pid = pid
    self.host = host
  }

  /// The same stream on `host` (what was kept without a host, once the log names a second).
  func onHost(_ host: String?) -> StreamKey {
    var key = self
    key.host = host
    return key
  }

  /// `whatsapp:default`, `whatsapp:default (pid 4242)`, `whatsapp:default on gw-2`.
  public var description: String {
    var text = "\(channel):\(account)"
    if let pid { text += " (pid \(pid))" }
    if let host { text += " on \(host)" }
    return text
  }

  /// By host first (so a report's streams come grouped by host), then channel, account, pid.
  public static func < (lhs: StreamKey, rhs: StreamKey) -> Bool {
    if lhs.host != rhs.host { return (lhs.host ?? "") < (rhs.host ?? "") }
    return (lhs.channel, lhs.account, lhs.pid ?? -1) < (rhs.channel, rhs.account, rhs.pid ?? -1)
  }
}
