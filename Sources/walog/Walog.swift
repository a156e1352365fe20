import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WalogCore

@main
struct Walog: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Diagnose OpenClaw gateway logs: rebuild reconnect and restart loops, name the root cause",
    discussion: """
      Exit codes:
        0    analyze printed its report; check found nothing at or above --fail-on;
             watch reached the end of its input or was stopped by SIGINT/SIGTERM
             (after its summary)
        1    check found a finding at or above --fail-on; rules test had a failure
        2    usage, rule or input error
        3    no lifecycle event and no line with an OpenClaw tag or subsystem
        130  analyze was interrupted (SIGINT) and printed the report of what it read
      """,
    version: walogVersion,
    subcommands: [Analyze.self, Check.self, Watch.self, Rules.self],
    defaultSubcommand: Analyze.self
  )

  /// The subcommands' names, for messages that list them.
  static var commandNames: [String] {
    var names: [String] = []
    for command in configuration.subcommands { names.append(command._commandName) }
    return names
  }

  /// Like ArgumentParser's own `main`, but a usage error exits 2 (as grep and ripgrep do),
  /// not 64, so scripts see one code for every kind of bad invocation.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      if code == .success {
        if !message.isEmpty { print(message) }
        terminate(0)
      }
      if !message.isEmpty { Terminal.printError(message) }
      terminate(code == .validationFailure ? 2 : code.rawValue)
    }
  }
}

/// The C library's `exit`, which ArgumentParser's `exit(withError:)` hides inside commands.
private func terminate(_ code: Int32) -> Never { exit(code) }
