/// A regular language over event kinds within one stream, e.g.
/// `(giveup | stop) auto_restart+ .* health_restart`, or by role,
/// `(gives_up | stops) restarts+ .* health_restarts`.
///
/// Words are event kinds or roles (a role is any kind that has it), `.` is any one event, and
/// `( ) | * + ? {m,n}` mean what they mean in regular expressions. It compiles to a PCRE2
/// pattern over the stream's ``KindTape``, where each kind is one code point: a word is that
/// code point (a role, a class of them) and `.` any code point.
public struct SequencePattern: Sendable {
  public let source: String
  /// The words the pattern names: kinds, and roles when they are keys of `roles`.
  public let kinds: [String]
  let pattern: Pattern

  /// `roles`: the kinds that have each role, by the role's name; a word that is one of them
  /// stands for any of its kinds (none: the word matches no event).
  public init(_ source: String, roles: [String: [String]] = [:]) throws(SequencePatternError) {
    self.source = source
    let (translated, kinds) = try Self.translate(source, roles: roles)
    self.kinds = kinds
    do {
      pattern = try Pattern(translated)
    } catch {
      throw SequencePatternError(message: "\(error.message) in sequence '\(source)'", offset: 0)
    }
  }

  /// Non-overlapping matches in a stream's kinds.
  func count(in kinds: KindTape) -> Int {
    let matcher = pattern.makeMatcher()
    var count = 0
    kinds.bytes.withUnsafeBytes { all in
      var start = 0
      while start < all.count {
        let rest = UnsafeRawBufferPointer(rebasing: all[start...])
        guard matcher.match(rest) == .match, let range = matcher.range(ofGroup: 0) else { break }
        count += 1
        start += max(range.upperBound, range.lowerBound + 1)
      }
    }
    return count
  }

  static func translate(_ source: String, roles: [String: [String]]) throws(SequencePatternError)
    -> (String, [String])
  {
    // Any character is any kind, whatever its number.
    var out = "(?s)"
    var kinds: [String] = []
    func point(_ kind: String) -> String {
      "\\x{" + String(KindTape.scalar(EventKind(rawValue: kind)).value, radix: 16) + "}"
    }
    let chars = Array(source.unicodeScalars)
    var index = 0
    while index < chars.count {
      let char = chars[index]
      switch char {
      case " ", "\t":
        index += 1
      case "a"..."z", "_", "0"..."9":
        var word = ""
        while index < chars.count, "a"..."z" ~= chars[index] || chars[index] == "_"
          || "0"..."9" ~= chars[index]
        {
          word.unicodeScalars.append(chars[index])
          index += 1
        }
        if let named = roles[word] {
          out += named.isEmpty ? "(?!)" : "[" + named.map(point).joined() + "]"
        } else {
          out += point(word)
        }
        kinds.append(word)
      case ".":
        out += "."
        index += 1
      case "(", ")", "|", "*", "+", "?":
        out.unicodeScalars.append(char)
        if char == "(" { out += "?:" }
        index += 1
      case "{":
        guard let close = chars[index...].firstIndex(of: "}") else {
          throw SequencePatternError(message: "missing '}' in sequence '\(source)'", offset: index)
        }
        let body = String(String.UnicodeScalarView(chars[index...close]))
        guard body.dropFirst().dropLast().allSatisfy({ $0.isNumber || $0 == "," }) else {
          throw SequencePatternError(message: "expected {m,n} in sequence '\(source)'", offset: index)
        }
        out += body
        index = close + 1
      default:
        throw SequencePatternError(
          message: "unexpected '\(char)' in sequence '\(source)': use event kinds, '.', ( ) | * + ? {m,n}",
          offset: index)
      }
    }
    return (out, kinds)
  }
}

public struct SequencePatternError: Error, Sendable {
  public var message: String
  public var offset: Int
}
