/// A condition written back as the rule file writes it (`count {kind: close, status: '440'}`),
/// for `walog analyze --why`: the reader compares what was measured with what the rule asks.
enum ConditionText {
  /// The leaf's measure and bound: `count {kind: stop_timeout} at least 1`.
  static func leaf(_ leaf: Condition.Leaf) -> String {
    let measure: String
    switch leaf.measure {
    case .count(let filter): measure = "count " + self.filter(filter)
    case .rate(let filter, let window):
      measure = "rate " + self.filter(filter) + " within " + TimeText.duration(window)
    case .sequence(let pattern): measure = "sequence '\(pattern.source)'"
    case .figure(let name): measure = "figure \(name)"
    case .version(let release):
      if case .below = leaf.comparison { return "version below \(release)" }
      return "version at least \(release)"
    case .after(let anchor, let counting):
      measure = "count " + filter(counting) + " after the last " + filter(anchor)
    case .near(let filter, let preceding, let following):
      var anchors: [String] = []
      if let preceding {
        anchors.append("at most \(TimeText.duration(preceding.within)) after " + self.filter(preceding.filter))
      }
      if let following {
        anchors.append("at most \(TimeText.duration(following.within)) before " + self.filter(following.filter))
      }
      measure = "count " + self.filter(filter) + " " + anchors.joined(separator: ", or ")
    }
    return measure + " " + bound(leaf.comparison)
  }

  static func bound(_ comparison: Condition.Leaf.Comparison) -> String {
    switch comparison {
    case .atLeast(let value): "at least " + number(value)
    case .atMost(let value): "at most " + number(value)
    case .below: "below"
    }
  }

  /// `{kind: [close, stop], status: '440', except: {fields: {outcome: clean}}}`; `{}` for any event.
  static func filter(_ filter: EventFilter) -> String {
    var parts: [String] = []
    func list(_ key: String, _ values: [String]) {
      guard !values.isEmpty else { return }
      let shown = values.map(scalar)
      parts.append("\(key): " + (shown.count == 1 ? shown[0] : "[" + shown.joined(separator: ", ") + "]"))
    }
    list("kind", filter.kinds.map(\.rawValue).sorted())
    list("status", filter.statuses.sorted())
    list("class", filter.classes.map(\.rawValue).sorted())
    list("reason", filter.reasons.sorted())
    list("channel", filter.channels.sorted())
    list("rule", filter.rules.sorted())
    list("text", filter.textContains)
    if !filter.fieldTests.isEmpty {
      parts.append("fields: {" + filter.fieldTests.map(field).joined(separator: ", ") + "}")
    }
    if !filter.exceptions.isEmpty {
      let except = filter.exceptions.map(self.filter)
      parts.append("except: " + (except.count == 1 ? except[0] : "[" + except.joined(separator: ", ") + "]"))
    }
    return "{" + parts.joined(separator: ", ") + "}"
  }

  private static func field(_ test: EventFilter.FieldTest) -> String {
    var bounds: [String] = []
    if let atLeast = test.atLeast { bounds.append("at_least: " + number(atLeast)) }
    if let atMost = test.atMost { bounds.append("at_most: " + number(atMost)) }
    if !bounds.isEmpty { return "\(test.name): {" + bounds.joined(separator: ", ") + "}" }
    let values = test.values.sorted().map(scalar)
    return "\(test.name): " + (values.count == 1 ? values[0] : "[" + values.joined(separator: ", ") + "]")
  }

  /// Quoted when YAML would not read it as the same word (numbers, spaces, punctuation).
  private static func scalar(_ text: String) -> String {
    let plain = !text.isEmpty && text.utf8.allSatisfy { byte in
      (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F || byte == 0x2D
        || (byte >= 0x30 && byte <= 0x39)
    } && Double(text) == nil
    return plain ? text : "'" + text.replacing("'", with: "''") + "'"
  }

  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}
