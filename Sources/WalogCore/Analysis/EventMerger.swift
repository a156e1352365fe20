/// Merges the event streams of several inputs into one, ordered by log time.
///
/// Each input is already in its own order; the merger repeatedly takes the earliest head.
/// An event without a time sorts at the last time its input showed (never invented: the
/// event keeps `time == nil`), and ties keep input order, so the result is deterministic.
public struct EventMerger: EventSource {
  private var sources: [any EventSource]
  private var heads: [Event?]
  private var lastSeconds: [Double]

  public init(_ sources: [any EventSource]) throws {
    self.sources = sources
    heads = []
    lastSeconds = Array(repeating: -.infinity, count: sources.count)
    for index in sources.indices {
      heads.append(try self.sources[index].next())
      if let seconds = heads[index]?.time?.seconds { lastSeconds[index] = seconds }
    }
  }

  public mutating func next() throws -> Event? {
    var best: Int?
    for index in heads.indices where heads[index] != nil {
      if let current = best {
        if sortSeconds(index) < sortSeconds(current) { best = index }
      } else {
        best = index
      }
    }
    guard let chosen = best else { return nil }
    let event = heads[chosen]
    heads[chosen] = try sources[chosen].next()
    if let seconds = heads[chosen]?.time?.seconds { lastSeconds[chosen] = seconds }
    return event
  }

  private func sortSeconds(_ index: Int) -> Double {
    heads[index]?.time?.seconds ?? lastSeconds[index]
  }
}
