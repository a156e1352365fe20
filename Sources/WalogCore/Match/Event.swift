/// The kind of a lifecycle event, as the rule file names it (`close`, `health_restart`, a
/// plugin's `bridge_down`). Kinds are data: the rule file declares each one (`kinds:`) with its
/// roles (``KindRole``), and the machinery reads an event's roles, never its kind's name.
///
/// Each name is numbered once (``KindNumbers``): the analysis compares and hashes an event's
/// kind a dozen times, and hashing the name each time was a sixth of its work.
public struct EventKind: RawRepresentable, Hashable, Sendable, Comparable, ExpressibleByStringLiteral,
  CustomStringConvertible
{
  public let rawValue: String
  /// The same for the same name, whoever made it.
  let number: Int
  public init(rawValue: String) {
    self.rawValue = rawValue
    number = KindNumbers.shared.number(of: rawValue)
  }
  public init(stringLiteral value: String) { self.init(rawValue: value) }
  public var description: String { rawValue }
  public static func == (lhs: EventKind, rhs: EventKind) -> Bool { lhs.number == rhs.number }
  public func hash(into hasher: inout Hasher) { hasher.combine(number) }
  public static func < (lhs: EventKind, rhs: EventKind) -> Bool { lhs.rawValue < rhs.rawValue }

  /// No line of the log's own: a user's mark for lines left out of a paste, "more of the
  /// same" as the line before it (``RepeatMarks``). Made by the reader, never by a rule;
  /// it counts nowhere and makes its event count twice in the diagnoses.
  public static let elision: EventKind = "elision"
}

/// The number of every kind name made so far, shared by all threads. Kinds are made when
/// rules load, never per line, so the lock is taken a few hundred times a run; the names are
/// the rule files', so the table stays that small.
final class KindNumbers: @unchecked Sendable {
  static let shared = KindNumbers()
  private let lock = ThreadCondition()
  private var numbers: [String: Int] = [:]
  private var names: [String] = []

  func number(of name: String) -> Int {
    lock.lock()
    defer { lock.unlock() }
    if let number = numbers[name] { return number }
    numbers[name] = names.count
    names.append(name)
    return names.count - 1
  }

  func name(of number: Int) -> String {
    lock.lock()
    defer { lock.unlock() }
    return names.indices.contains(number) ? names[number] : "?"
  }
}

/// Where a line came from: which input, which line of it, which process.
public struct Origin: Sendable, Hashable {
  /// Index into the analysis' input list.
  public var input: Int
  /// 1-based line number within that input.
  public var line: Int
  /// journald PID, when the line carried one.
  public var pid: Int?

  public init(input: Int, line: Int, pid: Int? = nil) {
    self.input = input
    self.line = line
    self.pid = pid
  }
}

/// A recognised lifecycle event, typed by its rule, with the fields its pattern captured.
///
/// Its fields live in one shared, copy-on-write box: an event passes through a dozen
/// stages and collections, and copying a dozen strings' references at each step was a
/// tenth of the analysis time.
public struct Event: Sendable {
  public var kind: EventKind {
    get { storage.kind }
    set { unique().kind = newValue }
  }
  /// What the machinery does with it: its kind's roles in the rules.
  public var roles: KindRoles {
    get { storage.roles }
    set { unique().roles = newValue }
  }
  /// The id of the event rule that produced it.
  public var ruleID: String {
    get { storage.ruleID }
    set { unique().ruleID = newValue }
  }
  public var time: LogTime? {
    get { storage.time }
    set { unique().time = newValue }
  }
  /// The channel (`whatsapp`, `telegram`, …), from the rule, a capture or the line's tag.
  public var channel: String {
    get { storage.channel }
    set { unique().channel = newValue }
  }
  /// The account, when the line names one (`[default]`, `[whatsapp:work]`).
  public var account: String? {
    get { storage.account }
    set { unique().account = newValue }
  }
  /// Close status as printed: `"440"`, `"unknown"`.
  public var status: String? {
    get { storage.status }
    set { unique().status = newValue }
  }
  /// Announced retry attempt `k` of `k/N`, or restart attempt `n` of `n/N`.
  public var attempt: Int? {
    get { storage.attempt }
    set { unique().attempt = newValue }
  }
  /// `N` of `k/N` as printed (`"12"`, `"∞"`).
  public var maxAttempts: String? {
    get { storage.maxAttempts }
    set { unique().maxAttempts = newValue }
  }
  /// Announced delay before the next attempt, in seconds.
  public var delaySeconds: Double? {
    get { storage.delaySeconds }
    set { unique().delaySeconds = newValue }
  }
  /// Health-restart reason, exit error text, and similar.
  public var reason: String? {
    get { storage.reason }
    set { unique().reason = newValue }
  }
  /// A structured file-log record that restates a human line (`web reconnect: …`):
  /// it enriches that line's event and is counted only when no such line accompanies it.
  public var isDetail: Bool {
    get { storage.isDetail }
    set { unique().isDetail = newValue }
  }
  /// Every other captured or structured field, by name.
  public var fields: [String: String] {
    get { storage.fields }
    set { unique().fields = newValue }
  }
  public var origin: Origin {
    get { storage.origin }
    set { unique().origin = newValue }
  }
  /// The host the line names (``ParsedLine/host``), when it names one. Beside the origin, not
  /// in it: an origin is copied with every run and restart a history keeps, and stays plain
  /// numbers that way.
  public var host: String? {
    get { storage.host }
    set { unique().host = newValue }
  }
  /// The normalised message, for evidence.
  public var text: String {
    get { storage.text }
    set { unique().text = newValue }
  }
  /// For a repeat that stands for lines a paste left out, the user's mark it was read from
  /// (`...repeats every 60s`): such an event counts in diagnoses only, never in totals or cycles.
  public var mark: String? {
    get { storage.mark }
    set { unique().mark = newValue }
  }

  private var storage: Storage

  public init(
    kind: EventKind, roles: KindRoles = [], ruleID: String, time: LogTime?, channel: String, account: String? = nil,
    status: String? = nil, attempt: Int? = nil, maxAttempts: String? = nil,
    delaySeconds: Double? = nil, reason: String? = nil, isDetail: Bool = false,
    fields: [String: String] = [:], origin: Origin, text: String
  ) {
    storage = Storage(
      kind: kind, roles: roles, ruleID: ruleID, time: time, channel: channel, account: account, status: status,
      attempt: attempt, maxAttempts: maxAttempts, delaySeconds: delaySeconds, reason: reason,
      isDetail: isDetail, fields: fields, origin: origin, text: text)
  }

  /// The box, copied first if another event shares it.
  private mutating func unique() -> Storage {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    return storage
  }

  /// Mutable only through ``Event/unique()``, i.e. while no other event shares it.
  private final class Storage: @unchecked Sendable {
    var kind: EventKind
    var roles: KindRoles
    var ruleID: String
    var time: LogTime?
    var channel: String
    var account: String?
    var status: String?
    var attempt: Int?
    var maxAttempts: String?
    var delaySeconds: Double?
    var reason: String?
    var isDetail: Bool
    var fields: [String: String]
    var origin: Origin
    var host: String?
    var text: String
    var mark: String?

    init(
      kind: EventKind, roles: KindRoles, ruleID: String, time: LogTime?, channel: String, account: String?,
      status: String?, attempt: Int?, maxAttempts: String?, delaySeconds: Double?, reason: String?,
      isDetail: Bool, fields: [String: String], origin: Origin, text: String
    ) {
      self.kind = kind
      self.roles = roles
      self.ruleID = ruleID
      self.time = time
      self.channel = channel
      self.account = account
      self.status = status
      self.attempt = attempt
      self.maxAttempts = maxAttempts
      self.delaySeconds = delaySeconds
      self.reason = reason
      self.isDetail = isDetail
      self.fields = fields
      self.origin = origin
      self.text = text
    }

    func copy() -> Storage {
      let copy = Storage(
        kind: kind, roles: roles, ruleID: ruleID, time: time, channel: channel, account: account, status: status,
        attempt: attempt, maxAttempts: maxAttempts, delaySeconds: delaySeconds, reason: reason,
        isDetail: isDetail, fields: fields, origin: origin, text: text)
      copy.mark = mark
      copy.host = host
      return copy
    }
  }
}
