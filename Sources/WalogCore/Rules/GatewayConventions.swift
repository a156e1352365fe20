/// The rule file's `conventions:` section: how the gateway names what walog's mechanisms read (the
/// stream of its own events, the account of lines that name none, how its commands name an
/// account, how it prints an unlimited `N`, which subsystem segments its console leaves out of
/// a tag, and which text marks a warning or an error in `openclaw logs`). docs/rules.md,
/// "conventions".
///
/// Every rule set starts from the built-in rules' values; a file's section replaces the values
/// it gives (a folder's later file, `--extra-rules` and `--rules` alike), so the Swift holds none.
public struct GatewayConventions: Sendable, Equatable {
  /// The channel of the gateway process's own events (`channel: gateway` in its rules): one
  /// stream whatever the process, never restarted with the channels, never a channel that a line
  /// naming none is given.
  public var stream: String?
  /// The account of a stream whose lines never name one.
  public var defaultAccount: String?
  /// How a command names an account other than the default: `{account}` is replaced by it
  /// (the diagnoses' `{account_flag}`).
  public var accountFlag: String?
  /// What the gateway prints as the `N` of `k/N` when attempts are unlimited: read `∞`.
  public var unlimitedMax: [String]?
  /// Leading subsystem segments the console leaves out of its `[tag]`.
  public var tagDrops: [String]?
  /// Text that marks a raw line as a warning or an error for the count of unexplained problems,
  /// beyond the file log's level names and the error words walog looks for itself.
  public var problemMarks: [String]?

  public init() {}

  static let keys = ["stream", "default_account", "account_flag", "unlimited_max", "tag_drops", "problem_marks"]

  /// The keys these facts leave out (the built-in rules must give every one).
  var missingKeys: [String] {
    let given = [
      stream != nil, defaultAccount != nil, accountFlag != nil, unlimitedMax != nil, tagDrops != nil, problemMarks != nil,
    ]
    return zip(Self.keys, given).filter { !$0.1 }.map(\.0)
  }

  /// These facts with `later`'s given values laid over them.
  public func laid(under later: GatewayConventions) -> GatewayConventions {
    var result = self
    result.stream = later.stream ?? stream
    result.defaultAccount = later.defaultAccount ?? defaultAccount
    result.accountFlag = later.accountFlag ?? accountFlag
    result.unlimitedMax = later.unlimitedMax ?? unlimitedMax
    result.tagDrops = later.tagDrops ?? tagDrops
    result.problemMarks = later.problemMarks ?? problemMarks
    return result
  }

  /// The account of a stream whose lines never name one (the built-in rules give it).
  public var fallbackAccount: String { defaultAccount ?? "" }

  /// `{account_flag}` for a stream's account: empty for the default account and for the
  /// stream that sums the accounts past the cap, which no command names.
  public func accountFlag(for account: String) -> String {
    guard let accountFlag, account != defaultAccount, account != StreamKey.otherAccounts else { return "" }
    return accountFlag.replacing("{account}", with: account)
  }

  /// The printed `N` of `k/N` as walog keeps it: `∞` when the gateway's words say unlimited.
  public func maxAttempts(_ printed: String?) -> String? {
    guard let printed, let unlimitedMax, unlimitedMax.contains(printed) else { return printed }
    return "∞"
  }
}

/// Reads the `conventions:` section.
enum ConventionsReader {
  static func conventions(_ node: Node?, reader: inout YAMLReader) -> GatewayConventions {
    var facts = GatewayConventions()
    guard let node, let entries = reader.entries(of: node, what: "'conventions'", allowed: GatewayConventions.keys) else {
      return facts
    }
    facts.stream = entries["stream"].flatMap { word($0.value, key: "stream", reader: &reader) }
    facts.defaultAccount = entries["default_account"].flatMap { word($0.value, key: "default_account", reader: &reader) }
    if let node = entries["account_flag"]?.value, let flag = reader.string(node, key: "account_flag") {
      if flag.contains("{account}") {
        facts.accountFlag = flag
      } else {
        reader.error(node, "'account_flag' needs '{account}' where the account goes")
      }
    }
    facts.unlimitedMax = entries["unlimited_max"].flatMap { reader.stringList($0.value, key: "unlimited_max") }
    if let node = entries["tag_drops"]?.value, let drops = reader.stringList(node, key: "tag_drops") {
      if drops.contains(where: { $0.contains("/") }) {
        reader.error(node, "'tag_drops' are single subsystem segments, without '/'")
      }
      facts.tagDrops = drops
    }
    if let node = entries["problem_marks"]?.value, let marks = reader.stringList(node, key: "problem_marks") {
      // As for an event's literal: shorter text would make the prefilter stop almost everywhere.
      for mark in marks where mark.utf8.count < 3 {
        reader.error(node, "problem mark '\(mark)' is shorter than 3 bytes")
      }
      facts.problemMarks = marks
    }
    return facts
  }

  private static func word(_ node: Node, key: String, reader: inout YAMLReader) -> String? {
    guard let text = reader.string(node, key: key) else { return nil }
    guard !text.isEmpty else {
      reader.error(node, "expected a non-empty string for '\(key)'")
      return nil
    }
    return text
  }
}
