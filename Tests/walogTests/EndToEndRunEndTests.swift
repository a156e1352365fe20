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
}
