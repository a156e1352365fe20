/// A pull-based stream of events in log order; each stage of the pipeline pulls from the
/// previous one, so the analysis can be asked for its state at any point of the input.
public protocol EventSource {
  /// The next event, or nil when there is none to hand out now: at the end of the input, or,
  /// for an input that is being followed, when no line is waiting (``status`` tells which).
  mutating func next() throws -> Event?
  /// Why the last ``next()`` returned nil. Inputs that are read to their end only ever
  /// return nil at the end, so the default is ``SourceStatus/ended``.
  var status: SourceStatus { get }
}

extension EventSource {
  public var status: SourceStatus { .ended }
}

/// What a stage's nil meant.
public enum SourceStatus: Sendable, Equatable {
  /// There will be no more events.
  case ended
  /// A followed input has nothing now but just had: a stage holding events back (the merge
  /// across inputs, the file log's pairing) keeps holding them, as their partner may follow.
  case waiting
  /// A followed input has been quiet for a short spell on the wall clock: what a stage holds
  /// back is handed out now, so a live alert does not wait for the next line.
  case quiet
}
