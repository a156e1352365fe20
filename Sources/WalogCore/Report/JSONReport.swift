/// The machine interface: a versioned JSON document, snake_case keys in a fixed order,
/// times in ISO 8601 with the log's own offset. docs/json-schema.md documents every key.
public enum JSONReport {
  /// Bumped when a key changes meaning or disappears; adding keys keeps the version.
  public static let schemaVersion = 1

  public static func render(_ analysis: Analysis) -> String {
    document(analysis).rendered()
  }

  public static func document(_ analysis: Analysis) -> JSONValue {
    .object([
      ("schema_version", .int(schemaVersion)),
      ("walog_version", .string(analysis.walogVersion)),
      (
        "rules",
        .object([
          ("files", .array(analysis.ruleFiles.map { .string($0) })),
          ("sha256", .string(analysis.rulesHash)),
        ])
      ),
      ("inputs", .array(analysis.inputs.map(input))),
      ("totals", totals(analysis.totals)),
      ("streams", .array(analysis.streams.map { stream($0, analysis) })),
      ("findings", .array(analysis.findings.map(finding))),
      ("gateway_versions", .array(analysis.gatewayVersions.map { .string($0) })),
      ("warnings", .array(analysis.warnings.map { .string($0) })),
    ])
  }

  static func input(_ input: InputSummary) -> JSONValue {
    .object([
      ("name", .string(input.name)),
      ("bytes", .int(input.bytes)),
      ("lines", .int(input.lines)),
      ("candidate_lines", .int(input.candidateLines)),
      ("events", .int(input.events)),
      ("openclaw_lines", .int(input.openClawLines)),
      ("cut_lines", .int(input.cutLines)),
      ("formats", .array(input.formats.sorted().map { .string($0.rawValue) })),
      ("warnings", .array(input.warnings.map { .string($0) })),
    ])
  }

  static func totals(_ totals: Totals) -> JSONValue {
    .object([
      ("closes_by_status", .sortedObject(totals.closesByStatus)),
      ("closes", .int(totals.closes)),
      ("retries", .int(totals.retries)),
      ("max_retry_attempt", .int(totals.maxRetryAttempt)),
      ("giveups", .int(totals.giveups)),
      ("auto_restarts", .int(totals.autoRestarts)),
      ("supervisor_giveups", .int(totals.supervisorGiveups)),
      ("health_restarts_by_reason", .sortedObject(totals.healthRestartsByReason)),
      ("events", .int(totals.events)),
      (
        "events_by_kind",
        .sortedObject(Dictionary(uniqueKeysWithValues: totals.eventsByKind.map { ($0.key.rawValue, $0.value) }))
      ),
    ])
  }

  static func stream(_ stream: StreamReport, _ analysis: Analysis) -> JSONValue {
    let tally = stream.tally
    let statuses: [JSONValue] = sortedCounts(tally.totals.closesByStatus).map { entry in
      let info = analysis.status(channel: tally.key.channel, code: entry.key)
      return .object([
        ("status", .string(entry.key)),
        ("count", .int(entry.value)),
        ("name", .optional(info?.name)),
        ("class", .optional(info?.statusClass.rawValue)),
      ])
    }
    return .object([
      ("channel", .string(tally.key.channel)),
      ("account", .string(tally.key.account)),
      ("pid", .optional(tally.key.pid)),
      ("first_time", .optional(tally.firstTime.map(TimeText.iso))),
      ("last_time", .optional(tally.lastTime.map(TimeText.iso))),
      ("totals", totals(tally.totals)),
      ("closes", .array(statuses)),
    ])
  }

  static func finding(_ finding: Finding) -> JSONValue {
    .object([
      ("id", .string(finding.id)),
      ("severity", .string(finding.severity.rawValue)),
      ("title", .string(finding.title)),
      ("root_cause", .string(finding.rootCause)),
      ("actions", .array(finding.actions.map { .string($0) })),
      ("figures", .object(finding.figures.map { ($0.name, .string($0.value)) })),
      ("stream", .optional(finding.stream?.description)),
      (
        "evidence",
        .array(
          finding.evidence.map { evidence in
            .object([
              ("input", .string(evidence.input)),
              ("line", .int(evidence.line)),
              ("time", .optional(evidence.time.map(TimeText.iso))),
              ("text", .string(evidence.text)),
            ])
          })
      ),
    ])
  }
}
