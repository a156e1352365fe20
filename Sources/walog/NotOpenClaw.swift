import WalogCore

/// What to say when the input holds no lifecycle event and no line with an OpenClaw tag or
/// subsystem (exit code 3): a timestamp, journald or container prefix alone does not count.
enum NotOpenClaw {
  static func reason(_ analysis: Analysis) -> String {
    if analysis.inputs.allSatisfy({ $0.bytes == 0 }) { return "the input is empty" }
    if analysis.inputs.allSatisfy(\.binary) { return "binary data, not a text log" }
    return "not an OpenClaw gateway log (no lifecycle event and no line with an OpenClaw tag or subsystem)"
  }

  static func message(_ analysis: Analysis) -> String {
    if analysis.inputs.allSatisfy({ $0.bytes == 0 }) { return "walog: the input is empty" }
    if let binary = TextReport.binaryInput(analysis) { return "walog: " + binary }
    return "walog: no line of the input looks like an OpenClaw gateway log (no lifecycle event and no line with an OpenClaw tag or subsystem)"
  }
}
