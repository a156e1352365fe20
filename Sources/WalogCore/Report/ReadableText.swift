/// What the human reports (text, Markdown, HTML, GitHub) do to an analysis before rendering
/// it: log text with its control bytes made visible, and inputs named by the shortest name
/// that tells them apart. JSON keeps the analysis as it is.
enum ReadableText {
  /// The analysis as the human reports show it. `inputs[].name` stays whole, so a report
  /// says once exactly what it read; evidence and first-seen places use the short names.
  static func prepared(_ analysis: Analysis, shortNames: Bool = true) -> Analysis {
    var out = analysis
    let short = shortNames ? Self.shortNames(analysis.inputs.map(\.name)) : analysis.inputs.map(\.name)
    let rename = Dictionary(zip(analysis.inputs.map(\.name), short), uniquingKeysWith: { first, _ in first })
    out.findings = analysis.findings.map { finding in
      var finding = finding.mappingTexts(escaped)
      finding.evidence = finding.evidence.map { evidence in
        var evidence = evidence
        evidence.input = escaped(rename[evidence.input] ?? evidence.input)
        return evidence
      }
      return finding
    }
    out.trace = analysis.trace?.mappingTexts(escaped).mappingLines { evidence in
      var evidence = evidence
      evidence.input = escaped(rename[evidence.input] ?? evidence.input)
      return evidence
    }
    out.unexplained = analysis.unexplained.map { problem in
      var problem = problem
      problem.shape = escaped(problem.shape)
      problem.example = escaped(problem.example)
      problem.firstSeen = escaped(renamedPlace(problem.firstSeen, rename))
      return problem
    }
    out.inputs = analysis.inputs.map { input in
      var input = input
      input.name = escaped(input.name)
      input.warnings = input.warnings.map(escaped)
      return input
    }
    out.warnings = analysis.warnings.map(escaped)
    return out
  }

  /// Each name cut to its last path components, as few as keep the names apart:
  /// `/var/log/a/gateway.log` and `/var/log/b/gateway.log` become `a/gateway.log` and
  /// `b/gateway.log`; a name alone becomes its file name.
  static func shortNames(_ names: [String]) -> [String] {
    let distinct = Array(Set(names))
    let parts = Dictionary(uniqueKeysWithValues: distinct.map {
      ($0, $0.split(separator: "/", omittingEmptySubsequences: false).map(String.init))
    })
    let depth = parts.values.map(\.count).max() ?? 1
    // How many names end in each run of `d` components, per `d`: linear in the names.
    var endings: [[ArraySlice<String>: Int]] = Array(repeating: [:], count: depth + 1)
    for components in parts.values {
      for d in 1...components.count { endings[d][components.suffix(d), default: 0] += 1 }
    }
    return names.map { name in
      let components = parts[name]!
      for d in 1...components.count where endings[d][components.suffix(d)] == 1 {
        return components.suffix(d).joined(separator: "/")
      }
      return name
    }
  }

  /// `input:line` with the input renamed.
  private static func renamedPlace(_ place: String, _ rename: [String: String]) -> String {
    guard let colon = place.lastIndex(of: ":") else { return place }
    let name = String(place[..<colon])
    return (rename[name] ?? name) + place[colon...]
  }

  /// Control characters (C0 but newline, DEL, C1) written as `\xNN`, tab as `\t`, so a binary
  /// or a terminal escape in a log cannot garble or drive the reader's terminal.
  static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      guard isControl(scalar) else {
        out.append(scalar)
        continue
      }
      let escape = scalar == "\t" ? "\\t" : "\\x" + hex(scalar.value)
      out.append(contentsOf: escape.unicodeScalars)
    }
    return String(out)
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
  }

  private static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return digits.count < 2 ? "0" + digits : digits
  }
}
