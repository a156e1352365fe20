import Foundation
import Testing

/// How a retry run that is still open when the log ends is described: "still retrying" only
/// when its last close announced a retry and nothing reconnected after it.
@Suite struct EndToEndRunEndTests {
  static func outcomes(_ report: [String: Any]) -> [String] {
    let stream = (report["streams"] as? [[String: Any]] ?? []).first ?? [:]
    let timeline = (stream["history"] as? [String: Any])?["timeline"] as? [[String: Any]] ?? []
    return timeline.compactMap { $0["outcome"] as? String }
  }

  /// `Retry 1/12`, then `Listening…` 4 s later, and the log ends: it reconnected; whether the
  /// connection outlives the 60 s counter reset the log does not show.
  @Test func aRunThatReconnectedAsTheLogEndsIsNotStillRetrying() throws {
    let path = WalogProcess.fixture("runs/reconnected-at-end.log")
    let text = try WalogProcess.run(["analyze", path]).stdout
    #expect(text.contains("run: 1 close (428×1) attempt 1/12, reconnected as the log ends\n"), "\(text)")
    #expect(!text.contains("still retrying"))
    #expect(Self.outcomes(try WalogProcess.json([path])) == ["reconnected"])
  }

  /// `openclaw channels login` tries once: its failure announces no retry.
  @Test(arguments: ["runs/login-failed.log", "runs/login-failed-alone.log"])
  func aLoginFailureIsNotStillRetrying(file: String) throws {
    let path = WalogProcess.fixture(file)
    let text = try WalogProcess.run(["analyze", path]).stdout
    #expect(text.contains("run: 1 close (408×1), closed as the log ends, no retry announced\n"), "\(text)")
    #expect(!text.contains("still retrying"))
    let report = try WalogProcess.json([path])
    #expect(Self.outcomes(report) == ["unretried"])
    #expect(Totals(report).closesByStatus == ["408": 1])
  }

  /// The control: a last close that announced its retry is still retrying.
  @Test func aRunWhoseLastCloseAnnouncedARetryIsStillRetrying() throws {
    let path = WalogProcess.fixture("time/midnight-three-lines.log")
    let text = try WalogProcess.run(["analyze", path]).stdout
    #expect(text.contains("00:00:05 (day 2)  run: 1 close (428×1) attempt 1/12, still retrying at the end of the log\n"))
    #expect(Self.outcomes(try WalogProcess.json([path])) == ["recovered", "open"])
  }

  static func history(_ report: [String: Any]) -> [String: Any] {
    let stream = (report["streams"] as? [[String: Any]] ?? []).first ?? [:]
    return stream["history"] as? [String: Any] ?? [:]
  }

  /// `--since 11:31:05` cuts a run whose attempts 1 and 2 the log shows: it began before the
  /// window, not before the log.
  @Test func underSinceARunBeganBeforeTheWindowNotTheLog() throws {
    let arguments = ["--since", "2026-04-12T11:31:05+02:00", WalogProcess.fixture("runs/since-mid-run.log")]
    let text = try WalogProcess.run(["analyze"] + arguments).stdout
    #expect(text.contains("run: 2 closes (428×2) attempts 3→4/12, reconnected as the log ends, began before --since\n"), "\(text)")
    #expect(!text.contains("before the log"))
    let history = Self.history(try WalogProcess.json(arguments))
    #expect(history["runs_began_before_log"] as? Int == 0)
    #expect(history["runs_began_before_window"] as? Int == 1)
    let run = (history["timeline"] as? [[String: Any]])?.first
    #expect(run?["began_before_log"] as? Bool == false)
    #expect(run?["began_before_window"] as? Bool == true)
  }

  /// The control: the same lines as the whole log, and a `--since` before them.
  @Test(arguments: [[], ["--since", "2026-04-12T11:00:00+02:00"]])
  func aLogThatStartsMidRunBeganBeforeTheLog(since: [String]) throws {
    let arguments = since + [WalogProcess.fixture("runs/starts-mid-run.log")]
    let text = try WalogProcess.run(["analyze"] + arguments).stdout
    #expect(text.contains("attempts 3→4/12, reconnected as the log ends, began before the log\n"), "\(text)")
    let history = Self.history(try WalogProcess.json(arguments))
    #expect(history["runs_began_before_log"] as? Int == 1)
    #expect(history["runs_began_before_window"] as? Int == 0)
  }
}
