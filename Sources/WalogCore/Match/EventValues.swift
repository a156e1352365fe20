/// The named values of one match (fixed fields, structured JSON fields, captures), held in
/// the slots an ``Event`` reads them from, so building an event hashes no names and
/// allocates no dictionary unless a rule names values of its own.
struct EventValues {
  /// Where a named value goes; worked out once per rule (``Shape``), not per match.
  enum Slot: Equatable {
    case channel, account, status, attempt, max, delay, delayMilliseconds, reason
    case field(String)

    init(_ name: String) {
      switch name {
      case "channel": self = .channel
      case "account": self = .account
      case "status": self = .status
      case "attempt": self = .attempt
      case "max": self = .max
      case "delay": self = .delay
      case "delay_ms": self = .delayMilliseconds
      case "reason": self = .reason
      default: self = .field(name)
      }
    }

    var name: String {
      switch self {
      case .channel: "channel"
      case .account: "account"
      case .status: "status"
      case .attempt: "attempt"
      case .max: "max"
      case .delay: "delay"
      case .delayMilliseconds: "delay_ms"
      case .reason: "reason"
      case .field(let name): name
      }
    }
  }

  /// One rule's named values, sorted by slot once: fixed fields, then JSON fields, then
  /// capture groups (each source overrides the one before); and what every event of the
  /// rule shares (copying the whole ``EventRule`` per event showed in profiles).
  final class Shape {
    let fixed: [(slot: Slot, value: String)]
    let json: [(slot: Slot, key: String)]
    let captures: [(slot: Slot, group: Int)]
    let kind: EventKind
    let roles: KindRoles
    let ruleID: String
    let channel: String?
    let isDetail: Bool
    /// The capture group of `account`, when the pattern has one.
    let accountGroup: Int?

    init(rule: EventRule, pattern: Pattern) {
      kind = rule.kind
      roles = rule.roles
      ruleID = rule.id
      channel = rule.channel
      isDetail = rule.detail
      fixed = rule.fields.sorted { $0.key < $1.key }.map { (Slot($0.key), $0.value) }
      json = rule.jsonFields.sorted { $0.key < $1.key }.map { (Slot($0.key), $0.value) }
      captures = pattern.groupNumbers.sorted { $0.value < $1.value }.map { (Slot($0.key), $0.value) }
      accountGroup = pattern.groupNumbers["account"]
    }
  }

  var channel: String?
  var account: String?
  var status: String?
  var attempt: String?
  var max: String?
  var delay: String?
  var delayMilliseconds: String?
  var reason: String?
  var fields: [String: String] = [:]

  subscript(slot: Slot) -> String? {
    get {
      switch slot {
      case .channel: channel
      case .account: account
      case .status: status
      case .attempt: attempt
      case .max: max
      case .delay: delay
      case .delayMilliseconds: delayMilliseconds
      case .reason: reason
      case .field(let name): fields[name]
      }
    }
    set {
      switch slot {
      case .channel: channel = newValue
      case .account: account = newValue
      case .status: status = newValue
      case .attempt: attempt = newValue
      case .max: max = newValue
      case .delay: delay = newValue
      case .delayMilliseconds: delayMilliseconds = newValue
      case .reason: reason = newValue
      case .field(let name): fields[name] = newValue
      }
    }
  }

  /// Every value by name, as a rule's samples state them.
  var byName: [String: String] {
    var all = fields
    let named: [Slot] = [.channel, .account, .status, .attempt, .max, .delay, .delayMilliseconds, .reason]
    for slot in named { if let value = self[slot] { all[slot.name] = value } }
    return all
  }
}
