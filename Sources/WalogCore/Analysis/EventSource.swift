/// A pull-based stream of events in log order; each stage of the pipeline pulls from the
/// previous one, so the analysis can be asked for its state at any point of the input.
public protocol EventSource {
  mutating func next() throws -> Event?
}
