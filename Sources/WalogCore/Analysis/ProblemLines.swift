/// Warnings and errors that no rule explained, counted by the shape of their message
/// (numbers, ids and phone numbers masked), so that "no known problem" never reads as
/// "nothing wrong".
///
/// Lines reach it through the prefilter like any rule's: `literals` are the marks of a
/// warning or error in each format (the file log's level names, `openclaw logs` level words,
/// and error words in console lines, which print no level). Short words led by a space
/// (` warn `, ` error `) slowed the literal scan by about half again (measured), so the
/// console words are longer ones, and `openclaw logs`' level words come with the subsystem
/// that follows them, which is the rules' to know (`conventions.problem_marks`).
struct ProblemLines: Sendable {
  /// The marks walog looks for whatever the rules: the file log's level names and error words.
  static let ownMarks = [
    #""logLevelName":"ERROR""#, #""logLevelName":"WARN""#, #""logLevelName":"FATAL""#,
    "[ERROR]", "[WARN]", "Error: ", "error: ", "failed", "Failed", "Unhandled", "xception",
  ]

  /// The prefilter's literals for these lines: walog's own marks and the rules'.
  static func literals(_ rules: RuleSet) -> [String] { ownMarks + (rules.conventions.problemMarks ?? []) }

  /// Distinct shapes kept per input; further shapes are only counted.
  static let shapeCap = 1000

  private(set) var shapes: [String: ProblemShape] = [:]
  private(set) var otherCount = 0
  /// Per shape kept, its longest run at a steady period (a cadence).
  private(set) var rhythms: [String: SteadyRun<Occurrence>] = [:]

  /// A problem line, as a cadence cites it.
  struct Occurrence: Sendable {
    var input: String
    var line: Int
    var time: LogTime
    var text: String
  }

  /// A warning or error line that matched no event rule, shaped where it was read (the
  /// reader's thread) and counted in file order by ``add(_:input:)``.
  struct Record: Sendable {
    var shape: String
    var level: LogLevel
    var example: String
    var line: Int
    /// A ticket while the record waits in a chunk's result (``TimeTape``).
    var time: LogTime?
  }

  /// The record of a parsed line that matched no event rule, if it is a warning or an error.
  static func record(_ line: ParsedLine, lineNumber: Int) -> Record? {
    let message = String(decoding: line.message, as: UTF8.self)
    let level: LogLevel
    if let printed = line.level {
      guard printed >= .warn else { return nil }
      level = printed
    } else {
      // Console lines print no level: read error words as an error.
      guard Self.errorWords.contains(where: { EventFilter.bytes(of: message, contain: $0) }) else { return nil }
      level = .error
    }
    return Record(
      shape: shape(of: message), level: level, example: String(message.prefix(300)), line: lineNumber,
      time: line.time)
  }

  /// Counts a problem line, in file order (the first of each shape is its example).
  mutating func add(_ record: Record, input: String) {
    if var known = shapes[record.shape] {
      known.count += 1
      shapes[record.shape] = known
    } else if shapes.count < Self.shapeCap {
      shapes[record.shape] = ProblemShape(
        shape: record.shape, count: 1, level: record.level.rawValue, example: record.example,
        firstSeen: "\(input):\(record.line)")
    } else {
      otherCount += 1
      return
    }
    // The record's time is resolved by now: records are added in file order.
    if let time = record.time {
      rhythms[record.shape, default: SteadyRun()].add(
        time, Occurrence(input: input, line: record.line, time: time, text: record.example))
    }
  }

  static let errorWords = ["error", "Error", "ERROR", "failed", "Failed", "Unhandled", "exception", "WARN"]

  /// The message with what varies between occurrences masked: UUIDs and long hex ids as
  /// `<id>`, phone numbers as `<phone>`, other digit runs as `<n>`; read up to its 400th
  /// scalar, cut at 160 characters. It reads UTF-8 bytes: every mark is ASCII, and a run of
  /// Unicode scalars cost a hundred times more (measured: 50 M instructions for 403 lines).
  static func shape(of message: String) -> String {
    let text = Array(message.utf8)
    var end = 0
    var scalars = 0
    while end < text.count {
      if text[end] & 0xC0 != 0x80 {
        if scalars == 400 { break }
        scalars += 1
      }
      end += 1
    }
    var out: [UInt8] = []
    out.reserveCapacity(end)
    var i = 0
    // No id starts before this index: a run that is no id has no suffix that is one.
    var noIdBefore = 0
    while i < end {
      let byte = text[i]
      if byte == UInt8(ascii: "+"), end - i > 7, (i + 1...i + 7).allSatisfy({ isDigit(text[$0]) }) {
        out += "<phone>".utf8
        i += 1
        while i < end, isDigit(text[i]) { i += 1 }
        continue
      }
      if isHex(byte), i >= noIdBefore {
        var runEnd = i
        var digits = 0
        while runEnd < end, isHex(text[runEnd]) || text[runEnd] == UInt8(ascii: "-") {
          if isDigit(text[runEnd]) { digits += 1 }
          runEnd += 1
        }
        let length = runEnd - i
        if length >= 8, digits > 0, digits < length || length >= 16 {
          out += "<id>".utf8
          i = runEnd
          continue
        }
        noIdBefore = runEnd
      }
      if isDigit(byte) {
        out += "<n>".utf8
        while i < end, isDigit(text[i]) || text[i] == UInt8(ascii: ".") { i += 1 }
      } else {
        out.append(byte)
        i += 1
      }
    }
    let shape = String(decoding: out, as: UTF8.self)
    return shape.count > 160 ? String(shape.prefix(159)) + "…" : shape
  }

  private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
  private static func isHex(_ byte: UInt8) -> Bool {
    isDigit(byte) || (0x61...0x66).contains(byte) || (0x41...0x46).contains(byte)
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

extension Analysis {
  /// The inputs' warnings and errors that no rule explained: the most frequent shapes, and a
  /// finding for each shape that came back at a steady period (``Cadence``).
  mutating func addUnexplained(_ parts: [ProblemLines]) {
    (unexplained, unexplainedTotal) = ProblemLines.merged(parts)
    var best: [String: SteadyRun<ProblemLines.Occurrence>.Span] = [:]
    var levels: [String: String] = [:]
    for part in parts {
      for (shape, rhythm) in part.rhythms {
        guard let run = rhythm.longest, best[shape].map({ run.occurrences > $0.occurrences }) ?? true else { continue }
        best[shape] = run
        levels[shape] = part.shapes[shape]?.level
      }
    }
    let found = best.keys.sorted().map { shape in
      let run = best[shape]!
      let text = run.firstTag.text
      let what = "the \(levels[shape] ?? "error") `\(text.count > 100 ? String(text.prefix(99)) + "…" : text)`"
      return Cadence.finding(
        run, what: what, subject: "the gateway", stream: nil, steps: [],
        evidence: [run.firstTag, run.lastTag].map { Evidence(input: $0.input, line: $0.line, time: $0.time, text: $0.text) })
    }
    guard !found.isEmpty else { return }
    findings = (findings + found).sorted(by: Finding.inReportOrder)
  }
}
