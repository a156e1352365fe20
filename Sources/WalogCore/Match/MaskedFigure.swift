/// Figures users masked before pasting (`2.XXs`, `4XX`, `+39344XXXXXXX`): `X` in place of
/// digits. Patterns accept `X` wherever they accept a digit (``MaskTolerance``), and a
/// captured figure holding one reads as unknown, so the line still counts.
enum MaskedFigure {
  /// What a masked capture reads as: a status or a retry counter's `N` is `unknown` (the
  /// close and its retry still count), any other figure is absent.
  static func reading(of slot: EventValues.Slot) -> String? {
    slot == .status || slot == .max ? "unknown" : nil
  }

  /// Whether `value` is a figure with masked digits: only digits, `X` and `+ - . , : /`,
  /// at least one `X`, optionally followed by a unit (`ms`, `s`, `m`, `h`). Read from the
  /// capture's bytes, before any `String` is made: most captures hold no `X` (one `memchr`).
  static func isMasked(_ value: UnsafeRawBufferPointer) -> Bool {
    guard Bytes.find(0x58, in: value) != nil else { return false }
    var end = value.count
    if end > 0, value[end - 1] == 0x73 { end -= 1 }  // s
    if end > 0, value[end - 1] == 0x6D || value[end - 1] == 0x68 { end -= 1 }  // m, h
    for b in Bytes.slice(value, 0, end) {
      switch b {
      case 0x30...0x39, 0x58, 0x2B, 0x2D, 0x2E, 0x2C, 0x3A, 0x2F: continue
      default: return false
      }
    }
    return true
  }
}
