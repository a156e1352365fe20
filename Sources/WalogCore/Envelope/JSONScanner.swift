/// A forgiving, allocation-free reader of the JSON objects that log lines hold.
///
/// It walks one object's members and hands out raw byte ranges; values are decoded only when
/// asked (`string`, `byteArray`). It does not validate numbers or literals: malformed input
/// ends the walk early and the caller falls back to reading the line as text.
enum JSONScanner {
  enum Kind { case string, object, array, number, literal }

  /// One value's bytes: for strings `start..<end` is the text between the quotes.
  struct Value {
    var kind: Kind
    var start: Int
    var end: Int
    /// For strings: whether a backslash escape occurs (decoding then needs a copy).
    var hasEscape: Bool
  }

  /// Calls `body(key, value)` for every member of the object starting at `i` (`{`).
  /// Keys are raw (escapes kept). `body` returns false to stop early.
  /// Returns the index after the closing `}`, or nil when the object is malformed.
  @discardableResult
  static func members(
    _ buf: UnsafeRawBufferPointer, at i: Int,
    _ body: (UnsafeRawBufferPointer, Value) -> Bool
  ) -> Int? {
    guard i < buf.count, buf[i] == Bytes.lbrace else { return nil }
    var j = skipSpace(buf, i + 1)
    if j < buf.count, buf[j] == Bytes.rbrace { return j + 1 }
    while j < buf.count {
      guard buf[j] == Bytes.quote, let key = stringValue(buf, at: j) else { return nil }
      j = skipSpace(buf, key.end + 1)
      guard j < buf.count, buf[j] == Bytes.colon else { return nil }
      j = skipSpace(buf, j + 1)
      guard let value = value(buf, at: j) else { return nil }
      let keyBytes = Bytes.slice(buf, key.start, key.end)
      if !body(keyBytes, value) { return nil }
      j = skipSpace(buf, value.kind == .string ? value.end + 1 : value.end)
      guard j < buf.count else { return nil }
      if buf[j] == Bytes.comma {
        j = skipSpace(buf, j + 1)
      } else if buf[j] == Bytes.rbrace {
        return j + 1
      } else {
        return nil
      }
    }
    return nil
  }

  /// The value starting at `i`. For containers `end` is after the closing bracket; for
  /// strings it is the closing quote's index.
  static func value(_ buf: UnsafeRawBufferPointer, at i: Int) -> Value? {
    guard i < buf.count else { return nil }
    switch buf[i] {
    case Bytes.quote:
      return stringValue(buf, at: i)
    case Bytes.lbrace, Bytes.lbracket:
      guard let end = skipContainer(buf, at: i) else { return nil }
      return Value(
        kind: buf[i] == Bytes.lbrace ? .object : .array, start: i, end: end, hasEscape: false)
    default:
      var j = i
      while j < buf.count, buf[j] != Bytes.comma, buf[j] != Bytes.rbrace,
        buf[j] != Bytes.rbracket, !Bytes.isJSONSpace(buf[j])
      {
        j += 1
      }
      guard j > i else { return nil }
      let first = buf[i]
      let kind: Kind = (Bytes.isDigit(first) || first == 0x2D) ? .number : .literal
      return Value(kind: kind, start: i, end: j, hasEscape: false)
    }
  }

  /// The string starting at `i` (a quote): text range and whether it holds escapes.
  static func stringValue(_ buf: UnsafeRawBufferPointer, at i: Int) -> Value? {
    // memchr to the next quote, then look for a backslash before it: most strings have
    // none, so they are crossed in two vectorised scans.
    var j = i + 1
    var escaped = false
    while j < buf.count {
      guard let quote = Bytes.find(Bytes.quote, in: buf, from: j) else { return nil }
      guard let slash = Bytes.find(Bytes.backslash, in: Bytes.slice(buf, 0, quote), from: j) else {
        return Value(kind: .string, start: i + 1, end: quote, hasEscape: escaped)
      }
      escaped = true
      j = slash + 2
    }
    return nil
  }

  /// Index after the object or array starting at `i`, honouring strings.
  static func skipContainer(_ buf: UnsafeRawBufferPointer, at i: Int) -> Int? {
    var depth = 0
    var j = i
    while j < buf.count {
      switch buf[j] {
      case Bytes.quote:
        guard let s = stringValue(buf, at: j) else { return nil }
        j = s.end + 1
        continue
      case Bytes.lbrace, Bytes.lbracket:
        depth += 1
      case Bytes.rbrace, Bytes.rbracket:
        depth -= 1
        if depth == 0 { return j + 1 }
      default:
        break
      }
      j += 1
    }
    return nil
  }

  /// The decoded text of a string value: a view into `buf` when it has no escapes, else an
  /// unescaped copy in `arena` (`\uXXXX` and surrogate pairs become UTF-8; a lone surrogate
  /// becomes U+FFFD). Falls back to the raw text when the arena is full.
  static func string(
    _ buf: UnsafeRawBufferPointer, _ v: Value, arena: ScratchArena
  ) -> UnsafeRawBufferPointer {
    let raw = Bytes.slice(buf, v.start, v.end)
    guard v.hasEscape else { return raw }
    return arena.write(maxCount: raw.count) { dst in unescape(raw, into: dst) } ?? raw
  }

  /// Decodes `[n, n, …]` (journald's form of a MESSAGE holding control bytes) into bytes.
  static func byteArray(
    _ buf: UnsafeRawBufferPointer, _ v: Value, arena: ScratchArena
  ) -> UnsafeRawBufferPointer? {
    guard v.kind == .array else { return nil }
    // Each element takes at least one digit and one separator, so the output is shorter.
    return arena.write(maxCount: v.end - v.start) { dst in
      var n = 0
      var j = v.start + 1
      var current = -1
      while j < v.end {
        let b = buf[j]
        if Bytes.isDigit(b) {
          current = (current < 0 ? 0 : current) * 10 + Int(b &- 0x30)
          if current > 255 { current = 255 }
        } else if current >= 0 {
          dst[n] = UInt8(current)
          n += 1
          current = -1
        }
        j += 1
      }
      return n
    }
  }

  private static func unescape(
    _ raw: UnsafeRawBufferPointer, into dst: UnsafeMutablePointer<UInt8>
  ) -> Int {
    var n = 0
    var i = 0
    let count = raw.count
    func put(_ b: UInt8) {
      dst[n] = b
      n += 1
    }
    func putScalar(_ scalar: UInt32) {
      switch scalar {
      case ..<0x80:
        put(UInt8(scalar))
      case ..<0x800:
        put(UInt8(0xC0 | scalar >> 6))
        put(UInt8(0x80 | scalar & 0x3F))
      case ..<0x10000:
        put(UInt8(0xE0 | scalar >> 12))
        put(UInt8(0x80 | scalar >> 6 & 0x3F))
        put(UInt8(0x80 | scalar & 0x3F))
      default:
        put(UInt8(0xF0 | scalar >> 18))
        put(UInt8(0x80 | scalar >> 12 & 0x3F))
        put(UInt8(0x80 | scalar >> 6 & 0x3F))
        put(UInt8(0x80 | scalar & 0x3F))
      }
    }
    func hex4(_ at: Int) -> UInt32? {
      guard at + 4 <= count else { return nil }
      var v: UInt32 = 0
      for k in at..<(at + 4) {
        let c = raw[k]
        let d: UInt8
        switch c {
        case 0x30...0x39: d = c - 0x30
        case 0x41...0x46: d = c - 0x41 + 10
        case 0x61...0x66: d = c - 0x61 + 10
        default: return nil
        }
        v = v << 4 | UInt32(d)
      }
      return v
    }
    while i < count {
      let b = raw[i]
      guard b == Bytes.backslash, i + 1 < count else {
        put(b)
        i += 1
        continue
      }
      let e = raw[i + 1]
      switch e {
      case 0x6E: put(Bytes.lf)
      case 0x74: put(Bytes.tab)
      case 0x72: put(Bytes.cr)
      case 0x62: put(0x08)
      case 0x66: put(0x0C)
      case 0x75:  // \uXXXX, output ≤ 3 bytes for 6 read (4 for the 12 of a pair)
        guard let unit = hex4(i + 2) else {
          put(b)
          i += 1
          continue
        }
        i += 6
        if unit >= 0xD800, unit < 0xDC00 {
          if i + 1 < count, raw[i] == Bytes.backslash, raw[i + 1] == 0x75,
            let low = hex4(i + 2), low >= 0xDC00, low < 0xE000
          {
            putScalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            i += 6
          } else {
            putScalar(0xFFFD)
          }
        } else if unit >= 0xDC00, unit < 0xE000 {
          putScalar(0xFFFD)
        } else {
          putScalar(unit)
        }
        continue
      default: put(e)  // \" \\ \/ and anything unknown: the character itself
      }
      i += 2
    }
    return n
  }

  @inline(__always)
  private static func skipSpace(_ buf: UnsafeRawBufferPointer, _ i: Int) -> Int {
    var j = i
    while j < buf.count, Bytes.isJSONSpace(buf[j]) { j += 1 }
    return j
  }
}
