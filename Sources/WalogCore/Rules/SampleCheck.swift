/// A rule sample that did not behave as its rule file says.
public struct SampleFailure: Sendable, Equatable, CustomStringConvertible {
  /// The event rule the sample belongs to.
  public var ruleID: String
  /// The sample log line.
  public var line: String
  /// Where the sample's `line:` is in the rule file.
  public var location: SourceLocation
  /// What differed, e.g. `no match`, `capture 'status' was '428', expected '440'`.
  public var problem: String

  public init(ruleID: String, line: String, location: SourceLocation, problem: String) {
    self.ruleID = ruleID
    self.line = line
    self.location = location
    self.problem = problem
  }

  public var description: String {
    "\(location): error: sample of event '\(ruleID)': \(problem)\n  \(line)"
  }
}

extension RuleSet {
  /// Runs every event rule's samples, which are full log lines, through `parse` (the
  /// Envelope stage's parser), the prefilter and the matcher, and reports each sample that
  /// does not behave as stated: a `match: false` sample must not match its rule; any other
  /// sample must be found by the prefilter in the raw line, must be matched by its own rule
  /// before any other rule, and must have exactly the `expect`ed values (captures, JSON
  /// fields, fixed fields and the resolved `channel`).
  public func checkSamples(parse: (UnsafeRawBufferPointer) -> ParsedLine) -> [SampleFailure] {
    let prefilter = makePrefilter()
    let matcher = makeEventMatcher()
    var failures: [SampleFailure] = []
    for (index, rule) in events.enumerated() {
      for sample in rule.samples {
        func fail(_ problem: String) {
          failures.append(
            SampleFailure(ruleID: rule.id, line: sample.line, location: sample.location, problem: problem))
        }
        var raw = Array(sample.line.utf8)
        raw.append(0x0A)
        raw.withUnsafeBytes { block in
          let lineBytes = UnsafeRawBufferPointer(rebasing: block.dropLast())
          let line = parse(lineBytes)
          guard sample.shouldMatch else {
            if matcher.firstMatch(line, candidates: [index]) != nil {
              fail("unexpected match (the sample says 'match: false')")
            }
            return
          }
          prefilter.scan(block)
          let found = prefilter.candidates.first.map { prefilter.rules(of: $0).contains(index) } ?? false
          if !found {
            let literals = (rule.literals ?? []).map { "'\($0)'" }.joined(separator: ", ")
            fail("the prefilter finds none of the rule's literals (\(literals)) in the raw line")
          }
          guard let (winner, reading) = matcher.firstMatch(line, candidates: events.indices) else {
            fail("no match (normalised message: '\(String(decoding: line.message, as: UTF8.self))')")
            return
          }
          if winner != index {
            if matcher.firstMatch(line, candidates: [index]) != nil {
              fail("matched by the earlier rule '\(events[winner].id)' first")
            } else {
              fail("no match (the line is matched by rule '\(events[winner].id)' instead)")
            }
            return
          }
          let values = matcher.values(rule: index, line: reading).byName
          for (key, expected) in sample.expect.sorted(by: { $0.key < $1.key }) {
            guard let actual = values[key] else {
              fail("capture '\(key)' is missing, expected '\(expected)'")
              continue
            }
            if actual != expected { fail("capture '\(key)' was '\(actual)', expected '\(expected)'") }
          }
        }
      }
    }
    return failures
  }
}
