import Foundation
import Testing

/// How `walog watch --alertmanager` reaches Alertmanager and what it does when it cannot:
/// TLS, client certificates and basic authentication through Alertmanager's own web
/// configuration (certificates made with openssl, the password hashed with bcrypt, both at test
/// time), a path prefix, bearer tokens against a loopback listener that checks them, and an
/// Alertmanager that is slow, answers 5xx, refuses, or is not there at all.
@Suite struct WatchAlertmanagerAccessTests {
  @Test func tlsClientCertificatesBasicAuthAndAPathPrefix() throws {
    let folder = try WatchAlertmanagerClusterTests.temporaryFolder("tls")
    defer { try? FileManager.default.removeItem(at: folder) }
    let certificates = try TestCertificates(in: folder.appendingPathComponent("tls"))
    let password = "walog-test-\(UUID().uuidString.prefix(8))"
    let hash = try Self.bcrypt(password)
    let webConfig = folder.appendingPathComponent("web.yml").path
    try """
    tls_server_config:
      cert_file: \(certificates.server)
      key_file: \(certificates.serverKey)
      client_auth_type: RequireAndVerifyClientCert
      client_ca_file: \(certificates.ca)
    basic_auth_users:
      walog: \(hash)
    """.write(toFile: webConfig, atomically: true, encoding: .utf8)
    let peer = try AlertmanagerPeer(
      folder: folder, name: "one", configuration: "route: {receiver: nobody}\nreceivers: [{name: nobody}]\n")
    peer.webConfig = webConfig
    peer.routePrefix = "/alertmanager"
    let asOperator = ["--cacert", certificates.ca, "--cert", certificates.client, "--key", certificates.clientKey, "-u", "walog:\(password)"]
    try peer.start(readyCheck: asOperator)
    #expect(peer.url.hasPrefix("https://127.0.0.1:") && peer.url.hasSuffix("/alertmanager"))

    func config(_ name: String, _ text: String) throws -> String {
      let path = folder.appendingPathComponent(name).path
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    try password.appending("\n").write(toFile: folder.appendingPathComponent("password").path, atomically: true, encoding: .utf8)
    let tls = "tls_config:\n  ca_file: tls/ca.pem\n  cert_file: tls/client.pem\n  key_file: tls/client-key.pem\n"
    let full = try config("http.yml", "basic_auth:\n  username: walog\n  password_file: password\n" + tls)
    let log = "Fixtures/diagnoses/excerpt-conflict-440.log"

    // Everything through the HTTP configuration amtool reads.
    let sent = try WalogProcess.run(["watch", "--no-follow", "--alertmanager", peer.url, "--alertmanager-http-config", full, log])
    #expect(sent.status == 0)
    #expect(!sent.stderr.contains("alertmanager"), "\(sent.stderr)")
    let held = peer.waitForAlerts(timeout: 10, asOperator) { !$0.isEmpty }
    #expect(held.map { $0.labels["alertname"] } == ["whatsapp-session-conflict"])

    // Basic authentication in the URL, as amtool's --alertmanager.url takes it.
    let tlsOnly = try config("tls.yml", tls)
    let inURL = peer.url.replacingOccurrences(of: "https://", with: "https://walog:\(password)@")
    let second = try WalogProcess.run([
      "watch", "--no-follow", "--alertmanager", inURL, "--alertmanager-http-config", tlsOnly, "Fixtures/diagnoses/excerpt-logged-out.log",
    ])
    #expect(second.status == 0 && !second.stderr.contains("alertmanager"), "\(second.stderr)")
    #expect(second.stderr.contains(password) == false)
    #expect(peer.waitForAlerts(timeout: 10, asOperator) { $0.count == 2 }.count == 2)

    // A wrong password is refused (and said); no client certificate fails the handshake.
    let wrong = inURL.replacingOccurrences(of: password, with: "not-it")
    let refused = try WalogProcess.run(["watch", "--no-follow", "--alertmanager", wrong, "--alertmanager-http-config", tlsOnly, log])
    #expect(refused.status == 0)
    #expect(refused.stderr.contains("walog: warning: alertmanager \(peer.url)/api/v2/alerts refused 1 alert: HTTP 401"), "\(refused.stderr)")
    #expect(!refused.stderr.contains("not-it"), "no credentials in messages")
    let noCertificate = try config("ca-only.yml", "basic_auth: {username: walog, password_file: password}\ntls_config: {ca_file: tls/ca.pem}\n")
    let handshake = try WalogProcess.run([
      "watch", "--no-follow", "--alertmanager", peer.url, "--alertmanager-http-config", noCertificate, "--alertmanager-timeout", "3s", log,
    ])
    #expect(handshake.status == 0)
    #expect(handshake.stderr.contains("walog: warning: alertmanager \(peer.url)/api/v2/alerts: cannot send ("), "\(handshake.stderr)")
    #expect(handshake.stderr.contains("1 alert not sent before exit"))
    // An unknown CA: the server's certificate is not trusted.
    let untrusted = try WalogProcess.run(["watch", "--no-follow", "--alertmanager", inURL, log])
    #expect(untrusted.stderr.contains("cannot send (") && untrusted.stderr.lowercased().contains("certificate"), "\(untrusted.stderr)")
  }

  @Test func bearerTokensAndAnAlertmanagerThatFailsOrHangsNeverHoldUpTheWatch() throws {
    let folder = try WatchAlertmanagerClusterTests.temporaryFolder("bearer")
    defer { try? FileManager.default.removeItem(at: folder) }
    let failing = Flag()
    failing.value = false
    let receiver = try LoopbackHTTPServer { request in
      guard request.headers["authorization"] == "Bearer tok-walog" else { return .status(401) }
      return .status(failing.value ? 503 : 200)
    }
    let hanging = try LoopbackHTTPServer { _ in .silence(6) }
    try "tok-walog\n".write(toFile: folder.appendingPathComponent("token").path, atomically: true, encoding: .utf8)
    let http = folder.appendingPathComponent("http.yml").path
    try "authorization:\n  type: Bearer\n  credentials_file: token\n".write(toFile: http, atomically: true, encoding: .utf8)
    let watch = try WatchSession([
      "--format", "json", "--alertmanager", receiver.url, "--alertmanager", hanging.url, "--alertmanager-http-config", http,
      "--alertmanager-timeout", "4s", "--alertmanager-resend", "2s", "--resolve-after", "2s",
    ])
    var log = LoopLog()
    watch.write(log.line("whatsapp", "[default] starting provider", step: 1))
    watch.write(log.conflict(1))
    try #require(watch.waitForLines(1, timeout: 5).count == 1)
    // One Alertmanager now holds a request for 4 s: the escalation still comes at once.
    let written = watch.write(log.conflict(2))
    for attempt in 3...8 { watch.write(log.conflict(attempt)) }
    let escalated = watch.waitForLines(2, timeout: 10)
    try #require(escalated.count >= 2)
    #expect(escalated[1].json["type"] as? String == "escalated")
    #expect(escalated[1].arrived.timeIntervalSince(written) < 3, "alerts are printed while one Alertmanager hangs")

    let requests = receiver.waitForRequests(1, timeout: 5)
    let request = try #require(requests.first)
    #expect(request.headers["authorization"] == "Bearer tok-walog")
    #expect(request.headers["content-type"] == "application/json")
    #expect(request.headers["user-agent"]?.hasPrefix("walog/") == true)
    #expect(request.alerts.first?.labels["alertname"] == "whatsapp-session-conflict")

    // 503 while the stream recovers: the resolution waits, and goes out once it answers again.
    failing.value = true
    let failingSince = receiver.received.count
    watch.write(log.listening())
    var resolvedLine: WatchSession.Output?
    let resolveDeadline = Date().addingTimeInterval(10)
    while resolvedLine == nil && Date() < resolveDeadline {
      resolvedLine = watch.waitForLines(watch.received.count + 1, timeout: 1).first { $0.json["type"] as? String == "resolved" }
    }
    let resolvedAt = try #require(resolvedLine, "the stream recovered").arrived
    receiver.waitForRequests(failingSince + 2, timeout: 10)
    failing.value = false
    let deadline = Date().addingTimeInterval(10)
    var delivered: [String: Any]?
    while delivered == nil && Date() < deadline {
      delivered = receiver.received.dropFirst(failingSince).compactMap { request -> [String: Any]? in
        // A firing alert's endsAt is ahead of its send; the resolution's is behind it.
        guard let alert = request.alerts.first, let ends = alert.date("endsAt"), ends <= Date() else { return nil }
        return alert
      }.last
      Thread.sleep(forTimeInterval: 0.2)
    }
    let endsAt = try #require(delivered?.date("endsAt"), "the resolution arrives after the 503s")
    #expect(abs(endsAt.timeIntervalSince(resolvedAt)) < 1, "endsAt is when it resolved, not when it was finally sent")

    let (status, stderr) = watch.finish()
    #expect(status == 0)
    #expect(stderr.contains("walog: warning: alertmanager \(receiver.url)/api/v2/alerts: cannot send (HTTP 503"), "\(stderr)")
    #expect(stderr.contains("walog: alertmanager \(receiver.url)/api/v2/alerts: sending again"))
    #expect(stderr.contains("walog: warning: alertmanager \(hanging.url)/api/v2/alerts: cannot send (Operation timed out"), "\(stderr)")

    // A wrong token: refused by the listener, reported, and the watch goes on to its summary.
    try "not-the-token\n".write(toFile: folder.appendingPathComponent("token").path, atomically: true, encoding: .utf8)
    let refused = try WalogProcess.run(
      ["watch", "--no-follow", "--alertmanager", receiver.url, "--alertmanager-http-config", http, "Fixtures/diagnoses/excerpt-conflict-440.log"])
    #expect(refused.status == 0 && refused.stdout.contains("WhatsApp session conflict"))
    #expect(refused.stderr.contains("refused 1 alert: HTTP 401"), "\(refused.stderr)")
  }

  @Test func aFullQueueDropsTheOldestCountsItAndSaysSo() throws {
    let folder = try WatchAlertmanagerClusterTests.temporaryFolder("queue")
    defer { try? FileManager.default.removeItem(at: folder) }
    let metrics = folder.appendingPathComponent("walog.prom").path
    let nobody = "http://127.0.0.1:\(LoopbackPort.free())"
    let watch = try WatchSession([
      "--format", "json", "--alertmanager", nobody, "--alertmanager-queue", "2", "--alertmanager-timeout", "1s",
      "--metrics-file", metrics, "--metrics-every", "1s",
    ])
    var log = LoopLog()
    watch.write(log.line("telegram][diag", WatchAlertmanagerClusterTests.telegram409, step: 1))
    watch.write(log.line("whatsapp", "[work] starting provider", step: 1))
    for attempt in 1...3 { watch.write(log.conflict(attempt)) }
    watch.write(log.line("whatsapp", "[shop] starting provider", step: 1))
    watch.write(log.line("whatsapp", "session logged out. Run `openclaw channels login --channel whatsapp` to relink.", step: 1))
    #expect(watch.waitForLines(3, timeout: 10).count == 3, "every alert is printed")
    Thread.sleep(forTimeInterval: 2.5)
    let values = WatchMetricsTests.samples(try String(contentsOfFile: metrics, encoding: .utf8))
    let label = "{alertmanager=\"\(nobody)/api/v2/alerts\"}"
    #expect(values["walog_alertmanager_queue_length" + label] == 2)
    #expect(values["walog_alertmanager_queue_capacity" + label] == 2)
    #expect((values["walog_alertmanager_alerts_dropped_total" + label] ?? 0) >= 1)
    #expect((values["walog_alertmanager_errors_total" + label] ?? 0) >= 1)
    #expect(values["walog_alertmanager_alerts_sent_total" + label] == 0)
    let (status, stderr) = watch.finish()
    #expect(status == 0)
    #expect(stderr.contains("walog: warning: alertmanager \(nobody)/api/v2/alerts: the queue of 2 is full; the oldest alert was dropped (1 dropped so far)"), "\(stderr)")
    #expect(stderr.contains("2 alerts not sent before exit"))
  }

  @Test func badAlertmanagerOptionsAreUsageErrors() throws {
    let log = "Fixtures/diagnoses/excerpt-conflict-440.log"
    for (arguments, message) in [
      (["--alertmanager", "ftp://am:21"], "is not an http:// or https:// URL"),
      (["--alertmanager-http-config", "x.yml"], "--alertmanager-http-config needs --alertmanager"),
      (["--alertmanager", "http://127.0.0.1:1", "--alertmanager-resend", "0s"], "cannot read --alertmanager-resend '0s'"),
      (["--alertmanager", "http://127.0.0.1:1", "--alertmanager-queue", "0"], "--alertmanager-queue must be at least 1"),
      (["--alertmanager", "http://127.0.0.1:1", "--alertmanager-http-config", "no-such.yml"], "no-such.yml: error: no such HTTP configuration file"),
    ] {
      let result = try WalogProcess.run(["watch", "--no-follow"] + arguments + [log])
      #expect(result.status == 2, "\(arguments)")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
    }
  }

  private static func bcrypt(_ password: String) throws -> String {
    let result = try WalogProcess.run(
      ["python3", "-c", "import bcrypt, sys; print(bcrypt.hashpw(sys.argv[1].encode(), bcrypt.gensalt(rounds=4)).decode())", password],
      executable: URL(fileURLWithPath: "/usr/bin/env"))
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// A flag the test sets and a listener's thread reads.
final class Flag: @unchecked Sendable {
  private let lock = NSLock()
  private var state = false
  var value: Bool {
    get { lock.withLock { state } }
    set { lock.withLock { state = newValue } }
  }
}
