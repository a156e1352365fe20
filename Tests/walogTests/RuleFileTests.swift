import Foundation
import Testing

/// Rule files drive what walog concludes, and their own checks run from the command line.
@Suite struct RuleFileTests {
  static func findings(_ arguments: [String]) throws -> [[String: Any]] {
    try WalogProcess.json(arguments)["findings"] as? [[String: Any]] ?? []
  }

  /// A user's file changes a pattern, a threshold and a severity: the findings follow.
  @Test func userRulesChangePatternThresholdAndSeverity() throws {
    let seed = WalogProcess.fixture("seeds/000-excerpt.log")
    let overrides = WalogProcess.fixture("rules/user-overrides.yaml")

    let builtIn = try Self.findings([seed]).first { $0["id"] as? String == "whatsapp-session-conflict" }
    #expect(builtIn?["severity"] as? String == "error")

    // Threshold 5: the excerpt's 3 conflicts no longer make a finding.
    let raised = try Self.findings([seed, "--extra-rules", overrides])
    #expect(!raised.contains { $0["id"] as? String == "whatsapp-session-conflict" })

    // The user's pattern reads the user's wording, and no longer the built-in one.
    let original = try WalogProcess.json([seed, "--extra-rules", overrides])
    #expect(Totals(original).closesByStatus == [:])
    let lines = (1...6).map { "11:3\($0):53 [whatsapp] WA socket dropped (status 440). Retry \($0)/12 in 4.46s…" }
    let patched = try EndToEndHostileInputTests.temporaryFile("patched.log", Data((lines.joined(separator: "\n") + "\n").utf8))
    let report = try WalogProcess.json([patched, "--extra-rules", overrides])
    #expect(Totals(report).closesByStatus == ["440": 6])

    // Six conflicts pass the user's threshold: now critical, with the user's title.
    let storm = try Self.findings([patched, "--extra-rules", overrides])
      .first { $0["id"] as? String == "whatsapp-session-conflict" }
    #expect(storm?["severity"] as? String == "critical")
    #expect(storm?["title"] as? String == "Session conflict storm (6 closes)")
  }

  @Test func rulesTestPassesOnTheBuiltInRules() throws {
    let result = try WalogProcess.run(["rules", "test"])
    #expect(result.status == 0)
    #expect(result.stdout.contains(" 0 failed"))
    #expect(result.stdout.contains("pass  test   whatsapp-session-conflict on ../../../../../Fixtures/seeds/001-78-conflicts.log"))
  }

  /// The built-in rule folder as a user would give it: validated and tested from its files, the
  /// test logs found relative to each file.
  @Test func rulesValidateAndTestTakeTheRuleFolder() throws {
    let folder = "Sources/WalogCore/Rules/openclaw"
    let valid = try WalogProcess.run(["rules", "validate", folder])
    #expect(valid.status == 0, "\(valid.stderr)")
    #expect(valid.stdout.hasPrefix("\(folder): valid ("))
    let tested = try WalogProcess.run(["rules", "test", folder])
    #expect(tested.status == 0)
    #expect(tested.stdout == (try WalogProcess.run(["rules", "test"])).stdout)
  }

  /// Outside walog's source tree the built-in rules' test logs are not there: those tests did
  /// not run (each says where its log was looked for), the samples did, and the exit code
  /// follows what ran.
  @Test func rulesTestOutsideTheRepositoryReportsMissingLogsAsNotRun() throws {
    let folder = try TemporaryFolder("elsewhere")
    let result = try WalogProcess.runShell(#"cd "$1" && exec "$WALOG" rules test"#, arguments: [folder.path])
    #expect(result.status == 0, "\(result.stdout.suffix(400))\(result.stderr)")
    #expect(result.stdout.contains("pass  sample "))
    #expect(!result.stdout.contains("FAIL"))
    let realFolder = URL(fileURLWithPath: folder.path).resolvingSymlinksInPath().path
    let row = result.stdout.split(separator: "\n").first { $0.hasPrefix("skip  test   whatsapp-session-conflict on ") && $0.contains("/001-78-conflicts.log") }
    #expect(row?.hasSuffix("Fixtures/seeds/001-78-conflicts.log (not run: no test log at \(realFolder)/Fixtures/seeds/001-78-conflicts.log)") == true,
      "\(row ?? "no row")")
    let closing = try #require(result.stdout.split(separator: "\n").last)
    #expect(closing.hasSuffix(" not run") && closing.contains(" passed, 0 failed, "), "\(closing)")
    #expect(result.stderr.contains("not run: no test log where they were expected (the built-in rules' test logs are in walog's source tree"))
  }

  /// In the repository every test log is there: none is skipped.
  @Test func rulesTestInTheRepositoryRunsEveryTest() throws {
    let result = try WalogProcess.run(["rules", "test"])
    #expect(!result.stdout.contains("skip "), "\(result.stdout)")
    #expect(!result.stdout.contains("not run"))
  }

  /// The file users copy to start their own says nothing about this repository's scripts.
  @Test func rulesShowTellsUsersNothingAboutTheRepositorysScripts() throws {
    let result = try WalogProcess.run(["rules", "show"])
    #expect(result.status == 0)
    let comments = result.stdout.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
    #expect(!comments.isEmpty)
    #expect(comments.filter { $0.contains("scripts/") }.isEmpty, "\(comments.filter { $0.contains("scripts/") })")
  }

  /// A user's `--rules` file that knows nothing of the log: the message says so, rather than
  /// blaming the log.
  @Test func rulesThatRecogniseNothingSaySo() throws {
    let folder = try TemporaryFolder("tiny")
    let rules = try folder.write("tiny.yaml", """
      version: 2
      channels:
        - {id: acme, names: [Acme], subsystems: [gateway/channels/acme]}
      events:
        - id: acme-up
          kind: connected
          channel: acme
          pattern: '^acme link up'
          samples:
            - line: '11:30:48 [acme] acme link up'
      """)
    for command in ["analyze", "check"] {
      let result = try WalogProcess.run([command, "--rules", rules, WalogProcess.fixture("seeds/000-excerpt.log")])
      #expect(result.status == 3)
      #expect(result.stderr.contains("the rules of \(rules) recognised nothing in the input"), "\(result.stderr)")
      #expect(!result.stderr.contains("looks like an OpenClaw gateway log"))
    }
  }

  @Test func rulesTestFailsWithTheSampleAndWhy() throws {
    let result = try WalogProcess.run(["rules", "test", WalogProcess.fixture("rules/failing-sample.yaml")])
    #expect(result.status == 1)
    #expect(result.stdout.contains("FAIL  sample listening"))
    #expect(result.stdout.contains("failing-sample.yaml:9:"))
    #expect(result.stdout.contains("no match"))
  }

  @Test func brokenRuleFileFailsValidationWithItsLocation() throws {
    let result = try WalogProcess.run(["rules", "validate", WalogProcess.fixture("rules/broken-unknown-key.yaml")])
    #expect(result.status == 2)
    #expect(result.stderr.contains("broken-unknown-key.yaml:"))
  }

  /// One file a user can copy: each file of the rule folder (subfolders too), in the order of
  /// their paths within it, as a YAML document headed by a `---` line that names it.
  @Test func showPrintsTheEmbeddedRuleFolderAsOneFile() throws {
    let result = try WalogProcess.run(["rules", "show"])
    let folder = WalogProcess.packageRoot.appendingPathComponent("Sources/WalogCore/Rules/openclaw")
    let names = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
    #expect(names.count > 10)
    var expected = ""
    for name in names {
      expected += "--- # \(name)\n" + (try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
    }
    #expect(result.stdout == expected)
  }

  @Test func checkExitCodesFollowFailOn() throws {
    let seed = WalogProcess.fixture("seeds/000-excerpt.log")
    #expect(try WalogProcess.run(["check", seed]).status == 1)
    #expect(try WalogProcess.run(["check", "--fail-on", "critical", seed]).status == 0)
    // One close that recovered is an info finding: it passes.
    let normal = try WalogProcess.run(["check", WalogProcess.fixture("diagnoses/normal-operation.log")])
    #expect(normal.status == 0)
    #expect(normal.stderr.contains("walog check: 1 finding (1 info); passed"))
    let quiet = try WalogProcess.run(["check", WalogProcess.fixture("normal/pretty.log")])
    #expect(quiet.status == 0)
    #expect(quiet.stderr.contains("walog check: no findings; passed"))
    let bare = try EndToEndHostileInputTests.temporaryFile("notes.txt", Data("just some notes\n".utf8))
    #expect(try WalogProcess.run(["check", bare]).status == 3)
  }
}
