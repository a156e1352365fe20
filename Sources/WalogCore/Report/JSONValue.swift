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
    var out = ""
    write(to: &out, indent: 0)
    out.append("\n")
    return out
  }

  private func write(to out: inout String, indent: Int) {
    switch self {
    case .null: out.append("null")
    case .bool(let value): out.append(value ? "true" : "false")
    case .int(let value): out.append(String(value))
    case .double(let value):
      out.append(value.isFinite ? String(value) : "null")
    case .string(let value): Self.writeString(value, to: &out)
    case .array(let items):
      guard !items.isEmpty else { return out.append("[]") }
      out.append("[\n")
      for (index, item) in items.enumerated() {
        out.append(String(repeating: "  ", count: indent + 1))
        item.write(to: &out, indent: indent + 1)
        out.append(index == items.count - 1 ? "\n" : ",\n")
      }
      out.append(String(repeating: "  ", count: indent) + "]")
    case .object(let members):
      guard !members.isEmpty else { return out.append("{}") }
      out.append("{\n")
      for (index, (key, value)) in members.enumerated() {
        out.append(String(repeating: "  ", count: indent + 1))
        Self.writeString(key, to: &out)
        out.append(": ")
        value.write(to: &out, indent: indent + 1)
        out.append(index == members.count - 1 ? "\n" : ",\n")
      }
      out.append(String(repeating: "  ", count: indent) + "}")
    }
  }

  /// Appends `value` quoted; runs of characters that need no escape are appended whole
  /// (a report holds thousands of evidence lines).
  private static func writeString(_ value: String, to out: inout String) {
    out.append("\"")
    let utf8 = value.utf8
    var runStart = utf8.startIndex
    for index in utf8.indices {
      let byte = utf8[index]
      guard byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
      out.append(contentsOf: value[runStart..<index])
      switch byte {
      case UInt8(ascii: "\""): out.append("\\\"")
      case UInt8(ascii: "\\"): out.append("\\\\")
      case UInt8(ascii: "\n"): out.append("\\n")
      case UInt8(ascii: "\r"): out.append("\\r")
      case UInt8(ascii: "\t"): out.append("\\t")
      default:
        let hex = String(byte, radix: 16)
        out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
      }
      runStart = utf8.index(after: index)
    }
    out.append(contentsOf: value[runStart...])
    out.append("\"")
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
