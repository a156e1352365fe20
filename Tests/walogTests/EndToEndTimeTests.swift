import Foundation
import Testing

/// Times as a user reads them off the report: spans, loop durations and rates of console logs
/// that print only `HH:MM:SS` across one or more midnights, and the offset a named `--tz` zone
/// gives such lines in summer and in winter. Fixtures in Fixtures/time, counted by hand.
@Suite struct EndToEndTimeTests {
  static func text(_ arguments: [String]) throws -> String {
    let result = try WalogProcess.run(["analyze"] + arguments)
    #expect(result.status == 0, "\(result.stderr)")
    return result.stdout
  }

  static func time(_ name: String) -> String { WalogProcess.fixture("time/" + name) }

  static func loops(_ report: [String: Any], channel: String) -> [[String: Any]] {
    let stream = (report["streams"] as? [[String: Any]] ?? []).first { $0["channel"] as? String == channel }
    return (stream?["history"] as? [String: Any])?["loops"] as? [[String: Any]] ?? []
  }

  /// A loop's rate, to 9 decimals: the duration comes from subtracting seconds since 1970.
  static func rate(_ loop: [String: Any]?, _ key: String) -> Double? {
    (loop?[key] as? Double).map { ($0 * 1e9).rounded() / 1e9 }
  }

  // MARK: - Midnight

  /// Seven supervisor cycles, one every 5 minutes from 23:50, 44 lines to 00:25:02. The loop
  /// runs from the first close (line 3, 23:50:30) to the last restart (line 42, 00:24:00):
  /// 33 min 30 s holding 40 lines, all of this stream: 40 / 33.5 = 1.19 lines a minute.
  @Test func aLoopOverMidnightLastsItsMinutesAtItsRate() throws {
    let report = try Self.text([Self.time("midnight-loop.log")])
    #expect(report.contains("whatsapp:default  23:50:00 → 00:25:02 (day 2), 35m 2s\n"))
    #expect(report.contains(
      "1 loop; the longest: 7 cycles, over 33m 30s, one every 5m 0s, 2 closes per cycle, 1.2 lines/min from this stream, 1.2 from the whole log"))
    #expect(report.contains("    23:54:00  auto-restart 1/10 in 5s\n"))
    #expect(report.contains("    00:00:30 (day 2)  run: 2 closes"))

    let loops = Self.loops(try WalogProcess.json([Self.time("midnight-loop.log")]), channel: "whatsapp")
    #expect(loops.count == 1)
    #expect(loops.first?["median_period_seconds"] as? Double == 300)
    #expect(Self.rate(loops.first, "stream_lines_per_minute") == (40 / 33.5 * 1e9).rounded() / 1e9)
    #expect(Self.rate(loops.first, "log_lines_per_minute") == (40 / 33.5 * 1e9).rounded() / 1e9)
  }

  @Test func threeLinesOverMidnightAreDayOneThenDayTwo() throws {
    let report = try Self.text([Self.time("midnight-three-lines.log")])
    #expect(report.contains("whatsapp:default  23:59:50 → 00:00:05 (day 2), 15s\n"))
    #expect(report.contains("    23:59:50  run: 1 close"))
    #expect(report.contains("    00:00:05 (day 2)  run: 1 close"))
    #expect(!report.contains("(day 3)"))
  }

  /// 22:00 on day 1 to 02:15 on day 4, no gap of 12 hours: three midnights, 2 d 4 h 15 min.
  @Test func severalMidnightsAddADayEach() throws {
    let report = try Self.text([Self.time("several-midnights.log")])
    #expect(report.contains("whatsapp:default  22:00:00 → 02:15:00 (day 4), 2d 4h\n"))
    for label in ["06:00:00 (day 2)", "23:30:00 (day 2)", "05:00:00 (day 3)", "16:00:00 (day 3)", "01:00:00 (day 4)"] {
      #expect(report.contains("    \(label)  run: 1 close"), "\(label)")
    }
  }

  @Test func aLogThatStartsAfterMidnightIsAllDayOne() throws {
    let report = try Self.text([Self.time("after-midnight.log")])
    #expect(report.contains("whatsapp:default  00:05:00 → 00:40:00, 35m 0s\n"))
    #expect(!report.contains("(day"))
  }

  /// A Telegram bot's 409s every 2 minutes, 23:58 to 00:10, in a second file: merged by time,
  /// all 7 lines fall inside the WhatsApp loop, so the whole log's rate is (40 + 7) / 33.5,
  /// whichever file is named first.
  @Test(arguments: [false, true])
  func twoFilesOverMidnightMergeByTime(telegramFirst: Bool) throws {
    let files = [Self.time("midnight-loop.log"), Self.time("telegram-midnight.log")]
    let arguments = telegramFirst ? files.reversed() : files
    let report = try Self.text(arguments)
    #expect(report.contains("whatsapp:default  23:50:00 → 00:25:02 (day 2), 35m 2s\n"))
    #expect(report.contains("telegram:default  23:58:00 → 00:10:00 (day 2), 12m 0s\n"))
    #expect(report.contains("over 33m 30s, one every 5m 0s, 2 closes per cycle, 1.2 lines/min from this stream, 1.4 from the whole log"))

    let json = try WalogProcess.json(arguments)
    let loop = Self.loops(json, channel: "whatsapp").first
    #expect(Self.rate(loop, "stream_lines_per_minute") == (40 / 33.5 * 1e9).rounded() / 1e9)
    #expect(Self.rate(loop, "log_lines_per_minute") == (47 / 33.5 * 1e9).rounded() / 1e9)
    #expect(Totals(json).closesByStatus == ["440": 14, "409": 7])
  }

  // MARK: - Named zones

  /// A copy of a fixture whose modification time is `modified`, in a directory removed after.
  static func withCopy(
    of name: String, modified: String, _ body: (String) throws -> Void
  ) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("walog-time-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let copy = directory.appendingPathComponent(name)
    try FileManager.default.copyItem(
      at: WalogProcess.packageRoot.appendingPathComponent(time(name)), to: copy)
    let date = try #require(ISO8601DateFormatter().date(from: modified))
    try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: copy.path)
    try body(copy.path)
  }

  static func firstStream(_ report: [String: Any]) -> [String: Any] {
    (report["streams"] as? [[String: Any]] ?? []).first ?? [:]
  }

  static func clockOffsets(_ report: [String: Any]) -> [[String: String]] {
    let input = (report["inputs"] as? [[String: Any]] ?? []).first ?? [:]
    return (input["clock_offsets"] as? [[String: Any]] ?? []).map { entry in
      entry.mapValues { "\($0)" }
    }
  }

  /// Clock-only lines and no dated one: the file's modification date decides summer or winter.
  @Test(arguments: [("2026-07-14T12:00:00Z", "+02:00", "2026-07-14"), ("2026-01-14T12:00:00Z", "+01:00", "2026-01-14")])
  func clockLinesTakeTheZoneOffsetOnTheFileDate(modified: String, offset: String, date: String) throws {
    try Self.withCopy(of: "rome-clock.log", modified: modified) { path in
      let report = try WalogProcess.json(["--tz", "Europe/Rome", path])
      let stream = Self.firstStream(report)
      #expect(stream["first_time"] as? String == "T11:30:00\(offset)")
      #expect(stream["last_time"] as? String == "T11:31:00\(offset)")
      #expect(Self.clockOffsets(report) == [[
        "zone": "Europe/Rome", "offset": offset, "basis": "file_modified", "first_date": date,
        "last_date": date, "lines": "3",
      ]])
      let sentence = "clock times read in Europe/Rome at \(offset), its offset on \(date) (the file's modification date)"
      #expect(try Self.text(["--tz", "Europe/Rome", path]).contains("\n    \(sentence)\n"))
      #expect(try Self.text(["--tz", "Europe/Rome", "--format", "markdown", path]).contains("  - \(sentence)"))
      #expect(try Self.text(["--tz", "Europe/Rome", "--format", "html", path]).contains("<br>\(sentence.replacingOccurrences(of: "'", with: "&#39;"))"))
    }
  }

  /// A dated line before the clock lines decides, whatever the file's date says.
  @Test(arguments: [
    ("rome-summer-dated.log", "2026-01-14T12:00:00Z", "+02:00", "2026-07-14"),
    ("rome-winter-dated.log", "2026-07-14T12:00:00Z", "+01:00", "2026-01-14"),
  ])
  func clockLinesTakeTheZoneOffsetOnTheLastDatedLine(file: String, modified: String, offset: String, date: String) throws {
    try Self.withCopy(of: file, modified: modified) { path in
      let report = try WalogProcess.json(["--tz", "Europe/Rome", path])
      let timeline = (Self.firstStream(report)["history"] as? [String: Any])?["timeline"] as? [[String: Any]] ?? []
      #expect(timeline.compactMap { $0["start"] as? String } == ["T11:30:00\(offset)", "T11:31:00\(offset)"])
      #expect(Self.clockOffsets(report) == [[
        "zone": "Europe/Rome", "offset": offset, "basis": "dated_line", "first_date": date,
        "last_date": date, "lines": "3",
      ]])
    }
  }

  /// The night summer time starts (2026-03-29, 02:00 → 03:00): the date moves on at midnight
  /// and the offset changes between 01:30 and 04:00, which are 1 h 30 min apart.
  @Test func clockLinesFollowTheZoneAcrossTheSummerTimeNight() throws {
    let report = try WalogProcess.json(["--tz", "Europe/Rome", Self.time("rome-dst-night.log")])
    let timeline = (Self.firstStream(report)["history"] as? [String: Any])?["timeline"] as? [[String: Any]] ?? []
    #expect(timeline.compactMap { $0["start"] as? String } == ["T23:30:00+01:00", "T01:30:00+01:00", "T04:00:00+02:00"])
    #expect(Self.clockOffsets(report).map { [$0["offset"], $0["first_date"], $0["last_date"], $0["lines"]] } == [
      ["+01:00", "2026-03-28", "2026-03-29", "4"], ["+02:00", "2026-03-29", "2026-03-29", "1"],
    ])
  }

  /// Standard input has no file date: today's offset, and the report says so.
  @Test func standardInputTakesTodaysOffset() throws {
    let data = try Data(contentsOf: WalogProcess.packageRoot.appendingPathComponent(Self.time("rome-clock.log")))
    let rome = try #require(TimeZone(identifier: "Europe/Rome"))
    let before = rome.secondsFromGMT(for: Date())
    let result = try WalogProcess.run(["analyze", "--format", "json", "--tz", "Europe/Rome"], stdin: data)
    let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    let entry = try #require(Self.clockOffsets(report).first)
    #expect(entry["basis"] == "today")
    let hours = before / 3600
    #expect(entry["offset"] == String(format: "%@%02d:%02d", hours < 0 ? "-" : "+", abs(hours), abs(before / 60) % 60))
  }

  /// An instant bound (`Z`) against clock-only lines is read in the lines' offset: 09:31Z is
  /// 11:31 in Rome in July and 10:31Z is 11:31 in January, so only the 11:31 close is kept.
  @Test(arguments: [("2026-07-14T12:00:00Z", "2026-07-14T09:31Z"), ("2026-01-14T12:00:00Z", "2026-01-14T10:31Z")])
  func sinceWithAnOffsetIsReadInTheClockLinesOffset(modified: String, since: String) throws {
    try Self.withCopy(of: "rome-clock.log", modified: modified) { path in
      let report = try WalogProcess.json(["--tz", "Europe/Rome", "--since", since, path])
      #expect((report["totals"] as? [String: Any])?["events"] as? Int == 1)
      #expect(Self.firstStream(report)["first_time"] as? String == Self.firstStream(report)["last_time"] as? String)
      let local = try WalogProcess.json(["--tz", "Europe/Rome", "--since", String(since.prefix(11)) + "11:31", path])
      #expect((local["totals"] as? [String: Any])?["events"] as? Int == 1)
    }
  }

  /// Without `--tz` nothing is read in a zone, and nothing is reported.
  @Test func withoutAZoneClockLinesHaveNoOffset() throws {
    let report = try WalogProcess.json([Self.time("rome-clock.log")])
    #expect(Self.firstStream(report)["first_time"] as? String == "T11:30:00")
    #expect(Self.clockOffsets(report).isEmpty)
  }
}
