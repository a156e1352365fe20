import WalogCore

/// What to say when the input holds no lifecycle event and no line with an OpenClaw tag or
/// subsystem (exit code 3): a timestamp, journald or container prefix alone does not count.
enum NotOpenClaw {
  static func reason(_ analysis: Analysis) -> String {
    analysis.inputs.allSatisfy({ $0.bytes == 0 })
      ? "the input is empty"
      : "not an OpenClaw gateway log (no lifecycle event and no line with an OpenClaw tag or subsystem)"
  }

  static func message(_ analysis: Analysis) -> String {
    analysis.inputs.allSatisfy({ $0.bytes == 0 })
      ? "walog: the input is empty"
      : "walog: no line of the input looks like an OpenClaw gateway log (no lifecycle event and no line with an OpenClaw tag or subsystem)"
  }
}
