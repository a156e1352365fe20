/// Typed access to composed YAML nodes that records a located diagnostic for every value of
/// the wrong shape instead of stopping at the first.
struct YAMLReader {
  let file: String
  private(set) var diagnostics: [RuleDiagnostic] = []

  init(file: String) { self.file = file }

  func location(of node: Node) -> SourceLocation {
    SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
  }

  mutating func error(_ node: Node, _ message: String) {
    diagnostics.append(RuleDiagnostic(location: location(of: node), message: message))
  }

  mutating func error(_ location: SourceLocation, _ message: String) {
    diagnostics.append(RuleDiagnostic(location: location, message: message))
  }

  /// How a node's shape is named in messages.
  static func describe(_ node: Node) -> String {
    switch node {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .scalar(let scalar):
      if node.isNull { return "nothing" }
      return "'\(scalar.string)'"
    }
  }

  /// A mapping's entries keyed by name; unknown keys and non-string keys are reported.
  /// `what` names the mapping in messages (`event 'x'`, `the rule file`).
  mutating func entries(of node: Node, what: String, allowed: [String]) -> [String: (key: Node, value: Node)]? {
    guard case .mapping(let mapping) = node else {
      error(node, "expected a mapping for \(what), found \(Self.describe(node))")
      return nil
    }
    var result: [String: (key: Node, value: Node)] = [:]
    for (key, value) in mapping {
      guard case .scalar(let scalar) = key else {
        error(key, "expected a key name in \(what), found \(Self.describe(key))")
        continue
      }
      guard allowed.contains(scalar.string) else {
        error(key, "unknown key '\(scalar.string)' in \(what); allowed keys: \(allowed.joined(separator: ", "))")
        continue
      }
      result[scalar.string] = (key, value)
    }
    return result
  }

  /// A required key's value, or a diagnostic at the mapping.
  mutating func required(
    _ key: String, in entries: [String: (key: Node, value: Node)], of mapping: Node, what: String
  ) -> Node? {
    guard let entry = entries[key] else {
      error(mapping, "\(what) is missing required key '\(key)'")
      return nil
    }
    return entry.value
  }

  /// Any scalar as text (`440` is fine for a string); null and collections are errors.
  mutating func string(_ node: Node, key: String) -> String? {
    guard case .scalar(let scalar) = node, !node.isNull else {
      error(node, "expected a string for '\(key)', found \(Self.describe(node))")
      return nil
    }
    return scalar.string
  }

  /// Plain (unquoted) scalars only, as YAML reads `true` and `'true'`. Tags are not
  /// resolved at load (see ``YAMLComposer``), so the words are read here.
  mutating func bool(_ node: Node, key: String) -> Bool? {
    guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Self.bool(scalar.string) else {
      error(node, "expected true or false for '\(key)', found \(Self.describe(node))")
      return nil
    }
    return value
  }

  mutating func int(_ node: Node, key: String) -> Int? {
    guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Int(scalar.string) else {
      error(node, "expected an integer for '\(key)', found \(Self.describe(node))")
      return nil
    }
    return value
  }

  static func bool(_ word: String) -> Bool? {
    switch word.lowercased() {
    case "true", "yes", "on": true
    case "false", "no", "off": false
    default: nil
    }
  }

  mutating func list(_ node: Node, key: String) -> [Node]? {
    if case .scalar = node, node.isNull { return [] }  // `events:` left empty
    guard case .sequence(let sequence) = node else {
      error(node, "expected a list for '\(key)', found \(Self.describe(node))")
      return nil
    }
    return Array(sequence)
  }

  /// A mapping of names to scalar values (`fields`, `json_fields`, `expect`).
  mutating func stringMap(_ node: Node, key: String) -> [String: String]? {
    if case .scalar = node, node.isNull { return [:] }
    guard case .mapping(let mapping) = node else {
      error(node, "expected a mapping of names to strings for '\(key)', found \(Self.describe(node))")
      return nil
    }
    var result: [String: String] = [:]
    for (name, value) in mapping {
      guard let name = string(name, key: key), let value = string(value, key: "\(key).\(name)") else {
        continue
      }
      result[name] = value
    }
    return result
  }
}

extension YAMLReader {
  /// Next steps: one step, or a list of them, each a non-empty sentence.
  mutating func steps(_ node: Node, key: String) -> [String]? {
    if case .sequence = node { return stringList(node, key: key) }
    guard let text = string(node, key: key) else { return nil }
    guard !text.isEmpty else {
      error(node, "expected a non-empty step or a list of steps for '\(key)'")
      return nil
    }
    return [text]
  }

  /// A list of strings (`names`, `subsystems`); each must be non-empty text.
  mutating func stringList(_ node: Node, key: String) -> [String]? {
    guard let items = list(node, key: key) else { return nil }
    var result: [String] = []
    for item in items {
      guard let text = string(item, key: key) else { continue }
      if text.isEmpty {
        error(item, "expected a non-empty string in '\(key)'")
        continue
      }
      result.append(text)
    }
    return result
  }

  /// `info`, `warning`, `error` or `critical`.
  mutating func severity(_ node: Node, key: String) -> Finding.Severity? {
    guard let text = string(node, key: key) else { return nil }
    guard let severity = Finding.Severity(rawValue: text) else {
      error(node, "unknown severity '\(text)' for '\(key)'; expected info, warning, error or critical")
      return nil
    }
    return severity
  }
}
