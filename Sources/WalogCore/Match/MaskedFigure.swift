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
  /// at least one `X`, optionally followed by a unit (`ms`, `s`, `m`, `h`).
  static func isMasked(_ value: String) -> Bool {
    guard value.utf8.contains(0x58) else { return false }
    var figure = value.utf8[...]
    if figure.last == 0x73 { figure = figure.dropLast() }  // s
    if figure.last == 0x6D || figure.last == 0x68 { figure = figure.dropLast() }  // m, h
    var masked = false
    for b in figure {
      switch b {
      case 0x58: masked = true
      case 0x30...0x39, 0x2B, 0x2D, 0x2E, 0x2C, 0x3A, 0x2F: continue
      default: return false
      }
    }
    return masked
  }
}
