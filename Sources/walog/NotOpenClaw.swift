import WalogCore

/// What to say when the input holds no lifecycle event and no line with an OpenClaw tag or
/// subsystem (exit code 3): a timestamp, journald or container prefix alone does not count.
/// Under `--rules` that is what the user's rules recognised, not what the log is.
enum NotOpenClaw {
  static func reason(_ analysis: Analysis) -> String {
    if analysis.inputs.allSatisfy({ $0.bytes == 0 }) { return "the input is empty" }
    if analysis.inputs.allSatisfy(\.binary) { return "binary data, not a text log" }
    if let files = replacingRules(analysis) { return "the rules of \(files) recognised nothing in the input" }
    return "not an OpenClaw gateway log (no lifecycle event and no line with an OpenClaw tag or subsystem)"
  }

  static func message(_ analysis: Analysis) -> String {
    if analysis.inputs.allSatisfy({ $0.bytes == 0 }) { return "walog: the input is empty" }
    if let binary = TextReport.binaryInput(analysis) { return "walog: " + binary }
    if let files = replacingRules(analysis) {
      return "walog: the rules of \(files) recognised nothing in the input (no event of theirs and no line with a tag or subsystem of their channels); --rules replaces the built-in OpenClaw rules, --extra-rules adds to them"
    }
    return "walog: no line of the input looks like an OpenClaw gateway log (no lifecycle event and no line with an OpenClaw tag or subsystem)"
  }

  /// The rule files in effect when `--rules` replaced the built-in ones, else nil.
  private static func replacingRules(_ analysis: Analysis) -> String? {
    analysis.ruleFiles.contains(DefaultRules.name) ? nil : analysis.ruleFiles.joined(separator: " and ")
  }
}
