import Testing

@testable import WalogCore

/// The evaluation schedule behind docs/watch.md's promise that an alert comes within a second
/// of its line: whatever the last evaluation cost, pending events are judged at most a second
/// later, and a burst is not judged line by line. (The latency itself, line written to alert
/// read, is measured by `Benchmarks/watch-latency`, not by a timed test.)
@Suite struct WatchScheduleTests {
  static let second: UInt64 = 1_000_000_000
  static let costs: [UInt64] = [0, 1_000_000, 50_000_000, 200_000_000, 300_000_000, 2 * second, 60 * second]

  @Test func pendingEventsAreJudgedWithinASecondWhateverTheCost() {
    for cost in Self.costs {
      for flooding in [false, true] {
        #expect(Watcher.isEvaluationDue(after: Self.second, pending: true, flooding: flooding, lastCost: cost), "cost \(cost) ns, flood \(flooding)")
      }
    }
  }

  @Test func cheapEvaluationsFollowTheirEventsClosely() {
    // After a pause, 20 ms (a burst as a whole); during a flood, every half second.
    #expect(!Watcher.isEvaluationDue(after: 19_000_000, pending: true, flooding: false, lastCost: 0))
    #expect(Watcher.isEvaluationDue(after: 20_000_000, pending: true, flooding: false, lastCost: 0))
    #expect(!Watcher.isEvaluationDue(after: Self.second / 2 - 1, pending: true, flooding: true, lastCost: 0))
    #expect(Watcher.isEvaluationDue(after: Self.second / 2, pending: true, flooding: true, lastCost: 0))
  }

  @Test func dearEvaluationsAreSpacedByFourTimesTheirCost() {
    let cost: UInt64 = 100_000_000
    #expect(!Watcher.isEvaluationDue(after: 4 * cost - 1, pending: true, flooding: false, lastCost: cost))
    #expect(Watcher.isEvaluationDue(after: 4 * cost, pending: true, flooding: false, lastCost: cost))
  }

  @Test func quietStreamsAreLookedAtOnceASecond() {
    #expect(!Watcher.isEvaluationDue(after: Self.second - 1, pending: false, flooding: false, lastCost: 0))
    #expect(Watcher.isEvaluationDue(after: Self.second, pending: false, flooding: false, lastCost: 0))
  }

  /// While events are pending the loop waits for input at most 20 ms before it looks at the
  /// schedule again, so a due evaluation is late by no more than that.
  @Test func theWaitWhileEventsArePendingIsShort() {
    #expect(Watcher.waitTimeout(pending: true) <= 20)
    #expect(UInt64(Watcher.waitTimeout(pending: true)) * 1_000_000 <= Watcher.pauseEvaluation)
  }
}
