/// A pull-based stream of events in log order; each stage of the pipeline pulls from the
/// previous one, so the analysis can be asked for its state at any point of the input.
public protocol EventSource {
  mutating func next() throws -> Event?
}

/// An in-memory source, for tests and for rule samples.
public struct ArrayEventSource: EventSource {
  private var events: [Event]
  private var index = 0
  public init(_ events: [Event]) { self.events = events }
  public mutating func next() -> Event? {
    guard index < events.count else { return nil }
    defer { index += 1 }
    return events[index]
  }
}
