import Foundation

/// A real Alertmanager (Debian's `prometheus-alertmanager`) on loopback ports of its own, with
/// the configuration the test gives, optionally clustered with other peers; stopped and
/// started again on the same ports, and always stopped when the test drops it.
final class AlertmanagerPeer: @unchecked Sendable {
  let folder: URL
  let webPort = LoopbackPort.free()
  let clusterPort = LoopbackPort.free()
  var peers: [Int] = []
  /// `--web.config.file` (TLS, basic authentication) and `--web.route-prefix`.
  var webConfig: String?
  var routePrefix: String?
  private var process: Process?

  init(folder: URL, name: String, configuration: String) throws {
    self.folder = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: self.folder, withIntermediateDirectories: true)
    try configuration.write(to: self.folder.appendingPathComponent("alertmanager.yml"), atomically: true, encoding: .utf8)
  }

  deinit { stop() }

  var url: String { "\(webConfig == nil ? "http" : "https")://127.0.0.1:\(webPort)\(routePrefix ?? "")" }

  /// Starts it and waits (at most 20 s) until it answers on its web port.
  func start(readyCheck: [String] = []) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: PrometheusTools.alertmanager)
    var arguments = [
      "--config.file=\(folder.path)/alertmanager.yml", "--storage.path=\(folder.path)/data",
      "--web.listen-address=127.0.0.1:\(webPort)", "--cluster.listen-address=127.0.0.1:\(clusterPort)",
      "--cluster.gossip-interval=100ms", "--cluster.pushpull-interval=2s", "--log.level=warn",
    ]
    arguments += peers.map { "--cluster.peer=127.0.0.1:\($0)" }
    if let webConfig { arguments.append("--web.config.file=\(webConfig)") }
    if let routePrefix { arguments.append("--web.route-prefix=\(routePrefix)") }
    process.arguments = arguments
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    process.standardError = try FileHandle(forWritingTo: log)
    try process.run()
    self.process = process
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
      guard process.isRunning else { throw AlertmanagerFailure("Alertmanager exited: \(logText)") }
      if (try? Curl.get("\(url)/-/ready", readyCheck)) != nil { return }
      Thread.sleep(forTimeInterval: 0.1)
    }
    throw AlertmanagerFailure("Alertmanager did not start within 20 s: \(logText)")
  }

  /// Stops it (SIGTERM, then SIGKILL after 5 s) and waits for it.
  func stop() {
    guard let process, process.isRunning else { return }
    process.terminate()
    let deadline = Date().addingTimeInterval(5)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    self.process = nil
  }

  private var log: URL {
    let log = folder.appendingPathComponent("alertmanager.log")
    if !FileManager.default.fileExists(atPath: log.path) { FileManager.default.createFile(atPath: log.path, contents: nil) }
    return log
  }

  var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

  /// `GET /api/v2/alerts`: what it holds as active (resolved alerts are not listed).
  func alerts(_ curlOptions: [String] = []) throws -> [[String: Any]] {
    try JSONSerialization.jsonObject(with: Curl.get("\(url)/api/v2/alerts", curlOptions)) as? [[String: Any]] ?? []
  }

  /// `GET /api/v2/alerts/groups`: the groups its route made.
  func groups() throws -> [[String: Any]] {
    try JSONSerialization.jsonObject(with: Curl.get("\(url)/api/v2/alerts/groups")) as? [[String: Any]] ?? []
  }

  /// Polls `alerts()` every 0.2 s until `done` holds, at most `timeout` seconds; returns the last
  /// answer either way.
  @discardableResult
  func waitForAlerts(
    timeout: Double, _ curlOptions: [String] = [], until done: ([[String: Any]]) -> Bool
  ) -> [[String: Any]] {
    let deadline = Date().addingTimeInterval(timeout)
    var last: [[String: Any]] = []
    repeat {
      last = (try? alerts(curlOptions)) ?? []
      if done(last) { return last }
      Thread.sleep(forTimeInterval: 0.2)
    } while Date() < deadline
    return last
  }
}

struct AlertmanagerFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

extension Dictionary where Key == String, Value == Any {
  var labels: [String: String] { self["labels"] as? [String: String] ?? [:] }
  var annotations: [String: String] { self["annotations"] as? [String: String] ?? [:] }
  /// An RFC 3339 time field (`startsAt`, `endsAt`) as a date.
  func date(_ key: String) -> Date? {
    guard let text = self[key] as? String else { return nil }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)
  }
}

enum LoopbackPort {
  /// A TCP port nobody listens on now: the kernel's pick for a socket bound to port 0.
  static func free() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
        _ = bind(fd, pointer, length)
        return getsockname(fd, pointer, &length)
      }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}

/// The `curl` command line, for reading Alertmanager's API as an operator would (with
/// `--cacert`, `--cert`, `-u` where it needs them).
enum Curl {
  static func get(_ url: String, _ options: [String] = []) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = ["-sSf", "--max-time", "5"] + options + [url]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw AlertmanagerFailure("curl \(url): \(String(decoding: message, as: UTF8.self))")
    }
    return data
  }
}

/// Throwaway TLS material made with `openssl` at test time: a certificate authority, a server
/// certificate for 127.0.0.1 and a client certificate, all signed by it.
struct TestCertificates {
  let folder: URL
  var ca: String { folder.appendingPathComponent("ca.pem").path }
  var server: String { folder.appendingPathComponent("server.pem").path }
  var serverKey: String { folder.appendingPathComponent("server-key.pem").path }
  var client: String { folder.appendingPathComponent("client.pem").path }
  var clientKey: String { folder.appendingPathComponent("client-key.pem").path }

  init(in folder: URL) throws {
    self.folder = folder
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let extensions = folder.appendingPathComponent("server.ext")
    try "subjectAltName=IP:127.0.0.1\n".write(to: extensions, atomically: true, encoding: .utf8)
    let key = folder.appendingPathComponent("ca-key.pem").path
    try Self.openssl([
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=walog test CA", "-keyout", key, "-out", ca,
    ])
    for (name, certificate, certificateKey, extra) in [
      ("127.0.0.1", server, serverKey, ["-extfile", extensions.path]), ("walog", client, clientKey, []),
    ] {
      let request = folder.appendingPathComponent("\(name).csr").path
      try Self.openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=\(name)", "-keyout", certificateKey, "-out", request])
      try Self.openssl(
        ["x509", "-req", "-in", request, "-CA", ca, "-CAkey", key, "-CAcreateserial", "-days", "1", "-out", certificate] + extra)
    }
  }

  private static func openssl(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = arguments
    let errors = Pipe()
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    process.standardError = errors
    try process.run()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw AlertmanagerFailure("openssl \(arguments.joined(separator: " ")): \(String(decoding: message, as: UTF8.self))")
    }
  }
}

/// A small HTTP server on a loopback port, for what Alertmanager cannot show: it checks the
/// `Authorization` header (Alertmanager checks no bearer token), answers as the test says
/// (200, 503, or not at all), and keeps every request it read.
final class LoopbackHTTPServer: @unchecked Sendable {
  struct Request {
    var headers: [String: String]
    var body: Data
    var alerts: [[String: Any]] { (try? JSONSerialization.jsonObject(with: body)) as? [[String: Any]] ?? [] }
  }

  enum Answer {
    case status(Int)
    /// Read the request, answer nothing for this many seconds, then close.
    case silence(Double)
  }

  let port: Int
  private let listener: Int32
  private let condition = NSCondition()
  private var requests: [Request] = []
  private var stopped = false
  private let answer: @Sendable (Request) -> Answer

  init(answer: @escaping @Sendable (Request) -> Answer) throws {
    self.answer = answer
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    self.listener = listener
    var yes: Int32 = 1
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
        bind(listener, pointer, length) == 0 && listen(listener, 16) == 0 && getsockname(listener, pointer, &length) == 0
      }
    }
    guard bound else { throw AlertmanagerFailure("cannot listen on a loopback port") }
    port = Int(UInt16(bigEndian: address.sin_port))
    Thread { [self] in serve() }.start()
  }

  deinit { stop() }

  var url: String { "http://127.0.0.1:\(port)" }

  var received: [Request] { condition.withLock { requests } }

  /// Waits until `count` requests have come, at most `timeout` seconds.
  @discardableResult
  func waitForRequests(_ count: Int, timeout: Double) -> [Request] {
    let deadline = Date().addingTimeInterval(timeout)
    condition.lock()
    defer { condition.unlock() }
    while requests.count < count && condition.wait(until: deadline) {}
    return requests
  }

  func stop() {
    condition.withLock {
      guard !stopped else { return }
      stopped = true
      shutdown(listener, Int32(SHUT_RDWR))
      close(listener)
    }
  }

  private func serve() {
    while true {
      let connection = accept(listener, nil, nil)
      guard connection >= 0 else { return }
      Thread { [self] in handle(connection) }.start()
    }
  }

  private func handle(_ connection: Int32) {
    defer { close(connection) }
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var bytes = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      // One request per connection (the answer closes it): headers, then Content-Length bytes.
      if let end = bytes.range(of: Data("\r\n\r\n".utf8)) {
        let head = String(decoding: bytes[..<end.lowerBound], as: UTF8.self)
        var headers: [String: String] = [:]
        for line in head.split(separator: "\r\n").dropFirst() {
          guard let colon = line.firstIndex(of: ":") else { continue }
          headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        if bytes.count - end.upperBound >= length {
          let request = Request(headers: headers, body: bytes[end.upperBound..<(end.upperBound + length)])
          respond(to: request, on: connection)
          return
        }
      }
      let count = recv(connection, &buffer, buffer.count, 0)
      guard count > 0 else { return }
      bytes.append(contentsOf: buffer[0..<count])
    }
  }

  private func respond(to request: Request, on connection: Int32) {
    condition.withLock {
      requests.append(request)
      condition.broadcast()
    }
    switch answer(request) {
    case .status(let status):
      let text = "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Error")\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
      _ = text.withCString { send(connection, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
    case .silence(let seconds):
      Thread.sleep(forTimeInterval: seconds)
    }
  }
}
