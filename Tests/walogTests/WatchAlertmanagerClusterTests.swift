import Foundation
import Testing

/// `walog watch --alertmanager` against the real thing: two Debian `prometheus-alertmanager`
/// peers clustered on loopback ports, running the configuration docs/watch.md gives (its
/// receivers pointed at a loopback listener), read back through `/api/v2/alerts` as an operator
/// would. Every wait is bounded; the peers are stopped when the test ends.
@Suite struct WatchAlertmanagerClusterTests {
  /// The example configuration of docs/watch.md, between its `<!-- alertmanager.yml -->` marks.
  static func documentedConfiguration() throws -> String {
    let text = try String(contentsOf: WalogProcess.packageRoot.appendingPathComponent("docs/watch.md"), encoding: .utf8)
    let start = try #require(text.range(of: "<!-- alertmanager.yml -->\n```yaml\n"))
    let end = try #require(text.range(of: "```\n<!-- /alertmanager.yml -->", range: start.upperBound..<text.endIndex))
    return String(text[start.upperBound..<end.lowerBound])
  }

  /// The documented configuration with its receivers at `receiver` (nothing leaves the machine).
  static func configuration(receiver: String) throws -> String {
    try documentedConfiguration().replacingOccurrences(of: "http://alert-relay.example:8080", with: receiver)
  }

  static func temporaryFolder(_ name: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walog-am-\(name)-\(getpid())")
    try? FileManager.default.removeItem(at: folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  static let hostName: String = {
    var buffer = [CChar](repeating: 0, count: 256)
    gethostname(&buffer, 255)
    return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
  }()

  static let telegram409 =
    "polling cycle error reason=getUpdates conflict inFlight=1 outcome=error durationMs=412 offset=1 err=Call to 'getUpdates' failed! (409: Conflict: terminated by other getUpdates request; make sure that only one bot instance is running)"

  /// The alert Alertmanager holds for the watch's JSON line `line`.
  static func held(_ alerts: [[String: Any]], for line: [String: Any]) -> [String: Any]? {
    let stream = line["stream"] as? [String: Any] ?? [:]
    return alerts.first {
      $0.labels["alertname"] == line["id"] as? String && $0.labels["account"] == stream["account"] as? String
    }
  }

  static func keys(_ alerts: [[String: Any]]) -> Set<String> {
    Set(alerts.map { "\($0.labels["alertname"] ?? "") \($0.labels["channel"] ?? "-"):\($0.labels["account"] ?? "-")" })
  }

  @Test func aClusterGetsEveryAlertAndKeepsItThroughARestartAndAnOutage() throws {
    let folder = try Self.temporaryFolder("cluster")
    defer { try? FileManager.default.removeItem(at: folder) }
    let relay = try LoopbackHTTPServer { _ in .status(200) }
    let configuration = try Self.configuration(receiver: relay.url)
    let first = try AlertmanagerPeer(folder: folder, name: "one", configuration: configuration)
    let second = try AlertmanagerPeer(folder: folder, name: "two", configuration: configuration)
    first.peers = [second.clusterPort]
    second.peers = [first.clusterPort]
    try first.start()
    try second.start()
    let metrics = folder.appendingPathComponent("walog.prom").path
    let watch = try WatchSession([
      "--format", "json", "--alertmanager", first.url, "--alertmanager", second.url, "--alertmanager-resend", "2s",
      "--alertmanager-timeout", "2s", "--resolve-after", "3s", "--metrics-file", metrics, "--metrics-every", "1s",
    ])
    var log = LoopLog()

    // Two findings on two streams: every peer holds both, labelled and explained.
    watch.write(log.line("telegram][diag", Self.telegram409, step: 1))
    watch.write(log.line("whatsapp", "[work] starting provider", step: 1))
    for attempt in 1...3 { watch.write(log.conflict(attempt)) }
    let raised = watch.waitForLines(2, timeout: 10).map(\.json)
    try #require(raised.count == 2, "the watch's own alerts")
    for peer in [first, second] {
      let held = peer.waitForAlerts(timeout: 10) { $0.count == 2 }
      #expect(Self.keys(held) == ["telegram-getupdates-conflict telegram:default", "whatsapp-session-conflict whatsapp:work"])
      for line in raised {
        let alert = try #require(Self.held(held, for: line))
        let stream = line["stream"] as? [String: Any] ?? [:]
        #expect(
          alert.labels == [
            "alertname": line["id"] as! String, "severity": "error", "channel": stream["channel"] as! String,
            "account": stream["account"] as! String, "host": Self.hostName, "job": "walog",
          ])
        #expect(
          alert.annotations == [
            "summary": line["title"] as! String, "description": line["root_cause"] as! String,
            "action": (line["actions"] as! [String])[0],
          ])
        let logTime = try #require(alert.date("startsAt"))
        #expect(abs(logTime.timeIntervalSince(try #require(line.date("time")))) < 0.01, "startsAt is the log's time")
        let ahead = try #require(alert.date("endsAt")).timeIntervalSince(try #require(alert.date("updatedAt")))
        #expect(abs(ahead - 8) < 1, "endsAt four 2 s intervals after the send, on the wall clock: \(ahead)")
      }
    }
    // Grouped as the route says: one group per host and channel account.
    let groups = try first.groups()
    let grouped = Set(groups.map { ($0["labels"] as? [String: String] ?? [:]) })
    #expect(
      grouped == [
        ["host": Self.hostName, "channel": "telegram", "account": "default"],
        ["host": Self.hostName, "channel": "whatsapp", "account": "work"],
      ])
    #expect(groups.allSatisfy { ($0["alerts"] as? [Any])?.count == 1 })

    // A peer restarts (Alertmanager keeps alerts in memory only): the next re-send restores them.
    second.stop()
    let restarted = Date()
    try second.start()
    let restored = second.waitForAlerts(timeout: 10) { $0.count == 2 }
    #expect(Self.keys(restored).count == 2, "both alerts back on the restarted peer")
    #expect(restored.allSatisfy { ($0.date("updatedAt") ?? .distantPast) > restarted }, "sent again after the restart")

    // The stream recovers: the alert is resolved at once, long before its endsAt would expire it.
    let before = try #require(first.alerts().first { $0.labels["account"] == "work" })
    let wouldExpire = try #require(before.date("endsAt"))
    watch.write(log.line("whatsapp", "[work] starting provider", step: 1))
    watch.write(log.listening())
    let resolvedLine = watch.waitForLines(3, timeout: 15).last?.json ?? [:]
    #expect(resolvedLine["type"] as? String == "resolved")
    for peer in [first, second] {
      let left = peer.waitForAlerts(timeout: 10) { $0.count == 1 }
      #expect(Self.keys(left) == ["telegram-getupdates-conflict telegram:default"])
      #expect(Date() < wouldExpire, "gone because walog resolved it, not because it expired")
    }

    // Both peers down for a while: a new finding waits and arrives, with its own start.
    first.stop()
    second.stop()
    watch.write(log.line("whatsapp", "[shop] starting provider", step: 1))
    watch.write(log.line("whatsapp", "session logged out. Run `openclaw channels login --channel whatsapp` to relink.", step: 1))
    let loggedOut = watch.waitForLines(4, timeout: 10).last?.json ?? [:]
    #expect(loggedOut["id"] as? String == "whatsapp-logged-out")
    Thread.sleep(forTimeInterval: 4)  // retries fail while both are down
    try first.start()
    try second.start()
    for peer in [first, second] {
      let back = peer.waitForAlerts(timeout: 15) { $0.count == 2 }
      #expect(Self.keys(back) == ["telegram-getupdates-conflict telegram:default", "whatsapp-logged-out whatsapp:shop"])
      let shop = try #require(back.first { $0.labels["account"] == "shop" })
      #expect(shop.labels["severity"] == "critical")
      #expect(abs((shop.date("startsAt") ?? .distantPast).timeIntervalSince(try #require(loggedOut.date("time")))) < 0.01)
    }
    Thread.sleep(forTimeInterval: 1.5)  // one more metrics write after the queue emptied

    let values = WatchMetricsTests.samples(try String(contentsOfFile: metrics, encoding: .utf8))
    for peer in [first, second] {
      let label = "{alertmanager=\"\(peer.url)/api/v2/alerts\"}"
      #expect((values["walog_alertmanager_alerts_sent_total" + label] ?? 0) >= 6)
      #expect((values["walog_alertmanager_errors_total" + label] ?? 0) >= 1, "the outage")
      #expect(values["walog_alertmanager_alerts_dropped_total" + label] == 0, "nothing lost")
      #expect(values["walog_alertmanager_queue_length" + label] == 0)
      #expect(values["walog_alertmanager_queue_capacity" + label] == 1000)
    }
    let (status, stderr) = watch.finish()
    #expect(status == 0)
    for peer in [first, second] {
      #expect(stderr.contains("walog: warning: alertmanager \(peer.url)/api/v2/alerts: cannot send ("))
      #expect(stderr.contains("walog: alertmanager \(peer.url)/api/v2/alerts: sending again"))
    }
    #expect(!stderr.contains("dropped") && !stderr.contains("not sent"), "\(stderr)")
  }

  /// The documented inhibition, in a real Alertmanager: the gateway crash-looping on a host
  /// suppresses that host's channel finding, which stays visible as inhibited.
  @Test func aGatewayFindingInhibitsTheHostsChannelFindings() throws {
    let folder = try Self.temporaryFolder("inhibit")
    defer { try? FileManager.default.removeItem(at: folder) }
    let relay = try LoopbackHTTPServer { _ in .status(200) }
    let peer = try AlertmanagerPeer(folder: folder, name: "one", configuration: try Self.configuration(receiver: relay.url))
    try peer.start()
    var log = LoopLog()
    var lines = [log.line("whatsapp", "[default] starting provider")]
    for attempt in 1...3 { lines.append(log.conflict(attempt)) }
    for restart in 1...3 {
      lines.append(log.line("systemd", "openclaw-gateway.service: Main process exited, code=exited, status=1/FAILURE"))
      lines.append(log.line("systemd", "openclaw-gateway.service: Scheduled restart job, restart counter is at \(restart)."))
    }
    let file = folder.appendingPathComponent("gateway.log")
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    let result = try WalogProcess.run(["watch", "--no-follow", "--format", "json", "--alertmanager", peer.url, file.path])
    #expect(result.status == 0, "\(result.stderr)")
    let alerts = peer.waitForAlerts(timeout: 10) { $0.count == 2 }
    let gateway = try #require(alerts.first { $0.labels["channel"] == "gateway" }, "\(alerts)")
    let channel = try #require(alerts.first { $0.labels["channel"] == "whatsapp" })
    #expect(gateway.labels["alertname"] == "gateway-crash-loop" && gateway.labels["severity"] == "critical")
    let status = channel["status"] as? [String: Any] ?? [:]
    #expect(status["state"] as? String == "suppressed")
    #expect(status["inhibitedBy"] as? [String] == [gateway["fingerprint"] as! String])
    #expect((gateway["status"] as? [String: Any])?["state"] as? String == "active")
  }

  @Test func theDocumentedConfigurationPassesAmtoolCheckConfig() throws {
    let folder = try Self.temporaryFolder("check")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("alertmanager.yml")
    try Self.documentedConfiguration().write(to: file, atomically: true, encoding: .utf8)
    let result = try WalogProcess.run(
      ["check-config", file.path], executable: URL(fileURLWithPath: "/usr/bin/amtool"))
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains("SUCCESS") && result.stdout.contains("1 inhibit rules"))
  }
}
