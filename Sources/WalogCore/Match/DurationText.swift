/// Reads the delays OpenClaw prints: `4.46s`, `850ms`, `2m`, `5s`, `1.137s`, `30s`,
/// and compounds such as `1m30s` or `1m 30s`.
public enum DurationText {
  /// The duration in seconds, or nil when `text` is not a duration.
  public static func seconds(_ text: some StringProtocol) -> Double? {
    var total = 0.0
    var sawPart = false
    var bytes = Substring(text).utf8[...]
    while let first = bytes.first {
      if first == UInt8(ascii: " ") {
        bytes = bytes.dropFirst()
        continue
      }
      let number = bytes.prefix { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") }
      guard !number.isEmpty, let value = Double(String(decoding: number, as: UTF8.self)) else { return nil }
      bytes = bytes.dropFirst(number.count)
      let unit = String(decoding: bytes.prefix { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }, as: UTF8.self)
      bytes = bytes.dropFirst(unit.utf8.count)
      let scale: Double
      switch unit {
      case "ms": scale = 0.001
      case "s", "sec", "secs": scale = 1
      case "m", "min", "mins": scale = 60
      case "h": scale = 3600
      case "": scale = 1  // a bare number (Signal prints `1.137s`, but be lenient)
      default: return nil
      }
      total += value * scale
      sawPart = true
    }
    return sawPart ? total : nil
  }
}
