import Foundation
import Testing

@testable import WalogCore

/// The condition forms that 2026.4–2026.9 diagnoses need: field tests, "nothing from the
/// stream afterwards", "within D before", and gateway-wide events.
@Suite struct DiagnoseConditionTests {
  static func event(
    _ seconds: Double?, _ kind: EventKind, channel: String = "whatsapp", status: String? = nil,
    fields: [String: String] = [:]
  ) -> Event {
    Event(
      kind: kind, roles: .of(kind), ruleID: kind.rawValue, time: seconds.map { LogTime(seconds: $0, offset: 0, precision: .full) },
      channel: channel, account: "default", status: status, fields: fields, origin: Origin(input: 0, line: 1),
      text: "")
  }

  static func rules(_ diagnoses: String) throws -> (RuleSet, [Diagnosis]) {
    try DiagnoseTests.rules(diagnoses, events: """
        - {id: close, kind: close, pattern: '^closed'}
        - {id: stall, kind: stop_timeout, pattern: '^stall'}
        - {id: warn, kind: liveness_warning, pattern: '^warn'}
      """)
  }

  /// The findings after feeding the events.
  static func analysed(_ diagnoses: String, _ events: [Event]) throws -> [Finding] {
    let (rules, compiled) = try Self.rules(diagnoses)
    var builder = AnalysisBuilder(diagnoses: compiled, statuses: rules.file.statuses)
    for event in events { builder.add(event) }
    return builder.analysis(inputs: [], rules: rules.info, warnings: [], walogVersion: "test").findings
  }

  /// The findings' ids and streams after feeding the events.
  static func findings(_ diagnoses: String, _ events: [Event]) throws -> [String] {
    try analysed(diagnoses, events).map { "\($0.id)@\($0.stream?.description ?? "log")" }
  }

  @Test func fieldsCompareNumbersAndTreatMaskedFiguresAsUnknown() throws {
    let quiet = """
        - id: quiet
          severity: info
          title: t
          root_cause: 'r {n}'
          when:
            count: {kind: watchdog, fields: {minutes: {at_least: 30}, phase: [a, b]}}
            at_least: 2
            as: n
      """
    let long = Self.event(0, .watchdog, fields: ["minutes": "31", "phase": "a"])
    let longer = Self.event(60, .watchdog, fields: ["minutes": "62", "phase": "b"])
    #expect(try Self.findings(quiet, [long, longer]) == ["quiet@whatsapp:default"])
    // 12 minutes is below the bound, `3X` is a masked figure, phase c is not listed.
    let short = Self.event(60, .watchdog, fields: ["minutes": "12", "phase": "a"])
    let masked = Self.event(60, .watchdog, fields: ["minutes": "3X", "phase": "a"])
    let other = Self.event(60, .watchdog, fields: ["minutes": "90", "phase": "c"])
    for second in [short, masked, other] { #expect(try Self.findings(quiet, [long, second]).isEmpty) }
  }

  static let dead = """
      - id: dead
        severity: error
        title: t
        root_cause: 'r'
        when:
          after: {kind: stop_timeout}
          count: {kind: [provider_start, connected]}
          at_most: 0
    """

  @Test func afterHoldsWhenNothingFollowsTheLastAnchor() throws {
    let stop = Self.event(10, .stopTimeout)
    #expect(try Self.findings(Self.dead, [Self.event(0, .connected), stop, Self.event(20, .close)]) == ["dead@whatsapp:default"])
    #expect(try Self.findings(Self.dead, [stop, Self.event(20, .providerStart)]).isEmpty)
    // A later anchor starts the count again: only what follows the last one counts.
    #expect(try Self.findings(Self.dead, [stop, Self.event(20, .providerStart), Self.event(30, .stopTimeout)]) == ["dead@whatsapp:default"])
    // No anchor: the value is unknown and the condition fails, `at_most: 0` or not.
    #expect(try Self.findings(Self.dead, [Self.event(0, .close)]).isEmpty)
  }

  static let starved = """
      - id: starved
        severity: warning
        channel: whatsapp
        gateway_wide: {kind: liveness_warning}
        title: t
        root_cause: 'r {drops}'
        when:
          count: {kind: close}
          preceded_by: {kind: liveness_warning, fields: {eventLoopUtilization: {at_least: 0.9}}}
          within: 5m
          at_least: 1
          as: drops
    """

  static func warning(_ seconds: Double, utilization: String) -> Event {
    event(seconds, .livenessWarning, channel: "gateway", fields: ["eventLoopUtilization": utilization])
  }

  @Test func precededByCountsEventsWithinTheWindowAfterAnAnchor() throws {
    let busy = Self.warning(0, utilization: "0.99")
    #expect(try Self.findings(Self.starved, [busy, Self.event(299, .close)]) == ["starved@whatsapp:default"])
    // Too late, or the warning was a busy-but-healthy loop.
    #expect(try Self.findings(Self.starved, [busy, Self.event(301, .close)]).isEmpty)
    #expect(try Self.findings(Self.starved, [Self.warning(0, utilization: "0.40"), Self.event(10, .close)]).isEmpty)
    // A close without a time cannot be placed within the window of a timed warning…
    #expect(try Self.findings(Self.starved, [busy, Self.event(nil, .close)]).isEmpty)
    // …but in an excerpt without any times, order alone places it after the warning.
    let untimedBusy = Self.event(nil, .livenessWarning, channel: "gateway", fields: ["eventLoopUtilization": "0.99"])
    #expect(try Self.findings(Self.starved, [untimedBusy, Self.event(nil, .close)]) == ["starved@whatsapp:default"])
    #expect(try Self.findings(Self.starved, [Self.event(nil, .close), untimedBusy]).isEmpty)
  }

  /// A drop near a busy warning: up to 5 minutes after one, or up to 15 minutes before one that
  /// was not written during a channel's start.
  static let starvedAround = starved.replacingOccurrences(
    of: "      within: 5m\n",
    with: "      within: 5m\n"
      + "      followed_by: {kind: liveness_warning, fields: {eventLoopUtilization: {at_least: 0.9}}, except: {fields: {phase: start-account}}}\n"
      + "      followed_within: 15m\n")

  /// The `drops` figure of the one finding, nil without a finding.
  static func drops(_ diagnoses: String, _ events: [Event]) throws -> Double? {
    try analysed(diagnoses, events).first?.figures.first { $0.name == "drops" }?.value
  }

  @Test func followedByCountsEventsAWarningFollowedWithinItsWindow() throws {
    #expect(Self.starvedAround.contains("followed_within: 15m\n      at_least: 1"))
    let close = Self.event(0, .close)
    #expect(try Self.drops(Self.starvedAround, [close, Self.warning(900, utilization: "0.97")]) == 1)
    // Too late, or a healthy loop; the before side still holds as it did.
    #expect(try Self.drops(Self.starvedAround, [close, Self.warning(901, utilization: "0.97")]) == nil)
    #expect(try Self.drops(Self.starvedAround, [close, Self.warning(60, utilization: "0.40")]) == nil)
    #expect(try Self.drops(Self.starvedAround, [Self.warning(0, utilization: "0.99"), Self.event(299, .close)]) == 1)
    // `except:` leaves out a warning of a channel's own start.
    let starting = Self.event(60, .livenessWarning, channel: "gateway", fields: ["eventLoopUtilization": "0.99", "phase": "start-account"])
    #expect(try Self.drops(Self.starvedAround, [close, starting]) == nil)
    // A drop between two warnings counts once; one warning after two drops counts both.
    let around = [Self.warning(0, utilization: "0.99"), Self.event(10, .close), Self.warning(20, utilization: "0.99")]
    #expect(try Self.drops(Self.starvedAround, around) == 1)
    let two = [close, Self.event(30, .close), Self.warning(40, utilization: "0.99"), Self.warning(50, utilization: "0.99")]
    #expect(try Self.drops(Self.starvedAround, two) == 2)
    // A close without a time cannot be placed.
    #expect(try Self.drops(Self.starvedAround, [Self.event(nil, .close), Self.warning(10, utilization: "0.99")]) == nil)
  }

  @Test func exceptLeavesOutWhatItMatches() throws {
    let errors = """
        - id: errors
          severity: info
          title: t
          root_cause: 'r {n}'
          when:
            count: {kind: channel_exit, except: [{fields: {outcome: clean}}, {status: '428'}]}
            at_least: 1
            as: n
      """
    let clean = Self.event(0, .channelExit, fields: ["outcome": "clean"])
    #expect(try Self.findings(errors, [clean, Self.event(1, .channelExit, status: "428")]).isEmpty)
    #expect(try Self.findings(errors, [clean, Self.event(2, .channelExit)]) == ["errors@whatsapp:default"])
  }

  @Test func gatewayWideEventsCountInStreamsBeforeAndAfterThem() throws {
    let early = Self.event(0, .connected)
    let busy = Self.warning(10, utilization: "0.99")
    let close = Self.event(20, .close)
    // The WhatsApp stream existed before the warning, and a Slack stream begins after it.
    let slack = Self.event(30, .close, channel: "slack")
    let (rules, compiled) = try Self.rules(
      Self.starved.replacingOccurrences(of: "channel: whatsapp", with: "channel: [whatsapp, slack]"))
    var builder = AnalysisBuilder(diagnoses: compiled, statuses: rules.file.statuses)
    for event in [early, busy, close, slack] { builder.add(event) }
    let findings = builder.analysis(inputs: [], rules: rules.info, warnings: [], walogVersion: "test").findings
    #expect(findings.map { $0.stream?.description ?? "" } == ["slack:default", "whatsapp:default"])
    // The warning is cited as evidence in the channel's finding.
    #expect(findings.allSatisfy { $0.evidence.count == 2 })
    // Without `gateway_wide` the warning stays in its own stream.
    #expect(try Self.findings(Self.starved.replacingOccurrences(of: "    gateway_wide: {kind: liveness_warning}\n", with: ""), [busy, close]).isEmpty)
  }

  @Test func badFormsNameWhatIsMissing() throws {
    let missing = """
        - id: d
          severity: info
          title: t
          root_cause: r
          when:
            count: {kind: close}
            preceded_by: {kind: liveness_warning}
            at_least: 1
      """
    #expect { _ = try Self.rules(missing) } throws: { "\($0)".contains("'preceded_by' and 'within' go together") }
    let following = missing.replacingOccurrences(of: "preceded_by", with: "followed_by")
    #expect { _ = try Self.rules(following) } throws: { "\($0)".contains("'followed_by' and 'followed_within' go together") }
    let rule = missing.replacingOccurrences(of: "count: {kind: close}", with: "count: {rule: warning}")
    #expect { _ = try Self.rules(rule) } throws: { "\($0)".contains("no event rule has the id 'warning'") }
    let bounds = """
        - id: d
          severity: info
          title: t
          root_cause: r
          when:
            count: {kind: close, fields: {minutes: {above: 3}}}
            at_least: 1
      """
    #expect { _ = try Self.rules(bounds) } throws: { "\($0)".contains("unknown key 'above' in bounds of field 'minutes'") }
  }
}
