import Foundation
import Testing

@testable import WalogCore

/// Reports people can read (issue #10): words, right plurals, short input names, escaped
/// control bytes, a readable "nothing wrong".
@Suite struct ReportReadabilityTests {
  typealias L = ScratchLogs

  /// The human formats of every golden fixture, undecorated.
  /// With `withoutLogText`, the log's own words (evidence, unexplained lines) are taken out.
  static func humanReports(withoutLogText: Bool = false) throws -> [(name: String, text: String)] {
    var out: [(String, String)] = []
    let diagnoses = try FileManager.default.contentsOfDirectory(atPath: ReportFixture.path("Fixtures/diagnoses"))
      .filter { $0.hasSuffix(".log") }.sorted().map { "Fixtures/diagnoses/\($0)" }
    for log in ReportFixture.goldenLogs + diagnoses {
      let analysis = try ReportFixture.analysis(log)
      let logText = analysis.findings.flatMap { $0.evidence.map(\.text) }
        + analysis.unexplained.flatMap { [$0.example, $0.shape] }
      func plain(_ text: String) -> String {
        guard withoutLogText else { return text }
        return logText.reduce(text) { $0.replacingOccurrences(of: $1, with: "") }
      }
      out.append(("\(log) text", plain(TextReport.render(analysis))))
      out.append(("\(log) markdown", plain(Decoded.markdown(MarkdownReport.render(analysis)))))
      out.append(("\(log) html", plain(Decoded.html(HTMLReport.render(analysis)))))
    }
    return out
  }

  @Test func wordsNotIdentifiers() throws {
    // snake_case names, and names glued to a number (`idle30`, `closes401`; not `v2026`).
    let identifiers = try NSRegularExpression(pattern: #"\b[a-z]+(_[a-z0-9]+)+\b|\b[a-z]{2,}[0-9]+\b"#)
    for report in try Self.humanReports(withoutLogText: true) {
      // Code spans and config keys may hold identifiers; prose and figures may not.
      let prose = report.text.split(separator: "\n").filter { !$0.contains("`") && !$0.contains("<code>") }
        .joined(separator: "\n")
      let found = identifiers.matches(in: prose, range: NSRange(prose.startIndex..., in: prose)).map {
        (prose as NSString).substring(with: $0.range)
      }
      #expect(found.isEmpty, "\(report.name): \(Set(found).sorted())")
    }
    let text = TextReport.render(try ReportFixture.analysis("Fixtures/seeds/000-excerpt.log"))
    #expect(text.contains("began before the log: 1"), "\(text)")
  }

  @Test func pluralsAreRight() throws {
    let wrong = try NSRegularExpression(
      pattern: #"(?<![\d.,])1 (closes|cycles|runs|restarts|lines|connection attempts|times|loops|reconnects|processes|errors|warnings)\b"#)
    for report in try Self.humanReports() {
      let text = report.text
      let found = wrong.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
        (text as NSString).substring(with: $0.range)
      }
      #expect(found.isEmpty, "\(report.name): \(found)")
    }
    let ls = TextReport.render(try L.analysis("\u{7f}ELF\u{02}\u{01} binary\n"))
    #expect(!ls.contains("(1 lines)"), "\(ls)")
  }

  @Test func evidenceNamesItsInputShortly() throws {
    let text = try String(contentsOfFile: ReportFixture.path("Fixtures/seeds/000-excerpt.log"), encoding: .utf8)
    let one = try L.analysis([("logs/gateway.log", text)])
    let report = TextReport.render(one)
    #expect(report.contains("      gateway.log:2  "), "\(report)")
    let directory = try #require(one.inputs.first).name
    #expect(directory.hasPrefix("/"))
    // The full name once, in Inputs; never on an evidence line.
    #expect(report.components(separatedBy: directory).count == 2, "\(report)")
    #expect(!MarkdownReport.render(one).contains(directory + ":"))
    #expect(!HTMLReport.render(one).contains(directory + ":"))

    // Two inputs of one name keep the folder that tells them apart.
    let two = try L.analysis([("a/gateway.log", text), ("b/gateway.log", text)])
    let both = TextReport.render(two)
    #expect(both.contains("a/gateway.log:2  "))
    #expect(both.contains("b/gateway.log:2  "))
    #expect(!both.contains("/a/gateway.log:2"))
  }

  @Test func shortNamesKeepInputsApart() {
    #expect(ReadableText.shortNames(["/var/log/gateway.log"]) == ["gateway.log"])
    #expect(
      ReadableText.shortNames(["/x/a/gateway.log", "/x/b/gateway.log", "/x/b/other.log"])
        == ["a/gateway.log", "b/gateway.log", "other.log"])
    #expect(ReadableText.shortNames(["gateway.log", "a/gateway.log"]) == ["gateway.log", "a/gateway.log"])
    #expect(ReadableText.shortNames(["<stdin>", "logs.zip:gateway.log"]) == ["<stdin>", "logs.zip:gateway.log"])
    #expect(ReadableText.shortNames(["/x/gateway.log", "/x/gateway.log"]) == ["gateway.log", "gateway.log"])
  }

  @Test func controlBytesAreEscaped() throws {
    let log = "11:30:53 [whatsapp] Web connection closed (status 440). Retry 1/12 in 2s…\n"
      + "11:30:54 [gateway] error: send failed \u{07}bell\u{00}nul\u{1b}]0;title\u{08}\n"
      + "\u{7f}ELF\u{02}\u{01}\u{00}\u{00} error binary\u{85}\n"
    let rules = RuleSet.default
    // `walog analyze /bin/ls`, the issue's example: binary data, whose error words are no
    // unexplained lines to list (a log's lines with control bytes are, escaped).
    let binary = try Analyzer.run(
      AnalysisRequest(paths: ["/bin/ls"]), rules: rules, diagnoses: try rules.diagnosisRules()).analysis
    #expect(binary.inputs.map(\.binary) == [true])
    #expect(binary.unexplainedTotal == 0)
    #expect(try L.analysis(log).unexplainedTotal > 0)
    for analysis in [try L.analysis(log), binary] {
      for (format, text) in [
      ("text", TextReport.render(analysis)), ("markdown", MarkdownReport.render(analysis)),
      ("html", HTMLReport.render(analysis)), ("github", GitHubReport.render(analysis)),
    ] {
        let controls = text.unicodeScalars.filter {
          ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F || (0x80...0x9F).contains($0.value)
        }
        #expect(controls.isEmpty, "\(format): \(controls.map { String($0.value, radix: 16) })")
      }
    }
    #expect(TextReport.render(try L.analysis(log)).contains("\\x07bell\\x00nul"))
  }

  @Test func markdownEscapesPlaceholdersOutsideCode() throws {
    // The fixture's secrets, and warnings no rule explains whose shapes hold placeholders.
    let secrets = try String(contentsOfFile: ReportFixture.path("Fixtures/reports/secrets.log"), encoding: .utf8)
    let unexplained = (1...3).map {
      "2026-03-10T08:0\($0):00.000+01:00 [gateway] error: delivery to +1555010447\($0) failed after \($0) tries <retry>"
    }.joined(separator: "\n")
    let analysis = try L.analysis(secrets + unexplained + "\n")
    #expect(analysis.unexplainedTotal == 3)
    let markdown = MarkdownReport.render(analysis)
    var inFence = false
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("```") { inFence.toggle(); continue }
      if inFence { continue }
      // Outside code spans, a `<` is escaped.
      var inCode = false
      var previous: Character = " "
      for char in line {
        if char == "`" { inCode.toggle() }
        if !inCode && char == "<" && !line.hasPrefix("<") {
          #expect(previous == "\\", "unescaped < in: \(line)")
        }
        previous = char
      }
    }
    #expect(markdown.contains("PHONE-1"))
  }

  @Test func nothingWrongIsOneReadableSentence() throws {
    // A day without a failure (one that recovered is an info finding).
    let analysis = try ReportFixture.analysis("Fixtures/normal/pretty.log", extraRules: false)
    #expect(analysis.findings.isEmpty)
    let text = TextReport.render(analysis)
    let findings = try #require(text.components(separatedBy: "Findings\n").last?.split(separator: "\n").first)
    for id in analysis.checks { #expect(!findings.contains(id), "\(findings)") }
    #expect(findings.contains("No known problem found"))
    #expect(findings.contains("\(analysis.checks.count) known problems"), "\(findings)")
    #expect(findings.hasSuffix("."))
    let markdown = MarkdownReport.render(analysis)
    for id in analysis.checks { #expect(!markdown.contains(id + ",")) }
  }
}
