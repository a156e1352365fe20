import Foundation
import Testing

/// `walog watch --format json` on a pipe that stays open, fed at a gateway's pace: each alert
/// must arrive while the pipe is open, within three seconds of its line, once per rule and
/// stream, escalated when its key figure doubles, and resolved once the stream is healthy.
@Suite struct WatchPipeTests {
  @Test func alertsArriveWhileThePipeIsOpen() throws {
    let watch = try WatchSession(["--format", "json", "--resolve-after", "3s"])
    var log = LoopLog()
    for line in [log.start(), log.listening(), log.chatter(), log.chatter()] {
      watch.write(line)
      Thread.sleep(forTimeInterval: 0.1)
    }
    #expect(watch.received.isEmpty, "a healthy start alerts nothing")

    // Closes 1…8 at 5 lines a second: one finding at close 1, escalations at 2, 4 and 8.
    var written: [Int: Date] = [:]
    for attempt in 1...8 {
      written[attempt] = watch.write(log.conflict(attempt))
      Thread.sleep(forTimeInterval: 0.1)
      watch.write(log.listening())
      Thread.sleep(forTimeInterval: 0.1)
    }
    let alerts = watch.waitForLines(4, timeout: 3).map { ($0, $0.json) }
      .filter { $0.1["id"] as? String == "whatsapp-session-conflict" }
    #expect(alerts.map { $0.1["type"] as? String } == ["finding", "escalated", "escalated", "escalated"])
    #expect(alerts.map { WatchSession.figure("conflicts", of: $0.1) } == [1, 2, 4, 8])
    var latencies: [Double] = []
    for (alert, attempt) in zip(alerts.map(\.0), [1, 2, 4, 8]) {
      let latency = alert.arrived.timeIntervalSince(written[attempt]!)
      latencies.append(latency)
      #expect(latency < 3, "the alert for close \(attempt) came \(latency) s after its line")
    }
    print("watch alert latency (s): \(latencies.map { String(format: "%.3f", $0) }.joined(separator: " "))")
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
