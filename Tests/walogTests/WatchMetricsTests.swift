import Foundation
import Testing

/// The metrics file, read by the real tools: `promtool check metrics` accepts it, and a real
/// node_exporter (started here on a loopback port, with its textfile collector pointed at the
/// file's folder) serves the values walog counted.
@Suite struct WatchMetricsTests {
  @Test func nodeExporterServesTheCountsAndPromtoolAcceptsThem() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walog-watch-\(getpid())-metrics")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let metrics = folder.appendingPathComponent("walog.prom").path

    let result = try WalogProcess.run([
      "watch", "--no-follow", "--metrics-file", metrics, "Fixtures/seeds/001-78-conflicts.log",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let text = try String(contentsOfFile: metrics, encoding: .utf8)
    #expect(text.contains("walog_closes_total{channel=\"whatsapp\",account=\"default\",status=\"440\"} 78\n"))

    let check = try run(PrometheusTools.promtool, ["check", "metrics"], stdin: Data(text.utf8))
    #expect(check.status == 0, "promtool: \(check.output)")

    let port = 19_000 + Int(getpid() % 1000)
    let exporter = Process()
    exporter.executableURL = URL(fileURLWithPath: PrometheusTools.nodeExporter)
    exporter.arguments = [
      "--web.listen-address=127.0.0.1:\(port)", "--collector.disable-defaults", "--collector.textfile",
      "--collector.textfile.directory=\(folder.path)",
    ]
    exporter.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    exporter.standardError = FileHandle(forWritingAtPath: "/dev/null")
    try exporter.run()
    defer {
      exporter.terminate()
      exporter.waitUntilExit()
    }
    let scraped = try scrape(port: port)
    let values = Self.samples(scraped)
    #expect(values["walog_closes_total{account=\"default\",channel=\"whatsapp\",status=\"440\"}"] == 78)
    #expect(values["walog_giveups_total{account=\"default\",channel=\"whatsapp\"}"] == 7)
    #expect(values["walog_retries_total{account=\"default\",channel=\"whatsapp\"}"] == 78)
    #expect(values["walog_lines_total"] == 322)
    #expect(
      values["walog_finding_active{account=\"default\",channel=\"whatsapp\",rule=\"whatsapp-session-conflict\",severity=\"error\"}"] == 1)
    #expect(values["walog_last_line_timestamp_seconds"] == 1_770_227_971.798)
    #expect(values["node_textfile_scrape_error"] == 0, "node_exporter read the file without error")
  }

  @Test func pastAThousandSeriesFurtherAccountsAreSummedUnderOther() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walog-watch-\(getpid())-cap")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var log = LoopLog()
    var lines: [String] = []
    for account in 0..<150 {
      lines.append(log.line("whatsapp", "[acct\(account)] starting provider", step: 0.01))
      lines.append(log.conflict(1))
    }
    let metrics = folder.appendingPathComponent("walog.prom").path
    let result = try WalogProcess.run(
      ["watch", "--metrics-file", metrics], stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
    #expect(result.status == 0)
    #expect(result.stderr.contains("more than 1000 metric series; further accounts are summed under account=\"other\""))
    let values = Self.samples(try String(contentsOfFile: metrics, encoding: .utf8))
    let closes = values.filter { $0.key.hasPrefix("walog_closes_total{") }
    #expect(closes.count <= 101, "100 accounts of their own and other")
    #expect(closes.values.reduce(0, +) == 150, "every close is counted, under its account or other")
    #expect(values["walog_closes_total{channel=\"whatsapp\",account=\"other\",status=\"440\"}"] == 50)
  }

  /// `name{labels} value` lines of the exposition format.
  static func samples(_ text: String) -> [String: Double] {
    var values: [String: Double] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
      values[String(line[..<space])] = value
    }
    return values
  }

  /// `GET /metrics` over HTTP/1.0 on the loopback port, retried while node_exporter starts.
  private func scrape(port: Int) throws -> String {
    for _ in 0..<100 {
      if let text = Self.get(port: port, path: "/metrics"), text.contains("walog_") { return text }
      Thread.sleep(forTimeInterval: 0.1)
    }
    throw CocoaError(.fileReadUnknown)
  }

  static func get(port: Int, path: String) -> String? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { return nil }
    // A bounded wait: a server that never answers fails the scrape, not the suite's clock.
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".utf8)
    guard send(fd, request, request.count, 0) == request.count else { return nil }
    var response: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = recv(fd, &buffer, buffer.count, 0)
      if count <= 0 { break }
      response += buffer[0..<count]
    }
    return String(decoding: response, as: UTF8.self)
  }

  private func run(_ tool: String, _ arguments: [String], stdin: Data) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    try process.run()
    input.fileHandleForWriting.write(stdin)
    try input.fileHandleForWriting.close()
    let text = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: text, as: UTF8.self))
  }
}

/// The real Prometheus tools: Debian's packages on Linux (`scripts/setup`), Homebrew's
/// `prometheus`, `node_exporter` and `alertmanager` on macOS (the CI workflow installs them).
enum PrometheusTools {
  #if os(Linux)
    static let promtool = "/usr/bin/promtool"
    static let nodeExporter = "/usr/bin/prometheus-node-exporter"
    static let alertmanager = "/usr/bin/prometheus-alertmanager"
  #else
    static let homebrew = ProcessInfo.processInfo.environment["HOMEBREW_PREFIX"] ?? "/opt/homebrew"
    static let promtool = homebrew + "/bin/promtool"
    static let nodeExporter = homebrew + "/bin/node_exporter"
    static let alertmanager = homebrew + "/bin/alertmanager"
  #endif
}
