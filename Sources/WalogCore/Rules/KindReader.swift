/// Reads the `kinds:` section of a rule file.
enum KindReader {
  static let kindKeys = ["id", "failure", "meaning", "severity", "next_step", "note_at_info", "roles"]

  static func kinds(_ node: Node?, reader: inout YAMLReader) -> [KindRule] {
    guard let node, let items = reader.list(node, key: "kinds") else { return [] }
    var kinds: [KindRule] = []
    var firstByID: [EventKind: SourceLocation] = [:]
    for item in items {
      guard let kind = kind(item, reader: &reader) else { continue }
      if let first = firstByID[kind.id] {
        reader.error(kind.location, "duplicate kind id '\(kind.id)' (first defined at \(first))")
        continue
      }
      firstByID[kind.id] = kind.location
      kinds.append(kind)
    }
    return kinds
  }

  private static func kind(_ node: Node, reader: inout YAMLReader) -> KindRule? {
    let errorsBefore = reader.diagnostics.count
    var what = "kind"
    if case .mapping(let mapping) = node, let id = mapping["id"]?.scalar?.string { what = "kind '\(id)'" }
    guard let entries = reader.entries(of: node, what: what == "kind" ? "a kind" : what, allowed: kindKeys)
    else { return nil }
    var id = ""
    if let idNode = reader.required("id", in: entries, of: node, what: what),
      let value = reader.string(idNode, key: "id")
    {
      id = value
      if !RuleLoader.isSnakeCase(value) {
        reader.error(idNode, "invalid kind id '\(value)'; expected a snake_case name (lowercase letters, digits and '_')")
      } else if KindRole(rawValue: value) != nil {
        // A diagnosis' sequence reads a role's name as any kind that has the role.
        reader.error(idNode, "kind id '\(value)' is the name of a role; choose another name")
      }
    }
    let failure = entries["failure"].flatMap { reader.bool($0.value, key: "failure") }
    let meaning = entries["meaning"].flatMap { reader.string($0.value, key: "meaning") }
    let nextSteps = entries["next_step"].flatMap { reader.steps($0.value, key: "next_step") }
    let noteAtInfo = entries["note_at_info"].flatMap { reader.string($0.value, key: "note_at_info") }
    var severity: Finding.Severity?
    if let node = entries["severity"]?.value, let value = reader.string(node, key: "severity") {
      severity = Finding.Severity(rawValue: value)
      if severity == nil {
        reader.error(
          node, "invalid severity '\(value)'; expected \(Finding.Severity.allCases.map(\.rawValue).joined(separator: ", "))")
      }
    }
    var roles: [KindRole]?
    if let node = entries["roles"]?.value { roles = readRoles(node, what: what, reader: &reader) }
    guard reader.diagnostics.count == errorsBefore else { return nil }
    return KindRule(
      id: EventKind(rawValue: id), failure: failure, meaning: meaning, severity: severity, nextSteps: nextSteps,
      noteAtInfo: noteAtInfo, roles: roles, location: reader.location(of: node))
  }

  private static func readRoles(_ node: Node, what: String, reader: inout YAMLReader) -> [KindRole] {
    var roles: [KindRole] = []
    for item in reader.list(node, key: "roles") ?? [] {
      guard let name = reader.string(item, key: "roles") else { continue }
      guard let role = KindRole(rawValue: name) else {
        reader.error(
          item, "unknown role '\(name)' of \(what); roles: \(KindRole.allCases.map(\.rawValue).joined(separator: ", "))")
        continue
      }
      if !roles.contains(role) { roles.append(role) }
    }
    let cycleRoles = roles.filter(KindRole.cycleRoles.contains)
    if cycleRoles.count > 1 {
      reader.error(
        node,
        "\(what) has the roles \(cycleRoles.map(\.rawValue).joined(separator: " and ")), which say different things about a run or cycle; give it one of \(KindRole.cycleRoles.map(\.rawValue).joined(separator: ", "))")
    }
    return roles
  }
}
