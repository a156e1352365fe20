import Foundation
import Testing
import WalogTestSupport

/// Bad input as strangers attach it to bug reports: for each, the exit code and the message a
/// user sees; nothing crashes, hangs or grows without bound. README's "Limits" lists them.
@Suite struct EndToEndHostileInputTests {
  /// One row: how to make the input (in a fresh folder) and what walog must answer.
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    /// Builds the input and returns walog's arguments.
    var make: @Sendable (TemporaryFolder) throws -> [String]
    var status: Int32
    /// Text the user must see, on stderr unless `onStdout`.
    var message: String
    var onStdout = false
    var unprivileged = false
    /// Peak memory walog may use, checked with `time` (GNU on Linux, BSD on macOS).
    var maxMemoryMiB: Int?
    /// Further checks of the JSON report (the arguments then ask for one).
    var report: (@Sendable ([String: Any]) -> Void)?

    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(name: "missing path", make: { folder in [folder.path + "/no-such.log"] },
      status: 2, message: "no such file or directory: "),
    Case(name: "unreadable file", make: { folder in
      let path = try folder.write("secret.log", try seed())
      chmod(path, 0)
      return [path]
    }, status: 2, message: "permission denied: ", unprivileged: true),
    Case(name: "unreadable folder", make: { folder in
      try folder.write("locked/gateway.log", try seed())
      chmod(folder.path + "/locked", 0)
      return [folder.path + "/locked"]
    }, status: 2, message: "permission denied: ", unprivileged: true),
    Case(name: "empty file", make: { folder in [try folder.write("empty.log", Data())] },
      status: 3, message: "walog: the input is empty"),
    Case(name: "binary data", make: { folder in
      var generator = SeededGenerator(seed: 11)
      return [try folder.write("random.bin", Data((0..<300_000).map { _ in UInt8.random(in: 0...255, using: &generator) }))]
    }, status: 3, message: "walog: the input is binary data, not a text log (300,000 bytes skipped)"),
    // `walog analyze /bin/ls`: its strings hold error words, which are no unexplained lines.
    Case(name: "an executable", make: { folder in
      var data = Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0]) + Data(repeating: 0, count: 56)
      for word in ["Error: cannot access %s", "write error", "failed to get attributes"] {
        data.append(Data(word.utf8) + Data([0, 0x0A, 0x03, 0, 0x3E, 0]))
      }
      return ["--format", "json", try folder.write("ls", data)]
    }, status: 3, message: "walog: the input is binary data, not a text log (", report: { report in
      let problems = report["unexplained_problems"] as? [String: Any]
      #expect(problems?["lines"] as? Int == 0, "\(problems ?? [:])")
      let input = (report["inputs"] as? [[String: Any]])?.first
      #expect((input?["formats"] as? [String])?.isEmpty == true)
    }),
    // walog's own binary embeds the rule samples, OpenClaw wordings among its strings: still
    // an executable, not a log.
    Case(name: "walog's own binary", make: { _ in ["--format", "json", WalogProcess.binary.path] },
      status: 3, message: "walog: the input is binary data, not a text log (", report: { report in
        #expect((report["findings"] as? [Any])?.isEmpty == true, "\(report["findings"] ?? [])")
        #expect(Totals(report).closesByStatus.isEmpty && Totals(report).retries == 0)
        #expect((report["streams"] as? [Any])?.isEmpty == true)
      }),
    // What `copytruncate` leaves when the writer does not append: megabytes of NUL bytes (here
    // past the first block and the line cap) before the writer's next line.
    Case(name: "NUL padding before a log", make: { folder in
      var data = Data(repeating: 0, count: 3 << 20)
      data.append(try seed())
      return ["--format", "json", try folder.write("truncated.log", data)]
    }, status: 0, message: "", report: { #expect(Totals($0) == EndToEndTotalsTests.seedExcerpt) }),
    Case(name: "NUL bytes", make: { folder in
      var data = Data([0, 0, 0, 0x0A]) + Data(repeating: 0, count: 70_000) + Data([0x0A])
      data.append(try seed())
      data.append(contentsOf: [0x78, 0, 0x79, 0x0A])
      return ["--format", "json", try folder.write("nuls.log", data)]
    }, status: 0, message: "", report: { #expect(Totals($0) == EndToEndTotalsTests.seedExcerpt) }),
    Case(name: "invalid UTF-8", make: { folder in
      var data = Data([0x20, 0xFF, 0xFE, 0xC3, 0x28, 0x0A, 0xC3, 0x28, 0xFF, 0x0A])  // not a BOM first
      data.append(try seed())
      data.append(contentsOf: [0xED, 0xA0, 0x80, 0x0A])
      return ["--format", "json", try folder.write("invalid.log", data)]
    }, status: 0, message: "", report: { #expect(Totals($0) == EndToEndTotalsTests.seedExcerpt) }),
    Case(name: "odd-length UTF-16", make: { folder in
      var data = Data([0xFF, 0xFE])
      data.append(try String(decoding: seed(), as: UTF8.self).data(using: .utf16LittleEndian)!)
      data.append(0x41)  // half a code unit
      return ["--format", "json", try folder.write("odd.log", data)]
    }, status: 0, message: "1 malformed UTF-16 sequence(s) replaced by U+FFFD",
      report: { #expect(Totals($0) == EndToEndTotalsTests.seedExcerpt) }),
    Case(name: "100 MB line", make: { folder in
      let lines = String(decoding: try seed(), as: UTF8.self).split(separator: "\n")
      var data = Data((lines[..<4].joined(separator: "\n") + "\n").utf8)
      data.append(Data(repeating: UInt8(ascii: "x"), count: 100_000_000))
      data.append(Data(("\n" + lines[4...].joined(separator: "\n") + "\n").utf8))
      return ["--format", "json", try folder.write("long-line.log", data)]
    }, status: 0, message: "", maxMemoryMiB: 256, report: { report in
      #expect(Totals(report) == EndToEndTotalsTests.seedExcerpt)
      #expect((report["inputs"] as? [[String: Any]])?.first?["cut_lines"] as? Int == 1)
    }),
    Case(name: "deeply nested JSON in a file-log line", make: { folder in
      let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
      let line = #"{"0":"{\"subsystem\":\"gateway/channels/whatsapp\"}","1":"# + deep
        + #","_meta":{"logLevelName":"WARN","date":"2026-04-12T09:30:00.000Z"},"time":"2026-04-12T11:30:00.000+02:00"}"#
      var data = Data((line + "\n").utf8)
      data.append(try seed())
      return ["--format", "json", try folder.write("deep.log", data)]
    }, status: 0, message: "", report: { #expect(Totals($0) == EndToEndTotalsTests.seedExcerpt) }),
  ] + ["gzip", "xz", "zstd", "bzip2"].map { tool in
    Case(name: "truncated \(tool)", make: { folder in
      try folder.write("gateway.log", varied(lines: 30_000))
      try folder.shell("\(tool) -c gateway.log > full && head -c $(( $(wc -c < full) / 2 )) full > cut.log")
      return [folder.path + "/cut.log"]
    }, status: 0, message: "cut.log: truncated \(tool) stream: input ends after ", maxMemoryMiB: 256)
  } + [
    Case(name: "zip of 10,000 files", make: { folder in
      try folder.shell(python(#"""
        import zipfile
        with zipfile.ZipFile("many.zip", "w", zipfile.ZIP_DEFLATED) as z:
            for i in range(10000):
                z.writestr(f"logs/gateway-{i:05}.log", f"2026-04-12T10:{i % 60:02}:00.000Z [whatsapp] Web connection closed (status 440). Retry 1/12 in 2.5s… (status=440 Unknown Stream Errored (conflict))\n")
        """#))
      return ["--format", "json", folder.path + "/many.zip"]
    }, status: 0, message: "its 10000 files were read one after another in archive order, as one input", maxMemoryMiB: 256,
      report: { #expect(Totals($0).closesByStatus == ["440": 10_000]) }),
    Case(name: "tar of 10,000 files", make: { folder in
      try folder.shell(python(#"""
        import io, tarfile
        with tarfile.open("many.tar", "w") as t:
            for i in range(10000):
                data = f"2026-04-12T10:{i % 60:02}:00.000Z [whatsapp] Web connection closed (status 440). Retry 1/12 in 2.5s… (status=440 Unknown Stream Errored (conflict))\n".encode()
                info = tarfile.TarInfo(f"logs/gateway-{i:05}.log")
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
        """#))
      return ["--format", "json", folder.path + "/many.tar"]
    }, status: 0, message: "its 10000 files were read one after another", maxMemoryMiB: 256,
      report: { #expect(Totals($0).closesByStatus == ["440": 10_000]) }),
    Case(name: "100,000 accounts", make: { folder in
      let lines = (0..<100_000).map { i in
        let time = String(format: "2026-04-12T%02d:%02d:%02d", 10 + i / 36_000, i / 600 % 60, i / 10 % 60)
        return "\(time).000Z [whatsapp] [acct\(i)] starting provider (+1555\(i))\n"
          + "\(time).500Z [whatsapp] Web connection closed (status 440). Retry 1/12 in 2.5s… (status=440 Unknown Stream Errored (conflict))\n"
      }
      return ["--format", "json", try folder.write("accounts.log", lines.joined())]
    }, status: 0, message: "the log names more than 1000 channel accounts: the events of more than 1000 further ones are summed in one 'other accounts' stream per channel (totals are exact)",
      maxMemoryMiB: 256, report: { report in
        #expect(Totals(report).closesByStatus == ["440": 100_000])
        let streams = report["streams"] as? [[String: Any]] ?? []
        #expect(streams.count == 1_001)
        let other = streams.first { $0["account"] as? String == "other accounts" }
        #expect((other?["totals"] as? [String: Any])?["closes"] as? Int == 99_000)
        // The summed stream is no account a command could name.
        let actions = (report["findings"] as? [[String: Any]] ?? []).flatMap { $0["actions"] as? [String] ?? [] }
        #expect(!actions.isEmpty)
        #expect(!actions.contains { $0.contains("--account other") })
      }),
    Case(name: "100,000 error shapes", make: { folder in
      // Letters, not digits: digits are folded into <n>, so each line is a shape of its own.
      let lines = (0..<100_000).map { i in
        let word = String(String(i, radix: 26).map { Character(UnicodeScalar(($0.wholeNumberValue ?? Int($0.asciiValue! - 87)) + 97)!) })
        return "2026-04-12T10:00:00.000Z [plugins] failed to load plugin \(word): Error: ENOENT\n"
      }
      return ["--format", "json", try folder.write("shapes.log", lines.joined())]
    }, status: 0, message: "no lifecycle event in 100000 OpenClaw lines", maxMemoryMiB: 256, report: { report in
      let problems = report["unexplained_problems"] as? [String: Any]
      #expect(problems?["lines"] as? Int == 100_000)
      #expect((problems?["top"] as? [[String: Any]])?.count == 10, "the 10 most frequent shapes: \(problems ?? [:])")
    }),
    Case(name: "encrypted zip entry", make: { folder in
      try folder.write("gateway.log", try seed())
      try folder.write("notes.log", "plain notes\n")
      try folder.shell("zip -q -P secret bundle.zip gateway.log && zip -q bundle.zip notes.log")
      return [folder.path + "/bundle.zip"]
    }, status: 3, message: "bundle.zip:gateway.log: the entry is encrypted: walog reads no passwords, so it was skipped"),
    Case(name: "entries named ../x and /x", make: { folder in
      try folder.write("gateway.log", try seed())
      try folder.shell(python(#"""
        import zipfile
        with zipfile.ZipFile("evil.zip", "w") as z:
            log = open("gateway.log", "rb").read()
            z.writestr("../escape.log", log)  # writestr keeps the names as given
            z.writestr("/abs/root.log", log)
        """#))
      return ["--format", "json", folder.path + "/evil.zip"]
    }, status: 0, message: "", report: { report in
      let names = (report["inputs"] as? [[String: Any]] ?? []).compactMap { ($0["name"] as? String)?.split(separator: ":").last }
      #expect(names == ["../escape.log", "/abs/root.log"])
      #expect(Totals(report).closesByStatus == ["440": 6])  // both read, nothing written
    }),
    Case(name: "folder with a symlink loop", make: { folder in
      try folder.write("logs/a/gateway.log", try seed())
      try folder.shell("ln -s .. logs/a/up && ln -s loop logs/loop")
      return ["--format", "json", folder.path + "/logs"]
    }, status: 0, message: "", report: { #expect(Totals($0) == EndToEndTotalsTests.seedExcerpt) }),
    Case(name: "FIFO", make: { folder in
      let fifo = folder.path + "/pipe.log"
      #expect(mkfifo(fifo, 0o600) == 0)
      let log = try seed()
      Thread.detachNewThread {  // opening blocks until walog opens the other end
        let fd = open(fifo, O_WRONLY)
        _ = log.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
      }
      return ["--format", "json", fifo]
    }, status: 0, message: "", report: { #expect(Totals($0) == EndToEndTotalsTests.seedExcerpt) }),
    Case(name: "catastrophic pattern", make: { folder in
      let rules = try folder.write("slow.yaml", """
        version: 1
        events:
          - id: slow
            kind: close
            pattern: '^(\\w+\\s?)+$'
            literal: 'aaaa'
        """)
      let line = String(repeating: "aaaa ", count: 40) + "!"
      return ["--rules", rules, try folder.write("slow.log", Array(repeating: line, count: 10).joined(separator: "\n") + "\n")]
    }, status: 3, message: "/slow.yaml:3:5) disabled: its pattern hit PCRE2's match limit 3 times"),
    Case(name: "YAML nested 300 levels", make: { folder in
      let yaml = "version: 1\nevents: " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "\n"
      return ["--rules", try folder.write("deep.yaml", yaml), try seedPath()]
    }, status: 2, message: "deep.yaml:2:265: error: invalid YAML: nested more than 256 levels deep"),
    Case(name: "deep YAML aliases", make: { folder in
      // Ten levels of ten aliases each: 10^10 samples if anything expanded them. They are
      // not: the first sample is found to be no mapping, in bounded memory.
      var levels = ["&a0 [x, x, x, x, x, x, x, x, x, x]"]
      for level in 1...10 { levels.append("&a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]") }
      let yaml = "version: 1\nevents:\n  - id: x\n    kind: close\n    pattern: 'abc'\n    samples: [" + levels.joined(separator: ", ") + "]\n"
      return ["--rules", try folder.write("laughs.yaml", yaml), try seedPath()]
    }, status: 2, message: "laughs.yaml:6:15: error: expected a mapping for a sample of event 'x', found a list", maxMemoryMiB: 256),
    Case(name: "10 MB rule file", make: { folder in
      var yaml = "version: 1\nevents: []\n"
      while yaml.utf8.count < 10_000_000 { yaml += "# " + String(repeating: "padding ", count: 120) + "\n" }
      return ["--rules", try folder.write("big.yaml", yaml), try seedPath()]
    }, status: 2, message: "big.yaml: error: rule file of 10000", maxMemoryMiB: 256),
  ]

  @Test(arguments: try nonEmpty(cases))
  func hostileInput(_ row: Case) throws {
    let folder = try TemporaryFolder("hostile")
    let arguments = try row.make(folder)
    let result = try WalogProcess.run(
      ["analyze"] + arguments, unprivileged: row.unprivileged, measured: row.maxMemoryMiB != nil)
    #expect(result.status == row.status, "\(row.name): \(result.stderr.prefix(500))")
    let shown = row.onStdout ? result.stdout : result.stderr
    if row.message.isEmpty {
      #expect(result.stderr.isEmpty, "\(row.name): \(result.stderr.prefix(500))")
    } else {
      #expect(shown.contains(row.message), "\(row.name): \(shown.prefix(800))")
    }
    if let limit = row.maxMemoryMiB, WalogProcess.sanitizer == nil {
      let used = try #require(result.maxResidentKilobytes, "time gave no memory figure")
      #expect(used < limit * 1024, "\(row.name): \(used / 1024) MiB")
    }
    if let check = row.report {
      let report = try #require(
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(row.name): no JSON report")
      check(report)
    }
  }

  /// `walog analyze big.log | head -1`: the reader went away; walog stops quietly.
  @Test func closedPipeIsQuiet() throws {
    let folder = try TemporaryFolder("hostile")
    let log = try folder.write("big.log", Data(try Self.varied(lines: 40_000).utf8))
    let result = try WalogProcess.runShell(
      #"set -o pipefail; "$WALOG" analyze --format json "$1" | head -1; "#, arguments: [log])
    #expect(result.stdout == "{\n")
    #expect(result.stderr.isEmpty, "\(result.stderr)")
    #expect([0, 141].contains(result.status))
  }

  /// A log cut short while walog reads it (rotation truncating it in place): a warning with
  /// the offset where reading ended, and the report of what was read.
  @Test(.linuxOnly("finds walog's read offset in /proc/PID/fdinfo, which macOS does not have"))
  func fileThatShrinksWhileReadWarns() throws {
    let folder = try TemporaryFolder("hostile")
    let path = folder.path + "/shrinking.log"
    try folder.write("shrinking.log", try Self.seed())
    // A sparse tail of 64 GiB of NULs: walog is still reading it when the file is cut.
    let size = 64 << 30
    #expect(truncate(path, off_t(size)) == 0)
    let result = try WalogProcess.run(["analyze", "--format", "json", path]) { pid in
      // Cut the file once walog is reading it past its first look (format sniffing opens and
      // closes it once): a descriptor on it whose offset is beyond the first MiB. Bounded: a
      // walog that ended early, or never got there, fails the test instead of hanging it.
      let deadline = Date().addingTimeInterval(60)
      while !Self.isReading(pid: pid, path: path, past: 1 << 20) {
        guard kill(pid, 0) == 0, Date() < deadline else {
          Issue.record("walog (pid \(pid)) never read past the first MiB of the file")
          break
        }
        usleep(1000)
      }
      truncate(path, 756)
    }
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("shrinking.log: the file shrank while it was read: it held \(size) bytes when opened and now 756; reading ended at byte offset "))
    let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(Totals(report) == EndToEndTotalsTests.seedExcerpt)
  }

  static func isReading(pid: Int32, path: String, past offset: Int) -> Bool {
    guard let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") else { return false }
    return descriptors.contains { fd in
      guard (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)")) == path,
        let info = try? String(contentsOfFile: "/proc/\(pid)/fdinfo/\(fd)", encoding: .utf8),
        let line = info.split(separator: "\n").first(where: { $0.hasPrefix("pos:") }),
        let position = Int(line.dropFirst(4).trimmingCharacters(in: .whitespaces))
      else { return false }
      return position > offset
    }
  }

  @Test func badFlagIsAUsageErrorWithCodeTwo() throws {
    let result = try WalogProcess.run(["analyze", "--no-such-flag", "x.log"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("Unknown option '--no-such-flag'"))
  }

  @Test func mistypedCommandIsNotTakenForAFileSilently() throws {
    let result = try WalogProcess.run(["frobnicate"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("no such file or directory: frobnicate (and not a walog command: analyze, check, watch, rules; see walog --help)"), "\(result.stderr)")
  }

  /// A negative number is a value to refuse with its reason, not a missing one.
  @Test(arguments: [
    (["analyze", "--line-cap", "-5"], "--line-cap must be at least 64 bytes, not -5"),
    (["check", "--max-ratio", "-1"], "--max-ratio must be 0 (no limit) or more, not -1"),
    (["analyze", "--max-decompressed", "-1"], "--max-decompressed must be a positive number of bytes, not -1"),
    (["watch", "--line-cap", "-5"], "--line-cap must be at least 64 bytes, not -5"),
    (["watch", "--resolve-after", "-5m"], "cannot read --resolve-after '-5m'"),
  ])
  func negativeNumbersGetTheirReason(arguments: [String], message: String) throws {
    let result = try WalogProcess.run(arguments + [WalogProcess.fixture("seeds/000-excerpt.log")])
    #expect(result.status == 2)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(!result.stderr.contains("Missing value"))
  }

  /// A folder is read by what its files hold, not by their names: a `.bz2` and a log without
  /// an extension are read; binary files are skipped and named.
  @Test func aFolderIsListedByContent() throws {
    let folder = try TemporaryFolder("listing")
    try folder.write("logs/gateway.log", try Self.seed())
    try folder.shell("bzip2 logs/gateway.log && mv logs/gateway.log.bz2 logs/gateway-old.log.bz2")
    try folder.write("logs/console", "11:30:00 [gateway] listening on ws://127.0.0.1:18789\n")
    try folder.write("logs/photo.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]))
    try folder.write("logs/core", Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0]) + Data(repeating: 0, count: 200))
    let result = try WalogProcess.run(["analyze", "--format", "json", folder.path + "/logs"])
    #expect(result.status == 0, "\(result.stderr)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let names = (report["inputs"] as? [[String: Any]] ?? []).compactMap { ($0["name"] as? String)?.split(separator: "/").last.map(String.init) }
    #expect(names == ["console", "gateway-old.log.bz2"])
    #expect(Totals(report) == EndToEndTotalsTests.seedExcerpt)
    #expect(result.stderr.contains(
      "walog: warning: skipped 2 files that are neither text nor a format walog reads: \(folder.path)/logs/core, \(folder.path)/logs/photo.png"),
      "\(result.stderr)")
  }

  @Test func brokenRuleFileNamesLineAndColumn() throws {
    let rules = try Self.temporaryFile("broken.yaml", Data("version: 1\nevents:\n  - id: x\n    kind: close\n    patern: 'a'\n".utf8))
    let result = try WalogProcess.run(["analyze", "--rules", rules, "Fixtures/seeds/000-excerpt.log"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("broken.yaml:5:5: error: unknown key 'patern'"))
  }

  // MARK: - Inputs

  static func seedPath() throws -> String {
    WalogProcess.packageRoot.appendingPathComponent("Fixtures/seeds/000-excerpt.log").path
  }

  /// The seed excerpt: three conflict closes, a give-up and an auto-restart.
  static func seed() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: try seedPath())) }

  /// Lines that do not compress to nothing, so a stream cut in half still holds many blocks.
  static func varied(lines count: Int) throws -> String {
    let seedLines = String(decoding: try seed(), as: UTF8.self).split(separator: "\n")
    var generator = SeededGenerator(seed: 7)
    return (0..<count).map { index in
      seedLines[index % seedLines.count] + " " + String(generator.next(), radix: 36) + String(generator.next(), radix: 36)
    }.joined(separator: "\n") + "\n"
  }

  /// A Python program for `TemporaryFolder.shell`.
  static func python(_ program: String) -> String {
    "python3 - <<'PY'\n" + program + "\nPY"
  }

  /// For other suites' small inputs: a file in a folder of this test process, removed
  /// when the process exits.
  static func temporaryFile(_ name: String, _ data: Data) throws -> String {
    try TemporaryFolder.forThisProcess.write(UUID().uuidString + "/" + name, data)
  }
}

/// SplitMix64: reproducible noise for generated inputs.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
