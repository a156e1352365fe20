/// A regular language over event kinds within one stream, e.g.
/// `(giveup | stop) auto_restart+ .* health_restart`, or by role,
/// `(gives_up | stops) restarts+ .* health_restarts`.
///
/// Words are event kinds or roles (a role is any kind that has it), `.` is any one event, and
/// `( ) | * + ? {m,n}` mean what they mean in regular expressions. It compiles to a PCRE2
/// pattern over the stream's kinds written as `kind kind kind ` (each kind followed by one
/// space); a word matches whole kinds only.
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

  /// Non-overlapping matches in a stream's kinds text.
  public func count(in kinds: [UInt8]) -> Int {
    let matcher = pattern.makeMatcher()
    var count = 0
    kinds.withUnsafeBytes { all in
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
    var out = ""
    var kinds: [String] = []
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
          out += named.isEmpty ? "(?!)" : "(?:(?<![a-z0-9_])(?:\(named.joined(separator: "|"))) )"
        } else {
          out += "(?:(?<![a-z0-9_])\(word) )"
        }
        kinds.append(word)
      case ".":
        out += "(?:(?<![a-z0-9_])[a-z0-9_]+ )"
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
