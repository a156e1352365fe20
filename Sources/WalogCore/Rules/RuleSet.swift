#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A loaded and compiled rule file: every event and redact pattern compiled and JIT-compiled
/// once, every event rule's prefilter literals known. Immutable and shareable across threads;
/// per-thread matching state lives in ``EventMatcher``.
public struct RuleSet: Sendable {
  /// The rules as written (after merging extra files), with derived literals filled in.
  public private(set) var file: RuleFile
  /// The compiled pattern of each event rule, parallel to `file.events`.
  public private(set) var patterns: [Pattern]
  /// The compiled pattern of each redact rule, parallel to `file.redact`.
  public private(set) var redactPatterns: [Pattern]

  /// Name and text of each rule file that went into this set, in order, for the report's
  /// rule hash and for diagnosis tests (whose logs are named relative to their file).
  public private(set) var sources: [(name: String, text: String)] = []

  /// The channel ids as bytes, built once, for the envelope stage's tag lookups.
  public private(set) var channelIDs: ChannelIDs
  /// The channels' ids, names and subsystems and the other subsystems, as one lookup table
  /// built once, for the envelope stage's tags and the channel a line names.
  public private(set) var tagVocabulary: TagVocabulary
  /// Every channel's effective policy, for the cycle builder.
  public private(set) var policies: PolicyTable
  /// How the gateway names what the mechanisms read (`conventions:`): the built-in rules' values
  /// with the set's own laid over them.
  public private(set) var conventions: GatewayConventions
  /// The subsystem segments the console leaves out of a tag (`conventions.tag_drops`) as bytes,
  /// built once, for the envelope stage.
  public private(set) var tagDrops: ChannelIDs
  /// Every event kind the rules know: the built-in rules' kinds with the set's own `kinds:`
  /// laid over them (the built-in set: its own alone), by id.
  public private(set) var kinds: [EventKind: KindRule] = [:]

  /// The event rules in file order (the first matching rule wins).
  public var events: [EventRule] { file.events }

  /// The chat channels the rules know (a `version: 1` file: the built-in ones).
  public var channels: [ChannelRule] { file.channels }

  /// Channel id → the name people call it by, the first of its `names` (`iMessage`).
  public var channelNames: [String: String] {
    Dictionary(file.channels.map { ($0.id, $0.names.first ?? $0.id) }) { first, _ in first }
  }

  /// The gateway's subsystems that belong to no channel.
  public var subsystems: [String] { file.subsystems }

  init(file: RuleFile, patterns: [Pattern], redactPatterns: [Pattern], conventions: GatewayConventions) {
    self.file = file
    self.patterns = patterns
    self.redactPatterns = redactPatterns
    self.conventions = conventions
    channelIDs = ChannelIDs(file.channels.map(\.id))
    tagDrops = ChannelIDs(conventions.tagDrops ?? [])
    tagVocabulary = Self.vocabulary(file, conventions: conventions)
    policies = PolicyTable(file: file)
  }

  private static func vocabulary(_ file: RuleFile, conventions: GatewayConventions) -> TagVocabulary {
    TagVocabulary(
      channels: file.channels.map { TagVocabulary.Channel(id: $0.id, names: $0.names, subsystems: $0.subsystems) },
      subsystems: file.subsystems, tagDrops: conventions.tagDrops ?? [])
  }

  /// Parses and compiles a rule file given as text; `name` is used in messages.
  public static func load(yaml: String, name: String) throws(RuleError) -> RuleSet {
    try make(RuleLoader.load(yaml: yaml, name: name), source: (name, yaml))
  }

  /// Parses and compiles a rule folder's files, given by name (relative to the folder) and text
  /// in the order they join (``RuleFolder``); `folder` names the set in reports and, joined
  /// with a file's name, the file in messages.
  public static func load(folder: String, files: [(name: String, text: String)]) throws(RuleError) -> RuleSet {
    try load(
      folder: folder, files: files, builtInKinds: RuleSet.default.kinds, builtInConventions: RuleSet.default.conventions)
  }

  /// `builtInKinds`, `builtInConventions`: the kinds and conventions the set knows without
  /// stating them (none for the built-in set).
  private static func load(
    folder: String, files: [(name: String, text: String)], builtInKinds: [EventKind: KindRule],
    builtInConventions: GatewayConventions
  ) throws(RuleError) -> RuleSet {
    var parts: [RuleLoader.Loaded] = []
    var problems: [RuleDiagnostic] = []
    for result in RuleLoader.partsOfEach(files.map { (RuleFolder.path(folder, $0.name), $0.text) }) {
      switch result {
      case .success(let loaded): parts += loaded
      case .failure(let error): problems += error.diagnostics  // every file's problems at once
      }
    }
    if !problems.isEmpty { throw RuleError(diagnostics: problems) }
    return try make(
      RuleLoader.join(parts), source: (folder, RuleFolder.text(of: files)), builtInKinds: builtInKinds,
      builtInConventions: builtInConventions)
  }

  private static func make(
    _ loaded: RuleLoader.Loaded, source: (name: String, text: String),
    builtInKinds: [EventKind: KindRule] = RuleSet.default.kinds,
    builtInConventions: GatewayConventions = RuleSet.default.conventions
  ) throws(RuleError) -> RuleSet {
    var loaded = loaded
    loaded.file.name = source.name
    if loaded.file.version == 1 {
      loaded.file.takeBuiltInChannels(from: RuleSet.default.file)
      // It cannot declare kinds: one the built-in rules do not know is a kind of its own with
      // no roles, as before kinds were declared.
      for rule in loaded.file.events where builtInKinds[rule.kind] == nil && !loaded.file.kinds.contains(where: { $0.id == rule.kind }) {
        loaded.file.kinds.append(KindRule(id: rule.kind, location: rule.kindLocation))
      }
    }
    var set = RuleSet(
      file: loaded.file, patterns: loaded.eventPatterns, redactPatterns: loaded.redactPatterns,
      conventions: builtInConventions.laid(under: loaded.file.conventions))
    set.sources = [source]
    set.kinds = builtInKinds
    let problems = set.declareKinds(loaded.file.kinds)
    if !problems.isEmpty { throw RuleError(diagnostics: problems) }
    return set
  }

  /// Lays `declared` over the kinds known so far and gives every event rule its kind's roles;
  /// returns an error at the `kind:` of each rule whose kind no declaration knows.
  private mutating func declareKinds(_ declared: [KindRule]) -> [RuleDiagnostic] {
    for kind in declared { kinds[kind.id] = kinds[kind.id].map { $0.merged(with: kind) } ?? kind }
    var problems: [RuleDiagnostic] = []
    for index in file.events.indices {
      let rule = file.events[index]
      guard let kind = kinds[rule.kind] else {
        problems.append(
          RuleDiagnostic(
            location: rule.kindLocation,
            message: "event kind '\(rule.kind)' of event '\(rule.id)' is not declared; add it under 'kinds:' (id, failure, meaning, severity, next_step, roles)"))
        continue
      }
      file.events[index].roles = kind.roleSet
    }
    return problems
  }

  /// The largest rule file (or folder, all its files together) read; the built-in rules are
  /// under 200 kB.
  public static let maxFileBytes = 4 << 20

  /// Reads, parses and compiles the rule file or rule folder at `path`.
  public static func load(path: String) throws(RuleError) -> RuleSet {
    guard RuleFolder.isFolder(path) else { return try load(yaml: read(path, budget: maxFileBytes), name: path) }
    var files: [(name: String, text: String)] = []
    var budget = maxFileBytes
    for name in try RuleFolder.fileNames(in: path) {
      let text = try read(RuleFolder.path(path, name), budget: budget, folder: path)
      budget -= text.utf8.count
      files.append((name, text))
    }
    return try load(folder: path, files: files)
  }

  /// The text of one rule file, refused when larger than `budget` bytes (what is left of
  /// ``maxFileBytes``): every pattern is compiled and JIT-compiled at load, so input far larger
  /// than any real rule file is refused before it is read, not compiled for minutes.
  private static func read(_ path: String, budget: Int, folder: String? = nil) throws(RuleError) -> String {
    // FoundationEssentials gives the size as a `UInt`, Foundation as an `Int`.
    let attribute = (try? FileManager.default.attributesOfItem(atPath: path))?[.size]
    if let size = (attribute as? Int) ?? (attribute as? UInt).map({ Int($0) }), size > budget {
      let whole = folder.map { "rule folder \($0) refused: its files together" } ?? "rule file of \(size) bytes refused: rule files"
      throw RuleError(
        SourceLocation(file: path, line: 0, column: 0),
        "\(whole) may hold at most \(maxFileBytes) bytes (4 MiB)")
    }
    do {
      return try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      let reason = FileManager.default.fileExists(atPath: path) ? "cannot read rule file (not UTF-8 text, or permission denied)" : "no such rule file"
      throw RuleError(SourceLocation(file: path, line: 0, column: 0), reason)
    }
  }

  /// The OpenClaw rules compiled into walog (the folder `Sources/WalogCore/Rules/openclaw/`).
  /// A test keeps them loadable; a failure here is a build defect, not a user error.
  public static let `default`: RuleSet = {
    let set: RuleSet
    do {
      set = try load(
        folder: DefaultRules.name, files: DefaultRules.files, builtInKinds: [:], builtInConventions: GatewayConventions())
    } catch {
      fatalError("the embedded default rules do not load:\n\(error)")
    }
    // Every other set starts from these: the Swift has no value of its own to fall back on.
    let missing = set.conventions.missingKeys
    precondition(missing.isEmpty, "the embedded default rules give no conventions \(missing)")
    return set
  }()

  /// The rules for `--rules` (a replacement for the default file, or nil for the default)
  /// followed by each `--extra-rules` file.
  public static func load(rules: String?, extraRules: [String]) throws(RuleError) -> RuleSet {
    var result = try rules.map { path throws(RuleError) in try load(path: path) } ?? .default
    for path in extraRules {
      result = result.extended(with: try load(path: path))
    }
    return result
  }

  /// This rule set with `extra` merged in: an event with an existing id replaces that rule in
  /// place (keeping its position in the match order), new events are appended; statuses
  /// (by channel and code), diagnoses (by id) and redact rules (by name) likewise. A channel
  /// of an existing id takes the keys `extra` gives and keeps the others, and so does a kind
  /// (the rules' roles follow it); new channels, kinds and subsystems are appended. A
  /// `version: 1` file brings no channels of its own.
  public func extended(with extra: RuleSet) -> RuleSet {
    var merged = self
    if extra.file.version >= 2 {
      for channel in extra.channels {
        if let existing = merged.file.channels.firstIndex(where: { $0.id == channel.id }) {
          merged.file.channels[existing] = merged.file.channels[existing].merged(with: channel)
        } else {
          merged.file.channels.append(channel)
        }
      }
      for subsystem in extra.subsystems where !merged.file.subsystems.contains(subsystem) {
        merged.file.subsystems.append(subsystem)
      }
      merged.file.policies = merged.file.policies.laid(under: extra.file.policies)
      merged.conventions = merged.conventions.laid(under: extra.file.conventions)
      merged.channelIDs = ChannelIDs(merged.file.channels.map(\.id))
      merged.tagDrops = ChannelIDs(merged.conventions.tagDrops ?? [])
      merged.tagVocabulary = Self.vocabulary(merged.file, conventions: merged.conventions)
    }
    for (index, event) in extra.file.events.enumerated() {
      if let existing = merged.file.events.firstIndex(where: { $0.id == event.id }) {
        merged.file.events[existing] = event
        merged.patterns[existing] = extra.patterns[index]
      } else {
        merged.file.events.append(event)
        merged.patterns.append(extra.patterns[index])
      }
    }
    for status in extra.file.statuses {
      if let existing = merged.file.statuses.firstIndex(where: { $0.channel == status.channel && $0.code == status.code }) {
        merged.file.statuses[existing] = status
      } else {
        merged.file.statuses.append(status)
      }
    }
    for diagnosis in extra.file.diagnoses {
      let id = diagnosis.node["id"]?.string
      if let existing = merged.file.diagnoses.firstIndex(where: { $0.node["id"]?.string == id }) {
        merged.file.diagnoses[existing] = diagnosis
      } else {
        merged.file.diagnoses.append(diagnosis)
      }
    }
    for (index, rule) in extra.file.redact.enumerated() {
      if let existing = merged.file.redact.firstIndex(where: { $0.name == rule.name }) {
        merged.file.redact[existing] = rule
        merged.redactPatterns[existing] = extra.redactPatterns[index]
      } else {
        merged.file.redact.append(rule)
        merged.redactPatterns.append(extra.redactPatterns[index])
      }
    }
    merged.policies = PolicyTable(file: merged.file)
    for kind in extra.file.kinds {
      if let existing = merged.file.kinds.firstIndex(where: { $0.id == kind.id }) {
        merged.file.kinds[existing] = merged.file.kinds[existing].merged(with: kind)
      } else {
        merged.file.kinds.append(kind)
      }
    }
    // Finds nothing undeclared: the extra set's rules were checked against these kinds.
    _ = merged.declareKinds(extra.file.kinds)
    merged.file.name = "\(file.name) + \(extra.file.name)"
    merged.sources += extra.sources
    return merged
  }

  /// The index of the event rule with this id.
  public func index(ofRule id: String) -> Int? { file.events.firstIndex { $0.id == id } }

  /// The channel of this id, if the rules know it.
  public func channel(_ id: String) -> ChannelRule? { file.channels.first { $0.id == id } }

  /// How a close status of a channel is to be read, if the rule file says.
  public func status(channel: String, code: String) -> StatusRule? {
    file.statuses.first { $0.channel == channel && $0.code == code }
  }

  /// A prefilter over every event rule's literals (rule index = position in ``events``).
  /// `extra` literal sets become rules numbered after the event rules (a caller's own
  /// pseudo-rules, such as the marks of warning and error lines).
  public func makePrefilter(extra: [[String]] = []) -> Prefilter {
    Prefilter(literals: file.events.map { $0.literals ?? [] } + extra)
  }

  /// Per-thread matching state for these rules.
  public func makeEventMatcher(matchLimit: UInt32 = Matcher.defaultMatchLimit) -> EventMatcher {
    EventMatcher(rules: self, matchLimit: matchLimit)
  }
}
