/// Reads single top-level fields of a JSON object (the structured fields of a file-log
/// record) without building the whole object.
public enum JSONFieldReader {
  /// The value of `key` in the JSON object `object`: strings unescaped, numbers, `true`,
  /// `false` as written, nested objects and arrays as their JSON text; nil when the key is
  /// absent, its value is `null`, or the text is not an object.
  public static func value(forKey key: String, in object: UnsafeRawBufferPointer) -> String? {
    var reader = Reader(bytes: object)
    reader.skipSpace()
    guard reader.take(UInt8(ascii: "{")) else { return nil }
    let wanted = Array(key.utf8)
    while true {
      reader.skipSpace()
      guard reader.peek == UInt8(ascii: "\"") else { return nil }
      guard let name = reader.readString() else { return nil }
      reader.skipSpace()
      guard reader.take(UInt8(ascii: ":")) else { return nil }
      reader.skipSpace()
      let valueStart = reader.index
      if name.elementsEqual(wanted) {
        if reader.peek == UInt8(ascii: "\"") {
          return reader.readString().map { String(decoding: $0, as: UTF8.self) }
        }
        guard reader.skipValue() else { return nil }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: object[valueStart..<reader.index]), as: UTF8.self)
        return text == "null" ? nil : text
      }
      guard reader.skipValue() else { return nil }
      reader.skipSpace()
      if reader.take(UInt8(ascii: ",")) { continue }
      return nil
    }
  }

  struct Reader {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func take(_ byte: UInt8) -> Bool {
      guard peek == byte else { return false }
      index += 1
      return true
    }

    mutating func skipSpace() {
      while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    /// Reads a string starting at its opening quote, returning its unescaped UTF-8.
    mutating func readString() -> [UInt8]? {
      guard take(UInt8(ascii: "\"")) else { return nil }
      var result: [UInt8] = []
      while let byte = peek {
        index += 1
        switch byte {
        case UInt8(ascii: "\""):
          return result
        case UInt8(ascii: "\\"):
          guard let escaped = peek else { return nil }
          index += 1
          switch escaped {
          case UInt8(ascii: "n"): result.append(0x0A)
          case UInt8(ascii: "t"): result.append(0x09)
          case UInt8(ascii: "r"): result.append(0x0D)
          case UInt8(ascii: "b"): result.append(0x08)
          case UInt8(ascii: "f"): result.append(0x0C)
          case UInt8(ascii: "u"):
            guard var scalar = readHex4() else { return nil }
            // A high surrogate pairs with a low one that follows; anything else leaves it lone
            // (U+FFFD) and the next escape is read on its own.
            if (0xD800..<0xDC00).contains(scalar), peek == UInt8(ascii: "\\"),
              index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
            {
              let escape = index
              index += 2
              if let low = readHex4(), (0xDC00..<0xE000).contains(low) {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
              } else {
                index = escape
              }
            }
            let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            result.append(contentsOf: String(Character(character)).utf8)
          default: result.append(escaped)  // \" \\ \/
          }
        default:
          result.append(byte)
        }
      }
      return nil
    }

    private mutating func readHex4() -> UInt32? {
      guard index + 4 <= bytes.count else { return nil }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let byte = bytes[index]
        let digit: UInt32
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
        value = value * 16 + digit
        index += 1
      }
      return value
    }

    /// Skips one value of any type.
    mutating func skipValue() -> Bool {
      guard let byte = peek else { return false }
      switch byte {
      case UInt8(ascii: "\""):
        return skipString()
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        var depth = 0
        while let next = peek {
          switch next {
          case UInt8(ascii: "\""):
            guard skipString() else { return false }
            continue
          case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
          case UInt8(ascii: "}"), UInt8(ascii: "]"):
            depth -= 1
            if depth == 0 {
              index += 1
              return true
            }
          default: break
          }
          index += 1
        }
        return false
      default:
        while let next = peek, next != UInt8(ascii: ","), next != UInt8(ascii: "}"),
          next != UInt8(ascii: "]"), next != 0x20, next != 0x0A, next != 0x0D, next != 0x09
        {
          index += 1
        }
        return true
      }
    }

    private mutating func skipString() -> Bool {
      index += 1
      while let byte = peek {
        index += 1
        if byte == UInt8(ascii: "\\") {
          index += 1
        } else if byte == UInt8(ascii: "\"") {
          return true
        }
      }
      return false
    }
  }
}
