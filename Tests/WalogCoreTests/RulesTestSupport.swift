import Foundation

@testable import WalogCore

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

func fixturePath(_ name: String) -> String { packageRoot.appendingPathComponent("Fixtures/rules/\(name)").path }

/// A tiny stand-in for the Envelope stage's parser, enough for rule samples: console
/// `HH:MM:SS [tag] msg`, `ISO [tag] msg`, bare `[tag] msg`, untagged lines, and tslog JSON
/// file-log records (subsystem or module bindings, string or structured `"1"`). A leading
/// channel word (`WhatsApp `, `discord:`) is removed as the console does.
final class StandInParser {
  private static let channels: Set<String> = [
    "whatsapp", "telegram", "slack", "discord", "signal", "imessage", "msteams", "line", "xmpp",
  ]
  private var buffers: [UnsafeMutableRawBufferPointer] = []

  deinit { buffers.forEach { $0.deallocate() } }

  func parse(_ raw: UnsafeRawBufferPointer) -> ParsedLine {
    let text = String(decoding: raw, as: UTF8.self)
    var tag = ""
    var message = text
    var structured: String?
    if text.hasPrefix("{\"0\":") {
      let zero = JSONFieldReader.value(forKey: "0", in: raw) ?? ""
      let one = JSONFieldReader.value(forKey: "1", in: raw)
      let oneIsObject = text.contains("\"1\":{")
      let binding = Array(zero.utf8)
      let subsystem = binding.withUnsafeBytes { JSONFieldReader.value(forKey: "subsystem", in: $0) }
      let module = binding.withUnsafeBytes { JSONFieldReader.value(forKey: "module", in: $0) }
      if let subsystem {
        tag = Self.display(subsystem)
      } else if let module {
        tag = module
      }
      if subsystem == nil && module == nil {
        message = zero
      } else if oneIsObject {
        structured = one
        message = JSONFieldReader.value(forKey: "2", in: raw) ?? ""
      } else {
        message = one ?? ""
      }
    } else {
      var rest = Substring(text)
      if let space = rest.firstIndex(of: " "), Self.isTime(rest[..<space]) {
        rest = rest[rest.index(after: space)...]
      }
      if rest.hasPrefix("["), let close = rest.firstIndex(of: "]"), rest[rest.index(after: close)...].hasPrefix(" ") {
        tag = String(rest[rest.index(after: rest.startIndex)..<close])
        rest = rest[rest.index(close, offsetBy: 2)...]
      }
      message = String(rest)
    }
    if !tag.isEmpty {
      let lower = message.lowercased()
      if lower.hasPrefix("[\(tag)] ") {
        message = String(message.dropFirst(tag.count + 3))
      } else if lower.hasPrefix(tag + " ") || lower.hasPrefix(tag + ":") {
        message = String(message.dropFirst(tag.count + 1).drop { $0 == " " })
      }
    }
    return ParsedLine(
      format: .bare, innerFormat: .bare, time: nil, pid: nil, tag: keep(tag), level: nil,
      message: keep(message), structuredFields: structured.map(keep), isOpenClaw: !tag.isEmpty)
  }

  private func keep(_ string: String) -> UnsafeRawBufferPointer {
    let bytes = Array(string.utf8)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 1)
    bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
    buffers.append(buffer)
    return UnsafeRawBufferPointer(rebasing: buffer[0..<bytes.count])
  }

  private static func display(_ subsystem: String) -> String {
    var parts = subsystem.split(separator: "/").map(String.init)
    while let first = parts.first, ["gateway", "channels", "providers"].contains(first) { parts.removeFirst() }
    if let first = parts.first, channels.contains(first) { return first }
    if parts.isEmpty { return subsystem.split(separator: "/").last.map(String.init) ?? subsystem }
    return parts.suffix(2).joined(separator: "/")
  }

  private static func isTime(_ token: Substring) -> Bool {
    guard let first = token.first, first.isNumber else { return false }
    return token.contains(":") && (token.count == 8 || token.contains("T") || token.contains("+"))
  }
}

/// Parses `line` with the stand-in parser and hands the parsed line to `body`.
func withParsed<R>(_ line: String, _ body: (ParsedLine) -> R) -> R {
  let parser = StandInParser()
  let bytes = Array(line.utf8)
  return bytes.withUnsafeBytes { body(parser.parse($0)) }
}
