#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// What users write into a paste for the lines they left out: "more of the same".
///
/// - a line of its own that opens with an ellipsis (`...`, `…`, `[...]`), bare or with
///   words that say the lines repeat (`...repeats every 60s`, `… (x12)`), or a comment line
///   (`#`, `//`, `--`) with an ellipsis that does (`# … provider dies again …`);
/// - a note after a line (``TrailingNote``: `← fires again`, `<-- ~10s later`) that says so,
///   or a count at the end of the message (`(x12)`, `×12`);
/// - a line cut short by an ellipsis (`already running under launchd; ...`), which repeats an
///   earlier line that starts the same way.
///
/// Words after an ellipsis must say the lines repeat: `... (silence from Slack)` is the
/// opposite. The words are read in several languages; a duration among them
/// (`every 60s`, `~10s later`, `每60秒`) is the period the user saw. Marks are rare: this
/// runs only on lines the reader already holds, and makes a `String` only for a mark.
enum RepeatMarks {
  /// A mark: the user's words and the period they state, if any.
  struct Mark: Equatable {
    var text: String
    /// Seconds between repeats, as the user wrote it.
    var period: Double?
  }

  /// A line of its own standing for more of the same. `raw` is the whole line: an indented
  /// ellipsis is a part of a structure pasted over several lines (`  ...` inside an object),
  /// not an elision.
  static func ownLine(raw: UnsafeRawBufferPointer, message parsed: UnsafeRawBufferPointer) -> Mark? {
    guard let first = raw.first, first != Bytes.space, first != Bytes.tab else { return nil }
    // `[...]` alone reads as a tag with no message: the line is the mark.
    let message = parsed.isEmpty ? raw : parsed
    guard message.count > 0 else { return nil }
    let words: UnsafeRawBufferPointer
    if message[0] == 0x23 || Bytes.hasLiteral(message, 0, "//") || Bytes.hasLiteral(message, 0, "--") {
      // A comment: an ellipsis in it and words that say the lines repeat (`# Silence for
      // 7 hours...` says the opposite).
      var i = 0
      while i < message.count, message[i] == 0x23 || message[i] == Bytes.slash || message[i] == 0x2D { i += 1 }
      words = Bytes.suffix(message, from: i)
      guard ellipsisAnywhere(words, from: 0) != nil, saysRepeat(words) else { return nil }
    } else {
      // An ellipsis first: bare, it stands for lines left out of a run; words after it must
      // say they repeat.
      guard let end = ellipsis(message, at: 0) else { return nil }
      words = Bytes.suffix(message, from: end)
      guard isBlank(words) || saysRepeat(words) else { return nil }
    }
    return Mark(text: String(decoding: message, as: UTF8.self), period: period(in: words))
  }

  /// A note after a line (or the message's own end, for a count) that says the line repeats.
  static func note(_ note: UnsafeRawBufferPointer) -> Mark? {
    guard saysRepeat(note) else { return nil }
    return Mark(text: String(decoding: note, as: UTF8.self), period: period(in: note))
  }

  /// A count at the end of a message (`send failed (x12)`, `×12`): the line came that often.
  static func trailingCount(_ message: UnsafeRawBufferPointer) -> Mark? {
    var end = message.count
    if end > 0, message[end - 1] == 0x29 || message[end - 1] == Bytes.rbracket { end -= 1 }
    var digits = end
    while digits > 0, Bytes.isDigit(message[digits - 1]) { digits -= 1 }
    guard digits < end, digits > 0 else { return nil }
    let times: Int
    if message[digits - 1] == 0x78 {  // x
      times = 1
    } else if digits >= 2, Bytes.hasLiteral(message, digits - 2, "×") {
      times = 2
    } else {
      return nil
    }
    let start = digits - times
    let opened = start > 0 && (message[start - 1] == 0x28 || message[start - 1] == Bytes.lbracket)
    // `(x12)`, `[x12]`, or ` ×12` after a space; never a word that ends in x and digits.
    guard opened == (end < message.count), start == 0 || opened || message[start - 1] == Bytes.space else {
      return nil
    }
    let from = opened ? start - 1 : start
    return Mark(text: String(decoding: Bytes.suffix(message, from: from), as: UTF8.self), period: nil)
  }

  /// The start of a message the user cut short with an ellipsis after a space or `;`, when at
  /// least `minimumKept` bytes of it are left: the part to find in an earlier line.
  static func cutShort(_ message: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
    var end = message.count
    if end > 0, message[end - 1] == 0x29 { end -= 1 }  // `(interval: 300s, ...)`
    let dots: Int
    if end >= 3, Bytes.hasLiteral(message, end - 3, "...") {
      dots = 3
    } else if end >= 3, Bytes.hasLiteral(message, end - 3, "…") {
      dots = 3
    } else {
      return nil
    }
    var keep = end - dots
    guard keep > 0, message[keep - 1] == Bytes.space else { return nil }
    while keep > 0, message[keep - 1] == Bytes.space || message[keep - 1] == 0x3B || message[keep - 1] == Bytes.comma {
      keep -= 1
    }
    return keep >= minimumKept ? Bytes.slice(message, 0, keep) : nil
  }

  /// The fields of an ``EventKind/elision`` event: the period in seconds, and the start of
  /// the event's message it repeats (for a line cut short).
  static let periodField = "period"
  static let repeatingField = "repeats"

  /// Enough of a line to tell which earlier line it repeats.
  static let minimumKept = 12

  /// Whether a raw line may hold a mark (a cheap test before parsing it): an ellipsis or a
  /// comment sign near its start (after the time), an ellipsis at its end (a line cut short),
  /// or two blanks that may open a note. Ordinary lines have none of these: a look at their
  /// first bytes, their last bytes, and one vectorised search for a blank pair.
  static func mayHoldMark(_ raw: UnsafeRawBufferPointer) -> Bool {
    guard let base = raw.baseAddress, raw.count > 0 else { return false }
    // A mark opens the message, after any envelope (a journald prefix and a time run to
    // about 90 bytes), and after a blank: `conn=4f1c…9b7d` holds an ellipsis, not a mark.
    let head = min(raw.count, 128)
    for byte: UInt8 in [0x2E, 0xE2, 0x23] {
      var from = 0
      while from < head, let hit = memchr(base + from, Int32(byte), head - from) {
        let i = base.distance(to: UnsafeRawPointer(hit))
        let opens = i == 0 || raw[i - 1] == Bytes.space || raw[i - 1] == Bytes.tab || raw[i - 1] == Bytes.lbracket
          || raw[i - 1] == 0x28
        if opens, byte == 0x23 || Bytes.hasLiteral(raw, i, "...") || Bytes.hasLiteral(raw, i, "…") { return true }
        from = i + 1
      }
    }
    var end = raw.count
    while end > 0, raw[end - 1] == Bytes.space || raw[end - 1] == Bytes.cr || raw[end - 1] == 0x29 { end -= 1 }
    if end >= 3, Bytes.hasLiteral(raw, end - 3, "...") || Bytes.hasLiteral(raw, end - 3, "…") { return true }
    return TrailingNote.blankPair(in: raw, from: 1) != nil
  }

  // MARK: - Reading

  /// The index after an ellipsis at `i` (`...`, `…`, `. . .`, in `[ ]` or `( )` too), or nil.
  private static func ellipsis(_ text: UnsafeRawBufferPointer, at i: Int) -> Int? {
    guard i < text.count else { return nil }
    var j = i
    let open = text[j] == Bytes.lbracket || text[j] == 0x28
    if open { j += 1 }
    var end: Int
    if Bytes.hasLiteral(text, j, "...") {
      end = j + 3
      while end < text.count, text[end] == 0x2E { end += 1 }
    } else if Bytes.hasLiteral(text, j, "…") {
      end = j + 3
    } else if Bytes.hasLiteral(text, j, ". . .") {
      end = j + 5
    } else {
      return nil
    }
    if open {
      guard end < text.count, text[end] == Bytes.rbracket || text[end] == 0x29 else { return nil }
      end += 1
    }
    return end
  }

  /// The index after the first ellipsis at or after `from`, or nil.
  private static func ellipsisAnywhere(_ text: UnsafeRawBufferPointer, from: Int) -> Int? {
    var i = from
    while i < text.count {
      if let end = ellipsis(text, at: i) { return end }
      i += 1
    }
    return nil
  }

  private static func isBlank(_ text: UnsafeRawBufferPointer) -> Bool {
    text.allSatisfy { $0 == Bytes.space || $0 == Bytes.tab }
  }

  /// Whether the words say the line repeats: a repetition word in one of several languages,
  /// or a count (`(x12)`, `×12`, `12 times`).
  static func saysRepeat(_ text: UnsafeRawBufferPointer) -> Bool {
    guard !text.isEmpty else { return false }
    let lowered = text.map(Bytes.lower)
    return lowered.withUnsafeBytes { folded in
      repeatWords.contains { word in
        word.withUTF8Buffer { Bytes.contains(folded, UnsafeRawBufferPointer($0)) }
      }
    } || trailingCount(text) != nil
  }

  /// Words that say "again", "every", "repeats", "loop", "continues", "times" (lowercase).
  static let repeatWords: [StaticString] = [
    // English
    "again", "repeat", "every ", "each ", "loop", "continu", "same", "later", "over and over",
    "indefinitely", "forever", "keeps", " times", "more of",
    // Spanish, Portuguese, Italian, French, German, Dutch, Turkish
    "cada ", "otra vez", "de nuevo", "se repite", "repite", "veces", "repete", "novamente", "de novo",
    "vezes", "ogni ", "ancora", "ripete", "di nuovo", "volte", "chaque", "toutes les", "encore",
    "répète", "à nouveau", " fois", "boucle", "alle ", "jede", "wieder", "schleife", "elke ",
    "opnieuw", "herhaal", "tekrar",
    // Russian, Chinese, Japanese, Korean
    "кажд", "снова", "опять", "повтор", "每", "重复", "重複", "再次", "循环", "又", "繰り返", "再び",
    "ループ", "마다", "반복", "다시",
  ]

  /// The first duration in `text` (`60s`, `~10 s`, `1.5 min`, `2h`, `60秒`), in seconds.
  static func period(in text: UnsafeRawBufferPointer) -> Double? {
    var i = 0
    while i < text.count {
      guard Bytes.isDigit(text[i]), i == 0 || !Bytes.isDigit(text[i - 1]) && text[i - 1] != 0x2E else {
        i += 1
        continue
      }
      var j = i
      var value = 0.0
      while j < text.count, Bytes.isDigit(text[j]) {
        value = value * 10 + Double(text[j] &- 0x30)
        j += 1
      }
      if j + 1 < text.count, text[j] == 0x2E, Bytes.isDigit(text[j + 1]) {
        j += 1
        var scale = 0.1
        while j < text.count, Bytes.isDigit(text[j]) {
          value += Double(text[j] &- 0x30) * scale
          scale /= 10
          j += 1
        }
      }
      if let unit = unit(text, at: Bytes.skipSpaces(text, j)), value > 0 { return value * unit }
      i = j
    }
    return nil
  }

  /// Seconds per unit of the unit word at `i`, or nil when none is there.
  private static func unit(_ text: UnsafeRawBufferPointer, at i: Int) -> Double? {
    for (word, seconds) in units {
      let n = word.utf8CodeUnitCount
      guard i + n <= text.count else { continue }
      var same = true
      for k in 0..<n where Bytes.lower(text[i + k]) != word.utf8Start[k] {
        same = false
        break
      }
      // An ASCII unit ends the word: `60s` and `60 sec`, never `60 sessions`.
      guard same else { continue }
      if word.utf8Start[0] < 0x80, i + n < text.count, Bytes.isAlpha(text[i + n]) { continue }
      return seconds
    }
    return nil
  }

  /// Unit words, longest first where one starts another (lowercase).
  private static let units: [(StaticString, Double)] = [
    ("milliseconds", 0.001), ("millisecond", 0.001), ("msec", 0.001), ("ms", 0.001),
    ("seconds", 1), ("second", 1), ("secs", 1), ("sec", 1), ("segundos", 1), ("segundo", 1), ("seg", 1),
    ("secondes", 1), ("seconde", 1), ("secondi", 1), ("sekunden", 1), ("sekunde", 1), ("s", 1),
    ("minutes", 60), ("minute", 60), ("minutos", 60), ("minuto", 60), ("minuten", 60), ("minuti", 60),
    ("mins", 60), ("min", 60), ("m", 60),
    ("hours", 3600), ("hour", 3600), ("hrs", 3600), ("hr", 3600), ("horas", 3600), ("hora", 3600),
    ("heures", 3600), ("heure", 3600), ("stunden", 3600), ("stunde", 3600), ("ore", 3600), ("h", 3600),
    ("秒", 1), ("分钟", 60), ("分鐘", 60), ("分", 60), ("小时", 3600), ("小時", 3600), ("時間", 3600),
    ("초", 1), ("분", 60), ("시간", 3600), ("сек", 1), ("мин", 60), ("час", 3600),
  ]
}
