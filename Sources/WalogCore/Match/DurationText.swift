/// Reads the delays OpenClaw prints: `4.46s`, `850ms`, `2m`, `5s`, `1.137s`, `30s`,
/// and compounds such as `1m30s` or `1m 30s`.
///
/// It reads bytes: a third of all retry lines carry a delay, and building a `String` per
/// number and unit cost 2,500 instructions a call (callgrind).
public enum DurationText {
  /// The duration in seconds, or nil when `text` is not a duration.
  public static func seconds(_ text: some StringProtocol) -> Double? {
    if let result = text.utf8.withContiguousStorageIfAvailable(seconds(in:)) { return result }
    return Array(text.utf8).withUnsafeBufferPointer(seconds(in:))
  }

  private static func seconds(in bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var total = 0.0
    var sawPart = false
    var index = 0
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: " ") {
        index += 1
        continue
      }
      let numberStart = index
      while index < bytes.count, Bytes.isDigit(bytes[index]) || bytes[index] == UInt8(ascii: ".") { index += 1 }
      guard let value = number(UnsafeBufferPointer(rebasing: bytes[numberStart..<index])) else { return nil }
      let unitStart = index
      while index < bytes.count, bytes[index] >= UInt8(ascii: "a"), bytes[index] <= UInt8(ascii: "z") { index += 1 }
      guard let scale = scale(of: UnsafeBufferPointer(rebasing: bytes[unitStart..<index])) else { return nil }
      total += value * scale
      sawPart = true
    }
    return sawPart ? total : nil
  }

  /// Seconds per unit; a bare number is seconds (Signal prints `1.137s`, but be lenient).
  private static func scale(of unit: UnsafeBufferPointer<UInt8>) -> Double? {
    switch String(decoding: unit, as: UTF8.self) {
    case "ms": 0.001
    case "s", "sec", "secs", "": 1
    case "m", "min", "mins": 60
    case "h": 3600
    default: nil
    }
  }

  /// Digits with at most one dot, as `Double(String)` reads them: for up to 15 digits an
  /// exact integer divided by an exact power of ten is the same correctly rounded value.
  private static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var mantissa = 0
    var digits = 0
    var fractionDigits = 0
    var sawDot = false
    for byte in bytes {
      if byte == UInt8(ascii: ".") {
        if sawDot { return nil }
        sawDot = true
        continue
      }
      mantissa = mantissa &* 10 &+ Int(byte - UInt8(ascii: "0"))
      digits += 1
      if sawDot { fractionDigits += 1 }
    }
    guard digits > 0 else { return nil }
    guard digits <= 15 else { return Double(String(decoding: bytes, as: UTF8.self)) }
    return Double(mantissa) / powersOfTen[fractionDigits]
  }

  private static let powersOfTen: [Double] = (0...15).map { exponent in
    (0..<exponent).reduce(1.0) { value, _ in value * 10 }
  }
}
