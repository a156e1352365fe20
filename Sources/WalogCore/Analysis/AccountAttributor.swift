/// Gives every event an account.
///
/// WhatsApp's retry lines name no account; the supervisor (`[default] auto-restart …`),
/// the health monitor (`[whatsapp:default] …`) and `[default] starting provider` lines do.
/// An event without an account takes the one named by the most recent earlier line of the
/// same channel (and process), else `default`.
public struct AccountAttributor: EventSource {
  public static let fallbackAccount = StreamKey.fallbackAccount

  private var upstream: any EventSource
  private var lastAccount: [ChannelProcess: String] = [:]

  private struct ChannelProcess: Hashable {
    var channel: String
    var pid: Int?
  }

  public init(_ upstream: any EventSource) { self.upstream = upstream }

  public var status: SourceStatus { upstream.status }

  public mutating func next() throws -> Event? {
    guard var event = try upstream.next() else { return nil }
    let key = ChannelProcess(channel: event.channel, pid: event.origin.pid)
    if let account = event.account {
      lastAccount[key] = account
    } else {
      event.account = lastAccount[key] ?? Self.fallbackAccount
    }
    return event
  }
}
