/// Derives, from a PCRE2 pattern, a set of literals of which at least one occurs in every
/// text the pattern matches; the prefilter searches raw lines for them.
///
/// The pattern is parsed into a small tree (literal characters, opaque atoms such as classes
/// or `\d`, zero-width assertions, groups with alternatives, quantifiers) and the required
/// fixed strings are computed bottom-up: a concatenation joins adjacent fixed text across
/// zero-width items and non-optional single-branch groups; optional or repeated items,
/// classes and `.` end a run; a group with alternatives gives an any-of set when every
/// branch has one. Among the candidate sets the one whose shortest literal is longest (and
/// most unusual) wins.
///
/// The literals are searched in raw lines, where the JSON file log escapes `"`, `\` and
/// control characters and some encoders escape non-ASCII: runs are cut at those bytes.
/// Anything the extractor does not understand is treated as an opaque atom, which is always
/// safe; caseless or extended-mode patterns give nil.
public enum LiteralExtractor {
  /// Literals shorter than this make a poor prefilter; the rule must then state `literal:`.
  public static let minimumLength = 3

  /// The best literal set for `pattern`, or nil when no useful one exists.
  public static func literals(for pattern: String) -> [String]? {
    var parser = PatternParser(Array(pattern.utf8))
    guard let sequence = parser.parseAlternation(), parser.atEnd, !parser.unsupported else {
      return nil
    }
    let info = analyze(sequence)
    var sets = info.candidates
    if let exact = info.exact { sets.append([exact]) }
    sets.append([info.prefix])
    sets.append([info.suffix])
    var best: (set: [String], score: Double)?
    for set in sets {
      guard let cleaned = clean(set) else { continue }
      let score = cleaned.map(score(of:)).min() ?? 0
      if best == nil || score > best!.score
        || (score == best!.score && cleaned.count < best!.set.count)
      {
        best = (cleaned, score)
      }
    }
    guard let best, best.set.allSatisfy({ $0.utf8.count >= minimumLength }) else { return nil }
    return best.set
  }

  /// Whether a byte may appear in a prefilter literal (see the type's discussion).
  static func isLiteralSafe(_ byte: UInt8) -> Bool {
    byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
  }

  /// Replaces each literal by its longest safe run; nil if one has none.
  private static func clean(_ set: [String]) -> [String]? {
    guard !set.isEmpty else { return nil }
    var result: [String] = []
    for literal in set {
      var longest: ArraySlice<UInt8> = []
      var runStart = 0
      let bytes = Array(literal.utf8)
      for index in 0...bytes.count {
        if index == bytes.count || !isLiteralSafe(bytes[index]) {
          if index - runStart > longest.count { longest = bytes[runStart..<index] }
          runStart = index + 1
        }
      }
      guard !longest.isEmpty else { return nil }
      let text = String(decoding: longest, as: UTF8.self)
      if !result.contains(text) { result.append(text) }
    }
    return result
  }

  /// Longer is better; letters and spaces are common in log text, other bytes rarer.
  private static func score(of literal: String) -> Double {
    var score = 0.0
    for byte in literal.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: " "): score += 1
      default: score += 1.25
      }
    }
    return score
  }

  // MARK: Analysis

  /// What a sub-pattern guarantees: its whole text when fixed, the fixed text every match
  /// starts and ends with, and inner required sets.
  struct Info {
    var exact: String?
    var prefix: String
    var suffix: String
    var candidates: [[String]]

    static let opaque = Info(exact: nil, prefix: "", suffix: "", candidates: [])
    static let empty = Info(exact: "", prefix: "", suffix: "", candidates: [])

    static func + (left: Info, right: Info) -> Info {
      if let l = left.exact, let r = right.exact {
        return Info(exact: l + r, prefix: l + r, suffix: l + r, candidates: left.candidates + right.candidates)
      }
      var candidates = left.candidates + right.candidates
      let middle = left.suffix + right.prefix
      if !middle.isEmpty { candidates.append([middle]) }
      return Info(
        exact: nil,
        prefix: left.exact.map { $0 + right.prefix } ?? left.prefix,
        suffix: right.exact.map { left.suffix + $0 } ?? right.suffix,
        candidates: candidates)
    }
  }

  static func analyze(_ node: PatternNode) -> Info {
    switch node {
    case .literal(let bytes):
      let text = String(decoding: bytes, as: UTF8.self)
      return Info(exact: text, prefix: text, suffix: text, candidates: [])
    case .opaque:
      return .opaque
    case .zeroWidth:
      return .empty
    case .sequence(let items):
      // Runs of characters as one literal: adding them one by one rebuilt every string and
      // candidate list per character (most of the rule loading's time).
      var info = Info.empty
      var run: [UInt8] = []
      for item in items {
        if case .literal(let bytes) = item {
          run += bytes
          continue
        }
        if !run.isEmpty { info = info + analyze(.literal(run)) }
        run.removeAll(keepingCapacity: true)
        info = info + analyze(item)
      }
      return run.isEmpty ? info : info + analyze(.literal(run))
    case .alternation(let branches):
      let infos = branches.map(analyze)
      if let first = infos.first?.exact, infos.allSatisfy({ $0.exact == first }) {
        return Info(exact: first, prefix: first, suffix: first, candidates: [])
      }
      // Every match goes through one branch, which contains one of that branch's literals.
      var union: [String] = []
      for info in infos {
        guard let set = bestSet(of: info) else { return .opaque }
        union += set
      }
      return Info(exact: nil, prefix: "", suffix: "", candidates: [union])
    case .repeated(let inner, let min, let max):
      guard min > 0 else { return .opaque }
      let info = analyze(inner)
      if let exact = info.exact {
        if min == max, min <= 8 {
          let text = String(repeating: exact, count: min)
          return Info(exact: text, prefix: text, suffix: text, candidates: [])
        }
        return Info(exact: nil, prefix: exact, suffix: exact, candidates: [[exact]])
      }
      return Info(exact: nil, prefix: info.prefix, suffix: info.suffix, candidates: info.candidates)
    }
  }

  /// The best single set a sub-pattern guarantees, before cleaning (used for branches).
  private static func bestSet(of info: Info) -> [String]? {
    var sets = info.candidates
    if let exact = info.exact { sets.append([exact]) }
    sets.append([info.prefix])
    sets.append([info.suffix])
    var best: ([String], Double)?
    for set in sets {
      guard let cleaned = clean(set) else { continue }
      let score = cleaned.map(score(of:)).min() ?? 0
      if best == nil || score > best!.1 { best = (set, score) }
    }
    return best?.0
  }
}

/// The parts of a pattern that matter for literal extraction.
indirect enum PatternNode {
  /// One character (its UTF-8 bytes), matched literally.
  case literal([UInt8])
  /// Something that consumes text we cannot name: a class, `.`, `\d`, a back-reference…
  case opaque
  /// An assertion that consumes nothing: `^`, `$`, `\b`, lookarounds.
  case zeroWidth
  case sequence([PatternNode])
  case alternation([PatternNode])
  case repeated(PatternNode, min: Int, max: Int)
}

/// A recursive-descent reader for the PCRE2 syntax the extractor needs. The pattern has
/// already been compiled by PCRE2, so it is well-formed; anything unusual sets
/// `unsupported` or becomes `.opaque`.
struct PatternParser {
  let bytes: [UInt8]
  var index = 0
  var unsupported = false

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  var atEnd: Bool { index >= bytes.count }
  private func peek(_ offset: Int = 0) -> UInt8? {
    index + offset < bytes.count ? bytes[index + offset] : nil
  }

  mutating func parseAlternation() -> PatternNode? {
    var branches: [PatternNode] = [parseSequence()]
    while peek() == UInt8(ascii: "|") {
      index += 1
      branches.append(parseSequence())
    }
    if unsupported { return nil }
    return branches.count == 1 ? branches[0] : .alternation(branches)
  }

  private mutating func parseSequence() -> PatternNode {
    var items: [PatternNode] = []
    while let byte = peek(), byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")"), !unsupported {
      if byte == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "Q") {
        // \Q…\E: everything literal (quantifiers then apply to the last character only).
        index += 2
        while index < bytes.count {
          if bytes[index] == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "E") {
            index += 2
            break
          }
          items.append(.literal(takeCharacter()))
        }
        if let (min, max) = parseQuantifier(), let last = items.popLast() {
          items.append(.repeated(last, min: min, max: max))
        }
        continue
      }
      var atom = parseAtom()
      if let (min, max) = parseQuantifier() {
        atom = .repeated(atom, min: min, max: max)
      }
      items.append(atom)
    }
    return .sequence(items)
  }

  /// One whole UTF-8 character.
  private mutating func takeCharacter() -> [UInt8] {
    let lead = bytes[index]
    let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    let end = min(bytes.count, index + length)
    defer { index = end }
    return Array(bytes[index..<end])
  }

  private mutating func parseAtom() -> PatternNode {
    let byte = bytes[index]
    switch byte {
    case UInt8(ascii: "("):
      return parseGroup()
    case UInt8(ascii: "["):
      skipClass()
      return .opaque
    case UInt8(ascii: "."):
      index += 1
      return .opaque
    case UInt8(ascii: "^"), UInt8(ascii: "$"):
      index += 1
      return .zeroWidth
    case UInt8(ascii: "\\"):
      return parseEscape()
    default:
      return .literal(takeCharacter())
    }
  }

  private mutating func parseEscape() -> PatternNode {
    index += 1
    guard let byte = peek() else {
      unsupported = true
      return .opaque
    }
    index += 1
    switch byte {
    case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "A"), UInt8(ascii: "z"),
      UInt8(ascii: "Z"), UInt8(ascii: "G"), UInt8(ascii: "K"):
      return .zeroWidth
    case UInt8(ascii: "n"): return .literal([0x0A])
    case UInt8(ascii: "t"): return .literal([0x09])
    case UInt8(ascii: "r"): return .literal([0x0D])
    case UInt8(ascii: "e"): return .literal([0x1B])
    case UInt8(ascii: "f"): return .literal([0x0C])
    case UInt8(ascii: "a"): return .literal([0x07])
    case UInt8(ascii: "x"):
      var value: UInt32 = 0
      if peek() == UInt8(ascii: "{") {
        index += 1
        while let digit = peek(), digit != UInt8(ascii: "}") {
          guard let nibble = hexValue(digit) else {
            unsupported = true
            return .opaque
          }
          value = value &* 16 &+ nibble
          index += 1
        }
        index += 1
      } else {
        var count = 0
        while count < 2, let digit = peek(), let nibble = hexValue(digit) {
          value = value * 16 + nibble
          index += 1
          count += 1
        }
      }
      guard let scalar = Unicode.Scalar(value) else { return .opaque }
      return .literal(Array(String(Character(scalar)).utf8))
    case UInt8(ascii: "p"), UInt8(ascii: "P"), UInt8(ascii: "g"), UInt8(ascii: "k"),
      UInt8(ascii: "o"), UInt8(ascii: "N"):
      // \p{..}, \g{..}/\g1, \k<..>, \o{..}, \N{..}: skip a bracketed or short argument.
      if let open = peek(), let close = closing(for: open) {
        while let next = peek(), next != close { index += 1 }
        index += 1
      } else if byte == UInt8(ascii: "p") || byte == UInt8(ascii: "P") {
        index += 1
      } else if byte == UInt8(ascii: "g") {
        if peek() == UInt8(ascii: "-") || peek() == UInt8(ascii: "+") { index += 1 }
        while let digit = peek(), isDigit(digit) { index += 1 }
      }
      return .opaque
    case UInt8(ascii: "c"):
      index += 1
      return .opaque
    case UInt8(ascii: "0")...UInt8(ascii: "9"):
      while let digit = peek(), isDigit(digit) { index += 1 }
      return .opaque
    default:
      if (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
        || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
      {
        return .opaque  // \d \w \s \h \v \R \X \C and friends
      }
      index -= 1
      return .literal(takeCharacter())  // escaped punctuation or non-ASCII
    }
  }

  private mutating func parseGroup() -> PatternNode {
    index += 1  // (
    if peek() == UInt8(ascii: "*") {
      unsupported = true  // (*UTF), (*CR) and other verbs change the rules
      return .opaque
    }
    var kind = GroupKind.normal
    if peek() == UInt8(ascii: "?") {
      index += 1
      guard let next = peek() else {
        unsupported = true
        return .opaque
      }
      switch next {
      case UInt8(ascii: ":"), UInt8(ascii: ">"), UInt8(ascii: "|"):
        index += 1
      case UInt8(ascii: "="), UInt8(ascii: "!"):
        index += 1
        kind = .lookaround
      case UInt8(ascii: "<"):
        if peek(1) == UInt8(ascii: "=") || peek(1) == UInt8(ascii: "!") {
          index += 2
          kind = .lookaround
        } else {
          skipName(until: UInt8(ascii: ">"))
        }
      case UInt8(ascii: "P"):
        if peek(1) == UInt8(ascii: "<") {
          index += 1
          skipName(until: UInt8(ascii: ">"))
        } else {
          kind = .opaque  // (?P=name) back-reference, (?P>name) call
        }
      case UInt8(ascii: "'"):
        skipName(until: UInt8(ascii: "'"))
      case UInt8(ascii: "#"):
        while let byte = peek(), byte != UInt8(ascii: ")") { index += 1 }
        index += 1
        return .zeroWidth
      case UInt8(ascii: "("), UInt8(ascii: "R"), UInt8(ascii: "&"), UInt8(ascii: "+"),
        UInt8(ascii: "0")...UInt8(ascii: "9"):
        kind = .opaque  // conditionals, recursion, subroutine calls
      default:
        // Option settings (?i) (?x-s:…) (?^…): caseless or extended mode defeats literals.
        var flags: [UInt8] = []
        while let byte = peek(), byte != UInt8(ascii: ")"), byte != UInt8(ascii: ":") {
          flags.append(byte)
          index += 1
        }
        let enabling = flags.prefix { $0 != UInt8(ascii: "-") }
        if enabling.contains(where: { $0 == UInt8(ascii: "i") || $0 == UInt8(ascii: "x") })
          || flags.contains(UInt8(ascii: "^"))
        {
          unsupported = true
          return .opaque
        }
        if peek() == UInt8(ascii: ")") {
          index += 1
          return .zeroWidth
        }
        index += 1  // ':'
      }
    }
    if kind == .opaque {
      skipBalanced()
      return .opaque
    }
    guard let inner = parseAlternation(), peek() == UInt8(ascii: ")") else {
      unsupported = true
      return .opaque
    }
    index += 1
    return kind == .lookaround ? .zeroWidth : inner
  }

  private enum GroupKind { case normal, lookaround, opaque }

  private mutating func skipName(until terminator: UInt8) {
    index += 1
    while let byte = peek(), byte != terminator { index += 1 }
    index += 1
  }

  /// Skips to just past the `)` closing the group we are in, honouring escapes and classes.
  private mutating func skipBalanced() {
    var depth = 1
    while let byte = peek() {
      switch byte {
      case UInt8(ascii: "\\"): index += 2
      case UInt8(ascii: "["): skipClass()
      case UInt8(ascii: "("):
        depth += 1
        index += 1
      case UInt8(ascii: ")"):
        depth -= 1
        index += 1
        if depth == 0 { return }
      default: index += 1
      }
    }
    unsupported = true
  }

  /// Skips a character class `[…]`, including `[]…]`, `[^]…]`, escapes and `[:alpha:]`.
  private mutating func skipClass() {
    index += 1
    if peek() == UInt8(ascii: "^") { index += 1 }
    if peek() == UInt8(ascii: "]") { index += 1 }
    while let byte = peek() {
      if byte == UInt8(ascii: "\\") {
        index += 2
      } else if byte == UInt8(ascii: "["), peek(1) == UInt8(ascii: ":") {
        index += 2
        while let inner = peek(), !(inner == UInt8(ascii: ":") && peek(1) == UInt8(ascii: "]")) {
          index += 1
        }
        index += 2
      } else if byte == UInt8(ascii: "]") {
        index += 1
        return
      } else {
        index += 1
      }
    }
    unsupported = true
  }

  /// `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` with an optional lazy `?` or possessive `+`.
  private mutating func parseQuantifier() -> (Int, Int)? {
    guard let byte = peek() else { return nil }
    var result: (Int, Int)
    switch byte {
    case UInt8(ascii: "?"): result = (0, 1)
    case UInt8(ascii: "*"): result = (0, Int.max)
    case UInt8(ascii: "+"): result = (1, Int.max)
    case UInt8(ascii: "{"):
      guard let braced = parseBraces() else { return nil }
      result = braced
      index -= 1  // parseBraces consumed through '}'; the common step below re-advances
    default: return nil
    }
    index += 1
    if peek() == UInt8(ascii: "?") || peek() == UInt8(ascii: "+") { index += 1 }
    return result
  }

  /// Reads `{n}`, `{n,}`, `{n,m}` (and `{,m}`, new in PCRE2 10.43) if it is a quantifier;
  /// otherwise leaves the index alone (PCRE2 then treats `{` as a literal).
  private mutating func parseBraces() -> (Int, Int)? {
    var cursor = index + 1
    func number() -> Int? {
      var value: Int?
      while cursor < bytes.count, isDigit(bytes[cursor]) {
        value = (value ?? 0) * 10 + Int(bytes[cursor] - UInt8(ascii: "0"))
        cursor += 1
      }
      return value
    }
    let low = number()
    var high = low
    if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ",") {
      cursor += 1
      high = number() ?? Int.max
    }
    guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "}"), low != nil || high != nil else {
      return nil
    }
    index = cursor + 1
    return (low ?? 0, high ?? Int.max)
  }

  private func closing(for open: UInt8) -> UInt8? {
    switch open {
    case UInt8(ascii: "{"): UInt8(ascii: "}")
    case UInt8(ascii: "<"): UInt8(ascii: ">")
    case UInt8(ascii: "'"): UInt8(ascii: "'")
    default: nil
    }
  }
}

private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

private func hexValue(_ byte: UInt8) -> UInt32? {
  switch byte {
  case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
  case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
  case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
  default: nil
  }
}
