import Foundation
import Testing
import WalogTestSupport

@testable import WalogCore

/// The proof of issue #9's "find the message, whatever surrounds it": every sample line of
/// the default rule file, rendered through every paste transformation (Support/Pastes.swift),
/// gives the same event with the same captures — a masked figure reads as unknown — and a
/// `match: false` sample stays unmatched.
@Suite struct EnvelopePasteTests {
  static let rules = RuleSet.default

  /// What a user reads of one line's event: its rule and every value it carries.
  struct Seen: Equatable, CustomStringConvertible {
    var rule: String
    var channel: String
    var account: String?
    var status: String?
    var attempt: Int?
    var max: String?
    var delay: Double?
    var reason: String?
    var fields: [String: String]

    init(_ e: Event) {
      rule = e.ruleID
      channel = e.channel
      account = e.account
      status = e.status
      attempt = e.attempt
      max = e.maxAttempts
      delay = e.delaySeconds
      reason = e.reason
      fields = e.fields
    }

    var description: String {
      "\(rule) \(channel):\(account ?? "-") status=\(status ?? "-") \(attempt.map(String.init) ?? "-")/\(max ?? "-") delay=\(delay.map { "\($0)" } ?? "-") reason=\(reason ?? "-") \(fields.sorted { $0.key < $1.key })"
    }
  }

  /// The events of `lines` read as the pipeline reads one input: envelope, prefilter over
  /// the raw line, the rules, then the account attribution; nil for a line without event.
  static func events(
    _ lines: [String], matcher: EventMatcher, prefilter: Prefilter, only rule: Int? = nil
  ) -> [Seen?] {
    var parser = EnvelopeParser()
    var found: [Event?] = []
    for (number, text) in lines.enumerated() {
      var raw = Array(text.utf8)
      raw.append(0x0A)
      found.append(raw.withUnsafeBytes { block in
        let line = parser.parse(UnsafeRawBufferPointer(rebasing: block.dropLast()))
        prefilter.scan(block)
        guard let candidate = prefilter.candidates.first else { return nil }
        let mask = prefilter.rules(of: candidate)
        let candidates = rule.map { r in mask.contains(r) ? [r] : [] } ?? Array(mask)
        return matcher.match(line, candidates: candidates, origin: Origin(input: 0, line: number + 1, pid: line.pid))
      })
    }
    var attributed = StreamAttributor(ListSource(events: found.compactMap { $0 }))
    return found.map { event in event == nil ? nil : (try? attributed.next()).flatMap { $0 }.map(Seen.init) }
  }

  struct ListSource: EventSource {
    var events: [Event]
    mutating func next() -> Event? { events.isEmpty ? nil : events.removeFirst() }
  }

  /// A sample taken apart by the envelope stage, for the pastes to rebuild.
  static func sample(_ line: String) -> PasteSample {
    var parser = EnvelopeParser()
    let parsed = parser.snapshot(line)
    let vocabulary = rules.tagVocabulary
    let subsystem = parsed.tag.isEmpty ? nil : Self.subsystem(of: parsed.tag, in: vocabulary)
    // Samples without a time of their own happen at a fixed local moment.
    let epoch = parsed.time.map { $0.precision == .full ? $0.seconds : 1_776_031_057.729 } ?? 1_776_031_057.729
    return PasteSample(
      raw: line, epoch: epoch, offset: parsed.time?.offset ?? 7200, tag: parsed.tag,
      message: parsed.message, subsystem: subsystem, structured: parsed.structuredFields != nil,
      startsKnown: parsed.time != nil || (!parsed.tag.isEmpty && parsed.isOpenClaw))
  }

  /// The subsystem the rule file knows whose display tag is `tag`.
  static func subsystem(of tag: String, in vocabulary: TagVocabulary) -> String? {
    for candidate in ["gateway/channels/\(tag)", "gateway/\(tag)"] {
      let known = Array(candidate.utf8).withUnsafeBytes { vocabulary.meaning(of: $0) != nil }
      if known { return candidate }
    }
    return nil
  }

  /// What an event becomes when a paste masked the digits: a masked figure is unknown
  /// (a status or retry maximum reads `unknown`, other figures are absent), masked text
  /// stays masked.
  static func masked(_ seen: Seen, fixed: [String: String]) -> Seen {
    func text(_ value: String?) -> String? {
      guard let value, maskDigits(value) != value else { return value }
      let figure = value.range(of: #"^[+\-]?[0-9.,:/]+(ms|s|m|h)?$"#, options: .regularExpression) != nil
      return figure ? nil : maskDigits(value)
    }
    // A rule's fixed fields come from no text, so no mask reaches them.
    var out = seen
    if let status = seen.status, fixed["status"] == nil, maskDigits(status) != status { out.status = "unknown" }
    if seen.attempt.map({ maskDigits(String($0)) != String($0) }) ?? false, fixed["attempt"] == nil { out.attempt = nil }
    if let max = seen.max, fixed["max"] == nil, maskDigits(max) != max { out.max = "unknown" }
    if fixed["delay"] == nil, fixed["delay_ms"] == nil { out.delay = nil }
    if fixed["reason"] == nil { out.reason = text(seen.reason) }
    out.account = text(seen.account)
    out.fields = seen.fields.reduce(into: [:]) { result, field in
      result[field.key] = fixed[field.key] != nil ? field.value : text(field.value)
    }
    return out
  }

  struct Case: CustomStringConvertible, Sendable {
    var rule: Int
    var line: String
    var shouldMatch: Bool
    var description: String { "\(EnvelopePasteTests.rules.events[rule].id): \(line.prefix(80))" }
  }

  static let cases: [Case] = rules.events.enumerated().flatMap { index, rule in
    rule.samples.map { Case(rule: index, line: $0.line, shouldMatch: $0.shouldMatch) }
  }

  @Test(arguments: try nonEmpty(cases))
  func everyPasteReadsAsTheSample(_ sample: Case) throws {
    let rule = Self.rules.events[sample.rule]
    let parts = Self.sample(sample.line)
    let literalsHaveDigits = (rule.literals ?? []).contains { $0.contains(where: \.isNumber) }
    var applied = 0
    let matcher = Self.rules.makeEventMatcher()
    let prefilter = Self.rules.makePrefilter()
    for paste in Pastes.all {
      // A rule that needs a digit in the raw line cannot see a masked one.
      if paste.masksDigits, literalsHaveDigits || !parts.message.contains(where: \.isNumber) { continue }
      guard let rendered = paste.render(parts) else { continue }
      applied += 1
      // A paste may make several lines of one (a fenced block): one of them has the event.
      let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      // A masked figure reads as unknown: a line kept out by its figure alone (`(0)`) may
      // match once masked.
      if !sample.shouldMatch, paste.masksDigits { continue }
      if !sample.shouldMatch {
        #expect(Self.events(lines, matcher: matcher, prefilter: prefilter, only: sample.rule).allSatisfy { $0 == nil }, "\(paste): \(rendered)")
        continue
      }
      // After the sample itself: a rendering that names no channel or account takes those
      // of the latest line of the same kind and channel.
      let seen = Self.events([sample.line] + lines, matcher: matcher, prefilter: prefilter)
      let original = try #require(seen[0], "\(sample)")
      let expected = paste.masksDigits ? Self.masked(original, fixed: rule.fields) : original
      #expect(seen.dropFirst().compactMap { $0 } == [expected], "\(paste): \(rendered)")
    }
    #expect(applied >= Pastes.wrappers.count)
  }
}

/// Every paste transformation has a fixture of ours: the scripted incident (the console
/// lines of Support/IncidentScript.swift) pasted that way, in Fixtures/envelopes/pasted-*.log,
/// whose totals the end-to-end tests check (walogTests/EndToEndTotalsTests).
@Suite struct EnvelopePasteFixtureTests {
  static func url(_ paste: Paste) -> URL {
    FixturePaths.envelopes.appendingPathComponent("pasted-\(paste.name).log")
  }

  /// The incident's console lines through `paste`; a line the paste does not apply to (a tag
  /// order the line does not have) is pasted as the gateway printed it.
  static func render(_ paste: Paste) -> String {
    Rendering.compact.entries.map { entry in
      let sample = PasteSample(
        raw: IncidentRenderer.line(entry, .compact), epoch: IncidentScript.epoch(entry),
        offset: IncidentScript.localOffset, tag: entry.displayTag, message: entry.consoleMessage,
        subsystem: entry.subsystem, structured: false, startsKnown: true)
      return paste.render(sample) ?? sample.raw
    }.joined(separator: "\n") + "\n"
  }

  @Test(arguments: try nonEmpty(Pastes.all))
  func committedFixtureMatchesThePaste(_ paste: Paste) throws {
    let url = Self.url(paste)
    let rendered = Self.render(paste)
    if FixturePaths.updating { try rendered.write(to: url, atomically: true, encoding: .utf8) }
    let committed = try String(contentsOf: url, encoding: .utf8)
    #expect(committed == rendered, "\(url.lastPathComponent) differs; WALOG_UPDATE_FIXTURES=1 rewrites it")
  }

  @Test func everyPastedFixtureBelongsToAPaste() throws {
    let names = Set(Pastes.all.map { "pasted-\($0.name).log" })
    let files = try FileManager.default.contentsOfDirectory(atPath: FixturePaths.envelopes.path)
      .filter { $0.hasPrefix("pasted-") }
    #expect(Set(files) == names)
  }
}
