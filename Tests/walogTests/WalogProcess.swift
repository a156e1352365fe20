import Foundation

/// Runs the built `walog` binary as a user would, from the package root.
struct WalogProcess {
  /// The sanitizer this build runs under (`scripts/test --sanitize` sets it). Resident memory
  /// means nothing there: ASan's shadow memory and quarantine multiply it, so memory ceilings are
  /// checked by the plain build only.
  static let sanitizer = ProcessInfo.processInfo.environment["WALOG_SANITIZER"]

  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The `walog` built beside this test bundle: `scripts/test` names it in `WALOG_BINARY`;
  /// otherwise the build folder holding the running tests (`.build/debug`, `.build-asan/debug`…),
  /// so a sanitizer build never runs another build's binary.
  static let binary: URL = {
    if let named = ProcessInfo.processInfo.environment["WALOG_BINARY"], !named.isEmpty {
      return URL(fileURLWithPath: named)
    }
    let starts = [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])]
      .compactMap { $0 } + Bundle.allBundles.map(\.bundleURL)
    for start in starts {
      var folder = start.resolvingSymlinksInPath().deletingLastPathComponent()
      for _ in 0..<4 {
        let candidate = folder.appendingPathComponent("walog")
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue,
          FileManager.default.isExecutableFile(atPath: candidate.path)
        {
          return candidate
        }
        folder.deleteLastPathComponent()
      }
    }
    fatalError("no walog binary beside the tests (\(starts.map(\.path))); build with swift build --build-tests or run scripts/test")
  }()

  /// `script(1)` arguments that run `command` on a pseudo-terminal: util-linux's `script`
  /// on Linux, BSD's on macOS.
  static func scriptArguments(running command: String) -> [String] {
    #if os(macOS)
      ["-q", "/dev/null", "/bin/sh", "-c", command]
    #else
      ["-qec", command, "/dev/null"]
    #endif
  }

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
    /// The largest resident memory of the walog process, when asked for (`measured`).
    var maxResidentKilobytes: Int? = nil
  }

  /// Runs walog (or another `executable`, such as a script of the repository) with
  /// `arguments`; `stdin` is piped when given, else /dev/null.
  /// - Parameters:
  ///   - unprivileged: run as the user `nobody` when the suite runs as root (util-linux
  ///     `setpriv` on Linux, `sudo` on macOS), for permission cases.
  ///   - measured: run under `time` and report walog's peak resident memory (GNU `time -f %M`
  ///     on Linux, BSD `time -l` on macOS).
  ///   - whileRunning: called with walog's process id once it has started.
  static func run(
    _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
    executable: URL = binary, unprivileged: Bool = false, measured: Bool = false,
    whileRunning: ((Int32) -> Void)? = nil
  ) throws -> Result {
    let process = Process()
    var command = [executable.path] + arguments
    var memoryFile: String?
    if measured {
      memoryFile = NSTemporaryDirectory() + "walog-rss-\(UUID().uuidString)"
      #if os(Linux)
        command = ["/usr/bin/time", "-f", "%M", "-o", memoryFile!] + command
      #else
        // BSD time writes to its standard error, which goes to the file; walog's is kept.
        let script = #"exec 3>&2; /usr/bin/time -l /bin/sh -c 'exec "$@" 2>&3' sh "$@" 2>"$0""#
        command = ["/bin/sh", "-c", script, memoryFile!] + command
      #endif
    }
    if unprivileged && geteuid() == 0 {
      #if os(Linux)
        command = ["/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] + command
      #else
        command = ["/usr/bin/sudo", "-n", "-u", "nobody"] + command
      #endif
    }
    defer { if let memoryFile { unlink(memoryFile) } }
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst())
    process.currentDirectoryURL = packageRoot
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    process.standardInput = stdin == nil ? FileHandle(forReadingAtPath: "/dev/null") : input
    try process.run()
    let watchdog = Watchdog(process)
    whileRunning?(process.processIdentifier)
    if let stdin {
      Thread {
        input.fileHandleForWriting.write(stdin)
        try? input.fileHandleForWriting.close()
      }.start()
    }
    let (outData, errData) = readToEnd(out, err)
    process.waitUntilExit()
    watchdog.check()
    let memory = memoryFile.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }.flatMap(Self.peakKilobytes)
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self), maxResidentKilobytes: memory)
  }

  /// The peak resident memory in `time`'s report: GNU time's `%M` line (KiB, after a line
  /// on a non-zero exit status), BSD time's `maximum resident set size` (bytes).
  static func peakKilobytes(_ report: String) -> Int? {
    let lines = report.split(separator: "\n")
    #if os(Linux)
      return lines.last { Int($0) != nil }.flatMap { Int($0) }
    #else
      let line = lines.first { $0.hasSuffix("maximum resident set size") }
      return line.flatMap { Int($0.split(separator: " ").first ?? "") }.map { $0 / 1024 }
    #endif
  }

  /// Runs a bash `script` with `$WALOG` naming the binary and `arguments` as `$1`…, e.g. to
  /// pipe walog's output into another program.
  static func runShell(_ script: String, arguments: [String] = []) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script, "walog-test"] + arguments
    process.currentDirectoryURL = packageRoot
    var env = ProcessInfo.processInfo.environment
    env["WALOG"] = binary.path
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
    try process.run()
    let watchdog = Watchdog(process)
    let (outData, errData) = readToEnd(out, err)
    process.waitUntilExit()
    watchdog.check()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// Reads both pipes at once so a large report cannot fill one and stall the process. A
  /// plain thread, not a Task: blocking the test's cooperative thread on a Task can starve
  /// the pool on a two-core machine.
  private static func readToEnd(_ out: Pipe, _ err: Pipe) -> (Data, Data) {
    let errBox = DataBox()
    let done = DispatchSemaphore(value: 0)
    Thread {
      errBox.data = err.fileHandleForReading.readDataToEndOfFile()
      done.signal()
    }.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    done.wait()
    return (outData, errBox.data)
  }

  private final class DataBox: @unchecked Sendable { var data = Data() }

  /// The JSON report of `arguments` as a dictionary.
  static func json(_ arguments: [String], stdin: Data? = nil) throws -> [String: Any] {
    let result = try run(["analyze", "--format", "json"] + arguments, stdin: stdin)
    guard let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
      throw CocoaError(.coderReadCorrupt)
    }
    return object
  }

  static func fixture(_ path: String) -> String { "Fixtures/" + path }
}

/// A fresh temporary folder for one test's generated inputs, removed with everything in it
/// when the test drops it (a test's `let` lives until the test ends).
final class TemporaryFolder {
  let url: URL
  var path: String { url.path }

  init(_ label: String = "e2e") throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("walog-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// One folder for the whole test process, removed when it exits.
  nonisolated(unsafe) static let forThisProcess: TemporaryFolder = {
    let folder = try! TemporaryFolder("tests")
    processFolder = folder.path
    atexit {
      if let path = TemporaryFolder.processFolder {
        TemporaryFolder.reopen(path)
        try? FileManager.default.removeItem(atPath: path)
      }
    }
    return folder
  }()
  nonisolated(unsafe) private static var processFolder: String?

  deinit {
    Self.reopen(url.path)
    try? FileManager.default.removeItem(at: url)
  }

  /// Folders a test made unreadable or unwritable must be opened again to be removed.
  private static func reopen(_ folder: String) {
    chmod(folder, 0o700)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for name in names {
      let path = folder + "/" + name
      var info = stat()
      if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { reopen(path) }
    }
  }

  /// Writes `data` to `name` (folders made as needed) and returns its full path.
  @discardableResult
  func write(_ name: String, _ data: Data) throws -> String {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: file)
    return file.path
  }

  @discardableResult
  func write(_ name: String, _ text: String) throws -> String { try write(name, Data(text.utf8)) }

  /// Runs `command` with /bin/sh inside the folder; a failure is an error naming the command.
  func shell(_ command: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    process.currentDirectoryURL = url
    try process.run()
    let watchdog = Watchdog(process)
    process.waitUntilExit()
    watchdog.check()
    guard process.terminationStatus == 0 else {
      throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "command failed: \(command)"])
    }
  }
}

/// The headline totals of a JSON report, for comparisons.
struct Totals: Equatable, CustomStringConvertible {
  var closesByStatus: [String: Int]
  var retries: Int
  var maxRetryAttempt: Int
  var giveups: Int
  var autoRestarts: Int
  var healthRestartsByReason: [String: Int]

  init(_ report: [String: Any]) {
    let totals = report["totals"] as? [String: Any] ?? [:]
    closesByStatus = totals["closes_by_status"] as? [String: Int] ?? [:]
    retries = totals["retries"] as? Int ?? -1
    maxRetryAttempt = totals["max_retry_attempt"] as? Int ?? -1
    giveups = totals["giveups"] as? Int ?? -1
    autoRestarts = totals["auto_restarts"] as? Int ?? -1
    healthRestartsByReason = totals["health_restarts_by_reason"] as? [String: Int] ?? [:]
  }

  init(closes: [String: Int], retries: Int, maxRetryAttempt: Int, giveups: Int, autoRestarts: Int, health: [String: Int]) {
    closesByStatus = closes
    self.retries = retries
    self.maxRetryAttempt = maxRetryAttempt
    self.giveups = giveups
    self.autoRestarts = autoRestarts
    healthRestartsByReason = health
  }

  var description: String {
    "closes \(closesByStatus) retries \(retries) max \(maxRetryAttempt) giveups \(giveups) auto \(autoRestarts) health \(healthRestartsByReason)"
  }
}
