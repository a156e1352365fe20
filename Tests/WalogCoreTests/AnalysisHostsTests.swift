import Foundation
import Testing

@testable import WalogCore

/// Streams keyed by host (docs/formats.md, "Host"): a one-host log reads as it always did; a
/// second host keeps the hosts' streams, processes and whole-log findings apart.
@Suite struct AnalysisHostsTests {
  /// A journald `short-iso` line of `host`'s gateway process `pid`, `seconds` after 10:00.
  static func line(_ seconds: Int, _ host: String?, _ pid: Int, _ message: String) -> String {
    let stamp = "2026-05-02T10:\(seconds / 60 < 10 ? "0" : "")\(seconds / 60):\(seconds % 60 < 10 ? "0" : "")\(seconds % 60)"
    let inner = "\(stamp).000+02:00 \(message)"
    guard let host else { return inner }
    return "\(stamp)+0200 \(host) node[\(pid)]: \(inner)"
  }

  static let start = "[whatsapp] [default] starting provider (+15550001111)"
  static let listening = "[whatsapp] Listening for personal WhatsApp inbound messages."
  static let portTaken = "Gateway failed to start: another gateway instance is already listening on ws://127.0.0.1:18789"

  @Test func oneHostAndLinesNamingNoneReadAsWithoutHosts() throws {
    let named = [Self.line(0, "gw-1", 10, Self.start), Self.line(5, nil, 10, Self.listening), Self.line(9, "gw-1", 10, Self.listening)]
    let analysis = try ScratchLogs.analysis(named.joined(separator: "\n") + "\n")
    #expect(analysis.hosts.isEmpty && analysis.firstHost == "gw-1")
    #expect(analysis.streams.allSatisfy { $0.key.host == nil })
    #expect(analysis.findings.allSatisfy { $0.host == nil })
  }

  @Test func aSecondHostKeepsStreamsProcessesAndWholeLogFindingsApart() throws {
    // The same PIDs and account on two hosts, and one port-taken start on each.
    let lines = [
      Self.line(0, "gw-1", 10, Self.start), Self.line(1, "gw-1", 11, Self.start),
      Self.line(2, nil, 10, Self.listening),  // names no host: the first host's
      Self.line(3, "gw-1", 12, Self.portTaken),
      Self.line(20, "gw-2", 11, Self.start), Self.line(21, "gw-2", 11, Self.listening),
      Self.line(30, "gw-2", 13, Self.portTaken), Self.line(40, "gw-1", 11, Self.listening),
      Self.line(45, "gw-1", 10, Self.listening),
    ]
    let analysis = try ScratchLogs.analysis(lines.joined(separator: "\n") + "\n")
    #expect(analysis.firstHost == "gw-1")
    #expect(analysis.hosts.map(\.name) == ["gw-1", "gw-2"])
    let whatsapp = analysis.streams.filter { $0.key.channel == "whatsapp" }.map(\.key)
    #expect(whatsapp.map(\.description) == [
      "whatsapp:default on gw-1", "whatsapp:default (pid 10) on gw-1", "whatsapp:default (pid 11) on gw-1", "whatsapp:default (pid 11) on gw-2",
    ])
    let one = try #require(analysis.hosts.first)
    #expect(one.totals.eventsByKind[.connected] == 3 && one.totals.eventsByKind[.providerStart] == 2)
    #expect(analysis.hosts.map(\.totals.events).reduce(0, +) == analysis.totals.events)
    // Two processes at once on gw-1 only; one port-taken start per host is no port fight.
    #expect(analysis.findings.filter { $0.id == "duplicate-gateway-process" }.map(\.host) == ["gw-1"])
    #expect(!analysis.findings.contains { $0.id == "gateway-port-in-use" })
    #expect(analysis.findings.allSatisfy { $0.host != nil })
  }

  @Test func theSameLinesOnOneHostMakeTheWholeLogFindingHold() throws {
    let lines = [Self.line(3, "gw-1", 12, Self.portTaken), Self.line(30, "gw-1", 13, Self.portTaken)]
    let analysis = try ScratchLogs.analysis(lines.joined(separator: "\n") + "\n")
    #expect(analysis.findings.contains { $0.id == "gateway-port-in-use" && $0.host == nil })
  }

  @Test func hostOrderNamesTheFirstHostWhenTheSecondAppears() {
    var hosts = HostOrder()
    let early = [hosts.note(nil), hosts.note("a"), hosts.note("a")]
    #expect(early == [false, false, false])
    #expect(hosts.key("a") == nil && hosts.key(nil) == nil)
    let second = hosts.note("b")
    #expect(second)
    #expect(hosts.key("a") == "a" && hosts.key(nil) == "a" && hosts.key("b") == "b")
    #expect(hosts.memory("a") == nil && hosts.memory("b") == "b")
    let third = hosts.note("c")
    #expect(!third, "only the second host's arrival renames the first")
  }
}
