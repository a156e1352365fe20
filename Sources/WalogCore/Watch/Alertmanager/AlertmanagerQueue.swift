/// The alerts waiting for one Alertmanager, oldest first. An alert queued again replaces its
/// waiting version in place (only its newest state matters), so while Alertmanager is down the
/// queue holds each alert once; past `capacity` the oldest are dropped.
struct AlertmanagerQueue {
  let capacity: Int
  private var order: [String] = []
  private var waiting: [String: AlertmanagerAlert] = [:]

  init(capacity: Int) { self.capacity = capacity }

  var count: Int { order.count }
  var isEmpty: Bool { order.isEmpty }

  /// Queues `alert`; returns how many alerts were dropped to make room.
  mutating func add(_ alert: AlertmanagerAlert) -> Int {
    if waiting.updateValue(alert, forKey: alert.identity) == nil { order.append(alert.identity) }
    return trim()
  }

  /// Takes up to `limit` alerts from the front.
  mutating func take(_ limit: Int) -> [AlertmanagerAlert] {
    let identities = order.prefix(limit)
    order.removeFirst(identities.count)
    return identities.map { waiting.removeValue(forKey: $0)! }
  }

  /// Puts back a batch that could not be sent, at the front, except alerts queued again
  /// meanwhile (their newer state waits already); returns how many were dropped to make room.
  mutating func putBack(_ batch: [AlertmanagerAlert]) -> Int {
    let returning = batch.filter { waiting[$0.identity] == nil }
    for alert in returning { waiting[alert.identity] = alert }
    order.insert(contentsOf: returning.map(\.identity), at: 0)
    return trim()
  }

  private mutating func trim() -> Int {
    let excess = max(0, order.count - capacity)
    for identity in order.prefix(excess) { waiting[identity] = nil }
    order.removeFirst(excess)
    return excess
  }
}
