import Foundation
import Testing

@testable import WalogCore

/// The parts of `--alertmanager` that decide what is sent, without a network: the labels and
/// times of an alert, what the re-sends carry, the queue that holds alerts while Alertmanager is
/// away, and how URLs and the HTTP configuration are read. (Tests/walogTests/WatchAlertmanager*
/// send to the real Alertmanager.)
@Suite struct WatchAlertmanagerTests {
  static let stream = StreamKey(channel: "whatsapp", account: "work")

  static func alert(
    _ kind: Alert.Kind, id: String = "whatsapp-session-conflict", severity: Finding.Severity = .error,
    at seconds: Double? = 1_776_000_000, precision: LogTime.Precision = .full, stream: StreamKey? = stream,
    title: String = "Session conflict"
  ) -> Alert {
    let finding = Finding(
      id: id, severity: severity, title: title, rootCause: "Another client takes the session.",
      actions: ["Close the other session.", "Then restart."], figures: [], stream: stream, evidence: [])
    return Alert(kind: kind, time: seconds.map { LogTime(seconds: $0, offset: 7200, precision: precision) }, finding: finding)
  }

  static func object(_ value: JSONValue) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(value.renderedLine().utf8))) as? [String: Any] ?? [:]
  }

  @Test func labelsAnnotationsAndTimesAsAlertmanagerTakesThem() {
    var book = AlertmanagerBook()
    let sent = book.record(Self.alert(.finding), now: 1_776_000_100)
    #expect(sent.count == 1)
    let json = Self.object(sent[0].json(now: 1_776_000_200, validFor: 240))
    #expect(
      json["labels"] as? [String: String] == [
        "alertname": "whatsapp-session-conflict", "severity": "error", "channel": "whatsapp", "account": "work",
        "host": HostName.current, "job": "walog",
      ])
    #expect(
      json["annotations"] as? [String: String] == [
        "summary": "Session conflict", "description": "Another client takes the session.", "action": "Close the other session.",
      ])
    #expect(json["startsAt"] as? String == "2026-04-12T13:20:00Z", "the log's time of the finding, in UTC")
    #expect(json["endsAt"] as? String == "2026-04-12T13:27:20Z", "validFor ahead of the send, on the wall clock")
  }

  @Test func theHostLabelIsTheGatewaysAsTheLogNamesItElseThisMachines() {
    var book = AlertmanagerBook()
    var named = Self.alert(.finding)
    named.host = "gw-east"
    let labels = Self.object(book.record(named, now: 0)[0].json(now: 0, validFor: 1))["labels"] as? [String: String]
    #expect(labels?["host"] == "gw-east")
    // The host an alert carries: its stream's once the log names several, else the log's one host.
    var onSecondHost = Self.alert(.finding).finding
    onSecondHost.stream?.host = "gw-west"
    #expect(AlertPolicy.host(of: onSecondHost, firstHost: "gw-east") == "gw-west")
    #expect(AlertPolicy.host(of: Self.alert(.finding).finding, firstHost: "gw-east") == "gw-east")
    #expect(AlertPolicy.host(of: Self.alert(.finding).finding, firstHost: nil) == nil)
  }

  @Test func aLogWithoutDatesStartsAlertsAtTheWallClockAndNoStartIsInTheFuture() {
    var book = AlertmanagerBook()
    let noDate = book.record(Self.alert(.finding, precision: .timeOfDay), now: 1_776_000_100)
    #expect(noDate[0].startsAt == 1_776_000_100)
    let ahead = book.record(Self.alert(.finding, id: "other", at: 1_776_009_999), now: 1_776_000_100)
    #expect(ahead[0].startsAt == 1_776_000_100, "a log clock ahead of the wall clock never starts an alert later than now")
    let undated = book.record(Self.alert(.finding, id: "third", at: nil), now: 1_776_000_100)
    #expect(undated[0].startsAt == 1_776_000_100)
  }

  @Test func aProcessIsALabelAndOnlyWhatStreamsShareIs() {
    var book = AlertmanagerBook()
    let withPid = book.record(
      Self.alert(.finding, stream: StreamKey(channel: "whatsapp", account: "default", pid: 4242)), now: 0)
    #expect(Self.object(withPid[0].json(now: 0, validFor: 1))["labels"].flatMap { $0 as? [String: String] }?["pid"] == "4242")
    var merged = Self.alert(.finding, id: "merged")
    merged.finding.streams = [Self.stream, StreamKey(channel: "whatsapp", account: "shop")]
    let mergedLabels = Self.object(book.record(merged, now: 0)[0].json(now: 0, validFor: 1))["labels"] as? [String: String] ?? [:]
    #expect(mergedLabels["channel"] == "whatsapp" && mergedLabels["account"] == nil, "accounts merged into one finding: no account")
    let streamless = book.record(Self.alert(.finding, id: "launchd-exit-78-loop", stream: nil), now: 0)
    let labels = Self.object(streamless[0].json(now: 0, validFor: 1))["labels"] as? [String: String] ?? [:]
    #expect(labels["channel"] == nil && labels["account"] == nil && labels["job"] == "walog")
  }

  @Test func anEscalationKeepsTheStartAndARisingSeverityEndsTheOldLabelSet() {
    var book = AlertmanagerBook()
    let first = book.record(Self.alert(.finding, at: 1_776_000_000), now: 1_776_000_010)[0]
    let reworded = book.record(Self.alert(.escalated, at: 1_776_000_050, title: "Session conflict, 8 times"), now: 1_776_000_060)
    #expect(reworded.count == 1 && reworded[0].identity == first.identity)
    #expect(reworded[0].startsAt == 1_776_000_000 && reworded[0].annotations[0].1 == "Session conflict, 8 times")
    let risen = book.record(Self.alert(.escalated, severity: .critical, at: 1_776_000_070), now: 1_776_000_080)
    #expect(risen.count == 2)
    #expect(risen[0].identity == first.identity && risen[0].resolvedAt == 1_776_000_080, "the error alert ends")
    #expect(risen[1].labels.contains { $0 == ("severity", "critical") } && risen[1].resolvedAt == nil)
    #expect(risen[1].startsAt == 1_776_000_070)
  }

  @Test func resolvedSendsEndsAtNowAndIsResentForAQuarterOfAnHour() {
    var book = AlertmanagerBook()
    _ = book.record(Self.alert(.finding), now: 1_776_000_010)
    _ = book.record(Self.alert(.finding, id: "other"), now: 1_776_000_010)
    let resolved = book.record(Self.alert(.resolved), now: 1_776_000_500)
    #expect(resolved.count == 1 && resolved[0].resolvedAt == 1_776_000_500)
    let json = Self.object(resolved[0].json(now: 1_776_000_600, validFor: 240))
    #expect(json["endsAt"] as? String == "2026-04-12T13:28:20Z", "endsAt stays the moment it resolved")
    #expect(book.record(Self.alert(.resolved), now: 1_776_000_501).isEmpty, "resolved once")
    #expect(book.due(now: 1_776_000_600).count == 2, "the firing one and the resolved one")
    let later = book.due(now: 1_776_000_500 + AlertmanagerBook.keepResolved + 1)
    #expect(later.count == 1 && later[0].resolvedAt == nil, "the resolved one is forgotten after 15 minutes")
    let again = book.record(Self.alert(.finding), now: 1_776_002_000)
    #expect(again.count == 1 && again[0].resolvedAt == nil, "a new problem fires again")
  }

  @Test func theQueueKeepsTheNewestStateOfEachAlertAndDropsTheOldest() {
    var book = AlertmanagerBook()
    var queue = AlertmanagerQueue(capacity: 3)
    let alerts = (0..<4).map { book.record(Self.alert(.finding, id: "rule-\($0)"), now: 0)[0] }
    #expect(queue.add(alerts[0]) == 0 && queue.add(alerts[1]) == 0 && queue.add(alerts[2]) == 0)
    let resolved = book.record(Self.alert(.resolved, id: "rule-0"), now: 5)[0]
    #expect(queue.add(resolved) == 0 && queue.count == 3, "replaced in place")
    #expect(queue.add(alerts[3]) == 1, "full: the oldest goes")
    let batch = queue.take(2)
    #expect(batch.map(\.identity) == [alerts[1].identity, alerts[2].identity])
    // Sending failed; meanwhile rule-1 changed: its newer state stays, rule-2 goes back in front.
    let newer = book.record(Self.alert(.resolved, id: "rule-1"), now: 6)[0]
    #expect(queue.add(newer) == 0)
    #expect(queue.putBack(batch) == 0)
    let all = queue.take(10)
    #expect(all.map(\.identity) == [alerts[2].identity, alerts[3].identity, alerts[1].identity])
    #expect(all[2].resolvedAt == 6)
    #expect(queue.isEmpty)
  }

  @Test func urlsAreReadAsAmtoolReadsThem() throws {
    let plain = try AlertmanagerURL("http://127.0.0.1:9093")
    #expect(plain.endpoint == "http://127.0.0.1:9093/api/v2/alerts" && !plain.hasCredentials)
    let prefixed = try AlertmanagerURL("https://walog:s3cret@am.example:8443/alertmanager/")
    #expect(prefixed.endpoint == "https://walog:s3cret@am.example:8443/alertmanager/api/v2/alerts")
    #expect(prefixed.display == "https://am.example:8443/alertmanager/api/v2/alerts" && prefixed.hasCredentials)
    #expect(throws: AlertmanagerURL.Problem.self) { try AlertmanagerURL("ftp://am.example") }
    #expect(throws: AlertmanagerURL.Problem.self) { try AlertmanagerURL("http://am.example/?x=1") }
    #expect(throws: AlertmanagerURL.Problem.self) { try AlertmanagerURL("not a url") }
  }

  @Test func theHTTPConfigurationOfAmtoolAndPrometheus() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walog-am-config-\(getpid())").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    func write(_ name: String, _ text: String) -> String {
      let path = "\(folder)/\(name)"
      FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
      return path
    }
    _ = write("password", "pa55 word\n")
    _ = write("token", "  tok-123\n")
    let basic = try AlertmanagerHTTPConfig.load(
      path: write(
        "basic.yml",
        """
        basic_auth: {username: walog, password_file: password}
        tls_config:
          ca_file: ca.pem
          cert_file: /etc/walog/client.pem
          key_file: /etc/walog/client-key.pem
          insecure_skip_verify: false
        """))
    #expect(basic.username == "walog" && basic.password == "pa55 word" && basic.authorization == nil)
    #expect(basic.caFile == "\(folder)/ca.pem" && basic.certFile == "/etc/walog/client.pem" && basic.keyFile == "/etc/walog/client-key.pem")
    let bearer = try AlertmanagerHTTPConfig.load(path: write("bearer.yml", "authorization:\n  credentials_file: token\n"))
    #expect(bearer.authorization == "Bearer tok-123" && bearer.username == nil)
    let legacy = try AlertmanagerHTTPConfig.load(path: write("legacy.yml", "bearer_token: abc\n"))
    #expect(legacy.authorization == "Bearer abc")

    func problems(_ text: String) -> String {
      do {
        _ = try AlertmanagerHTTPConfig.load(path: write("bad.yml", text))
        return ""
      } catch { return error.description }
    }
    #expect(problems("oauth2: {client_id: x}\n").contains("bad.yml:1:1: error: 'oauth2' in the HTTP configuration is not supported by walog"))
    #expect(problems("basic_auth: {username: a, password: b}\nbearer_token: c\n").contains("bad.yml:2:1: error: give one of basic_auth, bearer_token"))
    #expect(problems("tls_config: {cert_file: a.pem}\n").contains("needs both 'cert_file' and 'key_file'"))
    #expect(problems("basic_auth: {password: b}\n").contains("basic_auth is missing required key 'username'"))
    #expect(problems("authorization: {credentials_file: missing}\n").contains("cannot read '\(folder)/missing'"))
    #expect(problems("tls_config: {insecure_skip_verify: maybe}\n").contains("expected true or false for 'insecure_skip_verify'"))
    #expect(problems("colour: blue\n").contains("unknown key 'colour'"))
    #expect(throws: RuleError.self) { try AlertmanagerHTTPConfig.load(path: "\(folder)/none.yml") }
  }
}
