import Foundation
import Testing
import WalogTestSupport

@testable import WalogCore

/// Each fixture's reports, byte for byte, against Fixtures/reports/<fixture>.<ext>.
/// `WALOG_UPDATE_GOLDENS=1 swift test --filter 'ReportGoldenTests|ReportCLITests'` rewrites
/// them (ReportCLITests compares the executable's output with the same files); read the diff
/// before committing it.
@Suite struct ReportGoldenTests {
  static let formats: [(name: String, ext: String, render: @Sendable (Analysis) -> String)] = [
    ("markdown", "md", { MarkdownReport.render($0) }),
    ("html", "html", { HTMLReport.render($0) }),
    ("github", "github", { GitHubReport.render($0) }),
    ("json", "json", { JSONReport.render($0) }),
  ]

  static var updating: Bool { ProcessInfo.processInfo.environment["WALOG_UPDATE_GOLDENS"] == "1" }

  static func goldenPath(_ log: String, _ ext: String) -> String {
    let base = URL(fileURLWithPath: log).deletingPathExtension().lastPathComponent
    return ReportFixture.path("Fixtures/reports/\(base).\(ext)")
  }

  @Test(arguments: try nonEmpty(ReportFixture.goldenLogs))
  func reportsMatchTheirGoldens(log: String) throws {
    let analysis = try ReportFixture.analysis(log)
    for format in Self.formats {
      try Self.check(
        format.render(analysis), format: format.name, rulesHash: analysis.rulesHash,
        golden: Self.goldenPath(log, format.ext))
    }
  }

  /// Compares `report` with the golden at `path`, or rewrites the golden when updating; either
  /// way with the rule hash masked (``RulesHashPlaceholder``).
  static func check(
    _ report: String, format: String, rulesHash: String, golden path: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    let masked = RulesHashPlaceholder.mask(report, hash: rulesHash, format: format)
    if updating {
      try masked.write(toFile: path, atomically: true, encoding: .utf8)
      return
    }
    let golden = try String(contentsOfFile: path, encoding: .utf8)
    #expect(
      masked == golden, "\(format) report differs from \(path); WALOG_UPDATE_GOLDENS=1 rewrites it",
      sourceLocation: sourceLocation)
  }

  @Test func aSecondRunRendersTheSameBytes() throws {
    let log = "Fixtures/reports/secrets.log"
    let first = ReportFixture.renderings(try ReportFixture.analysis(log))
    let second = ReportFixture.renderings(try ReportFixture.analysis(log))
    #expect(first.map(\.text) == second.map(\.text))
  }
}
