/// Gives every event its stream: a channel, then an account (docs/rules.md, "Channel").
///
/// The matcher names the channel a line names (the rule's, a capture, a tag); a line that
/// names none (`[default] auto-restart …`, `[default] channel exited without an error`)
/// arrives as ``StreamKey/unknownChannel`` and gets, in this order (step 0 first: a
/// channel-agnostic rule reads a lone `[word]` as a plugin's tag, which is an account when a
/// channel already has a stream of that account name and no channel has that name):
/// 1. when it names an account, the one channel that has a stream of that account so far
///    (in the same process);
/// 2. else the channel of the most recent event of the same kind that named one, when that
///    channel is one of the account's (or the account is new, or the line names none);
/// 3. else, when the line names no account, the channel of the nearest earlier event that
///    named a channel (not the gateway's own): an untagged `channel stop exceeded …` or
///    `[health-monitor] restarting (reason: disconnected)` in an excerpt belongs to the
///    channel the tagged lines around it are about;
/// 4. else stays `unknown`: two channels with the account and no line of the kind to tell
///    them apart.
///
/// WhatsApp's retry lines name no account; the supervisor (`[default] auto-restart …`),
/// the health monitor (`[whatsapp:default] …`) and `[default] starting provider` lines do.
/// An event without an account takes the one named by the most recent earlier line of the
/// same channel (and process), else the rules' `conventions.default_account`. The gateway's own
/// stream (`conventions.stream`) is never a channel that a line naming none is given.
///
/// Processes are told apart by pid and host: all of this is remembered per process of a host.
///
/// It runs after the inputs are merged, so it sees every input's events in log order.
public struct StreamAttributor: EventSource {
  /// Accounts remembered for step 1, at most; past it, new accounts fall to step 2 (memory
  /// stays bounded whatever the log names).
  public static let accountCap = 4096

  private var upstream: any EventSource
  private let fallbackAccount: String
  private let gatewayStream: String?
  private var lastAccount: [ChannelProcess: String] = [:]
  /// Per account and process, the channels that have a stream of it (each channel's latest
  /// account, then, is in ``lastAccount``).
  private var channelsOfAccount: [AccountProcess: [String]] = [:]
  /// Per event kind, the channel of its most recent event that named one. A log has a few
  /// dozen kinds: searched in order, not hashed, like ``ProbePlan``'s routes.
  private var lastNamedChannel: [(kind: EventKind, channel: String)] = []
  /// The channel of the latest event of any kind that named one (not the gateway's), per process.
  private var nearestChannel: [Process: String] = [:]
  private var hosts = HostOrder()

  private struct Process: Hashable {
    var pid: Int?
    var host: String?
  }

  private struct ChannelProcess: Hashable {
    var channel: String
    var pid: Int?
    var host: String?
  }

  private struct AccountProcess: Hashable {
    var account: String
    var pid: Int?
    var host: String?
  }

  public init(_ upstream: any EventSource, conventions: GatewayConventions = RuleSet.default.conventions) {
    self.upstream = upstream
    fallbackAccount = conventions.fallbackAccount
    gatewayStream = conventions.stream
  }

  public var status: SourceStatus { upstream.status }

  public mutating func next() throws -> Event? {
    guard var event = try upstream.next() else { return nil }
    let pid = event.origin.pid
    _ = hosts.note(event.host)
    let host = hosts.memory(event.host)
    if event.account == nil, let channel = channelOfLoneAccount(event.channel, pid: pid, host: host) {
      event.account = event.channel
      event.channel = channel
    }
    if event.channel == StreamKey.unknownChannel {
      if let channel = inferredChannel(kind: event.kind, account: event.account, pid: pid, host: host) {
        event.channel = channel
      }
    } else if let slot = lastNamedChannel.firstIndex(where: { $0.kind == event.kind }) {
      if lastNamedChannel[slot].channel != event.channel { lastNamedChannel[slot].channel = event.channel }
    } else {
      lastNamedChannel.append((event.kind, event.channel))
    }
    let process = Process(pid: pid, host: host)
    if event.channel == StreamKey.unknownChannel, event.account == nil, let nearest = nearestChannel[process] {
      event.channel = nearest
    } else if event.channel != StreamKey.unknownChannel, event.channel != gatewayStream,
      nearestChannel[process] != event.channel
    {
      if nearestChannel.count < Self.accountCap || nearestChannel[process] != nil {
        nearestChannel[process] = event.channel
      }
    }
    // A stream is new when its channel's account changes: only then is it remembered.
    let key = ChannelProcess(channel: event.channel, pid: pid, host: host)
    if let account = event.account {
      if lastAccount.updateValue(account, forKey: key) != account {
        remember(channel: event.channel, account: account, pid: pid, host: host)
      }
    } else if let account = lastAccount[key] {
      event.account = account
    } else {
      event.account = fallbackAccount
      lastAccount[key] = fallbackAccount
      remember(channel: event.channel, account: fallbackAccount, pid: pid, host: host)
    }
    return event
  }

  /// The channel whose account a channel-agnostic rule took for a plugin's tag (step 0: a
  /// lone `[default] connection lost` after `[parrot] [default] …` lines): the one channel
  /// that has a stream of an account of that name, while no stream of a channel of that name
  /// exists.
  private func channelOfLoneAccount(_ word: String, pid: Int?, host: String?) -> String? {
    guard word != StreamKey.unknownChannel, word != gatewayStream,
      lastAccount[ChannelProcess(channel: word, pid: pid, host: host)] == nil,
      let channels = channelsOfAccount[AccountProcess(account: word, pid: pid, host: host)], channels.count == 1
    else { return nil }
    return channels[0]
  }

  /// The channel of an event whose line named none (steps 1 and 2 above); nil: unknown.
  private func inferredChannel(kind: EventKind, account: String?, pid: Int?, host: String?) -> String? {
    let sameKind = lastNamedChannel.first { $0.kind == kind }?.channel
    guard let account, let channels = channelsOfAccount[AccountProcess(account: account, pid: pid, host: host)] else {
      return sameKind
    }
    if channels.count == 1 { return channels[0] }
    return sameKind.flatMap { channels.contains($0) ? $0 : nil }
  }

  private mutating func remember(channel: String, account: String, pid: Int?, host: String?) {
    guard channel != StreamKey.unknownChannel, channel != gatewayStream else { return }
    let key = AccountProcess(account: account, pid: pid, host: host)
    if let channels = channelsOfAccount[key] {
      if !channels.contains(channel) { channelsOfAccount[key]!.append(channel) }
    } else if channelsOfAccount.count < Self.accountCap {
      channelsOfAccount[key] = [channel]
    }
  }
}
