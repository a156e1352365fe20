import Foundation
import Testing

/// `walog watch --format json` on a pipe that stays open, fed at a gateway's pace: each alert
/// must arrive while the pipe is open, once per rule and stream, escalated when its key figure
/// doubles, and resolved once the stream is healthy. How soon is the schedule's part
/// (`WatchScheduleTests`) and the latency benchmark's (`Benchmarks/watch-latency`).
@Suite struct WatchPipeTests {
  @Test func alertsArriveWhileThePipeIsOpen() throws {
    let watch = try WatchSession(["--format", "json", "--resolve-after", "3s"])
    var log = LoopLog()
    for line in [log.start(), log.listening(), log.chatter(), log.chatter()] {
      watch.write(line)
      Thread.sleep(forTimeInterval: 0.1)
    }
    #expect(watch.received.isEmpty, "a healthy start alerts nothing")

    // Closes 1…8, a close and a reconnection a second: one finding at close 1, then an
    // escalation each time the count has doubled since the last alert (2, 4, 8 when each close
    // is judged on its own; a busy machine may judge two at once, e.g. 1, 3, 8 or 2, 4, 8),
    // never more. When each is judged is WatchScheduleTests' subject, not this test's.
    var written: [Double: Date] = [:]
    for attempt in 1...8 {
      written[Double(attempt)] = Date()  // before the write: the alert may come before it returns
      watch.write(log.conflict(attempt))
      Thread.sleep(forTimeInterval: 0.5)
      watch.write(log.listening())
      Thread.sleep(forTimeInterval: 0.5)
    }
    Thread.sleep(forTimeInterval: 1)
    let alerts = watch.received.map { ($0, $0.json) }.filter { $0.1["id"] as? String == "whatsapp-session-conflict" }
    let values = alerts.compactMap { WatchSession.figure("conflicts", of: $0.1) }
    #expect(alerts.map { $0.1["type"] as? String } == ["finding"] + Array(repeating: "escalated", count: max(0, alerts.count - 1)))
    #expect(values.first.map { $0 <= 2 } == true && values.last == 8, "\(values)")
    #expect(zip(values, values.dropFirst()).allSatisfy { $1 >= 2 * $0 }, "an alert without a doubling: \(values)")
    #expect(values.count >= 2, "8 closes after 1 escalate at least once: \(values)")
    for (alert, value) in zip(alerts.map(\.0), values) {
      #expect(alert.arrived >= written[value]!, "the alert for close \(value) came before its line was written")
    }
    let stream = alerts.first?.1["stream"] as? [String: Any]
    #expect(stream?["channel"] as? String == "whatsapp")
    #expect(stream?["account"] as? String == "default")

    // Healthy again: connected, and no line for longer than --resolve-after (the log's clock
    // moves with the wall clock while the pipe is quiet).
    let before = watch.received.count
    watch.write(log.listening())
    let resolved = watch.waitForLines(before + 1, timeout: 8).dropFirst(before).map(\.json)
    #expect(resolved.contains { $0["type"] as? String == "resolved" && $0["id"] as? String == "whatsapp-session-conflict" })

    let end = watch.finish()
    #expect(end.status == 0)
    let all = watch.received.map(\.json)
    #expect(all.last?["type"] as? String == "summary")
    #expect(all.filter { $0["type"] as? String == "summary" }.count == 1)
    let report = all.last?["report"] as? [String: Any]
    let findings = (report?["findings"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
    #expect(findings.contains("whatsapp-session-conflict"))
    // Every line is one JSON object, and no phone number is printed.
    #expect(all.allSatisfy { $0["type"] != nil })
    #expect(!watch.received.contains { $0.line.contains("+15550104477") })
  }

  @Test func sigtermPrintsTheSummaryAndExitsZero() throws {
    let watch = try WatchSession([])
    var log = LoopLog()
    watch.write(log.start())
    watch.write(log.conflict(1))
    watch.waitForLines(2, timeout: 3)
    watch.signal(SIGTERM)
    #expect(watch.waitForExit() == 0)
    let text = watch.received.map(\.line).joined(separator: "\n")
    #expect(text.contains("[error] whatsapp:default: WhatsApp session conflict"))
    #expect(text.contains("walog 0.1.0: 1 input, 2 lines"))
  }
}

/// `journalctl -f | walog analyze` and Ctrl-C: the report of what was read, then exit 130.
@Suite struct AnalyzeInterruptTests {
  @Test func sigintPrintsTheReportOfWhatWasRead() throws {
    let analyze = try WatchSession([], command: "analyze")
    var log = LoopLog()
    for attempt in 1...3 { analyze.write(log.conflict(attempt)) }
    Thread.sleep(forTimeInterval: 1)
    #expect(analyze.received.isEmpty, "analyze reports at the end, not before")
    analyze.signal(SIGINT)
    #expect(analyze.waitForExit() == 130)
    let report = analyze.received.map(\.line).joined(separator: "\n")
    #expect(report.contains("walog 0.1.0: 1 input, 3 lines"))
    #expect(report.contains("3 connection closes with status 440"))
  }
}

/// The file log's structured close record waits for the human line it may restate; when none
/// comes, a quiet spell hands it on, so the alert does not wait for the next line.
@Suite struct WatchHeldBackTests {
  @Test func aLoneStructuredRecordAlertsAfterAQuietSpell() throws {
    let record = try #require(
      String(contentsOfFile: WalogProcess.packageRoot.appendingPathComponent("Fixtures/envelopes/file-log.log").path, encoding: .utf8)
        .split(separator: "\n").first { $0.contains("web reconnect: connection closed") })
    let watch = try WatchSession(["--format", "json"])
    let written = watch.write(String(record))
    let alert = try #require(watch.waitForLines(1, timeout: 3).first)
    #expect(alert.json["id"] as? String == "whatsapp-session-conflict")
    #expect(alert.arrived.timeIntervalSince(written) < 3)
    #expect(watch.finish().status == 0)
  }
}
