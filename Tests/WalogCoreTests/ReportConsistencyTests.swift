import Foundation
import Testing

@testable import WalogCore

/// Logs of ours, written to a scratch folder that is removed afterwards, analysed with the
/// default rules as `walog analyze` does.
enum ScratchLogs {
  static func analysis(_ files: [(name: String, text: String)], redact: Bool = true) throws -> Analysis {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "walog-consistency-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var paths: [String] = []
    for file in files {
      let url = directory.appendingPathComponent(file.name)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try file.text.write(to: url, atomically: true, encoding: .utf8)
      paths.append(url.path)
    }
    let rules = RuleSet.default
    let run = try Analyzer.run(
      AnalysisRequest(paths: paths), rules: rules, diagnoses: try rules.diagnosisRules())
    return redact ? Redactor(ruleSet: rules).redact(run.analysis) : run.analysis
  }

  static func analysis(_ text: String, name: String = "gateway.log") throws -> Analysis {
    try analysis([(name, text)])
  }

  /// `2026-05-02T10:00:00.000+02:00 [tag] message` at `minutes` after 10:00.
  static func line(_ minutes: Double, _ tag: String, _ message: String) -> String {
    let total = Int((minutes * 60).rounded())
    let hour = 10 + total / 3600
    let minute = (total % 3600) / 60
    let second = total % 60
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "2026-05-02T\(two(hour)):\(two(minute)):\(two(second)).000+02:00 [\(tag)] \(message)"
  }
}

/// Every sentence a report prints agrees with the figures it prints (issue #10, "Figures
/// measured, sentences true").
@Suite struct ReportConsistencyTests {
  typealias L = ScratchLogs

  static func finding(_ analysis: Analysis, _ id: String) -> Finding? {
    analysis.findings.first { $0.id == id }
  }

  @Test func staleSocketRestartsSayTheMeasuredGap() throws {
    // Restarts 25 and 5 minutes apart: the median gap is 15 minutes, never "35".
    var lines = [
      L.line(0, "whatsapp", "[default] starting provider (+15550006666)"),
      L.line(0.1, "whatsapp", "Listening for personal WhatsApp inbound messages."),
    ]
    // Restarts for another reason, every 5 minutes, are not this finding's rhythm.
    for (minute, reason) in [(1.0, "disconnected"), (6, "disconnected"), (11, "disconnected"), (30, "stale-socket"), (55, "stale-socket"), (60, "stale-socket")] {
      lines.append(L.line(minute, "health-monitor", "[whatsapp:default] health-monitor: restarting (reason: \(reason))"))
      lines.append(L.line(minute + 0.1, "whatsapp", "[default] starting provider (+15550006666)"))
    }
    let log = lines.joined(separator: "\n") + "\n"
    let finding = try #require(Self.finding(try L.analysis(log), "health-stale-socket-quiet"))
    #expect(!finding.rootCause.contains("35 minutes"))
    #expect(finding.rootCause.contains("15m 0s"), "\(finding.rootCause)")
    let gap = try #require(finding.figures.first { $0.unit == .seconds })
    #expect(gap.value == 900)
  }

  @Test func watchdogFindingSaysIdleTimeGrowsOnlyWhenItDoes() throws {
    // Reconnects a minute apart whose idle time does not grow: flapping, without the growth.
    func watchdogs(at starts: [Double]) -> String {
      var lines = [L.line(0, "whatsapp", "[default] starting provider (+15550003333)")]
      for (index, start) in starts.enumerated() {
        lines.append(L.line(start, "whatsapp", "No messages received in 31m - restarting connection"))
        lines.append(L.line(start + 0.01, "whatsapp", "Web connection closed (status 499). Retry 1/12 in 2.03s… (status=499)"))
        lines.append(L.line(start + 0.1 + Double(index) * 0.01, "whatsapp", "Listening for personal WhatsApp inbound messages."))
      }
      return lines.joined(separator: "\n") + "\n"
    }
    let finding = try #require(Self.finding(try L.analysis(watchdogs(at: [31, 32, 33])), "whatsapp-watchdog-flapping"))
    #expect(finding.figures.first { $0.name == "watchdog_idle_growing" }?.value == 0)
    #expect(!finding.rootCause.contains("keeps growing"), "\(finding.rootCause)")
    // The same reconnects half an hour apart are a quiet account's, not a loop.
    let quiet = try L.analysis(watchdogs(at: [31, 62, 93]))
    #expect(Self.finding(quiet, "whatsapp-watchdog-flapping") == nil)
    #expect(Self.finding(quiet, "whatsapp-watchdog-quiet-account") != nil)

    let growing = try L.analysis(String(contentsOfFile: ReportFixture.path("Fixtures/diagnoses/watchdog-flapping.log"), encoding: .utf8))
    let grows = try #require(Self.finding(growing, "whatsapp-watchdog-flapping"))
    #expect(grows.rootCause.contains("keeps growing"))
  }

  @Test func providerExitsWithoutAnErrorLineCiteWhatTheLogHas() throws {
    var lines: [String] = []
    for attempt in 1...3 {
      let start = Double(attempt - 1)
      lines.append(L.line(start, "msteams", "[default] starting provider (port 3978)"))
      lines.append(L.line(start + 0.02, "msteams", "[default] auto-restart attempt \(attempt)/10 in 5s"))
    }
    let finding = try #require(
      Self.finding(try L.analysis(lines.joined(separator: "\n") + "\n"), "provider-exits-at-once"))
    #expect(!finding.evidence.isEmpty)
    let says = ([finding.rootCause] + finding.actions).joined(separator: "\n")
    #expect(!says.contains("below"), "\(says)")

    // `channel exited without an error` is an exit, and no error to cite.
    var clean: [String] = []
    for attempt in 1...3 {
      let start = Double(attempt - 1)
      clean.append(L.line(start, "msteams", "[default] starting provider (port 3978)"))
      clean.append(L.line(start + 0.01, "msteams", "[default] channel exited without an error"))
      clean.append(L.line(start + 0.02, "msteams", "[default] auto-restart attempt \(attempt)/10 in 5s"))
    }
    let exits = try #require(
      Self.finding(try L.analysis(clean.joined(separator: "\n") + "\n"), "provider-exits-at-once"))
    #expect(!exits.rootCause.contains("error"), "\(exits.rootCause)")
    #expect(exits.figures.first { $0.name == "exit_errors" }?.value == 0)

    let withErrors = try L.analysis(String(contentsOfFile: ReportFixture.path("Fixtures/diagnoses/provider-exits.log"), encoding: .utf8))
    let cited = try #require(Self.finding(withErrors, "provider-exits-at-once"))
    #expect(cited.evidence.contains { $0.text.contains("channel exited:") })
    #expect(cited.rootCause.contains("channel exited:"))
  }

  @Test func oneRestartIsNotCalledOverAndOver() throws {
    let analysis = try ReportFixture.analysis("Fixtures/seeds/000-excerpt.log", extraRules: false)
    let stream = try #require(analysis.streams.first)
    #expect(stream.history.loopCount == 0)
    let finding = try #require(Self.finding(analysis, "restart-amplification"))
    #expect(!finding.title.contains("over and over"), "\(finding.title)")
    #expect(!finding.rootCause.contains("1 such cycles"))
    // A loop of 7 still says so.
    let looping = try ReportFixture.analysis("Fixtures/seeds/001-78-conflicts.log", extraRules: false)
    #expect(Self.finding(looping, "restart-amplification")?.title.contains("over and over") == true)
  }

  @Test func closesAreOneNumberInEverySection() throws {
    let log = [
      L.line(0, "whatsapp", "[default] starting provider (+15550104477)"),
      L.line(0.1, "whatsapp", "Web connection closed (status 440). Retry 1/12 in 2.1s… (status=440 Unknown Stream Errored (conflict))"),
      L.line(0.2, "whatsapp", "Web connection closed (status 440: session conflict). Resolve conflicting WhatsApp Web sessions, then relink with `openclaw channels login --channel web`. Stopping web monitoring."),
    ].joined(separator: "\n") + "\n"
    let analysis = try L.analysis(log)
    let totals = try #require(analysis.streams.first).tally.totals
    #expect(totals.closes == 2)
    #expect(totals.closes == totals.closesByStatus.values.reduce(0, +))
    let text = TextReport.render(analysis)
    #expect(text.range(of: #"\n  closes +2 "#, options: .regularExpression) != nil, "\(text)")
    // No second, smaller count of closes beside it.
    #expect(!text.contains("close 1"), "\(text)")
    let cells = ReportSummary.streamCells(try #require(analysis.streams.first), analysis)
    #expect(cells.first { $0.label == "closes" }?.value.hasPrefix("2") == true)
  }

  @Test func theHighestAttemptIsTheTimelinesHighest() throws {
    let analysis = try ReportFixture.analysis("Fixtures/seeds/000-excerpt.log", extraRules: false)
    let stream = try #require(analysis.streams.first)
    let highest = stream.history.runs.kept.items.compactMap(\.lastAttempt).max()
    #expect(highest == 12)
    #expect(stream.tally.totals.maxRetryAttempt == 12)
    #expect(TextReport.render(analysis).contains("highest attempt 12"))
  }

  /// The M of each "… closes …; the account went through M retry runs" a text says.
  static func runsSaid(_ text: String) throws -> [Int] {
    let pattern = try NSRegularExpression(pattern: #"connection closes? [^.]*? through (\d+) retry runs?"#)
    let nsText = text as NSString
    return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
      Int(nsText.substring(with: $0.range(at: 1)))!
    }
  }

  /// A finding that says its account "went through M retry runs" never names more runs than
  /// the account's closes (every run begins with one, of any status), also when most of them
  /// were not the finding's status; and the wording is found, so the check cannot pass empty.
  @Test func aFolderOfLogsNeverHasMoreRunsThanCloses() throws {
    let folder = try FileManager.default.contentsOfDirectory(atPath: ReportFixture.path("Fixtures/diagnoses"))
      .filter { $0.hasSuffix(".log") }.sorted().map { "Fixtures/diagnoses/\($0)" }
    let analysis = try ReportFixture.analysis(folder + ReportFixture.goldenLogs, extraRules: false)
    // The conflict finding of a stream that also retried other statuses.
    var lines: [String] = []
    for (minute, status) in [(0.0, "440"), (5, "428"), (10, "428")] {
      lines.append(L.line(minute, "whatsapp", "Web connection closed (status \(status)). Retry 1/12 in 2.1s… (status=\(status))"))
      lines.append(L.line(minute + 0.1, "whatsapp", "Listening for personal WhatsApp inbound messages."))
    }
    let mixed = try L.analysis(lines.joined(separator: "\n") + "\n")
    let mixedConflict = try #require(Self.finding(mixed, "whatsapp-session-conflict"))
    #expect(try Self.runsSaid(mixedConflict.rootCause) == [3], "\(mixedConflict.rootCause)")
    var checked = 0
    for (analysis, finding) in analysis.findings.map({ (analysis, $0) }) + mixed.findings.map({ (mixed, $0) }) {
      let closes = analysis.streams.filter { finding.streams.contains($0.key) }.map(\.tally.totals.closes).reduce(0, +)
      for runs in try Self.runsSaid(finding.rootCause) {
        #expect(runs <= closes, "\(finding.id): \(closes) closes: \(finding.rootCause)")
        checked += 1
      }
    }
    #expect(checked > 2, "only \(checked) findings say how many runs their account went through")
  }

  @Test func twoProcessesOfOneAccountAreCitedAsAWhole() throws {
    let analysis = try ReportFixture.analysis("Fixtures/diagnoses/conflict-failfast.log", extraRules: false)
    let conflicts = analysis.findings.filter { $0.id == "whatsapp-session-conflict" }
    #expect(conflicts.count == 1)
    let finding = try #require(conflicts.first)
    #expect(finding.processes == [1234, 5678])
    let figure = try #require(finding.figures.first { $0.name == "conflicts" })
    #expect(figure.value == 6)
    #expect(figure.text == "6 (3 in each of processes 1234 and 5678)")
    #expect(finding.rootCause.hasPrefix("6 connection closes"), "\(finding.rootCause)")
    let text = TextReport.render(analysis)
    #expect(text.contains("closes with status 440: 6 (3 in each of processes 1234 and 5678)"), "\(text)")
    // The loop of both processes is one finding too.
    #expect(analysis.findings.filter { $0.id == "restart-amplification" }.count == 1)
  }

  @Test func findingsThatDifferOnlyByAccountAreOne() throws {
    var lines: [String] = []
    for (offset, account) in [(0.0, "home"), (1.0, "work")] {
      lines.append(L.line(offset, "whatsapp", "[\(account)] starting provider (+1555010447\(Int(offset)))"))
      lines.append(L.line(offset + 0.1, "whatsapp", "Web connection closed (status 515). Retry 1/12 in 2.12s… (status=515 Unknown Stream Errored (restart required))"))
      lines.append(L.line(offset + 0.2, "whatsapp", "Listening for personal WhatsApp inbound messages."))
    }
    let analysis = try L.analysis(lines.joined(separator: "\n") + "\n")
    #expect(analysis.streams.map(\.key.account) == ["home", "work"])
    let pairing = analysis.findings.filter { $0.id == "whatsapp-restart-after-pairing" }
    #expect(pairing.count == 1)
    let finding = try #require(pairing.first)
    #expect(finding.accounts == ["home", "work"])
    #expect(finding.streams.count == 2)
    #expect(TextReport.render(analysis).contains("accounts home and work"))
  }

  @Test func statusMeaningsAreShownWithTheirCounts() throws {
    let analysis = try ReportFixture.analysis("Fixtures/seeds/001-78-conflicts.log", extraRules: false)
    let meaning = try #require(analysis.status(channel: "whatsapp", code: "440")).meaning
    #expect(!meaning.isEmpty)
    #expect(TextReport.render(analysis).contains(meaning))
    #expect(Decoded.markdown(MarkdownReport.render(analysis)).contains(meaning))
    #expect(Decoded.html(HTMLReport.render(analysis)).contains(meaning))
    #expect(try Decoded.json(JSONReport.render(analysis)).contains(meaning))
  }
}
