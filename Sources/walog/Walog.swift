import ArgumentParser
import WalogCore

@main
struct Walog: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Diagnose OpenClaw gateway logs"
  )
}
