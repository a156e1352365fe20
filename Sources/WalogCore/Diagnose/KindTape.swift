/// A scope's event kinds in order, for sequence conditions (``SequencePattern``): each kind
/// one Unicode scalar, its number (``EventKind``), in UTF-8. A pattern's word is then one code
/// point and its `.` PCRE's any character: a tenth of the bytes the kinds' names took, and no
/// look-behind per word to keep a match to whole names. The oldest kinds are dropped past
/// ``cap`` bytes, whole.
struct KindTape: Sendable {
  private(set) var bytes: [UInt8] = []

  /// About as many kinds as a mebibyte of their names held.
  static let cap = 1 << 17

  init() {}

  init(_ kinds: [EventKind]) {
    for kind in kinds { append(kind) }
  }

  mutating func append(_ kind: EventKind) {
    UTF8.encode(Self.scalar(kind)) { bytes.append($0) }
    if bytes.count > Self.cap {
      // Cut at a scalar's first byte, never inside one.
      var cut = bytes.count - Self.cap / 2
      while cut < bytes.count, bytes[cut] & 0xC0 == 0x80 { cut += 1 }
      bytes.removeFirst(cut)
    }
  }

  /// The scalar that stands for a kind: its number, past the surrogates (which are no
  /// scalars); a kind numbered past the last scalar, which no rule file has, shares it.
  static func scalar(_ kind: EventKind) -> Unicode.Scalar {
    let number = kind.number < 0xD800 ? kind.number : kind.number + 0x800
    return Unicode.Scalar(UInt32(min(number, 0x10FFFF)))!
  }

  /// The kind number a scalar of ``scalar(_:)`` stands for.
  private static func number(_ scalar: Unicode.Scalar) -> Int {
    let value = Int(scalar.value)
    return value < 0xD800 ? value : value - 0x800
  }

  /// The last `count` kinds' names, oldest first.
  func names(last count: Int) -> (names: [String], more: Bool) {
    let numbers = String(decoding: bytes, as: UTF8.self).unicodeScalars.map(Self.number)
    return (numbers.suffix(count).map(KindNumbers.shared.name(of:)), numbers.count > count)
  }
}
