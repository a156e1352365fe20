import Foundation

@testable import WalogCore

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

func fixturePath(_ name: String) -> String { packageRoot.appendingPathComponent("Fixtures/rules/\(name)").path }

/// Parses `line` with the Envelope stage's parser and hands the parsed line to `body`.
func withParsed<R>(_ line: String, _ body: (ParsedLine) -> R) -> R {
  var parser = EnvelopeParser()
  let bytes = Array(line.utf8)
  return bytes.withUnsafeBytes { body(parser.parse($0)) }
}
