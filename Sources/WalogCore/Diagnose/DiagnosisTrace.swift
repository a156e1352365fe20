/// What one diagnosis measured on a log, condition by condition, in each scope it was judged
/// in: why it fired or did not (`walog analyze --why ID`).
public struct DiagnosisTrace: Sendable {
  public var id: String
  public var severity: Finding.Severity
  public var scope: Diagnosis.Scope
  /// The channels it is limited to (`channel:`), sorted; empty for every channel.
  public var channels: [String]
  /// The title as the rule file writes it (placeholders unfilled).
  public var title: String
  /// One entry per scope judged: each stream of its channels, or the whole log.
  public var scopes: [Scope]
  /// Streams of the log it was not judged on (another channel's).
  public var otherStreams: [StreamKey]
  /// Whether `watch` leaves it to the summary (`whole_log: true`).
  public var wholeLog: Bool

  /// One stream (or the whole log) and what the condition measured there.
  public struct Scope: Sendable {
    /// Nil for the whole log.
    public var stream: StreamKey?
    public var holds: Bool
    public var condition: Node
    /// The actions with a condition of their own: shown or not, and why.
    public var actions: [Action]
    /// The finding's title, filled in, when the condition holds.
    public var finding: String?
  }

  public struct Action: Sendable {
    public var text: String
    public var shown: Bool
    public var condition: Node?
    /// Channels the action is for; the stream's is not among them when this is not empty
    /// and the action is not shown for that reason.
    public var otherChannels: [String]
  }

  /// A condition with the outcome of each part.
  public indirect enum Node: Sendable {
    case all([Node], holds: Bool)
    case any([Node], holds: Bool)
    case not(Node, holds: Bool)
    case leaf(Leaf)

    public var holds: Bool {
      switch self {
      case .all(_, let holds), .any(_, let holds), .not(_, let holds): holds
      case .leaf(let leaf): leaf.holds
      }
    }
  }

  /// One measurement: what it is, what it came to, and the lines behind it.
  public struct Leaf: Sendable {
    /// As the rule file writes it: `count {kind: close, status: '440'} at least 1`.
    public var text: String
    /// The `as:` name, if any.
    public var name: String?
    /// The value as reports write it (`2`, `13m 38s`, `v2026.4.9`); nil when unknown on this log.
    public var value: String?
    public var holds: Bool
    /// Why the value is unknown or what it rests on (`no event matched the anchor`, the
    /// busiest window's bounds, the kinds a sequence was matched against).
    public var notes: [String]
    /// The lines the measure read: events its filter matched (`candidates`) and, for `after`
    /// and `near`, the anchors; the first few and the last of each, with the whole count.
    public var lines: [Lines]
  }

  public struct Lines: Sendable {
    /// `candidates`, `anchors`.
    public var role: String
    public var count: Int
    public var shown: [Evidence]
  }
}

extension DiagnosisTrace {
  /// The trace with every text that came from the log passed through `transform` (redaction).
  public func mappingTexts(_ transform: (String) -> String) -> DiagnosisTrace {
    var out = mappingLines { evidence in
      var evidence = evidence
      evidence.text = transform(evidence.text)
      return evidence
    }
    func key(_ key: StreamKey) -> StreamKey {
      StreamKey(channel: key.channel, account: transform(key.account), pid: key.pid)
    }
    out.scopes = out.scopes.map { scope in
      var scope = scope
      scope.stream = scope.stream.map(key)
      scope.condition = scope.condition.mappingLeaves { leaf in
        leaf.value = leaf.value.map(transform)
        leaf.notes = leaf.notes.map(transform)
      }
      scope.finding = scope.finding.map(transform)
      scope.actions = scope.actions.map { action in
        var action = action
        action.text = transform(action.text)
        return action
      }
      return scope
    }
    out.otherStreams = otherStreams.map(key)
    return out
  }

  /// The trace with every cited line passed through `transform`.
  func mappingLines(_ transform: (Evidence) -> Evidence) -> DiagnosisTrace {
    var out = self
    func each(_ leaf: inout Leaf) {
      leaf.lines = leaf.lines.map { lines in
        var lines = lines
        lines.shown = lines.shown.map(transform)
        return lines
      }
    }
    out.scopes = scopes.map { scope in
      var scope = scope
      scope.condition = scope.condition.mappingLeaves(each)
      scope.actions = scope.actions.map { action in
        var action = action
        action.condition = action.condition?.mappingLeaves(each)
        return action
      }
      return scope
    }
    return out
  }
}

extension DiagnosisTrace.Node {
  func mappingLeaves(_ transform: (inout DiagnosisTrace.Leaf) -> Void) -> DiagnosisTrace.Node {
    switch self {
    case .all(let parts, let holds): return .all(parts.map { $0.mappingLeaves(transform) }, holds: holds)
    case .any(let parts, let holds): return .any(parts.map { $0.mappingLeaves(transform) }, holds: holds)
    case .not(let inner, let holds): return .not(inner.mappingLeaves(transform), holds: holds)
    case .leaf(var leaf):
      transform(&leaf)
      return .leaf(leaf)
    }
  }
}
