/// Folds the file log's structured records into the human lines they restate.
///
/// The JSON file log writes a close twice: a structured `web reconnect: connection closed`
/// record (fields: status, reconnectAttempts, connectionId…) and the human
/// `WhatsApp Web connection closed (status 440). Retry 2/12 …` line, a millisecond apart.
/// A detail event enriches the nearest human event of the same channel and host (before or
/// after it) whose kind has the role `restatable`, within `window` seconds of log time, or
/// within `maxDistance` events when times are unknown (the rules' `detail_pairing` policy). A
/// detail that no human line accompanies (a log filtered to those records)
/// is passed on as an event of its own, so a close is counted exactly once either way.
/// While following a live input, details still waiting are handed out when it goes quiet.
public struct DetailPairer: EventSource {
  public var window: Double
  public var maxDistance: Int

  private var upstream: any EventSource
  /// Events not yet handed out, in log order: a detail waiting for its human line holds back
  /// the events read after it, so that one passed on alone keeps its place (a conflict's
  /// record before the exit and restart that followed it).
  private var queue: [(event: Event, age: Int, waiting: Bool)] = []
  private var head = 0
  private var waitingCount = 0
  /// The most recent human event per channel and host, to absorb details written just after
  /// it. By channel, then host: a log names one host or a few, searched rather than hashed.
  private var lastHuman: [String: [(host: String?, time: LogTime?, sequence: Int)]] = [:]
  private var sequence = 0
  private var finished = false
  public private(set) var status: SourceStatus = .waiting

  /// Pairs within `policy`'s `detail_pairing` (the rules' top-level policies); without it, a
  /// detail pairs only with a line of the same time (or the very next event).
  public init(_ upstream: any EventSource, policy: ChannelPolicy) {
    self.upstream = upstream
    window = policy.detailWindowSeconds ?? 0
    maxDistance = policy.detailMaxDistance ?? 1
  }

  public mutating func next() throws -> Event? {
    while head >= queue.count || queue[head].waiting {
      if head >= queue.count {
        queue.removeAll(keepingCapacity: true)
        head = 0
        if finished { return nil }
      }
      guard let event = try upstream.next() else {
        status = upstream.status
        if status == .waiting { return nil }
        // The end, or a quiet spell: no human line is coming for what waits.
        finished = status == .ended
        release(before: nil)
        if head >= queue.count { return nil }
        continue
      }
      absorb(event)
    }
    defer { head += 1 }
    return queue[head].event
  }

  private mutating func absorb(_ event: Event) {
    sequence += 1
    // Details too old to be paired any more are passed on, in their place.
    if waitingCount > 0 { release(before: event) }
    if event.isDetail {
      if let human = lastHuman[event.channel]?.first(where: { $0.host == event.host }),
        isNear(human.time, human.sequence, event)
      {
        return  // restates a human line already handed out
      }
      queue.append((event, sequence, true))
      waitingCount += 1
      return
    }
    var event = event
    if event.roles.contains(.restatable) {
      if waitingCount > 0 {
        var kept = Array(queue[..<head])
        for entry in queue[head...] {
          if entry.waiting && entry.event.channel == event.channel && entry.event.host == event.host
            && isNear(entry.event.time, entry.age, event)
          {
            enrich(&event, with: entry.event)
            waitingCount -= 1
          } else {
            kept.append(entry)
          }
        }
        queue = kept
      }
      remember(event)
    }
    queue.append((event, sequence, false))
  }

  /// Stops holding back the waiting details no human line can pair any more: those too far
  /// from `event`, or all of them (nil).
  private mutating func release(before event: Event?) {
    for index in head..<queue.count where queue[index].waiting {
      if let event, isNear(queue[index].event.time, queue[index].age, event) { continue }
      queue[index].waiting = false
      waitingCount -= 1
    }
  }

  /// Notes `event` as its channel's and host's latest human line.
  private mutating func remember(_ event: Event) {
    Self.note((event.host, event.time, sequence), in: &lastHuman[event.channel, default: []])
  }

  private static func note(
    _ latest: (host: String?, time: LogTime?, sequence: Int), in hosts: inout [(host: String?, time: LogTime?, sequence: Int)]
  ) {
    if let index = hosts.firstIndex(where: { $0.host == latest.host }) { hosts[index] = latest } else { hosts.append(latest) }
  }

  private func isNear(_ time: LogTime?, _ order: Int, _ event: Event) -> Bool {
    if let time, let other = event.time {
      return abs(other.seconds - time.seconds) <= window
    }
    return sequence - order <= maxDistance
  }

  /// Fills what the human line left out (status, account, connection id) as fields, never
  /// overriding what it printed. Attempt counters stay as the human line announced them,
  /// so a log counts the same retries whichever sink it came from.
  private func enrich(_ event: inout Event, with detail: Event) {
    // A give-up's status counts as a close only when its own line prints it (`closed during
    // setup (status 408) after 12/12 attempts`), as the console shows it; a record's status
    // would count the file log's give-up once more than the same story on the console.
    if event.status == nil, !event.roles.contains(.givesUp) { event.status = detail.status }
    if event.account == nil { event.account = detail.account }
    for (key, value) in detail.fields where event.fields[key] == nil {
      event.fields[key] = value
    }
  }
}
