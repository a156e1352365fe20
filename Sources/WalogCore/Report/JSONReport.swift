/// The machine interface: a versioned JSON document, snake_case keys in a fixed order,
/// times in ISO 8601 with the log's own offset. docs/json-schema.md documents every key.
public enum JSONReport {
  /// Bumped when a key changes meaning or disappears; adding keys keeps the version.
  public static let schemaVersion = 2

  public static func render(_ analysis: Analysis) -> String {
    document(analysis).rendered()
  }

  public static func document(_ analysis: Analysis) -> JSONValue {
    .object(members(analysis))
  }

  /// The top level's members; `hosts` only when the log names several (a one-gateway log's
  /// document is as it always was).
  static func members(_ analysis: Analysis) -> [(String, JSONValue)] {
    var members: [(String, JSONValue)] = [
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
      ("findings", .array(analysis.findings.map(FindingJSON.encode))),
      ("gateway_versions", .array(analysis.gatewayVersions.map { .string($0) })),
      ("checks", .array(analysis.checks.map { .string($0) })),
      (
        "unexplained_problems",
        .object([
          ("lines", .int(analysis.unexplainedTotal)),
          (
            "top",
            .array(
              analysis.unexplained.map { problem in
                .object([
                  ("shape", .string(problem.shape)), ("count", .int(problem.count)),
                  ("level", .string(problem.level)), ("first_seen", .string(problem.firstSeen)),
                  ("example", .string(problem.example)),
                ])
              })
          ),
        ])
      ),
      ("warnings", .array(analysis.warnings.map { .string($0) })),
    ]
    if !analysis.hosts.isEmpty {
      members.insert(("hosts", .array(analysis.hosts.map { host($0, analysis) })), at: 5)
    }
    return members
  }

  /// One host of a log that names several: its streams, findings and totals.
  static func host(_ host: HostSummary, _ analysis: Analysis) -> JSONValue {
    .object([
      ("host", .string(host.name)),
      ("streams", .int(host.streams)),
      ("findings", .int(host.findings(analysis).count)),
      ("totals", totals(host.totals)),
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
      ("clock_offsets", .array(input.clockOffsets.entries.map(clockOffset))),
      ("warnings", .array(input.warnings.map { .string($0) })),
    ])
  }

  static func clockOffset(_ entry: ClockOffset) -> JSONValue {
    .object([
      ("zone", .string(entry.zone)),
      ("offset", .string(TimeText.offsetText(entry.offset))),
      ("basis", .string(entry.basis.rawValue)),
      ("first_date", .string(TimeText.date(entry.firstDay))),
      ("last_date", .string(TimeText.date(entry.lastDay))),
      ("lines", .int(entry.lines)),
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
        ("meaning", .optional(info?.meaning)),
      ])
    }
    let host: [(String, JSONValue)] = tally.key.host.map { [("host", .string($0))] } ?? []
    return .object(host + [
      ("channel", .string(tally.key.channel)),
      ("account", .string(tally.key.account)),
      ("pid", .optional(tally.key.pid)),
      ("first_time", .optional(tally.firstTime.map(TimeText.iso))),
      ("last_time", .optional(tally.lastTime.map(TimeText.iso))),
      ("totals", totals(tally.totals)),
      ("closes", .array(statuses)),
      ("history", history(stream)),
      ("policy_notes", .array(stream.notes.map { .object([("id", .string($0.id)), ("text", .string($0.text))]) })),
    ])
  }

  static func history(_ stream: StreamReport) -> JSONValue {
    let history = stream.history
    let (entries, omitted) = stream.timeline
    return .object([
      ("runs", .int(history.runs.count)),
      (
        "run_outcomes",
        .object(RetryRun.Outcome.allCases.map { ($0.rawValue, .int(history.outcomes[$0] ?? 0)) })
      ),
      ("runs_began_before_log", .int(history.runsBeganBeforeLog)),
      ("runs_began_before_window", .int(history.runsBeganBeforeWindow)),
      ("cycles", .int(history.cycles.count)),
      ("cycles_by_restarter", .sortedObject(history.cyclesByRestarter)),
      ("loops", .array(history.loops.map(loop))),
      ("timeline", .array(entries.map(timelineEntry))),
      ("timeline_omitted", .int(omitted)),
    ])
  }

  static func loop(_ loop: Loop) -> JSONValue {
    .object([
      ("cycles", .int(loop.cycles)),
      ("start", .optional(loop.start.map(TimeText.iso))),
      ("end", .optional(loop.end.map(TimeText.iso))),
      ("median_period_seconds", loop.medianPeriod.map { .double($0) } ?? .null),
      ("closes", .int(loop.closes)),
      ("closes_per_cycle", .double(loop.closesPerCycle)),
      ("closes_per_health_restart", loop.closesPerHealthRestart.map { .double($0) } ?? .null),
      ("supervisor_restarts", .int(loop.supervisorRestarts)),
      ("health_restarts", .int(loop.healthRestarts)),
      ("stream_lines_per_minute", loop.streamLinesPerMinute.map { .double($0) } ?? .null),
      ("log_lines_per_minute", loop.logLinesPerMinute.map { .double($0) } ?? .null),
    ])
  }

  static func timelineEntry(_ entry: TimelineEntry) -> JSONValue {
    switch entry {
    case .run(let run):
      return .object([
        ("type", .string("run")),
        ("start", .optional(run.start.map(TimeText.iso))),
        ("end", .optional(run.end.map(TimeText.iso))),
        ("line", .int(run.startOrigin.line)),
        ("closes", .int(run.closes)),
        ("statuses", .sortedObject(run.statuses)),
        ("first_attempt", .optional(run.firstAttempt)),
        ("last_attempt", .optional(run.lastAttempt)),
        ("max_attempts", .optional(run.maxAttempts)),
        ("outcome", .string(run.outcome.rawValue)),
        ("began_before_log", .bool(run.beganBeforeLog)),
        ("began_before_window", .bool(run.beganBeforeWindow)),
      ])
    case .restart(let record):
      var members: [(String, JSONValue)] = [
        ("type", .string("restart")),
        ("time", .optional(record.time.map(TimeText.iso))),
        ("line", .int(record.origin.line)),
        ("restarter", .string(record.restart.restarter)),
      ]
      switch record.restart {
      case .supervisor(let attempt, let of, let delay):
        members += [("attempt", .optional(attempt)), ("of", .optional(of)), ("delay_seconds", delay.map { .double($0) } ?? .null)]
      case .healthMonitor(let reason):
        members.append(("reason", .string(reason)))
      case .everyChannel: break
      }
      return .object(members)
    }
  }
}
