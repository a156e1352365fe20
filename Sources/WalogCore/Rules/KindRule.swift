/// One `kinds:` entry: an event kind, what it means and what the machinery does with it.
/// Every field but the id may be left out; a later declaration of the same id (an
/// `--extra-rules` file) replaces the fields it gives and keeps the others.
public struct KindRule: Sendable {
  /// The name events' `kind:` use.
  public var id: EventKind
  /// Whether one occurrence is a failure a report must explain (default false).
  public var failure: Bool?
  /// In plain words, for findings ("what happened").
  public var meaning: String?
  /// The kind's severity on its own (default info).
  public var severity: Finding.Severity?
  /// The kind's own next steps, one action each (`next_step`: a step or a list); a status's
  /// own action comes before them. The check every finding starts with is the policy's
  /// (`policies.explain.first_step`), not a kind's.
  public var nextSteps: [String]?
  /// Words that hold only when nothing worse happened (`note_at_info`: "on a quiet account
  /// this is expected"): a finding tells them only while it stays at info.
  public var noteAtInfo: String?
  /// Its roles in runs and cycles (default none).
  public var roles: [KindRole]?
  public var location: SourceLocation

  public init(
    id: EventKind, failure: Bool? = nil, meaning: String? = nil, severity: Finding.Severity? = nil,
    nextSteps: [String]? = nil, noteAtInfo: String? = nil, roles: [KindRole]? = nil, location: SourceLocation
  ) {
    self.id = id
    self.failure = failure
    self.meaning = meaning
    self.severity = severity
    self.nextSteps = nextSteps
    self.noteAtInfo = noteAtInfo
    self.roles = roles
    self.location = location
  }

  public var isFailure: Bool { failure ?? false }
  public var level: Finding.Severity { severity ?? .info }
  public var roleSet: KindRoles { KindRoles(roles ?? []) }

  /// This declaration with `later`'s fields laid over it.
  func merged(with later: KindRule) -> KindRule {
    KindRule(
      id: id, failure: later.failure ?? failure, meaning: later.meaning ?? meaning,
      severity: later.severity ?? severity, nextSteps: later.nextSteps ?? nextSteps,
      noteAtInfo: later.noteAtInfo ?? noteAtInfo, roles: later.roles ?? roles, location: later.location)
  }
}
