extension Redactor {
  /// The analysis with every text that came from the log redacted: evidence lines, finding
  /// titles, causes, actions and figures, stream accounts, reasons, warnings. Input and rule
  /// file names are kept (they are the user's own paths, and the report must say what it read).
  ///
  /// Every report format renders the value this returns, so one pass covers them all.
  public func redact(_ analysis: Analysis) -> Analysis {
    // Numbering follows this order, which is also the order of every report (findings
    // first), so `<PHONE-1>` is the first number a reader meets.
    var out = analysis
    out.findings = analysis.findings.map(redact)
    out.streams = analysis.streams.map { stream in
      var tally = stream.tally
      tally.key = redact(tally.key)
      tally.totals = redact(tally.totals)
      return StreamReport(
        tally: tally, history: stream.history,
        notes: stream.notes.map { PolicyNote(id: $0.id, text: redact($0.text)) })
    }
    out.totals = redact(analysis.totals)
    out.unexplained = analysis.unexplained.map { problem in
      var problem = problem
      problem.shape = redact(problem.shape)
      problem.example = redact(problem.example)
      return problem
    }
    out.trace = analysis.trace?.mappingTexts(redact)
    out.gatewayVersions = analysis.gatewayVersions.map(redact)
    out.warnings = analysis.warnings.map(redact)
    out.inputs = analysis.inputs.map { input in
      var input = input
      input.warnings = input.warnings.map(redact)
      return input
    }
    return out
  }

  public func redact(_ finding: Finding) -> Finding {
    var out = finding.mappingTexts(redact)
    out.stream = finding.stream.map(redact)
    out.streams = finding.streams.map(redact)
    return out
  }

  /// An account can be a phone number (`[+15550104477]`); the channel is a rule's word.
  public func redact(_ key: StreamKey) -> StreamKey {
    StreamKey(channel: key.channel, account: redact(key.account), pid: key.pid, host: key.host)
  }

  /// Statuses and reasons are captured from log text; counts merge if two keys redact alike.
  func redact(_ totals: Totals) -> Totals {
    var out = totals
    out.closesByStatus = redactKeys(totals.closesByStatus)
    out.healthRestartsByReason = redactKeys(totals.healthRestartsByReason)
    return out
  }

  /// Keys in sorted order, so placeholder numbers do not depend on dictionary order.
  private func redactKeys(_ counts: [String: Int]) -> [String: Int] {
    var out: [String: Int] = [:]
    for key in counts.keys.sorted() { out[redact(key), default: 0] += counts[key]! }
    return out
  }
}
