import Foundation
import Testing

/// A time keeps the zone the log printed, in every format (docs/json-schema.md: "walog never
/// invents what the log did not print"): no zone printed, none written; `Z` printed, `Z`;
/// `+00:00` printed, `+00:00`. `watch` alerts carry the printed time of the line, never the wall
/// clock's milliseconds.
@Suite struct EndToEndPrintedZoneTests {
  /// Three conflict closes a second apart, each time ending in `zone`.
  static func log(zone: String) -> String {
    (1...3).map { attempt in
      "2026-04-12T10:00:0\(attempt)\(zone) [whatsapp] Web connection closed (status 440). Retry \(attempt)/12 in 2.5s… (status=440 Unknown Stream Errored (conflict))"
    }.joined(separator: "\n") + "\n"
  }

  /// Every dated ISO 8601 time in `text`, as written.
  static func isoTimes(_ text: String) throws -> [String] {
    let pattern = try NSRegularExpression(pattern: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?"#)
    return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
      String(text[Range($0.range, in: text)!])
    }
  }

  @Test(arguments: [("", "no zone"), ("Z", "Z"), ("+00:00", "+00:00"), ("+02:00", "+02:00")])
  func everyFormatWritesTheZoneThatWasPrinted(zone: String, _ label: String) throws {
    let folder = try TemporaryFolder("zone")
    let path = try folder.write("gateway.log", Self.log(zone: zone))
    for format in ["json", "markdown", "html", "github", "text"] {
      let result = try WalogProcess.run(["analyze", "--format", format, path])
      #expect(result.status == 0, "\(format): \(result.stderr)")
      let times = try Self.isoTimes(result.stdout)
      if format == "json" { #expect(times.count >= 6, "first and last times, evidence: \(times)") }
      for time in times {
        #expect(time.hasPrefix("2026-04-12T10:00:0") && time.dropFirst(19) == zone, "\(label), \(format): \(time)")
      }
    }
    let text = try WalogProcess.run(["analyze", path]).stdout
    let span = ["": "", "Z": " (UTC)", "+00:00": " (UTC+00:00)", "+02:00": " (UTC+02:00)"][zone]!
    #expect(text.contains("whatsapp:default  2026-04-12 10:00:01 → 2026-04-12 10:00:03, 2s\(span)\n"), "\(text)")
  }

  /// journald's `-o json` gives each line a UTC instant (`__REALTIME_TIMESTAMP`): `Z`.
  @Test func journaldInstantsAreUTC() throws {
    let folder = try TemporaryFolder("zone")
    let records = (1...3).map { attempt in
      #"{"__REALTIME_TIMESTAMP":"177598800\#(attempt)000000","_PID":"41","MESSAGE":"[whatsapp] Web connection closed (status 440). Retry \#(attempt)/12 in 2.5s… (status=440 Unknown Stream Errored (conflict))"}"#
    }
    let path = try folder.write("journal.json", records.joined(separator: "\n") + "\n")
    let result = try WalogProcess.run(["analyze", "--format", "json", path])
    #expect(result.status == 0, "\(result.stderr)")
    let times = try Self.isoTimes(result.stdout)
    #expect(!times.isEmpty && times.allSatisfy { $0.hasSuffix("Z") }, "\(times)")
  }

  /// An alert on a live pipe says the time of its line as printed, however long walog waited
  /// (the quarter-second quiet spell, a busy machine) before it was sure.
  @Test(arguments: ["", "Z"])
  func watchAlertsCarryTheLinesPrintedTime(zone: String) throws {
    let watch = try WatchSession(["--format", "json"])
    let line = Self.log(zone: zone).split(separator: "\n")[0]
    watch.write(String(line))
    let alert = try #require(watch.waitForLines(1, timeout: 5).first)
    #expect(alert.json["type"] as? String == "finding")
    #expect(alert.json["time"] as? String == "2026-04-12T10:00:01" + zone, "\(alert.line)")
    #expect(watch.finish().status == 0)
  }
}
