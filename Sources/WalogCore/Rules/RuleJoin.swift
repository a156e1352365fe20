extension RuleLoader {
  /// Joins the parts of one rule set (a folder's files, a file's YAML documents) in order, as
  /// if they were one file: each section's entries follow those of the parts before, so the
  /// first matching event rule of the whole set wins; subsystems are added once; the top-level
  /// `policies` and `conventions` merge key by key. An event, kind, diagnosis or channel id that two parts define
  /// is an error naming both places (overriding is what `--extra-rules` is for), and so are parts of
  /// different versions.
  static func join(_ parts: [Loaded]) throws(RuleError) -> Loaded {
    guard var joined = parts.first else { preconditionFailure("a rule set has at least one part") }
    var problems: [RuleDiagnostic] = []
    func duplicate(_ what: String, _ id: String, at location: SourceLocation, first: SourceLocation) {
      problems.append(
        RuleDiagnostic(location: location, message: "duplicate \(what) id '\(id)' (first defined at \(first))"))
    }
    var events = Dictionary(joined.file.events.map { ($0.id, $0.location) }) { first, _ in first }
    var channels = Dictionary(joined.file.channels.map { ($0.id, $0.location) }) { first, _ in first }
    var kinds = Dictionary(joined.file.kinds.map { ($0.id, $0.location) }) { first, _ in first }
    var diagnoses = Dictionary(joined.file.diagnoses.compactMap { source in
      source.node["id"]?.string.map { ($0, source.location) }
    }) { first, _ in first }
    for part in parts.dropFirst() {
      let file = part.file
      if file.version != joined.file.version {
        problems.append(
          RuleDiagnostic(
            location: part.versionLocation,
            message: "version \(file.version) differs from version \(joined.file.version) at \(joined.versionLocation); the parts of a rule set share one version"))
      }
      for channel in file.channels {
        if let first = channels[channel.id] {
          duplicate("channel", channel.id, at: channel.location, first: first)
          continue
        }
        channels[channel.id] = channel.location
        joined.file.channels.append(channel)
      }
      for subsystem in file.subsystems where !joined.file.subsystems.contains(subsystem) {
        joined.file.subsystems.append(subsystem)
      }
      joined.file.policies = joined.file.policies.laid(under: file.policies)
      joined.file.conventions = joined.file.conventions.laid(under: file.conventions)
      for kind in file.kinds {
        if let first = kinds[kind.id] {
          duplicate("kind", kind.id.rawValue, at: kind.location, first: first)
          continue
        }
        kinds[kind.id] = kind.location
        joined.file.kinds.append(kind)
      }
      for (index, event) in file.events.enumerated() {
        if let first = events[event.id] {
          duplicate("event", event.id, at: event.location, first: first)
          continue
        }
        events[event.id] = event.location
        joined.file.events.append(event)
        joined.eventPatterns.append(part.eventPatterns[index])
      }
      joined.file.statuses += file.statuses
      for diagnosis in file.diagnoses {
        if let id = diagnosis.node["id"]?.string {
          if let first = diagnoses[id] {
            duplicate("diagnosis", id, at: diagnosis.location, first: first)
            continue
          }
          diagnoses[id] = diagnosis.location
        }
        joined.file.diagnoses.append(diagnosis)
      }
      joined.file.redact += file.redact
      joined.redactPatterns += part.redactPatterns
    }
    if !problems.isEmpty { throw RuleError(diagnostics: problems) }
    return joined
  }
}
