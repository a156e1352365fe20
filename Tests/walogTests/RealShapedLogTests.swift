import Foundation
import Testing
import WalogTestSupport
import Yams

/// Logs of ours in the shape of excerpts users pasted into public OpenClaw threads
/// (Fixtures/real-shaped/): wrapped, trimmed, annotated and masked as pasted. Each file's
/// hand-counted totals and the finding of the thread's settled root cause are in
/// `expected.yaml`; control files must get nothing at warning or above.
@Suite struct RealShapedLogTests {
  /// One file's entry of `expected.yaml`.
  struct Expectation: CustomTestStringConvertible, Sendable {
    var file: String
    var totals: Totals
    var closes: Int
    var events: [String: Int]
    var findings: [String]
    var control: Bool
    /// What walog is known to get wrong today (`totals`, `findings`), each with why; the test
    /// requires walog to still be wrong there, so a fix tells its author to drop the marker.
    var knownMisses: [String: String]

    var testDescription: String { file }
  }

  static let folder = "Fixtures/real-shaped/"

  static let expectations: [Expectation] = {
    let url = WalogProcess.packageRoot.appendingPathComponent(folder + "expected.yaml")
    guard let text = try? String(contentsOf: url, encoding: .utf8),
      let entries = (try? Yams.load(yaml: text)) as? [String: [String: Any]]
    else { fatalError("cannot read \(url.path)") }
    func counts(_ value: Any?) -> [String: Int] {
      Dictionary(uniqueKeysWithValues: ((value as? [AnyHashable: Any]) ?? [:]).map { ("\($0.key)", $0.value as? Int ?? -1) })
    }
    return entries.keys.sorted().map { file in
      let entry = entries[file]!
      return Expectation(
        file: file,
        totals: Totals(
          closes: counts(entry["closes_by_status"]), retries: entry["retries"] as? Int ?? -1,
          maxRetryAttempt: entry["max_retry_attempt"] as? Int ?? -1, giveups: entry["giveups"] as? Int ?? -1,
          autoRestarts: entry["auto_restarts"] as? Int ?? -1, health: counts(entry["health_restarts_by_reason"])),
        closes: entry["closes"] as? Int ?? -1,
        events: counts(entry["events"]),
        findings: entry["findings"] as? [String] ?? [],
        control: entry["control"] as? Bool ?? false,
        knownMisses: (entry["known_miss"] as? [String: String]) ?? [:])
    }
  }()

  @Test func everyLogHasAnExpectation() throws {
    let folderURL = WalogProcess.packageRoot.appendingPathComponent(Self.folder)
    let logs = try FileManager.default.contentsOfDirectory(atPath: folderURL.path).filter { $0.hasSuffix(".log") }
    #expect(logs.sorted() == Self.expectations.map(\.file))
  }

  @Test(arguments: try nonEmpty(expectations))
  func totalsAndRootCause(_ expected: Expectation) throws {
    let report = try WalogProcess.json([Self.folder + expected.file])
    let totals = report["totals"] as? [String: Any] ?? [:]
    let countsRight =
      Totals(report) == expected.totals && totals["closes"] as? Int == expected.closes
      && expected.events.allSatisfy { (totals["events_by_kind"] as? [String: Int])?[$0.key] ?? 0 == $0.value }
    let findings = (report["findings"] as? [[String: Any]] ?? []).map {
      (id: $0["id"] as? String ?? "", severity: $0["severity"] as? String ?? "")
    }
    let rootCauseNamed = Set(expected.findings).isSubset(of: findings.map(\.id))
    if let why = expected.knownMisses["totals"] {
      #expect(!countsRight, "walog now counts \(expected.file) right; drop its known_miss (\(why))")
    } else {
      #expect(Totals(report) == expected.totals, "\(expected.file)")
      #expect(totals["closes"] as? Int == expected.closes, "\(expected.file): closes")
      #expect(countsRight, "\(expected.file): events \(totals["events_by_kind"] ?? "none") want \(expected.events)")
    }
    if let why = expected.knownMisses["findings"] {
      #expect(!rootCauseNamed, "walog now names \(expected.findings) on \(expected.file); drop its known_miss (\(why))")
    } else {
      #expect(rootCauseNamed, "\(expected.file): findings \(findings.map(\.id)) want \(expected.findings)")
    }
    if expected.control {
      let loud = findings.filter { ["warning", "error", "critical"].contains($0.severity) }
      #expect(loud.isEmpty, "\(expected.file) is a control: \(loud.map(\.id))")
    }
  }
}
