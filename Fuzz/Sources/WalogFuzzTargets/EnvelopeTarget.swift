import Foundation

@testable import WalogCore

/// The envelope parser, line by line (it keeps a day count and a year across one input's
/// lines); lines the prefilter picks then go through the built-in rules' event matcher, as
/// in the reader.
enum EnvelopeTarget {
  static let target = FuzzTarget(
    name: "envelope", summary: "EnvelopeParser and EventMatcher on each line of the input"
  ) { bytes in
    var parser = EnvelopeParser(options: EnvelopeOptions(defaultZone: zone))
    var start = 0
    var number = 0
    while start <= bytes.count {
      let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
      number += 1
      let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
      let parsed = parser.parse(line)
      if mayMatch(line) { _ = matcher.match(parsed, origin: Origin(input: 0, line: number, pid: parsed.pid)) }
      start = end + 1
    }
  }

  static let zone = LogZone(identifier: "Europe/Rome")
  /// Made once: its PCRE2 match data is reused, as one input's reader reuses it.
  nonisolated(unsafe) static let matcher = RuleSet.default.makeEventMatcher()
  nonisolated(unsafe) static let prefilter = RuleSet.default.makePrefilter()

  static func mayMatch(_ line: UnsafeRawBufferPointer) -> Bool {
    prefilter.scan(line)
    return !prefilter.candidates.isEmpty
  }
}
