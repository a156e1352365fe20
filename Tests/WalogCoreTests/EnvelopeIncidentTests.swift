import Foundation
import Testing
import WalogTestSupport

@testable import WalogCore

/// The scripted incident rendered in every envelope must read back as the same events.
@Suite struct EnvelopeIncidentTests {
  @Test(arguments: try nonEmpty(Rendering.allCases))
  func committedFixtureMatchesRenderer(_ rendering: Rendering) throws {
    let url = FixturePaths.envelope(rendering)
    let rendered = rendering.render()
    if FixturePaths.updating {
      try FileManager.default.createDirectory(
        at: FixturePaths.envelopes, withIntermediateDirectories: true)
      try rendered.write(to: url, atomically: true, encoding: .utf8)
    }
    let committed = try String(contentsOf: url, encoding: .utf8)
    #expect(committed == rendered, "\(url.lastPathComponent) differs; WALOG_UPDATE_FIXTURES=1 rewrites it")
  }

  @Test(arguments: try nonEmpty(Rendering.allCases))
  func renderingReadsBackAsTheIncident(_ rendering: Rendering) throws {
    let text = try String(contentsOf: FixturePaths.envelope(rendering), encoding: .utf8)
    var parser = EnvelopeParser()
    let parsed = parser.snapshots(ofText: text)
    let human = parsed.filter { $0.isOpenClaw && !$0.messageBytes.isEmpty }
    let expected = rendering.entries

    #expect(human.map(\.tag) == expected.map(\.displayTag))
    #expect(human.map(\.message) == expected.map(\.consoleMessage))
    try #require(human.count == expected.count)

    let (outer, inner) = rendering.formats
    for (line, entry) in zip(human, expected) {
      #expect(line.format == outer, "\(line)")
      #expect(line.innerFormat == inner, "\(line)")
      #expect(line.level == (rendering.hasLevel ? entry.level : nil), "\(line)")
      #expect(line.structuredFields == (rendering.fromFileLog ? entry.fields : nil), "\(line)")
      if rendering.formats.outer.rawValue.hasPrefix("journald") {
        #expect(line.pid == IncidentRenderer.pid)
      } else {
        #expect(line.pid == nil)
      }
    }
    expectTimes(human, expected, rendering)
  }

  /// Times equal the script's where the format carries them.
  private func expectTimes(
    _ lines: [ParsedSnapshot], _ entries: [IncidentEntry], _ rendering: Rendering
  ) {
    let local = IncidentScript.localOffset
    for (line, entry) in zip(lines, entries) {
      let epoch = IncidentScript.epoch(entry)
      switch rendering {
      case .bare:
        #expect(line.time == nil)
      case .pretty, .prettyOffset, .logsPretty:
        // Clock only: seconds since the first line's midnight, whole seconds, moved to UTC
        // by the printed offset (none for plain pretty, +00:00 for logs pretty).
        let zone = rendering == .logsPretty ? 0 : local
        let firstDay = ((IncidentScript.startEpoch + Double(zone)) / 86400).rounded(.down)
        let clock = (epoch + Double(zone) - firstDay * 86400).rounded(.down)
        let printedOffset: Int? = rendering == .pretty ? nil : zone
        #expect(line.time?.precision == .timeOfDay)
        #expect(line.time?.offset == printedOffset)
        #expect(line.time?.seconds == clock - Double(printedOffset ?? 0), "\(line)")
      default:
        let printedOffset = [.logsPlain, .docker].contains(rendering) ? 0 : local
        #expect(line.time?.precision == .full)
        #expect(line.time?.offset == printedOffset, "\(line)")
        #expect(abs((line.time?.seconds ?? 0) - epoch) < 0.0005, "\(line)")
      }
    }
  }

  @Test func incidentFollowsTheScript() {
    let closes = IncidentScript.entries.filter { $0.message.contains("Web connection closed") }
    #expect(closes.count == 14)
    #expect(closes.first?.message
      == "WhatsApp Web connection closed (status 440). Retry 1/12 in 2.27s… (status=440 Unknown Stream Errored (conflict))")
    #expect(closes[5].message.contains("Retry 6/12 in 30s…"))
    #expect(IncidentScript.duration(12560) == "12.56s")
    #expect(IncidentScript.duration(30000) == "30s")
    #expect(IncidentScript.duration(850) == "850ms")
    // The console clock crosses midnight during the run.
    let pretty = Rendering.pretty.render()
    #expect(pretty.contains("\n23:5") && pretty.contains("\n00:0"))
  }

  @Test func oneJournalMessageIsAByteArrayWithColour() throws {
    let text = try String(contentsOf: FixturePaths.envelope(.journaldJSON), encoding: .utf8)
    let arrays = text.split(separator: "\n").filter { $0.contains(#""MESSAGE":["#) }
    #expect(arrays.count == 1)
    #expect(arrays.first?.contains("27,91,51,49,109") == true)  // ESC [ 3 1 m
  }
}
