import Foundation

/// Locations of the committed fixture files, found from this source file's path.
enum FixturePaths {
  /// The package root (three folders above Tests/WalogCoreTests/Support/).
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let envelopes = packageRoot.appendingPathComponent("Fixtures/envelopes")

  static func envelope(_ rendering: Rendering) -> URL {
    envelopes.appendingPathComponent(rendering.rawValue + ".log")
  }

  /// Whether tests should rewrite fixtures instead of comparing (`WALOG_UPDATE_FIXTURES=1`).
  static var updating: Bool { ProcessInfo.processInfo.environment["WALOG_UPDATE_FIXTURES"] == "1" }
}
