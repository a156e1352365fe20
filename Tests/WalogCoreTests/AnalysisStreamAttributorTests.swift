import Testing

@testable import WalogCore

/// The channel of a line that names none (docs/rules.md, "Channel", steps 4–6) and the
/// account of a line that names none.
@Suite struct AnalysisStreamAttributorTests {
  /// An event as the matcher hands it out: `channel` nil when the line named none.
  static func event(_ kind: EventKind, _ channel: String?, _ account: String?, pid: Int? = nil) -> Event {
    Event(
      kind: kind, roles: .of(kind), ruleID: kind.rawValue, time: nil, channel: channel ?? StreamKey.unknownChannel, account: account,
      origin: Origin(input: 0, line: 1, pid: pid), text: "")
  }

  /// The streams the attributor gives `events`, as `channel:account`.
  static func streams(_ events: [Event]) throws -> [String] {
    var attributor = StreamAttributor(EnvelopePasteTests.ListSource(events: events))
    var out: [String] = []
    while let event = try attributor.next() { out.append("\(event.channel):\(event.account ?? "-")") }
    return out
  }

  @Test func anAccountAloneBelongsToTheOnlyChannelWithThatAccount() throws {
    // imsg's own lines name no account (the stream is imessage:default); the supervisor's
    // `[default]` lines name no channel, and no earlier line of their kinds named one.
    let streams = try Self.streams([
      Self.event(.rpcFailure, "imessage", nil),
      Self.event(.channelExit, nil, "default"),
      Self.event(.autoRestart, nil, "default"),
    ])
    #expect(streams == ["imessage:default", "imessage:default", "imessage:default"])
  }

  @Test func theAccountWinsOverTheLatestLineOfTheSameKind() throws {
    let streams = try Self.streams([
      Self.event(.close, "whatsapp", nil),
      Self.event(.autoRestart, "telegram", "work"),
      Self.event(.autoRestart, nil, "default"),
    ])
    #expect(streams.last == "whatsapp:default")
  }

  @Test func anAccountOfSeveralChannelsStaysUnknownUnlessItsKindTellsThemApart() throws {
    let both = [Self.event(.providerStart, "whatsapp", "default"), Self.event(.providerStart, "telegram", "default")]
    #expect(try Self.streams(both + [Self.event(.channelExit, nil, "default")]).last == "unknown:default")
    let told = [Self.event(.autoRestart, "telegram", "default"), Self.event(.autoRestart, nil, "default")]
    #expect(try Self.streams(both + told).last == "telegram:default")
    // The latest line of the kind was another account's channel: no help.
    let other = [Self.event(.autoRestart, "slack", "work"), Self.event(.autoRestart, nil, "default")]
    #expect(try Self.streams(both + other).last == "unknown:default")
  }

  @Test func aLineWithoutChannelOrAccountTakesTheLatestOfItsKind() throws {
    let streams = try Self.streams([
      Self.event(.healthRestart, nil, nil),
      Self.event(.healthRestart, "discord", "alpha"),
      Self.event(.healthRestart, nil, nil),
    ])
    #expect(streams == ["unknown:default", "discord:alpha", "discord:alpha"])
  }

  @Test func anAccountNewToTheLogTakesTheLatestOfItsKind() throws {
    let streams = try Self.streams([
      Self.event(.autoRestart, "line", "default"), Self.event(.autoRestart, nil, "ops"),
    ])
    #expect(streams.last == "line:ops")
  }

  @Test func processesAreApart() throws {
    // journald PIDs: another process's stream names nothing for this one.
    let streams = try Self.streams([
      Self.event(.rpcFailure, "imessage", nil, pid: 1), Self.event(.channelExit, nil, "default", pid: 2),
    ])
    #expect(streams.last == "unknown:default")
  }

  @Test func theGatewayIsNoChannelOfAnAccount() throws {
    let streams = try Self.streams([
      Self.event(.livenessWarning, "gateway", nil), Self.event(.channelExit, nil, "default"),
    ])
    #expect(streams.last == "unknown:default")
  }
}
