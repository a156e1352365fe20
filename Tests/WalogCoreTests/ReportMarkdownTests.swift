import Foundation
import Testing

@testable import WalogCore

/// Hand-made analyses for the shareable reports' edge cases.
enum SyntheticAnalysis {
  static func make(findings: [Finding], streams: [StreamReport] = [], lines: Int = 10) -> Analysis {
    var input = InputSummary(name: "gateway.log")
    input.lines = lines
    input.openClawLines = lines
    return Analysis(
      walogVersion: "0.1.0", ruleFiles: ["<default>"],
      rulesHash: String(repeating: "ab", count: 32),
      inputs: [input], totals: Totals(), streams: streams, findings: findings, gatewayVersions: [],
      warnings: [], statuses: [])
  }

  static func finding(
    _ title: String, severity: Finding.Severity = .error, evidence: Int = 1,
    text: String = "Web connection closed (status 440)",
    id: String = "demo"
  ) -> Finding {
    Finding(
      id: id, severity: severity, title: title,
      rootCause: "Another session replaces this one; see `openclaw status`.",
      actions: ["Run `openclaw channels status --probe`"],
      figures: [
        Figure(name: "closes", value: 78, unit: .count, text: "78"),
        Figure(name: "cycles", value: 7, unit: .count, text: "7"),
      ],
      stream: StreamKey(channel: "whatsapp", account: "default"),
      evidence: (0..<evidence).map {
        Evidence(input: "gateway.log", line: $0 + 1, time: nil, text: text)
      })
  }
}

@Suite struct ReportMarkdownTests {
  @Test func verdictTableCauseActionsAndFoldedEvidence() throws {
    let analysis = try ReportFixture.analysis("Fixtures/seeds/001-78-conflicts.log")
    let markdown = MarkdownReport.render(analysis)
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(
      lines.first?.hasPrefix(
        "🔴 **walog: 2 errors, 1 warning, 1 info**: WhatsApp session conflict loop on whatsapp:default") == true)
    #expect(
      markdown.contains(
        "| 🔴 error | WhatsApp session conflict loop on whatsapp:default | conflicts: 78 |"))
    #expect(
      markdown.contains(
        "**Root cause.** Another WhatsApp Web session replaces this one (status 440) 78 times"))
    #expect(markdown.contains("- Relink once: `openclaw channels login --channel whatsapp`"))
    #expect(markdown.contains("<details><summary>Evidence (4 lines)</summary>"))
    #expect(
      markdown.contains(
        "| `whatsapp:default` | 2026-02-04 09:12:04 → 2026-02-04 09:59:19, 47m 15s (UTC-08:00) | 78 (440 session conflict ×78) |"
      ))
    #expect(
      markdown.components(separatedBy: "<details>").count
        == markdown.components(separatedBy: "</details>").count)
  }

  @Test func noFindingsSaysSo() throws {
    let analysis = try ReportFixture.analysis("Fixtures/normal/pretty.log", extraRules: false)
    #expect(
      MarkdownReport.render(analysis).hasPrefix(
        "✅ **walog: no known problem found** (12 lines of 1 input, 4 streams)."))
  }

  @Test func logTextCannotBecomeMarkupOrVanishAsHTML() {
    let finding = SyntheticAnalysis.finding(
      "Loop on <PHONE-1> | [link](http://x) @someone *bold*",
      text: "closed ``` by <script>alert(1)</script> | pipe")
    let markdown = MarkdownReport.render(SyntheticAnalysis.make(findings: [finding]))
    #expect(markdown.contains(#"Loop on \<PHONE-1\> \| \[link\](http://x) \@someone \*bold\*"#))
    // Evidence sits in a fence longer than any backtick run inside it.
    #expect(
      markdown.contains(
        "````text\ngateway.log:1  closed ``` by <script>alert(1)</script> | pipe\n````"))
  }

  @Test func longReportsAreCutToTheLimitWithANote() throws {
    let long = String(repeating: "x", count: 380)
    let findings = (0..<40).map {
      SyntheticAnalysis.finding("Finding \($0)", evidence: 100, text: long, id: "f\($0)")
    }
    let analysis = SyntheticAnalysis.make(findings: findings)
    let full = MarkdownReport.render(analysis, limit: .max)
    #expect(full.utf16.count > MarkdownReport.commentLimit)

    let cut = MarkdownReport.render(analysis)
    #expect(cut.utf16.count <= MarkdownReport.defaultLimit)
    #expect(cut.contains("> [!NOTE]\n> This report was shortened to fit a GitHub comment ("))
    #expect(cut.contains("evidence lines"))
    // Every fence and fold that was opened is closed.
    #expect(
      cut.components(separatedBy: "<details>").count
        == cut.components(separatedBy: "</details>").count)
    #expect(cut.components(separatedBy: "```").count % 2 == 1)
    // The verdict and the table of all findings survive.
    #expect(cut.contains("| 🔴 error | Finding 39 | closes: 78 |"))

    let tiny = MarkdownReport.render(analysis, limit: 3_000)
    #expect(tiny.utf16.count <= 3_000)
    #expect(tiny.contains("This report was shortened"))
    #expect(tiny.hasPrefix("🔴 **walog: 40 errors**"))
  }

  @Test func tableCellsEscapePipesInsideCode() {
    #expect(MarkdownReport.cell("`a|b` c|d") == #"`a\|b` c\|d"#)
    #expect(MarkdownReport.code("x`y") == "``x`y``")
    #expect(MarkdownReport.prose("unclosed `code") == "unclosed `code`")
  }
}
