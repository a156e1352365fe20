/// Findings that differ only by account become one finding naming the accounts: the same
/// diagnosis on the same channel of the same host, the same figures, and the same words once
/// each finding's own account is taken out of them.
enum FindingMerger {
  static func mergingAccounts(_ findings: [Finding]) -> [Finding] {
    var merged: [(finding: Finding, signature: [String])] = []
    for finding in findings {
      guard let signature = signature(finding) else {
        merged.append((finding, []))
        continue
      }
      if let index = merged.firstIndex(where: { !$0.signature.isEmpty && $0.signature == signature }) {
        var into = merged[index].finding
        into.streams += finding.streams
        into.evidence += finding.evidence
        for action in finding.actions where !into.actions.contains(action) { into.actions.append(action) }
        merged[index].finding = into
      } else {
        merged.append((finding, signature))
      }
    }
    return merged.map { entry in
      guard !entry.signature.isEmpty, entry.finding.accounts.count > 1 else { return entry.finding }
      var finding = entry.finding
      finding.streams.sort()
      let accounts = finding.accounts
      let names = accounts.dropLast().joined(separator: ", ") + " and " + accounts.last!
      // The words every account shared, with the accounts named where each had its own.
      finding.title = entry.signature[2].replacing(marker, with: names)
      finding.rootCause = entry.signature[3].replacing(marker, with: names)
      finding.title = finding.title.replacing(
        "\(finding.streams[0].channel):\(names)", with: "\(finding.streams[0].channel) accounts \(names)")
      finding.rootCause = finding.rootCause.replacing(
        "\(finding.streams[0].channel):\(names)", with: "\(finding.streams[0].channel) accounts \(names)")
      finding.stream?.account = finding.streams[0].account
      // An action naming the account is said once, for the first, and the others are named.
      let actions = entry.signature[4].split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
      if actions.contains(where: { $0.contains(marker) }) {
        let others = accounts.dropFirst()
        finding.actions = actions.map { $0.replacing(marker, with: accounts[0]) }
          + [others.count == 1 ? "Likewise for the \(others.first!) account." : "Likewise for the accounts \(others.dropLast().joined(separator: ", ")) and \(others.last!)."]
      }
      return finding
    }
  }

  private static let marker = "\u{1}account\u{1}"

  /// What must be equal for two findings to be one: id, channel, severity, figures, and the
  /// title, cause and actions with the account replaced by a marker; nil for findings that
  /// are not about one account of one process.
  private static func signature(_ finding: Finding) -> [String]? {
    guard let stream = finding.stream, finding.streams.count == 1, stream.pid == nil else { return nil }
    func neutral(_ text: String) -> String { replacingWord(stream.account, in: text) }
    return [
      finding.id + "\u{0}" + stream.channel + "\u{0}" + finding.severity.rawValue + "\u{0}" + (stream.host ?? ""),
      finding.figures.map { "\($0.name)=\($0.text)" }.joined(separator: "\u{0}"),
      neutral(finding.title), neutral(finding.rootCause),
      finding.actions.map(neutral).joined(separator: "\u{0}"),
    ]
  }

  /// `word` replaced by the marker where it stands as a word of its own (not inside
  /// `defaults` or `re-default`).
  static func replacingWord(_ word: String, in text: String) -> String {
    guard !word.isEmpty else { return text }
    func joins(_ char: Character?) -> Bool {
      guard let char else { return false }
      return char.isLetter || char.isNumber || char == "_" || char == "-"
    }
    var out = ""
    var rest = Substring(text)
    while let range = rest.firstByteRange(of: word) {
      let before = range.lowerBound == rest.startIndex ? out.last : rest[rest.index(before: range.lowerBound)]
      let after = range.upperBound == rest.endIndex ? nil : rest[range.upperBound]
      out += rest[..<range.lowerBound]
      out += joins(before) || joins(after) ? word : marker
      rest = rest[range.upperBound...]
    }
    return out + rest
  }
}

extension Finding {
  /// The order reports list findings in: most severe first, then by id, stream and host.
  static func inReportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
    if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
    if lhs.id != rhs.id { return lhs.id < rhs.id }
    if lhs.stream?.description != rhs.stream?.description {
      return (lhs.stream?.description ?? "") < (rhs.stream?.description ?? "")
    }
    return (lhs.host ?? "") < (rhs.host ?? "")
  }
}
