/// Merges the event streams of several inputs into one, ordered by log time.
///
/// Each input is already in its own order; the merger repeatedly takes the earliest head.
/// An event without a time sorts at the last time its input showed (never invented: the
/// event keeps `time == nil`), and ties keep input order, so the result is deterministic.
///
/// Heads are pulled only when an event is asked for, so a followed input's event is handed
/// out as soon as it is read. While a followed input is ``SourceStatus/waiting`` the merge
/// waits for it (its next line may be earlier than the others' heads); once it is quiet, the
/// others' events go on without it.
public struct EventMerger: EventSource {
  private var sources: [any EventSource]
  private var heads: [Event?]
  private var ended: [Bool]
  private var lastSeconds: [Double]
  public private(set) var status: SourceStatus = .waiting

  public init(_ sources: [any EventSource]) throws {
    self.sources = sources
    heads = Array(repeating: nil, count: sources.count)
    ended = Array(repeating: false, count: sources.count)
    lastSeconds = Array(repeating: -.infinity, count: sources.count)
  }

  public mutating func next() throws -> Event? {
    var waiting = false
    var best: Int?
    for index in heads.indices where !ended[index] {
      if heads[index] == nil {
        heads[index] = try sources[index].next()
        guard let head = heads[index] else {
          switch sources[index].status {
          case .ended: ended[index] = true
          case .waiting: waiting = true
          case .quiet: break
          }
          continue
        }
        if let seconds = head.time?.seconds { lastSeconds[index] = seconds }
      }
      if let current = best {
        if sortSeconds(index) < sortSeconds(current) { best = index }
      } else {
        best = index
      }
    }
    guard let chosen = best, !waiting else {
      status = waiting ? .waiting : ended.allSatisfy { $0 } ? .ended : .quiet
      return nil
    }
    defer { heads[chosen] = nil }
    return heads[chosen]
  }

  private func sortSeconds(_ index: Int) -> Double {
    heads[index]?.time?.seconds ?? lastSeconds[index]
  }
}
