import WalogCore

/// What to say when no line of the input is OpenClaw's (exit code 3).
enum NotOpenClaw {
  static func reason(_ analysis: Analysis) -> String {
    analysis.inputs.allSatisfy({ $0.bytes == 0 })
      ? "the input is empty" : "not an OpenClaw gateway log (no line recognised)"
  }

  static func message(_ analysis: Analysis) -> String {
    analysis.inputs.allSatisfy({ $0.bytes == 0 })
      ? "walog: the input is empty"
      : "walog: no line of the input looks like an OpenClaw gateway log"
  }
}
