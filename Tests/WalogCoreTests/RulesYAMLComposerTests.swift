import Testing

@testable import WalogCore

/// The composer's own refusals, each at the line and column a user can go to.
@Suite struct RulesYAMLComposerTests {
  func problem(_ yaml: String) -> String? {
    do {
      _ = try YAMLComposer.documents(yaml)
      return nil
    } catch { return "\(error.mark.line):\(error.mark.column): \(error.message)" }
  }

  @Test func nodesKeepTheirMarksAndAliasesTheirAnchorsNode() throws {
    let root = try #require(try YAMLComposer.documents("a: &x\n  - 'one'\nb: *x\nc:\n").first)
    #expect(root.mark == Node.Mark(line: 1, column: 1))
    let b = try #require(root["b"])
    guard case .sequence(let items) = b else { Issue.record("b is not a list"); return }
    #expect(items.first?.string == "one")
    #expect(items.first?.scalar?.style == .singleQuoted)
    #expect(items.first?.mark == Node.Mark(line: 2, column: 5))
    #expect(root["c"]?.isNull == true)
    #expect(root["a"]?.isNull == false)
  }

  @Test func refusalsAreLocated() {
    #expect(problem("a: 1\nb: 2\na: 3\n") == "3:1: duplicate key 'a' in a mapping (first at line 1, column 1)")
    #expect(problem("a: *nowhere\n") == "1:4: found undefined alias 'nowhere'")
    #expect(problem("a: &x 1\n---\nb: *x\n") == "3:4: found undefined alias 'x'")
    #expect(problem("a: 1\nb: é\u{1}\n") == "2:5: control characters are not allowed")
    #expect(problem(String(repeating: "[", count: 300)) == "1:258: nested more than 256 levels deep")
  }

  @Test func anEmptyStreamHasNoDocument() throws {
    #expect(try YAMLComposer.documents("").isEmpty)
    #expect(try YAMLComposer.documents("# only a comment\n").isEmpty)
  }

  /// A stream's documents keep the marks of their lines in the whole text (a rule file's parts).
  @Test func laterDocumentsKeepTheirLinesInTheStream() throws {
    let documents = try YAMLComposer.documents("--- # one\na: 1\n--- # two\nb: 2\n---\n")
    #expect(documents.count == 3)
    #expect(documents[1]["b"]?.mark == Node.Mark(line: 4, column: 4))
    #expect(documents[2].isNull)
  }
}
