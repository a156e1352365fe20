import Dispatch

/// Reads a rule file's YAML into a ``RuleFile`` and compiles its patterns, reporting every
/// problem as `file:line:column: error: <what was expected>`.
enum RuleLoader {
  static let topKeys = [
    "version", "channels", "subsystems", "policies", "conventions", "kinds", "events", "statuses", "diagnoses",
    "redact",
  ]
  /// The versions this walog reads; `version: 1` files have no channel sections.
  static let versions = 1...2
  static let version2Keys = ["channels", "subsystems", "policies", "conventions", "kinds"]
  static let eventKeys = [
    "id", "kind", "channel", "pattern", "literal", "detail", "channels_only", "fields", "json_fields", "samples",
  ]
  static let sampleKeys = ["line", "expect", "match"]
  static let statusKeys = ["channel", "code", "name", "class", "meaning", "fail_fast_since", "severity", "action"]
  static let redactKeys = ["name", "pattern", "placeholder"]

  /// One part of a rule set (a YAML document of a file, or a folder's file), or the set
  /// the parts join into (``join(_:)``).
  struct Loaded {
    var file: RuleFile
    var eventPatterns: [Pattern]
    var redactPatterns: [Pattern]
    /// Where the part says its `version`, for the error when parts disagree.
    var versionLocation: SourceLocation
  }

  /// A rule file's text as one set: its YAML documents joined as a folder's files are.
  static func load(yaml: String, name: String) throws(RuleError) -> Loaded {
    try join(try parts(yaml: yaml, name: name))
  }

  /// The parts of each file (its name in messages, its text), in the files' order, read on
  /// every core: parsing the YAML and compiling the patterns is most of a run's start.
  static func partsOfEach(_ files: [(name: String, text: String)]) -> [Result<[Loaded], RuleError>] {
    nonisolated(unsafe) let results = UnsafeMutableBufferPointer<Result<[Loaded], RuleError>?>.allocate(
      capacity: files.count)
    results.initialize(repeating: nil)
    defer {
      _ = results.deinitialize()
      results.deallocate()
    }
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      results[index] = Result { () throws(RuleError) in try parts(yaml: files[index].text, name: files[index].name) }
    }
    return results.map { $0! }
  }

  /// Each YAML document of a rule file's text, read as a part of a rule set.
  static func parts(yaml: String, name: String) throws(RuleError) -> [Loaded] {
    let documents: [Node]
    do {
      documents = try YAMLComposer.documents(yaml)
    } catch {
      let location = SourceLocation(file: name, line: error.mark.line, column: error.mark.column)
      throw RuleError(location, "invalid YAML: \(error.message)")
    }
    let empty = "expected a mapping with 'version' and 'events', found an empty document"
    guard !documents.isEmpty else { throw RuleError(SourceLocation(file: name, line: 1, column: 1), empty) }
    var reader = YAMLReader(file: name)
    var parts: [Loaded] = []
    for root in documents {
      if root.isNull {
        reader.error(root, empty)
      } else if let part = read(root: root, name: name, reader: &reader) {
        parts.append(part)
      }
    }
    if !reader.diagnostics.isEmpty { throw RuleError(diagnostics: reader.diagnostics) }
    return parts
  }

  private static func read(root: Node, name: String, reader: inout YAMLReader) -> Loaded? {
    guard let top = reader.entries(of: root, what: "the rule file", allowed: topKeys) else { return nil }
    var version = versions.upperBound
    var versionLocation = reader.location(of: root)
    if let versionNode = reader.required("version", in: top, of: root, what: "the rule file"),
      let value = reader.int(versionNode, key: "version")
    {
      version = value
      versionLocation = reader.location(of: versionNode)
      if !versions.contains(value) {
        reader.error(versionNode, "unsupported rule file version \(value); expected 1 or 2")
      }
    }
    if version == 1 {
      for key in version2Keys {
        if let entry = top[key] { reader.error(entry.key, "'\(key)' needs 'version: 2'") }
      }
    }
    let channels = ChannelReader.channels(top["channels"]?.value, reader: &reader)
    let subsystems = top["subsystems"].flatMap { reader.stringList($0.value, key: "subsystems") } ?? []
    let kinds = KindReader.kinds(top["kinds"]?.value, reader: &reader)
    let policies = top["policies"].map {
      PolicyReader.policy($0.value, what: "'policies'", reader: &reader)
    } ?? ChannelPolicy()
    let conventions = ConventionsReader.conventions(top["conventions"]?.value, reader: &reader)
    var events: [EventRule] = []
    var patterns: [Pattern] = []
    var firstByID: [String: SourceLocation] = [:]
    for node in top["events"].flatMap({ reader.list($0.value, key: "events") }) ?? [] {
      guard let (event, pattern) = readEvent(node, reader: &reader) else { continue }
      if let first = firstByID[event.id] {
        reader.error(event.location, "duplicate event id '\(event.id)' (first defined at \(first))")
        continue
      }
      firstByID[event.id] = event.location
      events.append(event)
      patterns.append(pattern)
    }
    let statuses = (top["statuses"].flatMap { reader.list($0.value, key: "statuses") } ?? []).compactMap {
      readStatus($0, version: version, reader: &reader)
    }
    var diagnoses: [DiagnosisSource] = []
    var diagnosisIDs: [String: SourceLocation] = [:]
    for node in top["diagnoses"].flatMap({ reader.list($0.value, key: "diagnoses") }) ?? [] {
      // Only the shape is checked here; the Diagnose stage compiles the rest.
      guard case .mapping(let mapping) = node else {
        reader.error(node, "expected a mapping for a diagnosis, found \(YAMLReader.describe(node))")
        continue
      }
      guard let idNode = mapping["id"] else {
        reader.error(node, "diagnosis is missing required key 'id'")
        continue
      }
      guard let id = reader.string(idNode, key: "id") else { continue }
      let location = reader.location(of: idNode)
      if let first = diagnosisIDs[id] {
        reader.error(location, "duplicate diagnosis id '\(id)' (first defined at \(first))")
        continue
      }
      diagnosisIDs[id] = location
      diagnoses.append(DiagnosisSource(node: node, location: reader.location(of: node)))
    }
    var redact: [RedactRule] = []
    var redactPatterns: [Pattern] = []
    for node in top["redact"].flatMap({ reader.list($0.value, key: "redact") }) ?? [] {
      guard let (rule, pattern) = readRedact(node, reader: &reader) else { continue }
      redact.append(rule)
      redactPatterns.append(pattern)
    }
    guard reader.diagnostics.isEmpty else { return nil }
    let file = RuleFile(
      name: name, version: version, channels: channels, subsystems: subsystems, policies: policies,
      conventions: conventions, kinds: kinds, events: events,
      statuses: statuses, diagnoses: diagnoses, redact: redact)
    return Loaded(
      file: file, eventPatterns: patterns, redactPatterns: redactPatterns, versionLocation: versionLocation)
  }

  private static func readEvent(_ node: Node, reader: inout YAMLReader) -> (EventRule, Pattern)? {
    let errorsBefore = reader.diagnostics.count
    var what = "event"
    if case .mapping(let mapping) = node, let id = mapping["id"]?.scalar?.string { what = "event '\(id)'" }
    guard let entries = reader.entries(of: node, what: what == "event" ? "an event" : what, allowed: eventKeys)
    else { return nil }
    var id = ""
    if let idNode = reader.required("id", in: entries, of: node, what: what),
      let value = reader.string(idNode, key: "id")
    {
      id = value
      what = "event '\(id)'"
      if value.isEmpty || !value.utf8.allSatisfy(isIDByte) {
        reader.error(idNode, "invalid event id '\(value)'; expected lowercase letters, digits and '-'")
      }
    }
    var kind = EventKind(rawValue: "")
    var kindLocation = reader.location(of: node)
    if let kindNode = reader.required("kind", in: entries, of: node, what: what),
      let value = reader.string(kindNode, key: "kind")
    {
      kind = EventKind(rawValue: value)
      kindLocation = reader.location(of: kindNode)
      if !isSnakeCase(value) {
        reader.error(kindNode, "invalid event kind '\(value)'; expected a snake_case name declared under 'kinds:'")
      }
    }
    var patternText = ""
    var pattern: Pattern?
    if let patternNode = reader.required("pattern", in: entries, of: node, what: what),
      let value = reader.string(patternNode, key: "pattern")
    {
      patternText = value
      // Compiled to accept masked digits; an error is reported on the pattern as written.
      do {
        pattern = try Pattern(MaskTolerance.rewrite(value))
      } catch {
        do {
          _ = try Pattern(value, jit: false)
          reader.error(patternNode, "pattern of \(what) does not compile: \(error.message)")
        } catch {
          reader.error(patternNode, "pattern of \(what) does not compile: \(error.message) at offset \(error.offset)")
        }
      }
    }
    let channel = entries["channel"].flatMap { reader.string($0.value, key: "channel") }
    let detail = entries["detail"].flatMap { reader.bool($0.value, key: "detail") } ?? false
    let channelsOnly = entries["channels_only"].flatMap { reader.bool($0.value, key: "channels_only") } ?? false
    let fields = entries["fields"].flatMap { reader.stringMap($0.value, key: "fields") } ?? [:]
    let jsonFields = entries["json_fields"].flatMap { reader.stringMap($0.value, key: "json_fields") } ?? [:]
    var literals: [String]?
    if let literalNode = entries["literal"]?.value {
      literals = readLiterals(literalNode, what: what, reader: &reader)
    } else if pattern != nil {
      literals = LiteralExtractor.literals(for: patternText)
      if literals == nil {
        reader.error(
          entries["pattern"]!.value,
          "cannot derive a prefilter literal from the pattern of \(what) (it has no fixed text of \(LiteralExtractor.minimumLength) or more bytes outside optional parts, or it is caseless); add 'literal:' with text that every matching line contains"
        )
      }
    }
    var samples: [RuleSample] = []
    for sampleNode in entries["samples"].flatMap({ reader.list($0.value, key: "samples") }) ?? [] {
      if let sample = readSample(sampleNode, what: what, reader: &reader) { samples.append(sample) }
    }
    guard reader.diagnostics.count == errorsBefore, let pattern else { return nil }
    let rule = EventRule(
      id: id, kind: kind, kindLocation: kindLocation, pattern: patternText, literals: literals, channel: channel,
      fields: fields, jsonFields: jsonFields, detail: detail, channelsOnly: channelsOnly, samples: samples,
      location: reader.location(of: node))
    return (rule, pattern)
  }

  private static func readLiterals(_ node: Node, what: String, reader: inout YAMLReader) -> [String]? {
    var values: [(Node, String)] = []
    if case .sequence(let sequence) = node {
      for item in sequence {
        if let text = reader.string(item, key: "literal") { values.append((item, text)) }
      }
    } else if let text = reader.string(node, key: "literal") {
      values.append((node, text))
    }
    if values.isEmpty {
      reader.error(node, "expected at least one literal for \(what)")
      return nil
    }
    for (item, text) in values where text.utf8.count < 2 || text.utf8.contains(0x0A) {
      reader.error(item, "literal '\(text)' of \(what) must be at least 2 bytes long and on one line")
    }
    return values.map(\.1)
  }

  private static func readSample(_ node: Node, what: String, reader: inout YAMLReader) -> RuleSample? {
    let sampleWhat = "a sample of \(what)"
    guard let entries = reader.entries(of: node, what: sampleWhat, allowed: sampleKeys) else { return nil }
    guard let lineNode = reader.required("line", in: entries, of: node, what: sampleWhat.prefix(1).uppercased() + sampleWhat.dropFirst()),
      let line = reader.string(lineNode, key: "line")
    else { return nil }
    let shouldMatch = entries["match"].flatMap { reader.bool($0.value, key: "match") } ?? true
    let expect = entries["expect"].flatMap { reader.stringMap($0.value, key: "expect") } ?? [:]
    if !shouldMatch, let expectNode = entries["expect"]?.key {
      reader.error(expectNode, "a sample with 'match: false' cannot have 'expect'")
    }
    return RuleSample(line: line, expect: expect, shouldMatch: shouldMatch, location: reader.location(of: lineNode))
  }

  private static func readStatus(_ node: Node, version: Int, reader: inout YAMLReader) -> StatusRule? {
    let errorsBefore = reader.diagnostics.count
    guard let entries = reader.entries(of: node, what: "a status", allowed: statusKeys) else { return nil }
    func text(_ key: String) -> String? {
      reader.required(key, in: entries, of: node, what: "status").flatMap { reader.string($0, key: key) }
    }
    let channel = text("channel")
    let code = text("code")
    let name = text("name")
    var statusClass: StatusRule.StatusClass?
    if let classNode = reader.required("class", in: entries, of: node, what: "status"),
      let value = reader.string(classNode, key: "class")
    {
      statusClass = StatusRule.StatusClass(rawValue: value)
      if statusClass == nil {
        reader.error(classNode, "invalid status class '\(value)'; expected persistent, transient or benign")
      }
    }
    let meaning = entries["meaning"].flatMap { reader.string($0.value, key: "meaning") } ?? ""
    var failFastSince: GatewayVersion?
    if let entry = entries["fail_fast_since"] {
      if version < 2 { reader.error(entry.key, "'fail_fast_since' needs 'version: 2'") }
      failFastSince = PolicyReader.version(entry.value, key: "fail_fast_since", reader: &reader)
    }
    let severity = entries["severity"].flatMap { reader.severity($0.value, key: "severity") }
    let action = entries["action"].flatMap { reader.string($0.value, key: "action") }
    guard reader.diagnostics.count == errorsBefore, let channel, let code, let name, let statusClass else {
      return nil
    }
    return StatusRule(
      channel: channel, code: code, name: name, statusClass: statusClass, meaning: meaning,
      failFastSince: failFastSince, severity: severity, action: action)
  }

  private static func readRedact(_ node: Node, reader: inout YAMLReader) -> (RedactRule, Pattern)? {
    let errorsBefore = reader.diagnostics.count
    guard let entries = reader.entries(of: node, what: "a redact rule", allowed: redactKeys) else { return nil }
    func text(_ key: String) -> (Node, String)? {
      guard let value = reader.required(key, in: entries, of: node, what: "redact rule"),
        let string = reader.string(value, key: key)
      else { return nil }
      return (value, string)
    }
    let name = text("name")
    let patternEntry = text("pattern")
    let placeholder = text("placeholder")
    var pattern: Pattern?
    if let (patternNode, source) = patternEntry {
      do {
        pattern = try Pattern(source)
      } catch {
        reader.error(
          patternNode,
          "pattern of redact rule '\(name?.1 ?? "")' does not compile: \(error.message) at offset \(error.offset)")
      }
    }
    guard reader.diagnostics.count == errorsBefore, let name, let patternEntry, let placeholder, let pattern else {
      return nil
    }
    let rule = RedactRule(
      name: name.1, pattern: patternEntry.1, placeholder: placeholder.1, location: reader.location(of: node))
    return (rule, pattern)
  }

  static func isIDByte(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
  }

  static func isSnakeCase(_ text: String) -> Bool {
    guard let first = text.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
    return text.utf8.allSatisfy {
      ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
        || $0 == UInt8(ascii: "_")
    }
  }
}
