import Foundation
import Testing

@testable import WalogCore

/// Each fixture's reports, byte for byte, against Fixtures/reports/<fixture>.<ext>.
/// `WALOG_UPDATE_GOLDENS=1 swift test --filter ReportGoldenTests` rewrites them; read the
/// diff before committing it.
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

  @Test(arguments: ReportFixture.goldenLogs)
  func reportsMatchTheirGoldens(log: String) throws {
    let analysis = try ReportFixture.analysis(log)
    for format in Self.formats {
      let text = format.render(analysis)
      let path = Self.goldenPath(log, format.ext)
      if Self.updating {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        continue
      }
      let golden = try String(contentsOfFile: path, encoding: .utf8)
      #expect(
        text == golden,
        "\(format.name) report of \(log) differs from \(path); WALOG_UPDATE_GOLDENS=1 rewrites it")
    }
  }

  @Test func aSecondRunRendersTheSameBytes() throws {
    let log = "Fixtures/reports/secrets.log"
    let first = ReportFixture.renderings(try ReportFixture.analysis(log))
    let second = ReportFixture.renderings(try ReportFixture.analysis(log))
    #expect(first.map(\.text) == second.map(\.text))
  }
}
