/// The words of a finding about failures no diagnosis explained: what happened (counts,
/// order, first and last time, each kind's meaning from the rule file), and how it ended.
/// Every sentence states what the lines show, so the lines can check it.
struct FailureStory {
  struct Kind {
    var kind: EventKind
    var tally: FailureLedger.Tally
    /// The rule file's meaning of the kind.
    var meaning: String
    /// The kind's words that hold only when nothing worse happened, for a finding at info.
    var note = ""
    /// The statuses its events printed, with what the rule file says of each.
    var statuses: [(code: String, rule: StatusRule?)]
  }

  var subject: String
  var kinds: [Kind]
  /// The failures' kinds in log order, consecutive ones of a kind together.
  var runs: [(kind: EventKind, count: Int)]
  /// Runs of the stream left out of ``runs`` (a long log keeps its first and last ones).
  var omittedRuns: Int
  var ending: ExplainPolicy.Ending?
  var endingEvent: Event?
  /// The rule file's meaning of the ending line's kind.
  var endingMeaning = ""
  /// Repeats that stand for a paste's marks of more of the same after these failures.
  var marks: [Event] = []

  /// Most runs an order sentence names before it skips to the last one.
  static let runsShown = 6

  var title: String {
    let counts = Self.list(kinds.map { kind in
      Self.count(kind.tally.count, kind.kind) + Self.shortDetail(kind)
    })
    return "\(subject): \(counts)" + (ending.map { ", \(Self.endingPhrase($0))" } ?? "")
  }

  var rootCause: String {
    var sentences = ["What happened: " + order + timeRange + "."]
    for kind in kinds {
      if !kind.meaning.isEmpty {
        sentences.append(Self.capitalised(Self.article(Self.words(kind.kind))) + " means " + Self.clause(kind.meaning) + ".")
      }
      if !kind.note.isEmpty { sentences.append(Self.capitalised(Self.clause(kind.note)) + ".") }
      for (code, rule) in kind.statuses {
        guard let rule else { continue }
        sentences.append("Status \(code) (\(rule.name))" + (rule.meaning.isEmpty ? "." : ": " + Self.clause(rule.meaning) + "."))
      }
      if kind.statuses.isEmpty, !kind.tally.reasons.isEmpty {
        sentences.append(
          (kind.tally.reasons.count == 1 ? "The reason given: " : "The reasons given: ")
            + kind.tally.reasons.map { "`\($0)`" }.joined(separator: ", ") + ".")
      }
    }
    for mark in marks {
      let text = mark.mark ?? mark.text
      let shown = text.count > 80 ? String(text.prefix(79)) + "…" : text
      sentences.append(
        "The paste marks more of the same after the \(Self.words(mark.kind)) (`\(shown)` on line \(mark.origin.line)).")
    }
    if let ending { sentences.append("How it ended: " + endingSentence(ending) + ".") }
    sentences.append("No diagnosis of the rule file explains these lines.")
    return sentences.joined(separator: " ")
  }

  /// Seconds from the first failure to the last, when both have times on one clock.
  var span: Double? {
    let firsts = kinds.compactMap(\.tally.first)
    let lasts = kinds.compactMap(\.tally.last)
    guard let first = firsts.min(), let last = lasts.max(), first.precision == last.precision, last > first else {
      return nil
    }
    return last.seconds - first.seconds
  }

  /// `a polling stall, then a stop timeout, then 3 retries`.
  private var order: String {
    var merged: [(kind: EventKind, count: Int)] = []
    for run in runs {
      if merged.last?.kind == run.kind { merged[merged.count - 1].count += run.count } else { merged.append(run) }
    }
    let phrases = merged.map { Self.count($0.count, $0.kind) }
    // A long log keeps only its first and last runs: these failures' may all be left out.
    guard let last = phrases.last else { return Self.list(kinds.map { Self.count($0.tally.count, $0.kind) }) }
    guard phrases.count > Self.runsShown || omittedRuns > 0 else { return phrases.joined(separator: ", then ") }
    let shown = phrases.prefix(Self.runsShown - 1).joined(separator: ", then ")
    return shown + ", then more of the same, ending with " + last
  }

  private var timeRange: String {
    let firsts = kinds.compactMap(\.tally.first)
    let lasts = kinds.compactMap(\.tally.last)
    guard let first = firsts.min(), let last = lasts.max() else { return "" }
    if first == last { return ", at \(TimeText.human(first))" }
    return ", from \(TimeText.human(first)) to \(TimeText.human(last))" + (span.map { " (\(TimeText.duration($0)))" } ?? "")
  }

  /// Where the ending's line is: `, at 12:53:29,`, or ` (line 4)` when it has no time; a
  /// repeat read from a mark says so (` (line 6, the paste's mark of more of the same)`).
  private var endingPlace: String {
    guard let event = endingEvent else { return "" }
    if event.mark != nil { return " (line \(event.origin.line), the paste's mark of more of the same)" }
    return event.time.map { ", at \(TimeText.human($0)),"} ?? " (line \(event.origin.line))"
  }

  private func endingSentence(_ ending: ExplainPolicy.Ending) -> String {
    // The stream's last event, not the paste's last line: lines no rule reads may follow it.
    // A failure was described above; another event is said by its meaning (`the connection is up`).
    let line = endingEvent.map { event in
      "its last event" + endingPlace
        + (kinds.contains { $0.kind == event.kind } || endingMeaning.isEmpty
          ? " is the " + Self.words(event.kind) : " says " + Self.clause(endingMeaning))
    } ?? "its last event"
    switch ending {
    case .recovered: return "it recovered: \(line)"
    case .retrying:
      let delay = endingEvent?.delaySeconds.map { " in \(TimeText.duration($0))" } ?? ""
      return "still retrying when the log ends: its last event\(endingPlace) announces another attempt\(delay)"
    case .restarting: return "being restarted when the log ends: \(line), and no connection is read after it"
    case .gaveUp: return "it gave up: \(line), and no restart is read after it"
    case .stopped: return "it stopped: \(line), and no restart is read after it"
    case .exited: return "it exited: \(line), and no restart is read after it"
    case .shutDown: return "it was shut down on request: \(line)"
    case .failing: return "still failing when the log ends: \(line), which announces no retry, and no recovery is read after it"
    }
  }

  private static func endingPhrase(_ ending: ExplainPolicy.Ending) -> String {
    switch ending {
    case .recovered: "then it recovered"
    case .retrying: "still retrying when the log ends"
    case .restarting: "being restarted when the log ends"
    case .gaveUp: "then it gave up"
    case .stopped: "then it stopped"
    case .exited: "then it exited, with no restart read after it"
    case .shutDown: "then it was shut down"
    case .failing: "still failing when the log ends"
    }
  }

  /// `(status 499)`, `(status 408 ×2, 499)`, `(reason stale-socket)`: what fits in a title.
  private static func shortDetail(_ kind: Kind) -> String {
    let statuses = kind.tally.statuses
    if !statuses.isEmpty {
      let codes = statuses.keys.sorted()
      let parts = codes.map { code in statuses.count > 1 && statuses[code]! > 1 ? "\(code) ×\(statuses[code]!)" : code }
      return " (status " + parts.joined(separator: ", ") + ")"
    }
    let reasons = kind.tally.reasons
    guard !reasons.isEmpty, reasons.allSatisfy({ $0.count <= 24 && !$0.contains(" ") }) else { return "" }
    return " (reason " + reasons.joined(separator: ", ") + ")"
  }

  // MARK: - Words

  /// A kind in words: `polling_stall` → `polling stall`.
  static func words(_ kind: EventKind) -> String {
    kind.rawValue.replacing("_", with: " ")
  }

  /// `3 closes`, `1 retry`.
  static func count(_ count: Int, _ kind: EventKind) -> String {
    "\(count) " + (count == 1 ? words(kind) : plural(words(kind)))
  }

  static func plural(_ words: String) -> String {
    if words.hasSuffix("y"), let before = words.dropLast().last, !"aeiou".contains(before) {
      return words.dropLast() + "ies"
    }
    if words.hasSuffix("s") || words.hasSuffix("x") || words.hasSuffix("ch") || words.hasSuffix("sh") {
      return words + "es"
    }
    return words + "s"
  }

  /// `a close`, `an auto restart`, `an rpc failure` (a first word without vowels is said
  /// letter by letter).
  static func article(_ words: String) -> String {
    let first = words.prefix { $0 != " " }
    guard let letter = first.first else { return words }
    let spelled = !first.contains { "aeiouy".contains($0) }
    // `a unit`, `a user`, `a one-off`: a vowel said as a consonant.
    let consonantSound = ["uni", "use", "usu", "eu", "one"].contains { first.hasPrefix($0) }
    return (spelled ? "aefhilmnorsx" : "aeiou").contains(letter) && !consonantSound ? "an " + words : "a " + words
  }


  /// `a, b and c`.
  static func list(_ items: [String]) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " and " + items.last!
  }

  static func capitalised(_ text: String) -> String {
    guard let first = text.first else { return text }
    return first.uppercased() + text.dropFirst()
  }

  /// A meaning as a clause inside a sentence: without its final full stop.
  static func clause(_ text: String) -> String {
    var text = text
    while text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
