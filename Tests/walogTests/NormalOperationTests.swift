import Foundation
import Testing

/// A folder of ordinary days, one file per log format: walog must not cry wolf.
@Suite struct NormalOperationTests {
  static let folder = WalogProcess.fixture("normal")

  @Test func aFolderOfNormalDaysGetsNoFindingAtWarningOrAbove() throws {
    let report = try WalogProcess.json([Self.folder])
    let formats = Set((report["inputs"] as? [[String: Any]] ?? []).flatMap { $0["formats"] as? [String] ?? [] })
    #expect(formats.count >= 6, "formats read: \(formats.sorted())")
    let severe = (report["findings"] as? [[String: Any]] ?? []).filter {
      ["warning", "error", "critical"].contains($0["severity"] as? String ?? "")
    }
    #expect(severe.isEmpty, "\(severe.map { $0["id"] ?? "?" })")
    // The days were read: starts, connections and the one recovered close of two of them.
    let totals = report["totals"] as? [String: Any] ?? [:]
    #expect(totals["closes_by_status"] as? [String: Int] == ["428": 2])
  }

  @Test(arguments: ["compact.log", "pretty.log", "journald.log", "docker.log", "file-log.log", "logs-plain.log"])
  func eachDayPassesCheck(file: String) throws {
    let result = try WalogProcess.run(["check", "--fail-on", "warning", WalogProcess.fixture("normal/" + file)])
    #expect(result.status == 0, "\(file): \(result.stdout)")
  }
}
