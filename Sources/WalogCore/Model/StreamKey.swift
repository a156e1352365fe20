/// The identity of a stream: one channel account, in one gateway process when the log
/// tells processes apart (journald PIDs). Two processes on one account are two streams.
public struct StreamKey: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var channel: String
  public var account: String
  public var pid: Int?

  /// The channel of an event whose line names none and whose channel cannot be inferred
  /// (``StreamAttributor``).
  public static let unknownChannel = "unknown"
  /// The account of the stream that sums every account past the analysis' stream cap.
  public static let otherAccounts = "other accounts"

  public init(channel: String, account: String, pid: Int? = nil) {
    self.channel = channel
    self.account = account
    self.pid = pid
  }

  public var description: String {
    let base = "\(channel):\(account)"
    return pid.map { "\(base) (pid \($0))" } ?? base
  }

  public static func < (lhs: StreamKey, rhs: StreamKey) -> Bool {
    (lhs.channel, lhs.account, lhs.pid ?? -1) < (rhs.channel, rhs.account, rhs.pid ?? -1)
  }
}
