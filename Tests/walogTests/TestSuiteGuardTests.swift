import Foundation
import Testing
import WalogTestSupport

/// Checks of the test sources themselves, so that a green run keeps meaning what it says:
/// every parameterised test has cases, no case list silently becomes empty, and a call to a
/// tool only Linux has sits where macOS skips it with a reason.
@Suite struct TestSuiteGuardTests {
  struct Source {
    var path: String
    var lines: [String]
    var text: String { lines.joined(separator: "\n") }
  }

  /// Every Swift file under Tests/.
  static func sources() throws -> [Source] {
    let root = WalogProcess.packageRoot.appendingPathComponent("Tests")
    let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
      .filter { $0.hasSuffix(".swift") }.sorted()
    try #require(files.count > 20, "the test sources were not found under \(root.path)")
    return try files.map { file in
      let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
      return Source(path: "Tests/" + file, lines: text.components(separatedBy: "\n"))
    }
  }

  /// The helper itself: an empty list is refused, naming where it was made; a full one
  /// passes through unchanged. (Without it the guard below would check for a helper that
  /// lets an empty list through, and an emptied fixture folder would pass with no cases.)
  @Test func nonEmptyRefusesAnEmptyList() throws {
    let error = #expect(throws: EmptyArguments.self) { try nonEmpty([String]()) }
    #expect(error?.description.hasSuffix("the test's argument list is empty, so it would test nothing") == true, "\(String(describing: error))")
    #expect(error?.place.hasPrefix("walogTests/TestSuiteGuardTests.swift:") == true, "\(String(describing: error))")
    #expect(try nonEmpty(["a", "b"]) == ["a", "b"])
  }

  /// `@Test(…, arguments: X)`: X (each collection, when there are several) is a list written
  /// out in place, or goes through `nonEmpty`; wherever `arguments:` stands in the attribute
  /// (after a name or traits, on a line of its own).
  @Test func everyParameterisedTestRefusesAnEmptyArgumentList() throws {
    var found = 0
    for source in try Self.sources() where !source.path.hasSuffix("/TestSuiteGuardTests.swift") {
      for attribute in Self.testAttributes(source.lines) {
        let parts = Self.topLevelParts(attribute.inside)
        guard let first = parts.firstIndex(where: { $0.hasPrefix("arguments:") }) else { continue }
        found += 1
        for (offset, part) in parts[first...].enumerated() {
          let collection = (offset == 0 ? part.dropFirst("arguments:".count) : part[...]).trimmingCharacters(in: .whitespacesAndNewlines)
          let literal = collection.hasPrefix("[") && !collection.hasPrefix("[]")
          #expect(literal || collection.hasPrefix("try nonEmpty("), "\(source.path):\(attribute.line): @Test(\(attribute.inside))")
        }
      }
    }
    #expect(found > 30, "only \(found) parameterised tests found")
    // The check itself sees the arguments after a name or a trait and on a line of their own.
    let sample = ["@Test(\"a name\", .linuxOnly(\"reads /proc (fd)\"),", "  arguments: cases, [1])", "func f(_: Int, _: Int) {}"]
    let parts = Self.testAttributes(sample).map { Self.topLevelParts($0.inside) }
    #expect(parts == [["\"a name\"", ".linuxOnly(\"reads /proc (fd)\")", "arguments: cases", "[1]"]], "\(parts)")
  }

  /// The text inside each `@Test(…)` of a source (it may span lines; comment lines are
  /// skipped), and the line it starts on.
  static func testAttributes(_ lines: [String]) -> [(line: Int, inside: String)] {
    let code = lines.map { $0.trimmingCharacters(in: .whitespaces).hasPrefix("//") ? "" : $0 }.joined(separator: "\n")
    var result: [(line: Int, inside: String)] = []
    var rest = code[...]
    while let start = rest.range(of: "@Test(") {
      var nesting = BracketDepth(depth: 1)
      var index = start.upperBound
      while index < code.endIndex, nesting.depth > 0 {
        nesting.read(code[index])
        index = code.index(after: index)
      }
      let line = code[..<start.lowerBound].filter { $0 == "\n" }.count + 1
      result.append((line, String(code[start.upperBound..<code.index(before: index)])))
      rest = code[index...]
    }
    return result
  }

  /// `text` split at its commas outside brackets and strings, each part trimmed.
  static func topLevelParts(_ text: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var nesting = BracketDepth()
    for character in text {
      nesting.read(character)
      if character == "," && nesting.depth == 0 && !nesting.inString {
        parts.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
        current = ""
      } else {
        current.append(character)
      }
    }
    parts.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
    return parts
  }

  /// The bracket depth of Swift source read character by character; brackets inside string
  /// literals do not count.
  struct BracketDepth {
    var depth = 0
    private(set) var inString = false
    private var previous: Character = " "

    init(depth: Int = 0) { self.depth = depth }

    mutating func read(_ character: Character) {
      if character == "\"" && previous != "\\" { inString.toggle() }
      if !inString && "([{".contains(character) { depth += 1 }
      if !inString && ")]}".contains(character) { depth -= 1 }
      previous = character
    }
  }

  /// `static let cases = (try? …) ?? []` turns an unreadable folder into no cases and a
  /// pass. (A poll that reads "nothing yet" on a failed try is no case list.)
  @Test func noListIsMadeEmptyByAFailure() throws {
    // A static property whose value goes from `try?` to `?? []` within one statement (it may
    // span lines; a new statement or a closing brace ends the search).
    let rest = #"(?:(?!\n\s*(?:let |var |guard |if |for |return |func |static |\}|\n))[^;])*?"#
    let pattern = try NSRegularExpression(pattern: #"static (?:let|var) [^=\n]+="# + rest + #"try\?"# + rest + #"\?\? \[\]"#)
    var offenders: [String] = []
    for source in try Self.sources() where !source.path.hasSuffix("/TestSuiteGuardTests.swift") {
      let text = source.text
      for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        let line = text[..<Range(match.range, in: text)!.lowerBound].filter { $0 == "\n" }.count + 1
        offenders.append("\(source.path):\(line)")
      }
    }
    #expect(offenders.isEmpty, "try? … ?? [] in \(offenders)")
    // The check itself finds the shape, across lines too.
    let sample = "static let logs = (try? FileManager.default.contentsOfDirectory(\n  atPath: p))?\n  .sorted() ?? []"
    #expect(pattern.firstMatch(in: sample, range: NSRange(sample.startIndex..., in: sample)) != nil)
  }

  /// What only Linux has: /proc, util-linux's setpriv, GNU time's `-f`, the Debian names
  /// of Prometheus' tools (Homebrew's have other paths: `PrometheusTools`), and systemd's
  /// journal tools.
  static let linuxOnly = [
    "/proc/", "setpriv", #""-f", "%M""#, "time -f", "/usr/bin/promtool", "prometheus-node-exporter", "prometheus-alertmanager",
    "journalctl", "systemd-journal-remote",
  ]

  /// A line naming one of them is inside `#if os(Linux)`, or in a test or suite marked
  /// `.linuxOnly("reason")`.
  @Test func linuxOnlyToolsAreCalledOnlyWhereMacOSSkipsThem() throws {
    var offenders: [String] = []
    var seen = 0
    for source in try Self.sources() where !source.path.hasSuffix("/TestSuiteGuardTests.swift") {
      let linux = Self.linesUnderLinuxCondition(source.lines)
      for (index, line) in source.lines.enumerated() {
        let code = line.trimmingCharacters(in: .whitespaces)
        guard !code.hasPrefix("//"), Self.linuxOnly.contains(where: { code.contains($0) }) else { continue }
        seen += 1
        if linux.contains(index) || Self.isMarkedLinuxOnly(source.lines, before: index) { continue }
        offenders.append("\(source.path):\(index + 1): \(code)")
      }
    }
    #expect(seen > 3, "the Linux-only calls were not found (\(seen))")
    #expect(offenders.isEmpty, "Linux-only calls without .linuxOnly or #if os(Linux):\n\(offenders.joined(separator: "\n"))")
  }

  /// Indices of the lines in an `#if os(Linux)` branch.
  static func linesUnderLinuxCondition(_ lines: [String]) -> Set<Int> {
    var stack: [Bool] = []  // per open #if: whether its current branch is Linux's
    var result: Set<Int> = []
    for (index, line) in lines.enumerated() {
      let code = line.trimmingCharacters(in: .whitespaces)
      if code.hasPrefix("#if ") {
        stack.append(code == "#if os(Linux)")
      } else if code.hasPrefix("#elseif") || code == "#else" {
        if !stack.isEmpty { stack[stack.count - 1] = false }
      } else if code == "#endif" {
        _ = stack.popLast()
      } else if stack.contains(true) {
        result.insert(index)
      }
    }
    return result
  }

  /// Whether the nearest test at or above `index`, or a suite above it, carries `.linuxOnly(`.
  static func isMarkedLinuxOnly(_ lines: [String], before index: Int) -> Bool {
    var nearestTest = true
    for line in lines[...index].reversed() {
      let code = line.trimmingCharacters(in: .whitespaces)
      if code.hasPrefix("@Suite") && code.contains(".linuxOnly(") { return true }
      if nearestTest && code.hasPrefix("@Test") {
        if code.contains(".linuxOnly(") { return true }
        nearestTest = false
      }
    }
    return false
  }
}
