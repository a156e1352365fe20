/// One stream's failure events, kept by kind and by the diagnoses whose evidence they are, so
/// that once the diagnoses are judged the failures none of them explained can be told apart;
/// and how the stream ended. Memory is bounded whatever the log's length: a tally per kind and
/// citing diagnoses, and the first and last runs of kinds in order.
struct FailureLedger: Sendable {
  /// A kind of failure as the diagnoses saw it: the ids (indices) of those that cite it.
  struct Key: Hashable, Sendable {
    var kind: EventKind
    var citedBy: [Int]
  }

  /// What the failures of one key add up to.
  struct Tally: Sendable {
    var count = 0
    /// Close statuses as printed, with their counts.
    var statuses: [String: Int] = [:]
    /// The first few distinct reasons (health-restart reasons, exit errors).
    var reasons: [String] = []
    var maxAttempt: Int?
    var first: LogTime?
    var last: LogTime?
    var evidence = EvidenceSample()

    static let reasonCap = 3

    mutating func add(_ event: Event) {
      count += 1
      if let status = event.status { statuses[status, default: 0] += 1 }
      if let reason = event.reason, !reason.isEmpty, reasons.count < Self.reasonCap, !reasons.contains(reason) {
        reasons.append(reason)
      }
      if let attempt = event.attempt { maxAttempt = max(maxAttempt ?? attempt, attempt) }
      if let time = event.time {
        if first == nil { first = time }
        last = time
      }
      evidence.add(event)
    }
  }

  /// Consecutive failures of one key.
  struct Run: Sendable {
    var key: Key
    var count: Int
  }

  /// Keys in the order they first came, and their tallies.
  private(set) var keys: [Key] = []
  private(set) var tallies: [Key: Tally] = [:]
  private(set) var runs = BoundedList<Run>(head: 24, tail: 4)
  private var run: Run?
  /// How the stream ended so far, and the line that shows it.
  private(set) var ending: ExplainPolicy.Ending?
  private(set) var endingEvent: Event?
  /// Failures of any kind in a row since the stream last recovered, and the most there were.
  private var streak = 0
  private(set) var longestStreak = 0
  /// Per failure kind: the times of its latest failures within the policy's `repeated.within`,
  /// and the most there ever were.
  private var recentTimes: [EventKind: [Double]] = [:]
  private(set) var mostWithin: [EventKind: Int] = [:]
  /// Per failure kind, the first repeat that stands for a user's mark of more of the same.
  private(set) var marks: [EventKind: Event] = [:]

  /// Counts `event`: a failure (`meaning`) under the diagnoses that cite it, and, whatever its
  /// kind, what it says about how the stream ended (`kindEnding`: the policy's ending for its
  /// kind). `repeated`: the policy's `repeated.within` and its bound for the event's kind.
  mutating func add(
    _ event: Event, isFailure: Bool, kindEnding: ExplainPolicy.Ending?, citedBy: [Int],
    repeated: (within: Double, bound: Int?)? = nil
  ) {
    // An exit right after a stop that was asked for is that stop completing.
    if let ending = kindEnding ?? Self.ending(of: event.roles)
      ?? (isFailure ? Self.ending(of: event) : nil),
      !(ending == .exited && self.ending == .shutDown)
    {
      self.ending = ending
      endingEvent = event
      if ending == .recovered { streak = 0 }
    }
    guard isFailure else { return }
    streak += 1
    longestStreak = max(longestStreak, streak)
    if let repeated, let time = event.time?.seconds {
      let count = Self.keep(time, in: &recentTimes[event.kind, default: []], window: repeated.within,
        bound: repeated.bound)
      mostWithin[event.kind, default: 0] = max(mostWithin[event.kind, default: 0], count)
    }
    // A paste's mark of more of the same repeats the failure before it: once more in a row,
    // but no line of its own to count.
    if event.mark != nil {
      if marks[event.kind] == nil { marks[event.kind] = event }
      return
    }
    let key = Key(kind: event.kind, citedBy: Self.isAscending(citedBy) ? citedBy : citedBy.sorted())
    if let index = tallies.index(forKey: key) {
      tallies.values[index].add(event)
    } else {
      keys.append(key)
      tallies[key, default: Tally()].add(event)
    }
    if run?.key == key {
      run!.count += 1
    } else {
      if let run { runs.append(run) }
      run = Run(key: key, count: 1)
    }
  }

  /// Adds `time` to a kind's latest failure times, keeping those within `window` seconds of it
  /// (as many as the bound at most: they are all it takes); how many there are now.
  private static func keep(_ time: Double, in times: inout [Double], window: Double, bound: Int?) -> Int {
    times.removeAll { time - $0 > window }
    times.append(time)
    if let bound, times.count > bound { times.removeFirst(times.count - bound) }
    return times.count
  }

  private static func isAscending(_ list: [Int]) -> Bool {
    zip(list, list.dropFirst()).allSatisfy { $0 < $1 }
  }

  /// The ending a kind's role in runs and cycles shows (docs/rules.md, "Every failure is
  /// explained"); nil for a kind without such a role.
  static func ending(of roles: KindRoles) -> ExplainPolicy.Ending? {
    if roles.contains(.connects) { return .recovered }
    if roles.contains(.retries) { return .retrying }
    if roles.containsAny(KindRoles([.restarts, .healthRestarts, .restartsEveryChannel, .starts])) { return .restarting }
    if roles.containsAny(KindRoles([.givesUp, .supervisorGivesUp])) { return .gaveUp }
    if roles.containsAny(KindRoles([.stops, .logsOut])) { return .stopped }
    if roles.contains(.exits) { return .exited }
    return nil
  }

  /// A failure with no ending of its own kind: retrying when it announces another attempt.
  private static func ending(of event: Event) -> ExplainPolicy.Ending {
    if event.delaySeconds != nil { return .retrying }
    if let attempt = event.attempt, let max = event.maxAttempts.flatMap(Int.init), attempt < max { return .retrying }
    if event.attempt != nil, event.maxAttempts == "∞" { return .retrying }
    return .failing
  }

  /// The runs in order, the current one included, and how many were left out in between.
  var allRuns: (items: [Run], omittedAfter: Int, omitted: Int) {
    var list = runs
    if let run { list.append(run) }
    return list.kept
  }
}
