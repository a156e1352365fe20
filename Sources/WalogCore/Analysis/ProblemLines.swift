/// Warnings and errors that no rule explained, counted by the shape of their message
/// (numbers, ids and phone numbers masked), so that "no known problem" never reads as
/// "nothing wrong".
///
/// Lines reach it through the prefilter like any rule's: `literals` are the marks of a
/// warning or error in each format (the file log's level names, `openclaw logs` level words,
/// and error words in console lines, which print no level). Short words led by a space
/// (` warn `, ` error `) slowed the literal scan by about half again (measured), so the
/// console words are longer ones.
struct ProblemLines: Sendable {
  static let literals = [
    #""logLevelName":"ERROR""#, #""logLevelName":"WARN""#, #""logLevelName":"FATAL""#,
    "[ERROR]", "[WARN]", "Error: ", "error: ", "failed", "Failed", "Unhandled", "xception",
    " error gateway/", " warn gateway/",
  ]

  /// Distinct shapes kept per input; further shapes are only counted.
  static let shapeCap = 1000

  private(set) var shapes: [String: ProblemShape] = [:]
  private(set) var otherCount = 0

  /// Counts a parsed line that matched no event rule, if it is a warning or an error.
  mutating func add(_ line: ParsedLine, input: String, lineNumber: Int) {
    let message = String(decoding: line.message, as: UTF8.self)
    let level: LogLevel
    if let printed = line.level {
      guard printed >= .warn else { return }
      level = printed
    } else {
      // Console lines print no level: read error words as an error.
      guard Self.errorWords.contains(where: { EventFilter.bytes(of: message, contain: $0) }) else { return }
      level = .error
    }
    let shape = Self.shape(of: message)
    if var known = shapes[shape] {
      known.count += 1
      shapes[shape] = known
    } else if shapes.count < Self.shapeCap {
      shapes[shape] = ProblemShape(
        shape: shape, count: 1, level: level.rawValue, example: String(message.prefix(300)),
        firstSeen: "\(input):\(lineNumber)")
    } else {
      otherCount += 1
    }
  }

  static let errorWords = ["error", "Error", "ERROR", "failed", "Failed", "Unhandled", "exception", "WARN"]

  /// The message with what varies between occurrences masked: UUIDs and long hex ids as
  /// `<id>`, phone numbers as `<phone>`, other digit runs as `<n>`; cut at 160 characters.
  static func shape(of message: String) -> String {
    var out = ""
    var chars = Array(message.unicodeScalars.prefix(400))[...]
    while let char = chars.first {
      if char == "+", chars.dropFirst().prefix(7).allSatisfy(isDigit), chars.count > 7 {
        out += "<phone>"
        chars = chars.dropFirst().drop(while: isDigit)
      } else if isHex(char) {
        let run = chars.prefix(while: { isHex($0) || $0 == "-" })
        let digits = run.filter(isDigit).count
        if run.count >= 8, digits > 0, run.contains(where: { !isDigit($0) }) || run.count >= 16 {
          out += "<id>"
          chars = chars.dropFirst(run.count)
        } else if isDigit(char) {
          out += "<n>"
          chars = chars.drop(while: { isDigit($0) || $0 == "." })
        } else {
          out.unicodeScalars.append(char)
          chars = chars.dropFirst()
        }
      } else {
        out.unicodeScalars.append(char)
        chars = chars.dropFirst()
      }
    }
    return out.count > 160 ? String(out.prefix(159)) + "…" : out
  }

  private static func isDigit(_ char: Unicode.Scalar) -> Bool { ("0"..."9").contains(char) }
  private static func isHex(_ char: Unicode.Scalar) -> Bool {
    isDigit(char) || ("a"..."f").contains(char) || ("A"..."F").contains(char)
  }

  /// All inputs' shapes together, most frequent first (ties by shape), at most `limit`.
  static func merged(_ parts: [ProblemLines], limit: Int = 10) -> (shapes: [ProblemShape], total: Int) {
    var all: [String: ProblemShape] = [:]
    var total = 0
    for part in parts {
      total += part.otherCount
      for (shape, entry) in part.shapes {
        total += entry.count
        if var known = all[shape] {
          known.count += entry.count
          all[shape] = known
        } else {
          all[shape] = entry
        }
      }
    }
    let top = all.values.sorted { ($1.count, $0.shape) < ($0.count, $1.shape) }.prefix(limit)
    return (Array(top), total)
  }
}
