import Testing

@testable import WalogCore

/// The cadence's run finder (issue 17 §2) and the watchdog clock that is never reset (§3).
@Suite struct CyclesSteadyRunTests {
  private func time(_ seconds: Double, _ precision: LogTime.Precision = .full) -> LogTime {
    LogTime(seconds: seconds, offset: 0, precision: precision)
  }

  private func run(_ gaps: [Double], start: Double = 1_000) -> SteadyRun<Int>.Span? {
    var finder = SteadyRun<Int>()
    var t = start
    finder.add(time(t), 0)
    for (i, gap) in gaps.enumerated() {
      t += gap
      finder.add(time(t), i + 1)
    }
    return finder.longest
  }

  @Test func threeOccurrencesAtASteadyPeriod() {
    let found = run([20, 21])
    #expect(found?.occurrences == 3)
    #expect(found?.period == 20.5)
    #expect(found?.firstTag == 0 && found?.lastTag == 2)
  }

  @Test func twoAreNotACadence() {
    #expect(run([20]) == nil)
  }

  @Test func everyGapWithinAFifthOfTheMedian() {
    // 24 is 20 % above the median 20: steady. 25 is not.
    #expect(run([20, 20, 24])?.occurrences == 4)
    #expect(run([20, 20, 25, 20])?.occurrences == 3)
  }

  @Test func theLongestRunWins() {
    // Three at 10 s, a pause, then five at 60 s.
    let found = run([10, 10, 400, 60, 61, 59, 60])
    #expect(found?.occurrences == 5)
    #expect(found?.period == 60)
    #expect(found?.firstTag == 3)
  }

  @Test func linesOfOneMomentAreOneOccurrence() {
    #expect(run([0.2, 30, 0.1, 30, 0.3, 30])?.occurrences == 4)
  }

  @Test func irregularFailuresAreNoCadence() {
    #expect(run([5, 40, 12, 90, 3, 200]) == nil)
  }

  @Test func aTimeOnAnotherClockStartsAgain() {
    var finder = SteadyRun<Int>()
    finder.add(time(0), 0)
    finder.add(time(30), 1)
    finder.add(time(60, .timeOfDay), 2)
    finder.add(time(90), 3)
    #expect(finder.longest == nil)
  }

  // MARK: - The watchdog's clock

  @Test func firesAMinuteApartAnnouncingForty() {
    var clock = WatchdogClock(tolerance: 120, timeout: 1800)
    clock.fire(minutes: 40, time: time(0))
    clock.fire(minutes: 41, time: time(63))
    #expect(clock.earlyFires == 1)
  }

  @Test func firesHalfAnHourApartAnnouncingThirtyAreAResetClock() {
    var clock = WatchdogClock(tolerance: 120, timeout: 1800)
    clock.fire(minutes: 30, time: time(0))
    clock.fire(minutes: 31, time: time(1800))
    clock.fire(minutes: 30, time: time(3700))
    #expect(clock.earlyFires == 0)
  }

  @Test func untimedFiresPastTheTimeoutAndGrowing() {
    var clock = WatchdogClock(tolerance: 120, timeout: 1800)
    clock.fire(minutes: 84, time: nil)
    clock.fire(minutes: 85, time: nil)
    #expect(clock.earlyFires == 1)
    // At the timeout, growing by a minute is a reset clock's jitter.
    var reset = WatchdogClock(tolerance: 120, timeout: 1800)
    reset.fire(minutes: 30, time: nil)
    reset.fire(minutes: 31, time: nil)
    #expect(reset.earlyFires == 0)
    // Without the policy's timeout, an untimed pair proves nothing.
    var unknown = WatchdogClock(tolerance: 120, timeout: nil)
    unknown.fire(minutes: 84, time: nil)
    unknown.fire(minutes: 85, time: nil)
    #expect(unknown.earlyFires == 0)
  }

  @Test func aStatedPeriodShorterThanTheIdleTime() {
    var clock = WatchdogClock(tolerance: 120, timeout: 1800)
    clock.fire(minutes: 31, time: nil)
    clock.repeats(every: 45)
    #expect(clock.earlyFires == 1)
    var quiet = WatchdogClock(tolerance: 120, timeout: 1800)
    quiet.fire(minutes: 30, time: nil)
    quiet.repeats(every: 1800)
    #expect(quiet.earlyFires == 0)
  }
}
