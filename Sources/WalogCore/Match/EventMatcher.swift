/// Turns a parsed line into a typed ``Event`` by running the candidate rules' patterns in
/// file order; the first rule that matches wins.
///
/// One per thread: it owns a ``Matcher`` per rule. A pattern that hits PCRE2's match limit
/// ``limitHitsBeforeDisabling`` times is disabled for the rest of the run with a warning, so
/// no input can make matching crawl.
public final class EventMatcher {
  /// Limit hits after which a rule is switched off.
  public static let limitHitsBeforeDisabling = 3

  public let rules: RuleSet
  private let matchers: [Matcher]
  /// Per rule, where its named values go.
  private let shapes: [EventValues.Shape]
  /// The gateway's words for an unlimited `N` (`conventions.unlimited_max`).
  private let conventions: GatewayConventions
  private var limitHits: [Int]
  /// Per rule, whether it matches only a channel's lines (``EventRule/channelsOnly``).
  private let channelsOnly: [Bool]
  /// Per rule, its `account` capture group, if any.
  private let accountGroup: [Int?]
  /// Whether each rule has been disabled (parallel to `rules.events`).
  public private(set) var disabled: [Bool]
  /// Warnings to show the user, e.g. a rule disabled after hitting the match limit.
  public private(set) var warnings: [String] = []
  /// Number of PCRE2 calls made.
  public private(set) var regexCalls = 0
  /// Limit hits per rule so far.
  var limitHitCounts: [Int] { limitHits }
  /// Number of events produced.
  public private(set) var matches = 0

  public init(rules: RuleSet, matchLimit: UInt32 = Matcher.defaultMatchLimit) {
    self.rules = rules
    matchers = rules.patterns.map { $0.makeMatcher(matchLimit: matchLimit) }
    shapes = zip(rules.events, rules.patterns).map(EventValues.Shape.init)
    conventions = rules.conventions
    limitHits = Array(repeating: 0, count: rules.patterns.count)
    channelsOnly = rules.events.map(\.channelsOnly)
    accountGroup = rules.patterns.map { $0.groupNumbers["account"] }
    disabled = Array(repeating: false, count: rules.patterns.count)
  }

  /// Starts over from `hits` limit hits per rule (an input's reading mode, ``ReadingMode``):
  /// the rules that reached ``limitHitsBeforeDisabling`` are off. Warnings and counts are
  /// kept.
  func restore(limitHits hits: [Int]) {
    for rule in limitHits.indices {
      limitHits[rule] = rule < hits.count ? hits[rule] : 0
      disabled[rule] = limitHits[rule] >= Self.limitHitsBeforeDisabling
    }
  }

  /// The event for `line`, trying only the rules in `candidates` (ascending rule indexes,
  /// e.g. from ``Prefilter``), or nil when none matches.
  public func match(_ line: ParsedLine, candidates: some Sequence<Int>, origin: Origin) -> Event? {
    guard let (index, reading) = firstMatch(line, candidates: candidates) else { return nil }
    matches += 1
    return makeEvent(rule: index, line: reading, origin: origin)
  }

  /// The first candidate rule that matches `line`, and the reading of the line it matched: a
  /// line whose tag the rule file does not know is tried a second time with that `[word]` as
  /// the start of its message (`[default] auto-restart…`, ``ParsedLine/messageWithTag``).
  func firstMatch(
    _ line: ParsedLine, candidates: some Sequence<Int>
  ) -> (rule: Int, line: ParsedLine)? {
    // A line of one of the gateway's own subsystems (`[ws]`) is no channel's.
    let gatewayLine = line.tagIsKnown && line.channel == nil
    for index in candidates where !(gatewayLine && channelsOnly[index]) && run(index, on: line.message) {
      // A rule that reads an optional `[account]` (the channel manager's `[default] channel
      // exited …`) takes a lone unknown `[word]` for the account, when it matches so too; a
      // channel-agnostic rule takes it for a plugin's tag.
      if let opened = line.messageWithTag, !channelsOnly[index], accountGroup[index] != nil,
        !capturedAccount(index, in: line.message)
      {
        if run(index, on: opened), capturedAccount(index, in: opened) { return (index, Self.untagged(line, opened)) }
        // The captures are read from the last match: the first reading's again.
        _ = run(index, on: line.message)
      }
      return (index, line)
    }
    guard let opened = line.messageWithTag else { return nil }
    let untagged = Self.untagged(line, opened)
    for index in candidates where run(index, on: opened) { return (index, untagged) }
    return nil
  }

  /// `line` read with its unknown `[tag]` as the start of its message (`opened`).
  private static func untagged(_ line: ParsedLine, _ opened: UnsafeRawBufferPointer) -> ParsedLine {
    var untagged = line
    untagged.message = opened
    untagged.tag = Bytes.empty
    untagged.messageWithTag = nil
    return untagged
  }

  /// Whether rule `index`'s last match on `message` captured an account.
  private func capturedAccount(_ index: Int, in message: UnsafeRawBufferPointer) -> Bool {
    guard let group = accountGroup[index] else { return false }
    return matchers[index].bytes(ofGroup: group, in: message) != nil
  }

  /// As ``match(_:candidates:origin:)`` with every rule a candidate (no prefilter).
  public func match(_ line: ParsedLine, origin: Origin) -> Event? {
    match(line, candidates: rules.patterns.indices, origin: origin)
  }

  /// Runs rule `index` on `message`; counts calls and limit hits.
  func run(_ index: Int, on message: UnsafeRawBufferPointer) -> Bool {
    guard !disabled[index] else { return false }
    regexCalls += 1
    switch matchers[index].match(message) {
    case .match:
      return true
    case .noMatch:
      return false
    case .limitHit, .error:
      limitHits[index] += 1
      if limitHits[index] >= Self.limitHitsBeforeDisabling {
        disabled[index] = true
        let rule = rules.events[index]
        warnings.append(
          "rule '\(rule.id)' (\(rule.location)) disabled: its pattern hit PCRE2's match limit \(limitHits[index]) times"
        )
      }
      return false
    }
  }

  /// The named values of the last match of rule `index` on `line`: fixed fields, then
  /// structured JSON fields, then captures (each overriding the one before), plus `channel`:
  /// the rule's, else the capture, else the line's channel tag, else `unknown`, which
  /// ``StreamAttributor`` infers from the events before it (docs/rules.md). A masked figure
  /// (`2.XXs`, `4XX`) reads as unknown.
  func values(rule index: Int, line: ParsedLine) -> EventValues {
    let shape = shapes[index]
    let matcher = matchers[index]
    var values = EventValues()
    for (slot, value) in shape.fixed { values[slot] = value }
    if !shape.json.isEmpty, let object = line.structuredFields {
      for (slot, key) in shape.json {
        if let value = JSONFieldReader.value(forKey: key, in: object) { values[slot] = value }
      }
    }
    for (slot, group) in shape.captures {
      guard let value = matcher.bytes(ofGroup: group, in: line.message) else { continue }
      // A masked figure is unknown: it overrides nothing the rule or the record knows.
      if !MaskedFigure.isMasked(value) {
        values[slot] = String(decoding: value, as: UTF8.self)
      } else if values[slot] == nil {
        values[slot] = MaskedFigure.reading(of: slot)
      }
    }
    if values.account == nil, line.account.count > 0 {
      values.account = String(decoding: line.account, as: UTF8.self)
    }
    if let channel = shape.channel {
      values.channel = channel
    } else if values.channel == nil {
      // A tag the rule file does not know is a plugin's channel, as before channels were
      // declared; a known subsystem's tag (`health-monitor`) names none.
      values.channel =
        line.channel ?? (line.tag.isEmpty || line.tagIsKnown ? StreamKey.unknownChannel : Self.lowercased(line.tag))
    }
    return values
  }

  private func makeEvent(rule index: Int, line: ParsedLine, origin: Origin) -> Event {
    let shape = shapes[index]
    let values = values(rule: index, line: line)
    var delay = values.delay.flatMap(DurationText.seconds)
    if let milliseconds = values.delayMilliseconds.flatMap(Double.init) {
      delay = delay ?? milliseconds / 1000
    }
    return Event(
      kind: shape.kind, roles: shape.roles, ruleID: shape.ruleID, time: line.time, channel: values.channel!,
      account: values.account,
      status: values.status,
      attempt: values.attempt.flatMap { Int($0) },
      maxAttempts: conventions.maxAttempts(values.max),
      delaySeconds: delay,
      reason: values.reason,
      isDetail: shape.isDetail,
      fields: values.fields,
      origin: origin,
      text: String(decoding: line.message, as: UTF8.self))
  }

  /// A tag as a channel name, lowercased (tags are ASCII; anything else goes through
  /// Unicode lowercasing).
  static func lowercased(_ tag: UnsafeRawBufferPointer) -> String {
    if tag.contains(where: { $0 >= 0x80 }) { return String(decoding: tag, as: UTF8.self).lowercased() }
    guard tag.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return String(decoding: tag, as: UTF8.self) }
    return String(unsafeUninitializedCapacity: tag.count) { buffer in
      for (index, byte) in tag.enumerated() { buffer[index] = Bytes.lower(byte) }
      return tag.count
    }
  }
}
