import Foundation
import Testing

@testable import WalogCore

@Suite struct ReportHTMLTests {
  /// The `x` and `width` attributes of each retry-run rectangle, in document order.
  static func runRects(_ html: String) -> [(x: Double, width: Double)] {
    html.components(separatedBy: "<rect class=\"run ").dropFirst().map { rest in
      func attribute(_ name: String) -> Double {
        let start = rest.range(of: " \(name)=\"")!.upperBound
        return Double(rest[start...].prefix { $0 != "\"" })!
      }
      return (attribute("x"), attribute("width"))
    }
  }

  @Test func oneRectanglePerRetryRunPlacedByTime() throws {
    let analysis = try ReportFixture.analysis("Fixtures/seeds/001-78-conflicts.log")
    let html = HTMLReport.render(analysis)
    let stream = try #require(analysis.streams.first { $0.key.channel == "whatsapp" })
    let runs = stream.history.runs.kept.items
    let rects = Self.runRects(html)
    #expect(runs.count == 8)
    #expect(rects.count == runs.count)

    // The axis runs from the log's first to its last event: x is linear in time.
    let start = try #require(stream.tally.firstTime).seconds
    let end = try #require(stream.tally.lastTime).seconds
    for (run, rect) in zip(runs, rects) {
      let fraction = (try #require(run.start).seconds - start) / (end - start)
      let expected = HTMLTimeline.labelWidth + fraction * HTMLTimeline.plotWidth
      #expect(abs(rect.x - expected) <= 0.05)
      let runEnd = (try #require(run.end).seconds - start) / (end - start) * HTMLTimeline.plotWidth
      #expect(
        abs(
          rect.x + rect.width - HTMLTimeline.labelWidth
            - max(runEnd, rect.x - HTMLTimeline.labelWidth + 3)) <= 0.1)
    }
    #expect(rects.map(\.x) == rects.map(\.x).sorted())
    // Status 440 is a persistent status: the runs are drawn in that colour.
    #expect(
      html.components(separatedBy: "<rect class=\"run tone-persistent outcome-gave-up\"").count - 1
        == 7)
    // Seven supervisor restarts, each one triangle.
    #expect(html.components(separatedBy: "<path class=\"restart supervisor\"").count - 1 == 7)
  }

  @Test func restartsOfBothKindsAndRunTooltips() throws {
    let html = HTMLReport.render(try ReportFixture.analysis("Fixtures/reports/secrets.log"))
    // Two on whatsapp:default, one on the account the log names by its number.
    #expect(html.components(separatedBy: "<path class=\"restart supervisor\"").count - 1 == 3)
    #expect(html.components(separatedBy: "<path class=\"restart health\"").count - 1 == 1)
    #expect(
      html.contains("<title>Health-monitor restart at 2026-03-10 08:02:02 (reason: stuck)</title>"))
    #expect(
      html.contains(
        "<title>Retry run 2026-03-10 08:00:10 → 2026-03-10 08:00:51, 4 closes (440 session conflict ×4), attempts 1–12/12, gave up (max attempts reached)</title>"
      ))
  }

  @Test func logsWithoutTimesArePlacedByOrderAndSaySo() throws {
    let html = HTMLReport.render(try ReportFixture.analysis("Fixtures/reports/no-times.log"))
    #expect(
      html.contains(
        "This log prints no usable times: the timelines place runs and restarts in the order the lines appear, not by time."
      ))
    let rects = Self.runRects(html)
    #expect(rects.count == 3)
    #expect(rects.map(\.x) == rects.map(\.x).sorted())
    #expect(html.contains(">line 3</text>"))
  }

  @Test func textIsEscapedEverywhere() {
    let finding = SyntheticAnalysis.finding(
      "<script>alert(\"x\")</script> & 'quotes'", text: "closed <b>by</b> \u{1B}[31m & more")
    let html = HTMLReport.render(SyntheticAnalysis.make(findings: [finding]))
    #expect(!html.contains("<script>"))
    #expect(!html.contains("<b>by</b>"))
    #expect(
      html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;"))
    #expect(html.contains("closed &lt;b&gt;by&lt;/b&gt; \\x1b[31m &amp; more"))
    #expect(html.contains("Another session replaces this one; see <code>openclaw status</code>."))
  }

  @Test func selfContainedWithNothingFetched() throws {
    let html = HTMLReport.render(try ReportFixture.analysis("Fixtures/reports/secrets.log"))
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(html.hasSuffix("</html>\n"))
    for forbidden in [
      "<script", "<link", "<img", "<iframe", "src=", "href=\"http", "@import", "url(",
    ] {
      #expect(!html.contains(forbidden), "the report holds \(forbidden)")
    }
  }
}

@Suite struct ReportGitHubTests {
  @Test func annotationsBySeverityWithTitles() throws {
    let output = GitHubReport.render(try ReportFixture.analysis("Fixtures/reports/secrets.log"))
    let lines = output.split(separator: "\n").map(String.init)
    #expect(
      lines.map { $0.prefix(9) } == [
        "::error t", "::error t", "::warning", "::warning", "::warning", "::notice ", "::notice ", "walog: 2 ",
      ])
    #expect(
      lines[0].hasPrefix(
        "::error title=WhatsApp session conflict loop on whatsapp%3Adefault::Stream whatsapp:default (report-conflict-loop).%0AAnother WhatsApp Web session"
      ))
  }

  @Test func escapingFollowsTheWorkflowCommandRules() {
    #expect(GitHubReport.escapeData("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b")
    #expect(GitHubReport.escapeProperty("a:b, 5% \n") == "a%3Ab%2C 5%25 %0A")
    // A log line cannot inject a command of its own.
    let annotation = GitHubReport.annotation(
      "error", title: "x", message: "line\n::error title=fake::pwned")
    #expect(annotation == "::error title=x::line%0A::error title=fake::pwned")
    #expect(!annotation.contains("\n"))
  }

  @Test func atMostTenOfEachKind() {
    let findings =
      (0..<12).map {
        SyntheticAnalysis.finding("E\($0)", severity: $0 % 2 == 0 ? .error : .critical)
      }
      + (0..<3).map { SyntheticAnalysis.finding("W\($0)", severity: .warning) }
    let output = GitHubReport.render(SyntheticAnalysis.make(findings: findings))
    let lines = output.split(separator: "\n")
    #expect(lines.filter { $0.hasPrefix("::error ") }.count == 10)
    #expect(lines.filter { $0.hasPrefix("::warning ") }.count == 3)
    // Critical ones come first.
    #expect(lines.first?.hasPrefix("::error title=E1::") == true)
    #expect(output.contains("walog: 2 more findings are not annotated; the job summary lists all"))
  }

  @Test func noFindingIsANotice() throws {
    let output = GitHubReport.render(
      try ReportFixture.analysis("Fixtures/normal/pretty.log", extraRules: false))
    #expect(
      output.hasPrefix(
        "::notice title=walog%3A no known problem found::walog: no known problem found (12 lines of 1 input, 4 streams)\n"
      ))
  }
}
