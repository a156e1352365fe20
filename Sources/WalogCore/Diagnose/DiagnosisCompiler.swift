/// Compiles `diagnoses:` entries into ``Diagnosis`` values, reporting every problem with its
/// file, line and column. docs/rules.md documents the language.
struct DiagnosisCompiler {
  private var reader: YAMLReader
  /// Event kinds, status classes and names the file defines, to catch typos.
  private let knownKinds: Set<EventKind>
  /// Per role, the kinds that have it (in sequences, a role's name stands for them).
  private let kindsByRole: [String: [String]]
  /// The event rules' ids, for `rule:` filters.
  private let knownRules: Set<String>

  static let diagnosisKeys = [
    "id", "severity", "scope", "channel", "title", "root_cause", "actions", "when", "evidence",
    "report", "tests", "gateway_wide", "whole_log", "explains",
  ]
  static let filterKeys = ["kind", "role", "status", "class", "reason", "channel", "rule", "text", "fields", "except"]
  static let comparisonKeys = ["at_least", "at_most", "as", "label"]
  static let roleNames = KindRole.allCases.map(\.rawValue).joined(separator: ", ")
  static let builtinPlaceholders: Set<String> = [
    "channel", "channel_name", "account", "stream", "account_flag", "version", "lines",
  ]

  /// What diagnoses may name of the rules' kinds: every kind, and per role the kinds that have
  /// it. Made once per rule set, not per diagnosis (sorting the kinds each time cost a third
  /// of compiling the built-in diagnoses).
  struct KindIndex {
    let known: Set<EventKind>
    let byRole: [String: [String]]

    init(_ kinds: [EventKind: KindRule]) {
      known = Set(kinds.keys)
      var byRole = Dictionary(uniqueKeysWithValues: KindRole.allCases.map { ($0.rawValue, [String]()) })
      for kind in kinds.values.sorted(by: { $0.id < $1.id }) {
        for role in kind.roles ?? [] { byRole[role.rawValue, default: []].append(kind.id.rawValue) }
      }
      self.byRole = byRole
    }
  }

  init(file: String, kinds: KindIndex, knownRules: Set<String>) {
    reader = YAMLReader(file: file)
    knownKinds = kinds.known
    kindsByRole = kinds.byRole
    self.knownRules = knownRules
  }

  var diagnostics: [RuleDiagnostic] { reader.diagnostics }

  mutating func compile(_ source: DiagnosisSource) -> Diagnosis? {
    let node = source.node
    guard let entries = reader.entries(of: node, what: "a diagnosis", allowed: Self.diagnosisKeys)
    else { return nil }
    let id = entries["id"].flatMap { reader.string($0.value, key: "id") } ?? "?"
    let what = "diagnosis '\(id)'"
    guard let idNode = reader.required("id", in: entries, of: node, what: "a diagnosis"),
      reader.string(idNode, key: "id") != nil,
      let severityNode = reader.required("severity", in: entries, of: node, what: what),
      let titleNode = reader.required("title", in: entries, of: node, what: what),
      let causeNode = reader.required("root_cause", in: entries, of: node, what: what),
      let whenNode = reader.required("when", in: entries, of: node, what: what)
    else { return nil }

    let severity = readSeverity(severityNode)
    let scope = readScope(entries["scope"]?.value)
    let channels = entries["channel"].map { stringSet($0.value, key: "channel") } ?? []
    let condition = readCondition(whenNode, allowEvents: true)
    let actions = entries["actions"].map { readActions($0.value) } ?? []
    let evidence = entries["evidence"].map { filters($0.value) }
    let report = entries["report"].map { figureNames($0.value, leaves: condition?.leaves ?? []) } ?? []
    let tests = entries["tests"].map { readTests($0.value) } ?? []
    let gatewayWide = entries["gateway_wide"].map { filters($0.value) } ?? []
    let explains = entries["explains"].map { filters($0.value) } ?? []
    let wholeLog = entries["whole_log"].map { reader.bool($0.value, key: "whole_log") }
    let title = reader.string(titleNode, key: "title")
    let rootCause = reader.string(causeNode, key: "root_cause")

    let leaves = (condition?.leaves ?? []) + actions.flatMap { $0.condition?.leaves ?? [] }
    checkPlaceholders(
      leaves: leaves, texts: [(title, titleNode), (rootCause, causeNode)]
        + actions.map { ($0.text, entries["actions"]?.value ?? causeNode) })
    guard let severity, let scope, let condition, let title, let rootCause, wholeLog != .some(nil)
    else { return nil }
    return Diagnosis(
      id: id, severity: severity, scope: scope, channels: channels, title: title,
      rootCause: rootCause, actions: actions, condition: condition,
      evidence: evidence ?? Self.countedFilters(condition), report: report,
      gatewayWide: gatewayWide, explains: explains, tests: tests, wholeLog: wholeLog.flatMap { $0 } ?? false,
      location: reader.location(of: node))
  }

  // MARK: - Scalars

  private mutating func readSeverity(_ node: Node) -> Finding.Severity? {
    reader.severity(node, key: "severity")
  }

  private mutating func readScope(_ node: Node?) -> Diagnosis.Scope? {
    guard let node else { return .stream }
    guard let text = reader.string(node, key: "scope") else { return nil }
    guard let scope = Diagnosis.Scope(rawValue: text) else {
      reader.error(node, "unknown scope '\(text)'; expected stream or log")
      return nil
    }
    return scope
  }

  /// A string or a list of strings.
  private mutating func stringSet(_ node: Node, key: String) -> Set<String> {
    Set(strings(node, key: key))
  }

  private mutating func strings(_ node: Node, key: String) -> [String] {
    if case .sequence(let items) = node {
      return items.compactMap { reader.string($0, key: key) }
    }
    return reader.string(node, key: key).map { [$0] } ?? []
  }

  private mutating func number(_ node: Node, key: String) -> Double? {
    guard let text = reader.string(node, key: key), let value = Double(text) else {
      reader.error(node, "expected a number for '\(key)', found \(YAMLReader.describe(node))")
      return nil
    }
    return value
  }

  /// `90s`, `10m`, `1h`, `1.5h`.
  private mutating func window(_ node: Node, key: String = "window") -> Double? {
    guard let text = reader.string(node, key: key) else { return nil }
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
    for (unit, scale) in units where text.hasSuffix(unit) {
      if let value = Double(text.dropLast(unit.count)), value > 0 { return value * scale }
    }
    reader.error(node, "expected a duration such as 90s, 10m or 1h for '\(key)', found '\(text)'")
    return nil
  }

  // MARK: - Conditions

  private mutating func readCondition(_ node: Node, allowEvents: Bool) -> Condition? {
    guard case .mapping(let mapping) = node, var firstKey = mapping.keys.first?.string else {
      reader.error(node, "expected a condition (all, any, not, count, rate, sequence, after, figure or version), found \(YAMLReader.describe(node))")
      return nil
    }
    // `after` names the anchor; the leaf's `count` is what follows it.
    if mapping.keys.contains(where: { $0.string == "after" }) { firstKey = "after" }
    switch firstKey {
    case "all", "any":
      guard let entries = reader.entries(of: node, what: "'\(firstKey)'", allowed: [firstKey]),
        let list = reader.list(entries[firstKey]!.value, key: firstKey)
      else { return nil }
      if list.isEmpty { reader.error(node, "'\(firstKey)' needs at least one condition") }
      let parts = list.compactMap { readCondition($0, allowEvents: allowEvents) }
      guard parts.count == list.count else { return nil }
      return firstKey == "all" ? .all(parts) : .any(parts)
    case "not":
      guard let entries = reader.entries(of: node, what: "'not'", allowed: ["not"]),
        let inner = readCondition(entries["not"]!.value, allowEvents: allowEvents)
      else { return nil }
      return .not(inner)
    case "count", "rate", "sequence", "after":
      guard allowEvents else {
        reader.error(node, "an action's condition can use only figure and version")
        return nil
      }
      return leaf(node, measure: firstKey).map(Condition.leaf)
    case "figure", "version":
      return leaf(node, measure: firstKey).map(Condition.leaf)
    default:
      reader.error(mapping.keys.first!, "unknown condition '\(firstKey)'; expected all, any, not, count, rate, sequence, after, figure or version")
      return nil
    }
  }

  private mutating func leaf(_ node: Node, measure kind: String) -> Condition.Leaf? {
    let extra: [String: [String]] = [
      "rate": ["window"], "count": ["preceded_by", "within", "followed_by", "followed_within"], "after": ["count"],
    ]
    let allowed = [kind] + Self.comparisonKeys + (extra[kind] ?? [])
    guard let entries = reader.entries(of: node, what: "a '\(kind)' condition", allowed: kind == "version" ? ["version"] : allowed)
    else { return nil }
    let body = entries[kind]!.value
    let name = entries["as"].flatMap { reader.string($0.value, key: "as") }
    let label = entries["label"].flatMap { reader.string($0.value, key: "label") }
    if let entry = entries["label"], name == nil {
      reader.error(entry.key, "'label' gives the words for a value named with 'as'; give 'as' too")
    }
    let location = reader.location(of: node)
    if kind == "version" { return versionLeaf(body, location: location) }

    var comparison: Condition.Leaf.Comparison?
    if let atLeast = entries["at_least"] { comparison = number(atLeast.value, key: "at_least").map { .atLeast($0) } }
    if let atMost = entries["at_most"] {
      if comparison != nil { reader.error(atMost.key, "give either 'at_least' or 'at_most', not both") }
      comparison = number(atMost.value, key: "at_most").map { .atMost($0) }
    }
    if comparison == nil {
      guard kind == "sequence", entries["at_least"] == nil, entries["at_most"] == nil else {
        if entries["at_least"] == nil && entries["at_most"] == nil {
          reader.error(node, "a '\(kind)' condition needs 'at_least' or 'at_most'")
        }
        return nil
      }
      comparison = .atLeast(1)
    }

    var measure: Condition.Leaf.Measure
    switch kind {
    case "count":
      guard let filter = filter(body) else { return nil }
      measure = .count(filter)
      let preceding = anchor(entries, node, by: "preceded_by", within: "within")
      let following = anchor(entries, node, by: "followed_by", within: "followed_within")
      if preceding != nil || following != nil {
        measure = .near(filter, preceding: preceding, following: following)
      }
    case "after":
      guard let anchor = filter(body) else { return nil }
      guard let counting = entries["count"].map({ self.filter($0.value) }) ?? EventFilter() else { return nil }
      measure = .after(anchor, counting: counting)
    case "rate":
      guard let windowNode = entries["window"] else {
        reader.error(node, "a 'rate' condition needs a 'window' such as 10m")
        return nil
      }
      guard let filter = filter(body), let seconds = window(windowNode.value) else { return nil }
      measure = .rate(filter, window: seconds)
    case "sequence":
      guard let text = reader.string(body, key: "sequence") else { return nil }
      do {
        let pattern = try SequencePattern(text, roles: kindsByRole)
        for word in pattern.kinds where !knownKinds.contains(EventKind(rawValue: word)) && kindsByRole[word] == nil {
          reader.error(
            body,
            "unknown event kind or role '\(word)' in sequence; kinds in this rule file: \(knownKinds.map(\.rawValue).sorted().joined(separator: ", ")); roles: \(Self.roleNames)")
        }
        measure = .sequence(pattern)
      } catch {
        reader.error(body, error.message)
        return nil
      }
    default:
      guard let figure = reader.string(body, key: "figure") else { return nil }
      guard Figures.unit(of: figure) != nil else {
        reader.error(body, "unknown figure '\(figure)'; figures: \(Figures.catalog.map(\.name).joined(separator: ", "))")
        return nil
      }
      measure = .figure(figure)
    }
    return Condition.Leaf(measure: measure, comparison: comparison!, name: name, label: label, location: location)
  }

  /// The anchor of a `count` leaf that keys `by` and `within` give (`preceded_by: {…}, within:
  /// 5m`); nil when neither is there, or after an error (which fails the load).
  private mutating func anchor(
    _ entries: [String: (key: Node, value: Node)], _ node: Node, by: String, within: String
  ) -> Condition.Leaf.Anchor? {
    if entries[by] == nil && entries[within] == nil { return nil }
    guard let anchorNode = entries[by], let withinNode = entries[within] else {
      reader.error(node, "'\(by)' and '\(within)' go together, e.g. \(by): {kind: liveness_warning}, \(within): 5m")
      return nil
    }
    guard let filter = self.filter(anchorNode.value), let seconds = window(withinNode.value, key: within) else {
      return nil
    }
    return Condition.Leaf.Anchor(filter: filter, within: seconds)
  }

  private mutating func versionLeaf(_ body: Node, location: SourceLocation) -> Condition.Leaf? {
    guard let entries = reader.entries(of: body, what: "a 'version' condition", allowed: ["below", "at_least"]),
      entries.count == 1, let (key, entry) = entries.first
    else {
      reader.error(body, "a 'version' condition takes one of 'below' or 'at_least'")
      return nil
    }
    guard let text = reader.string(entry.value, key: key) else { return nil }
    guard let version = GatewayVersion(parsing: text) else {
      reader.error(entry.value, "expected an OpenClaw version such as 2026.2.24, found '\(text)'")
      return nil
    }
    return Condition.Leaf(
      measure: .version(version), comparison: key == "below" ? .below : .atLeast(0), name: nil,
      location: location)
  }

  // MARK: - Filters

  private mutating func filters(_ node: Node) -> [EventFilter] {
    if case .sequence(let items) = node { return items.compactMap { filter($0) } }
    return filter(node).map { [$0] } ?? []
  }

  private mutating func filter(_ node: Node) -> EventFilter? {
    if case .scalar = node, node.isNull { return EventFilter() }
    guard let entries = reader.entries(of: node, what: "an event filter", allowed: Self.filterKeys) else {
      return nil
    }
    var filter = EventFilter()
    for (key, entry) in entries {
      if key == "fields" {
        filter.fieldTests = fieldTests(entry.value)
        continue
      }
      if key == "except" {
        filter.exceptions = filters(entry.value)
        continue
      }
      let values = strings(entry.value, key: key)
      switch key {
      case "kind":
        filter.kinds = Set(values.map(EventKind.init(rawValue:)))
        for kind in filter.kinds where !knownKinds.contains(kind) {
          reader.error(entry.value, "unknown event kind '\(kind)'; kinds in this rule file: \(knownKinds.map(\.rawValue).sorted().joined(separator: ", "))")
        }
      case "role":
        filter.roles = KindRoles(values.compactMap { value in
          guard let role = KindRole(rawValue: value) else {
            reader.error(entry.value, "unknown role '\(value)'; roles: \(Self.roleNames)")
            return nil
          }
          return role
        })
      case "status": filter.statuses = Set(values)
      case "class":
        for value in values {
          if let statusClass = StatusRule.StatusClass(rawValue: value) {
            filter.classes.insert(statusClass)
          } else {
            reader.error(entry.value, "unknown status class '\(value)'; expected persistent, transient or benign")
          }
        }
      case "reason": filter.reasons = Set(values)
      case "channel": filter.channels = Set(values)
      case "rule":
        filter.rules = Set(values)
        for rule in values where !knownRules.contains(rule) {
          reader.error(entry.value, "no event rule has the id '\(rule)'")
        }
      default: filter.textContains = values
      }
    }
    return filter
  }

  /// `fields: {phase: setup, minutes: {at_least: 30}}`: a value (or list of values) to equal,
  /// or numeric bounds.
  private mutating func fieldTests(_ node: Node) -> [EventFilter.FieldTest] {
    guard case .mapping(let mapping) = node else {
      reader.error(node, "expected a mapping of field names for 'fields', found \(YAMLReader.describe(node))")
      return []
    }
    var tests: [EventFilter.FieldTest] = []
    for (key, value) in mapping {
      guard let name = reader.string(key, key: "fields") else { continue }
      var test = EventFilter.FieldTest(name: name)
      if case .mapping = value {
        guard let bounds = reader.entries(of: value, what: "bounds of field '\(name)'", allowed: ["at_least", "at_most"])
        else { continue }
        if bounds.isEmpty { reader.error(value, "bounds of field '\(name)' need 'at_least' or 'at_most'") }
        test.atLeast = bounds["at_least"].flatMap { number($0.value, key: "at_least") }
        test.atMost = bounds["at_most"].flatMap { number($0.value, key: "at_most") }
      } else {
        test.values = Set(strings(value, key: name))
      }
      tests.append(test)
    }
    return tests
  }

  static func countedFilters(_ condition: Condition) -> [EventFilter] {
    condition.leaves.compactMap { leaf in
      switch leaf.measure {
      case .count(let filter), .rate(let filter, _): [filter]
      case .after(let anchor, _): [anchor]
      case .near(let filter, let preceding, let following): [preceding?.filter, following?.filter, filter].compactMap { $0 }
      default: []
      }
    }.flatMap { $0 }
  }

  // MARK: - Actions, report, tests

  private mutating func readActions(_ node: Node) -> [Diagnosis.Action] {
    guard let items = reader.list(node, key: "actions") else { return [] }
    return items.compactMap { item in
      if case .scalar = item { return reader.string(item, key: "actions").map { Diagnosis.Action(text: $0, condition: nil) } }
      guard let entries = reader.entries(of: item, what: "an action", allowed: ["text", "when", "channel"]),
        let textNode = reader.required("text", in: entries, of: item, what: "an action"),
        let text = reader.string(textNode, key: "text")
      else { return nil }
      let condition = entries["when"].flatMap { readCondition($0.value, allowEvents: false) }
      let channels = entries["channel"].map { stringSet($0.value, key: "channel") } ?? []
      return Diagnosis.Action(text: text, condition: condition, channels: channels)
    }
  }

  private mutating func figureNames(_ node: Node, leaves: [Condition.Leaf]) -> [String] {
    let names = strings(node, key: "report")
    let derived = Set(Diagnosis.derivedNames(leaves))
    for name in names where Figures.unit(of: name) == nil && !derived.contains(name) {
      reader.error(node, "unknown figure '\(name)' in 'report'")
    }
    return names
  }

  private mutating func readTests(_ node: Node) -> [Diagnosis.Test] {
    guard let items = reader.list(node, key: "tests") else { return [] }
    return items.compactMap { item in
      guard let entries = reader.entries(of: item, what: "a diagnosis test", allowed: ["log", "expect", "absent"]),
        let logNode = reader.required("log", in: entries, of: item, what: "a diagnosis test"),
        let log = reader.string(logNode, key: "log")
      else { return nil }
      return Diagnosis.Test(
        log: log, expect: entries["expect"].map { strings($0.value, key: "expect") } ?? [],
        absent: entries["absent"].map { strings($0.value, key: "absent") } ?? [],
        location: reader.location(of: item))
    }
  }

  /// Every `{name}` in the texts must be a named condition, a figure or a built-in.
  private mutating func checkPlaceholders(leaves: [Condition.Leaf], texts: [(String?, Node)]) {
    let known = Set(leaves.compactMap(\.name)).union(Figures.catalog.map(\.name))
      .union(Self.builtinPlaceholders).union(Diagnosis.derivedNames(leaves))
    for (text, node) in texts {
      for name in Template.placeholders(in: text ?? "") where !known.contains(name) {
        reader.error(node, "unknown placeholder '{\(name)}'; use a condition's 'as' name, a figure, or one of \(Self.builtinPlaceholders.sorted().joined(separator: ", "))")
      }
    }
  }
}
