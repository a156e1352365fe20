import Foundation
import Testing
import WalogTestSupport

/// A real fleet journal (``FleetJournal``): written by `systemd-journal-remote`, read back by
/// `journalctl -D` in `short-iso`, `json` and `json-seq`, and piped into `walog analyze` and
/// `walog watch` as a user would. Each host's totals and findings are its own.
@Suite(.serialized, .linuxOnly("systemd-journal-remote writes the journal and journalctl reads it: systemd is Linux only"))
final class FleetJournalTests {
  static let fleet = FleetJournal()
  static let outputs = ["short-iso", "json", "json-seq"]

  /// The journal's folder, made for each test and removed after it.
  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("walog-fleet-\(getpid())-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let failure = try Self.fleet.writeJournal(into: folder)
    #expect(failure == nil, "systemd-journal-remote: \(failure ?? "")")
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  /// `journalctl -D` of the fleet's journal in `output`, piped into walog with `arguments`.
  func piped(_ output: String, _ arguments: String) throws -> WalogProcess.Result {
    try WalogProcess.runShell(
      "set -o pipefail; TZ=UTC journalctl -D \"$1\" -o \(output) --no-pager | \"$WALOG\" \(arguments)",
      arguments: [folder.path])
  }

  static func object(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test(arguments: try nonEmpty(outputs)) func eachHostHasItsOwnTotalsStreamsAndFindings(output: String) throws {
    let result = try piped(output, "analyze --format json -")
    #expect(result.status == 0, "\(result.stderr)")
    let report = try Self.object(result.stdout)
    let format = output == "short-iso" ? "journald-short-iso" : "journald-json"
    let inputs = try #require(report["inputs"] as? [[String: Any]])
    #expect(inputs.first?["formats"] as? [String] == [format])

    let hosts = try #require(report["hosts"] as? [[String: Any]])
    #expect(hosts.map { $0["host"] as? String } == FleetJournal.hosts)
    let streams = try #require(report["streams"] as? [[String: Any]])
    let findings = try #require(report["findings"] as? [[String: Any]])
    for host in hosts {
      let name = try #require(host["host"] as? String)
      let expected = try #require(Self.fleet.expected[name])
      let totals = try #require(host["totals"] as? [String: Any])
      let kinds = try #require(totals["events_by_kind"] as? [String: Int])
      #expect(totals["closes"] as? Int == expected.closes440, "\(name)")
      #expect((totals["closes_by_status"] as? [String: Int])?["440"] == (expected.closes440 > 0 ? expected.closes440 : nil))
      #expect(totals["auto_restarts"] as? Int == expected.autoRestarts, "\(name)")
      #expect(kinds["provider_start", default: 0] == expected.providerStarts, "\(name)")
      #expect(kinds["connected", default: 0] == expected.connected, "\(name)")
      #expect(kinds["gateway_exit", default: 0] == expected.gatewayExits, "\(name)")
      #expect(totals["events"] as? Int == expected.events, "\(name)")
      // One WhatsApp stream per gateway process of this host, each with its PID.
      let whatsapp = streams.filter { $0["host"] as? String == name && $0["channel"] as? String == "whatsapp" }
      #expect(Set(whatsapp.compactMap { $0["pid"] as? Int }) == expected.pids, "\(name)")
      #expect(host["streams"] as? Int == streams.filter { $0["host"] as? String == name }.count)
      #expect(host["findings"] as? Int == findings.filter { $0["host"] as? String == name }.count)
    }

    // Only the third host runs two processes at once; no host's gateway fought over its port.
    let duplicates = findings.filter { $0["id"] as? String == "duplicate-gateway-process" }
    #expect(duplicates.map { $0["host"] as? String } == ["gw-gamma"])
    let pids = (duplicates.first?["streams"] as? [[String: Any]])?.compactMap { $0["pid"] as? Int }
    #expect(Set(pids ?? []) == Self.fleet.expected["gw-gamma"]!.pids)
    #expect(!findings.contains { $0["id"] as? String == "gateway-port-in-use" })
    let conflicts = findings.filter { $0["id"] as? String == "whatsapp-session-conflict" }.compactMap { $0["host"] as? String }
    #expect(Set(conflicts) == ["gw-alpha", "gw-gamma"])
    // The healthy host's one refused start (another gateway held the port) is told as such,
    // and nothing else: no diagnosis, nothing at error.
    let beta = findings.filter { $0["host"] as? String == "gw-beta" }
    #expect(beta.map { $0["id"] as? String } == ["unexplained-failures"], "the healthy host has only its refused start")
    #expect(beta.allSatisfy { ["info", "warning"].contains($0["severity"] as? String) })
    #expect(beta.allSatisfy { ($0["stream"] as? [String: Any])?["channel"] as? String == "gateway" })
    #expect(findings.allSatisfy { $0["host"] is String }, "every finding names its host")
  }

  /// Control: the same lines with one host name everywhere read as one gateway, which shows
  /// what keeping hosts apart prevents (PIDs shared across hosts, one port-taken start each).
  @Test func readAsOneHostTheSameLinesBlurTogether() throws {
    let result = try WalogProcess.runShell(
      "set -o pipefail; TZ=UTC journalctl -D \"$1\" -o short-iso --no-pager | sed -E 's/^(\\S+) gw-[a-z]+ /\\1 gw /' | \"$WALOG\" analyze --format json -",
      arguments: [folder.path])
    #expect(result.status == 0, "\(result.stderr)")
    let report = try Self.object(result.stdout)
    #expect(report["hosts"] == nil, "one host: no hosts section")
    let findings = try #require(report["findings"] as? [[String: Any]])
    #expect(findings.contains { $0["id"] as? String == "gateway-port-in-use" })
    let duplicate = findings.first { $0["id"] as? String == "duplicate-gateway-process" }
    #expect(duplicate?["host"] == nil)
  }

  @Test func everyReportFormatGroupsStreamsByHost() throws {
    let text = try piped("short-iso", "analyze -").stdout
    for host in FleetJournal.hosts { #expect(text.contains("\nHost \(host)  "), "\(host)") }
    #expect(text.contains("stream: whatsapp:default, gateway processes 4101 and 4103 on gw-gamma"))
    #expect(text.firstRange(of: "Host gw-alpha")!.lowerBound < text.firstRange(of: "whatsapp:default (pid 4101) on gw-alpha  ")!.lowerBound)

    let markdown = try piped("json", "analyze --format markdown -").stdout
    #expect(markdown.contains("### Hosts"))
    for host in FleetJournal.hosts { #expect(markdown.contains("### Streams on `\(host)`"), "\(host)") }

    let html = try piped("json-seq", "analyze --format html -").stdout
    for host in FleetJournal.hosts { #expect(html.contains("Host <code>\(host)</code>"), "\(host)") }

    let github = try piped("json", "analyze --format github -").stdout
    let duplicate = try #require(github.split(separator: "\n").first { $0.contains("Two gateway processes") })
    #expect(duplicate.contains("on gw-gamma"))
    #expect(github.contains("on 3 hosts)"))
  }

  @Test(arguments: try nonEmpty(outputs)) func watchKeysAlertsAndMetricsByHost(output: String) throws {
    let metrics = folder.appendingPathComponent("walog-\(output).prom").path
    let result = try piped(output, "watch --no-follow --format json --metrics-file \(metrics) -")
    #expect(result.status == 0, "\(result.stderr)")
    let lines = try result.stdout.split(separator: "\n").map { try Self.object(String($0)) }
    let alerts = lines.filter { $0["type"] as? String == "finding" }
    let duplicates = alerts.filter { $0["id"] as? String == "duplicate-gateway-process" }
    #expect(duplicates.map { $0["host"] as? String } == ["gw-gamma"])
    #expect(alerts.allSatisfy { $0["host"] is String }, "every alert names its host")
    #expect(!alerts.contains { $0["host"] as? String == "gw-beta" })
    let summary = try #require(lines.last?["report"] as? [String: Any])
    #expect((summary["hosts"] as? [[String: Any]])?.map { $0["host"] as? String } == FleetJournal.hosts)

    let prom = try String(contentsOfFile: metrics, encoding: .utf8)
    #expect(prom.contains(#"walog_closes_total{host="gw-alpha",channel="whatsapp",account="default",status="440"} 6"#))
    #expect(prom.contains(#"walog_closes_total{host="gw-gamma",channel="whatsapp",account="default",status="440"} 6"#))
    #expect(!prom.contains(#"host="gw-beta",channel="whatsapp",account="default",status="440""#))
    #expect(
      prom.contains(
        #"walog_finding_active{rule="duplicate-gateway-process",severity="critical",host="gw-gamma",channel="whatsapp",account="default"} 1"#))
    #expect(!prom.contains("walog_closes_total{channel="), "no series without a host once the log names several")
  }
}
