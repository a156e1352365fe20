@testable import WalogCore

/// A `ParsedLine` copied out of the parser's buffers, for assertions.
struct ParsedSnapshot: Equatable, CustomStringConvertible {
  var format: LineFormat
  var innerFormat: LineFormat
  var time: LogTime?
  var pid: Int?
  var tag: String
  var level: LogLevel?
  var messageBytes: [UInt8]
  var structuredFields: String?
  var isOpenClaw: Bool
  var host: String

  var message: String { String(decoding: messageBytes, as: UTF8.self) }

  init(_ p: ParsedLine) {
    format = p.format
    innerFormat = p.innerFormat
    time = p.time
    pid = p.pid
    tag = String(decoding: p.tag, as: UTF8.self)
    level = p.level
    messageBytes = Array(p.message)
    structuredFields = p.structuredFields.map { String(decoding: $0, as: UTF8.self) }
    isOpenClaw = p.isOpenClaw
    host = String(decoding: p.host, as: UTF8.self)
  }

  var description: String {
    "\(format.rawValue)/\(innerFormat.rawValue) t=\(time.map { "\($0.seconds)\($0.offset.map { "@\($0)" } ?? "")" } ?? "-") pid=\(pid.map(String.init) ?? "-") [\(tag)] \(level?.rawValue ?? "-") \(message)\(structuredFields.map { " fields=\($0)" } ?? "") oc=\(isOpenClaw)"
  }
}

extension EnvelopeParser {
  /// Parses one line given as bytes.
  mutating func snapshot(_ bytes: [UInt8]) -> ParsedSnapshot {
    bytes.withUnsafeBytes { ParsedSnapshot(parse($0)) }
  }

  /// Parses one line given as text.
  mutating func snapshot(_ line: String) -> ParsedSnapshot { snapshot(Array(line.utf8)) }

  /// Parses every `\n`-separated line of `text`, in order, with this one parser.
  mutating func snapshots(ofText text: String) -> [ParsedSnapshot] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines.map { snapshot($0) }
  }
}
