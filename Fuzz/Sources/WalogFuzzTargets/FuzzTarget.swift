import Foundation

@testable import WalogCore

/// One libFuzzer target: a name for `scripts/fuzz`, and what it does with one input.
/// Each target checks, besides "no crash, no hang, no leak", the promises its stage makes
/// (bytes out in order, reports that are valid JSON and the same on every run…), trapping
/// when one is broken so libFuzzer saves the input.
public struct FuzzTarget: Sendable {
  public let name: String
  public let summary: String
  let body: @Sendable (UnsafeRawBufferPointer) -> Void

  public func run(_ bytes: UnsafeRawBufferPointer) { body(bytes) }

  public static let all: [FuzzTarget] = [
    EnvelopeTarget.target, JSONTarget.target, RulesTarget.target, DecoderTarget.target,
    PipelineTarget.target,
  ]

  public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

  /// A libFuzzer dictionary of the built-in rules' literals (the words the prefilter looks
  /// for, so mutations reach the matchers) and the bytes the formats are recognised by.
  public static func dictionary() -> String {
    let literals = RuleSet.default.events.flatMap { $0.literals ?? [] }
    let tags = RuleSet.default.events.compactMap(\.channel)
    let formats = [
      "\"_meta\"", "\"logLevelName\"", "\"date\"", "\"0\"", "\"1\"", "\"time\"", "\"type\"", "\"subsystem\"",
      "\"module\"", "\"message\"", "\"MESSAGE\"", "\"__REALTIME_TIMESTAMP\"", "\"_PID\"", "\"level\"", "\"raw\"",
      "\\u00", "\u{1B}[", "2026-04-12T11:30:48.123+02:00", "Apr 12 11:30:48 host node[42]: ", " | ",
      "\u{1F}\u{8B}\u{08}", "PK\u{03}\u{04}", "ustar", "\u{FF}\u{FE}", "\u{FE}\u{FF}", "\u{EF}\u{BB}\u{BF}",
    ]
    var seen: Set<String> = []
    return (literals + tags + formats).filter { !$0.isEmpty && seen.insert($0).inserted }.map { word in
      "\"" + word.utf8.map { byte -> String in
        switch byte {
        case 0x20...0x7E where byte != 0x22 && byte != 0x5C: String(UnicodeScalar(byte))
        default: "\\x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }
      }.joined() + "\"\n"
    }.joined()
  }
}

/// Stops the fuzzer on a broken promise; libFuzzer saves the input that did it.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
  if !condition() {
    FileHandle.standardError.write(Data(("walog-fuzz: " + message() + "\n").utf8))
    abort()
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
