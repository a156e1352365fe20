/// A JSON document whose objects keep the order they were built in, so reports list keys
/// in a documented, stable order rather than a dictionary's.
public indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    lhs.rendered() == rhs.rendered()
  }

  /// An object from a dictionary, keys sorted (numerically when all keys are numbers).
  public static func sortedObject(_ dictionary: [String: Int]) -> JSONValue {
    .object(sortedCounts(dictionary).map { ($0.key, .int($0.value)) })
  }

  public static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
  public static func optional(_ value: Int?) -> JSONValue { value.map { .int($0) } ?? .null }

  /// Pretty-printed with two-space indentation and a final newline.
  public func rendered() -> String {
    // Written as bytes: appending thousands of small pieces to a String cost more than
    // building the whole analysis of a 100 MiB log (callgrind).
    var out: [UInt8] = []
    out.reserveCapacity(1 << 16)
    write(to: &out, indent: 0)
    out.append(0x0A)
    return String(decoding: out, as: UTF8.self)
  }

  /// On one line with no spaces, and a final newline: a line of JSON Lines.
  public func renderedLine() -> String {
    var out: [UInt8] = []
    write(to: &out, indent: nil)
    out.append(0x0A)
    return String(decoding: out, as: UTF8.self)
  }

  /// `indent` nil writes no whitespace at all.
  private func write(to out: inout [UInt8], indent: Int?) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
    case .int(let value): out.append(contentsOf: String(value).utf8)
    case .double(let value):
      out.append(contentsOf: (value.isFinite ? String(value) : "null").utf8)
    case .string(let value): Self.writeString(value, to: &out)
    case .array(let items):
      guard !items.isEmpty else { return out.append(contentsOf: "[]".utf8) }
      out.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        Self.newline(indent.map { $0 + 1 }, &out)
        item.write(to: &out, indent: indent.map { $0 + 1 })
        if index < items.count - 1 { out.append(UInt8(ascii: ",")) }
      }
      Self.newline(indent, &out)
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else { return out.append(contentsOf: "{}".utf8) }
      out.append(UInt8(ascii: "{"))
      for (index, (key, value)) in members.enumerated() {
        Self.newline(indent.map { $0 + 1 }, &out)
        Self.writeString(key, to: &out)
        out.append(contentsOf: (indent == nil ? ":" : ": ").utf8)
        value.write(to: &out, indent: indent.map { $0 + 1 })
        if index < members.count - 1 { out.append(UInt8(ascii: ",")) }
      }
      Self.newline(indent, &out)
      out.append(UInt8(ascii: "}"))
    }
  }

  /// A newline and the indentation of `level`; nothing on one line.
  private static func newline(_ level: Int?, _ out: inout [UInt8]) {
    guard let level else { return }
    out.append(0x0A)
    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
  }

  /// Appends `value` quoted and escaped.
  private static func writeString(_ value: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
      case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
      case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
      case UInt8(ascii: "\r"): out.append(contentsOf: "\\r".utf8)
      case UInt8(ascii: "\t"): out.append(contentsOf: "\\t".utf8)
      case 0..<0x20, 0x7F:
        let hex = String(byte, radix: 16)
        out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}

/// Counts in a stable order: numeric keys by value (`408` before `1006`), others by name.
func sortedCounts(_ dictionary: [String: Int]) -> [(key: String, value: Int)] {
  dictionary.sorted { lhs, rhs in
    switch (Int(lhs.key), Int(rhs.key)) {
    case let (left?, right?): return left < right
    case (.some, nil): return true
    case (nil, .some): return false
    default: return lhs.key < rhs.key
    }
  }
}
