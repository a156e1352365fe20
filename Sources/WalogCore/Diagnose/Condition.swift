/// A diagnosis' condition: leaves measure the log, `all`/`any`/`not` compose them.
/// docs/rules.md gives the YAML form of each.
public indirect enum Condition: Sendable {
  case all([Condition])
  case any([Condition])
  case not(Condition)
  case leaf(Leaf)

  /// One measurement compared with a bound.
  public struct Leaf: Sendable {
    public enum Measure: Sendable {
      /// Events matching the filter, in the scope.
      case count(EventFilter)
      /// The most matching events within any `window` seconds of log time.
      case rate(EventFilter, window: Double)
      /// Non-overlapping matches of a pattern over the stream's sequence of event kinds.
      case sequence(SequencePattern)
      /// A figure of the rebuilt cycles (``Figures``).
      case figure(String)
      /// The gateway version the log reveals, compared with a release.
      case version(GatewayVersion)
      /// Events matching `counting` after the last event matching the anchor; unknown (the
      /// comparison fails) when no event matched the anchor. `at_most: 0`: nothing afterwards.
      case after(EventFilter, counting: EventFilter)
      /// Events matching the filter that an event matching `preceding` preceded, or one
      /// matching `following` followed, by at most its `within` seconds of log time (each
      /// event counted once).
      case near(EventFilter, preceding: Anchor?, following: Anchor?)
    }
    /// The other end of a `near` measure: events matching `filter`, at most `within` seconds
    /// of log time away.
    public struct Anchor: Sendable {
      public var filter: EventFilter
      public var within: Double

      public init(filter: EventFilter, within: Double) {
        self.filter = filter
        self.within = within
      }
    }
    public enum Comparison: Sendable {
      case atLeast(Double)
      case atMost(Double)
      /// Versions: known and older than the release.
      case below
    }
    public var measure: Measure
    public var comparison: Comparison
    /// The name under which the measured value is reported and offered to templates.
    public var name: String?
    /// What the human reports call the named value (`label:`), when its name is no words.
    public var label: String?
    public var location: SourceLocation?

    public init(
      measure: Measure, comparison: Comparison, name: String?, label: String? = nil, location: SourceLocation?
    ) {
      self.measure = measure
      self.comparison = comparison
      self.name = name
      self.label = label
      self.location = location
    }
  }

  /// Every leaf, depth first, in the order written.
  public var leaves: [Leaf] {
    switch self {
    case .all(let parts), .any(let parts): parts.flatMap(\.leaves)
    case .not(let inner): inner.leaves
    case .leaf(let leaf): [leaf]
    }
  }

  /// Evaluates with `value(leafIndex)` giving each leaf's measured value (nil: unknown,
  /// which fails the comparison). Leaves are numbered as in ``leaves``.
  public func holds(_ value: (Int) -> Double?) -> Bool {
    var index = 0
    return evaluate(value, &index)
  }

  private func evaluate(_ value: (Int) -> Double?, _ index: inout Int) -> Bool {
    switch self {
    case .all(let parts):
      var result = true
      for part in parts where !part.evaluate(value, &index) { result = false }
      return result
    case .any(let parts):
      var result = false
      for part in parts where part.evaluate(value, &index) { result = true }
      return result
    case .not(let inner):
      return !inner.evaluate(value, &index)
    case .leaf(let leaf):
      defer { index += 1 }
      guard let measured = value(index) else { return false }
      switch leaf.comparison {
      case .atLeast(let bound): return measured >= bound
      case .atMost(let bound): return measured <= bound
      case .below: return measured < 0
      }
    }
  }
}
