import Testing

extension Trait where Self == ConditionTrait {
  /// A test that needs what only Linux has (`/proc`, a tool with no macOS build), with the
  /// reason: it runs on Linux and shows as skipped, with the reason, elsewhere.
  /// `TestSuiteGuardTests` fails a test that calls such a tool without it (or `#if os(Linux)`).
  static func linuxOnly(_ reason: Comment) -> Self {
    #if os(Linux)
      .enabled(if: true, reason)
    #else
      .enabled(if: false, reason)
    #endif
  }
}
