/// A place in a rule file, for messages of the form `file:line:column: error: …`.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }
  public var description: String { "\(file):\(line):\(column)" }
}

/// A rule file as written: the `channels`, `subsystems`, `policies`, `conventions`, `kinds`,
/// `events`, `statuses`, `diagnoses` and `redact` sections. docs/rules.md documents every key.
public struct RuleFile: Sendable {
  /// Where the file came from (a path, or `<default>` for the embedded OpenClaw rules).
  public var name: String
  public var version: Int
  /// The chat channels, in file order. A `version: 1` file has none of its own and gets the
  /// built-in ones (see ``RuleSet/load(yaml:name:)``).
  public var channels: [ChannelRule]
  /// The gateway's subsystems that belong to no channel (`gateway`, `gateway/health-monitor`).
  public var subsystems: [String]
  /// The top-level `policies:`, which every channel inherits.
  public var policies: ChannelPolicy
  /// The `conventions:` section as the file gives it (the set lays it over the built-in values).
  public var conventions: GatewayConventions
  /// The event kinds the file declares (`kinds:`), in file order.
  public var kinds: [KindRule]
  public var events: [EventRule]
  public var statuses: [StatusRule]
  /// Diagnosis rules, kept as parsed YAML here; the Diagnose stage reads them.
  public var diagnoses: [DiagnosisSource]
  public var redact: [RedactRule]

  public init(
    name: String, version: Int, channels: [ChannelRule] = [], subsystems: [String] = [],
    policies: ChannelPolicy = ChannelPolicy(), conventions: GatewayConventions = GatewayConventions(),
    kinds: [KindRule] = [], events: [EventRule], statuses: [StatusRule],
    diagnoses: [DiagnosisSource], redact: [RedactRule]
  ) {
    self.name = name
    self.version = version
    self.channels = channels
    self.subsystems = subsystems
    self.policies = policies
    self.conventions = conventions
    self.kinds = kinds
    self.events = events
    self.statuses = statuses
    self.diagnoses = diagnoses
    self.redact = redact
  }
}

extension RuleFile {
  /// What a `version: 1` file, which cannot state them, gets from the built-in rules: the
  /// channels, subsystems and policies, and the fail-fast releases of the statuses it lists.
  mutating func takeBuiltInChannels(from builtIn: RuleFile) {
    channels = builtIn.channels
    subsystems = builtIn.subsystems
    policies = builtIn.policies
    for index in statuses.indices {
      let status = statuses[index]
      statuses[index].failFastSince =
        builtIn.statuses.first { $0.channel == status.channel && $0.code == status.code }?.failFastSince
    }
  }
}

/// One `events:` entry: a PCRE2 pattern over the normalised message and what its match means.
public struct EventRule: Sendable {
  public var id: String
  public var kind: EventKind
  /// Where the rule names its kind, for the error when no `kinds:` entry declares it.
  public var kindLocation: SourceLocation
  /// The kind's roles, from the set's `kinds:` once it is built (``RuleSet``).
  public var roles = KindRoles()
  /// PCRE2 pattern with named captures (`status`, `attempt`, `max`, `delay`, `account`,
  /// `channel`, `reason`, or any other name, kept as a field).
  public var pattern: String
  /// Literals of which at least one occurs in every line the pattern matches; the prefilter
  /// looks for these. Given in the file or derived from the pattern.
  public var literals: [String]?
  /// A fixed channel; else the `channel` capture; else the line's tag.
  public var channel: String?
  /// Fixed fields added to every event of this rule.
  public var fields: [String: String]
  /// Structured JSON fields of file-log records mapped to event fields
  /// (event field → JSON key), e.g. `status: status`, `attempt: reconnectAttempts`.
  public var jsonFields: [String: String]
  /// A structured record restating a human line (see ``Event/isDetail``).
  public var detail: Bool
  /// Matches only a channel's lines: never a line of one of the gateway's own subsystems
  /// (`[ws]`, `[diagnostic]`), whose words a channel-agnostic rule would misread (a web chat
  /// tab that `disconnected` is no channel's disconnect).
  public var channelsOnly = false
  public var samples: [RuleSample]
  public var location: SourceLocation

  public init(
    id: String, kind: EventKind, kindLocation: SourceLocation, pattern: String, literals: [String]?,
    channel: String?, fields: [String: String], jsonFields: [String: String], detail: Bool,
    channelsOnly: Bool = false, samples: [RuleSample], location: SourceLocation
  ) {
    self.channelsOnly = channelsOnly
    self.id = id
    self.kind = kind
    self.kindLocation = kindLocation
    self.pattern = pattern
    self.literals = literals
    self.channel = channel
    self.fields = fields
    self.jsonFields = jsonFields
    self.detail = detail
    self.samples = samples
    self.location = location
  }
}

/// A sample log line of a rule: it must match with exactly the stated captures, or, with
/// `match: false`, must not match.
public struct RuleSample: Sendable {
  public var line: String
  public var expect: [String: String]
  public var shouldMatch: Bool
  public var location: SourceLocation

  public init(line: String, expect: [String: String], shouldMatch: Bool, location: SourceLocation) {
    self.line = line
    self.expect = expect
    self.shouldMatch = shouldMatch
    self.location = location
  }
}

/// How a channel's close status is to be read.
public struct StatusRule: Sendable {
  public enum StatusClass: String, Sendable {
    /// Retrying will not fix it (440 conflict, 401 logged out).
    case persistent
    /// Network and server hiccups that retries are for.
    case transient
    /// Expected and harmless (515 right after pairing).
    case benign
  }
  public var channel: String
  public var code: String
  public var name: String
  public var statusClass: StatusClass
  public var meaning: String
  /// The release since which the gateway stops on this status instead of retrying it.
  public var failFastSince: GatewayVersion?
  /// How serious one close with this status is on its own, where it differs from its kind's
  /// (a failure no diagnosis explained is weighed by it).
  public var severity: Finding.Severity?
  /// What to do about a close with this status: the next step a finding names.
  public var action: String?

  public init(
    channel: String, code: String, name: String, statusClass: StatusClass, meaning: String,
    failFastSince: GatewayVersion? = nil, severity: Finding.Severity? = nil, action: String? = nil
  ) {
    self.channel = channel
    self.code = code
    self.name = name
    self.statusClass = statusClass
    self.meaning = meaning
    self.failFastSince = failFastSince
    self.severity = severity
    self.action = action
  }
}

/// A `diagnoses:` entry before the Diagnose stage compiles it.
public struct DiagnosisSource: Sendable {
  /// The YAML node of the entry, with its marks, so errors keep their line and column.
  public var node: Node
  public var location: SourceLocation
  public init(node: Node, location: SourceLocation) {
    self.node = node
    self.location = location
  }
}

/// A `redact:` entry: matches are replaced by stable placeholders in every output.
public struct RedactRule: Sendable {
  public var name: String
  public var pattern: String
  /// Placeholder stem: the n-th distinct match becomes `<PLACEHOLDER-n>`.
  public var placeholder: String
  public var location: SourceLocation

  public init(name: String, pattern: String, placeholder: String, location: SourceLocation) {
    self.name = name
    self.pattern = pattern
    self.placeholder = placeholder
    self.location = location
  }
}
