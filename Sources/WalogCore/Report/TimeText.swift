/// Renders log times in the log's own offset: ISO 8601 where the date is known,
/// `--MM-DDTHH:MM:SS` (ISO's year-less form) for journald `short`, and `THH:MM:SS`
/// with a day number for console times of day. Never invents what the log did not print: no
/// zone where it printed none, `Z` where it printed `Z`.
public enum TimeText {
  /// ISO 8601 for machine output: `2026-04-12T11:41:02.118+02:00`, `--04-12T11:41:02`,
  /// `T11:41:02+02:00`.
  ///
  /// Written as bytes: a JSON report holds thousands of times, and string interpolation of
  /// padded pieces cost 9,000 instructions per time (callgrind).
  public static func iso(_ time: LogTime) -> String {
    let local = time.seconds + Double(time.offset ?? 0)
    let wholeSeconds = Int(local.rounded(.down))
    let millis = min(Int(((local - Double(wholeSeconds)) * 1000).rounded()), 999)
    let (days, secondOfDay) = divmod(wholeSeconds, 86_400)
    var out: [UInt8] = []
    out.reserveCapacity(32)
    switch time.precision {
    case .full:
      let (year, month, day) = civilDate(daysSinceEpoch: days)
      appendDigits(year, 4, &out)
      out.append(UInt8(ascii: "-"))
      appendDigits(month, 2, &out)
      out.append(UInt8(ascii: "-"))
      appendDigits(day, 2, &out)
    case .noYear:
      let (_, month, day) = civilDate(daysSinceEpoch: days)
      out.append(contentsOf: "--".utf8)
      appendDigits(month, 2, &out)
      out.append(UInt8(ascii: "-"))
      appendDigits(day, 2, &out)
    case .timeOfDay:
      break
    }
    out.append(UInt8(ascii: "T"))
    appendDigits(secondOfDay / 3600, 2, &out)
    out.append(UInt8(ascii: ":"))
    appendDigits((secondOfDay % 3600) / 60, 2, &out)
    out.append(UInt8(ascii: ":"))
    appendDigits(secondOfDay % 60, 2, &out)
    if millis > 0 {
      out.append(UInt8(ascii: "."))
      appendDigits(millis, 3, &out)
    }
    if time.zulu {
      out.append(UInt8(ascii: "Z"))
    } else if let offset = time.offset {
      out.append(UInt8(ascii: offset < 0 ? "-" : "+"))
      appendDigits(abs(offset) / 3600, 2, &out)
      out.append(UInt8(ascii: ":"))
      appendDigits((abs(offset) / 60) % 60, 2, &out)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// `value` in decimal, zero-padded to `width` digits (more when it needs them).
  private static func appendDigits(_ value: Int, _ width: Int, _ out: inout [UInt8]) {
    guard value >= 0 else {
      out.append(UInt8(ascii: "-"))
      return appendDigits(-value, width, &out)
    }
    var digits = 1
    var limit = 10
    while value >= limit, digits < 19 {
      digits += 1
      limit *= 10
    }
    let count = max(digits, width)
    let start = out.count
    out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
    var rest = value
    var index = start + count - 1
    while rest > 0 {
      out[index] = UInt8(ascii: "0") + UInt8(rest % 10)
      rest /= 10
      index -= 1
    }
  }

  /// A short human form: `2026-04-12 11:41:02`, `Apr 12 11:41:02`, `11:41:02` (`day 2`).
  public static func human(_ time: LogTime) -> String {
    let local = time.seconds + Double(time.offset ?? 0)
    let (days, secondOfDay) = divmod(Int(local.rounded(.down)), 86_400)
    let clock = clockText(secondOfDay)
    switch time.precision {
    case .full:
      return "\(date(days)) \(clock)"
    case .noYear:
      let (_, month, day) = civilDate(daysSinceEpoch: days)
      return "\(monthNames[month - 1]) \(pad(day)) \(clock)"
    case .timeOfDay:
      return days == 0 ? clock : "\(clock) (day \(days + 1))"
    }
  }

  /// A duration as people say it: `45s`, `12m 5s`, `3h 02m`, `2d 4h`.
  public static func duration(_ seconds: Double) -> String {
    let total = Int(seconds.rounded())
    if total < 60 { return "\(total)s" }
    if total < 3600 { return "\(total / 60)m \(total % 60)s" }
    if total < 86_400 { return "\(total / 3600)h \(pad((total % 3600) / 60))m" }
    return "\(total / 86_400)d \((total % 86_400) / 3600)h"
  }

  /// Which offset a named zone gave an input's clock-only lines, and why, one sentence per
  /// entry: `clock times read in Europe/Rome at +02:00, its offset on 2026-07-14 (the file's
  /// modification date)`. Every report format shows these under the input.
  public static func clockOffsetNotes(_ offsets: ClockOffsets) -> [String] {
    var notes = offsets.entries.map { entry in
      let days =
        entry.firstDay == entry.lastDay
        ? "on \(date(entry.firstDay))" : "from \(date(entry.firstDay)) to \(date(entry.lastDay))"
      let why =
        switch entry.basis {
        case .datedLine: "the date of the last dated line before them, and the midnights since"
        case .fileModified: "the file's modification date"
        case .today: "today: no dated line and no file date"
        }
      return "clock times read in \(entry.zone) at \(offsetText(entry.offset)), its offset \(days) (\(why))"
    }
    if offsets.omittedLines > 0 {
      notes.append("\(offsets.omittedLines) more clock times read at other offsets")
    }
    return notes
  }

  /// `2026-07-14` for a local date given in days since 1970-01-01.
  public static func date(_ daysSinceEpoch: Int) -> String {
    let (year, month, day) = civilDate(daysSinceEpoch: daysSinceEpoch)
    return "\(pad(year, 4))-\(pad(month))-\(pad(day))"
  }

  static let monthNames = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  static func offsetText(_ offset: Int) -> String {
    let sign = offset < 0 ? "-" : "+"
    let minutes = abs(offset) / 60
    return "\(sign)\(pad(minutes / 60)):\(pad(minutes % 60))"
  }

  private static func clockText(_ secondOfDay: Int) -> String {
    "\(pad(secondOfDay / 3600)):\(pad((secondOfDay % 3600) / 60)):\(pad(secondOfDay % 60))"
  }

  private static func divmod(_ value: Int, _ divisor: Int) -> (Int, Int) {
    let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    return (quotient, value - quotient * divisor)
  }

  private static func pad(_ value: Int, _ width: Int = 2) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }

  /// Proleptic Gregorian date from days since 1970-01-01 (Howard Hinnant's algorithm).
  static func civilDate(daysSinceEpoch: Int) -> (year: Int, month: Int, day: Int) {
    let z = daysSinceEpoch + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
