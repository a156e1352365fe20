import Foundation

@testable import WalogCore

/// Analyses of the report fixtures as `walog` run from the package root prints them:
/// input and rule file names relative to the root, redacted unless asked otherwise.
enum ReportFixture {
  /// Extra rules with diagnoses that fire on the fixtures and a rule-file redaction.
  static let reportRules = "Fixtures/reports/report-rules.yaml"

  /// The fixtures that have golden reports.
  static let goldenLogs = [
    "Fixtures/seeds/000-excerpt.log", "Fixtures/seeds/001-78-conflicts.log",
    "Fixtures/reports/secrets.log", "Fixtures/reports/no-times.log",
  ]

  static func path(_ relative: String) -> String {
    packageRoot.appendingPathComponent(relative).path
  }

  static func rules(extra: Bool = true) throws -> RuleSet {
    guard extra else { return RuleSet.default }
    let text = try String(contentsOfFile: path(reportRules), encoding: .utf8)
    return RuleSet.default.extended(with: try RuleSet.load(yaml: text, name: reportRules))
  }

  /// What `walog analyze --extra-rules Fixtures/reports/report-rules.yaml <logs>` renders.
  static func analysis(_ logs: [String], extraRules: Bool = true, redact: Bool = true) throws
    -> Analysis
  {
    let rules = try rules(extra: extraRules)
    let run = try Analyzer.run(
      AnalysisRequest(paths: logs.map(path)), rules: rules, diagnoses: try rules.diagnosisRules())
    let analysis = relativeNames(run.analysis)
    return redact ? Redactor(ruleSet: rules).redact(analysis) : analysis
  }

  static func analysis(_ log: String, extraRules: Bool = true, redact: Bool = true) throws
    -> Analysis
  {
    try analysis([log], extraRules: extraRules, redact: redact)
  }

  /// Input names as given on a command line run from the package root.
  static func relativeNames(_ analysis: Analysis) -> Analysis {
    let prefix = packageRoot.path + "/"
    func relative(_ name: String) -> String {
      name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name
    }
    var out = analysis
    out.inputs = analysis.inputs.map { input in
      var input = input
      input.name = relative(input.name)
      return input
    }
    out.findings = analysis.findings.map { finding in
      var finding = finding
      finding.evidence = finding.evidence.map { evidence in
        var evidence = evidence
        evidence.input = relative(evidence.input)
        return evidence
      }
      return finding
    }
    out.unexplained = analysis.unexplained.map { shape in
      var shape = shape
      shape.firstSeen = relative(shape.firstSeen)
      return shape
    }
    return out
  }

  /// Every report format of an analysis, by the name `--format` takes.
  static func renderings(_ analysis: Analysis) -> [(format: String, text: String)] {
    [
      ("text", TextReport.render(analysis)), ("json", JSONReport.render(analysis)),
      ("markdown", MarkdownReport.render(analysis)), ("html", HTMLReport.render(analysis)),
      ("github", GitHubReport.render(analysis)),
    ]
  }
}

/// Text as a reader of each format sees it, with the format's escapes undone, so a test can
/// look for a secret however the format encoded it.
enum Decoded {
  /// Every string of a JSON document (keys and values), joined by newlines.
  static func json(_ text: String) throws -> String {
    let object = try JSONSerialization.jsonObject(
      with: Data(text.utf8), options: [.fragmentsAllowed])
    var strings: [String] = []
    func walk(_ value: Any) {
      if let string = value as? String {
        strings.append(string)
      } else if let array = value as? [Any] {
        array.forEach(walk)
      } else if let dictionary = value as? [String: Any] {
        for (key, value) in dictionary {
          strings.append(key)
          walk(value)
        }
      }
    }
    walk(object)
    return strings.joined(separator: "\n")
  }

  /// HTML with character references (`&lt;`, `&#39;`, `&#x2B;`) decoded.
  static func html(_ text: String) -> String {
    var out = ""
    var rest = Substring(text)
    while let amp = rest.firstIndex(of: "&") {
      out += rest[..<amp]
      rest = rest[amp...]
      guard let semi = rest.firstIndex(of: ";"),
        rest.distance(from: rest.startIndex, to: semi) <= 10
      else {
        out.append("&")
        rest = rest.dropFirst()
        continue
      }
      let name = String(rest[rest.index(after: rest.startIndex)..<semi])
      let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
      if let value = named[name] {
        out += value
      } else if name.hasPrefix("#x") || name.hasPrefix("#X"),
        let code = UInt32(name.dropFirst(2), radix: 16),
        let scalar = Unicode.Scalar(code)
      {
        out.unicodeScalars.append(scalar)
      } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()),
        let scalar = Unicode.Scalar(code)
      {
        out.unicodeScalars.append(scalar)
      } else {
        out += "&" + name + ";"
      }
      rest = rest[rest.index(after: semi)...]
    }
    return out + rest
  }

  /// Workflow-command data and properties with `%25`, `%0D`, `%0A`, `%3A`, `%2C` decoded.
  static func github(_ text: String) -> String {
    text.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
      .replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%2C", with: ",")
      .replacingOccurrences(of: "%25", with: "%")
  }

  /// Markdown with backslash escapes removed.
  static func markdown(_ text: String) -> String {
    var out = ""
    var escaped = false
    for char in text {
      if char == "\\" && !escaped {
        escaped = true
        continue
      }
      escaped = false
      out.append(char)
    }
    return out
  }

  static func decode(_ format: String, _ text: String) throws -> String {
    switch format {
    case "json": try json(text)
    case "html": html(text)
    case "github": github(text)
    case "markdown": markdown(text)
    default: text
    }
  }
}
