import Testing

@testable import WalogCore

/// The composer's own refusals, each at the line and column a user can go to.
@Suite struct RulesYAMLComposerTests {
  func problem(_ yaml: String) -> String? {
    do {
      _ = try YAMLComposer.compose(yaml)
      return nil
    } catch { return "\(error.mark.line):\(error.mark.column): \(error.message)" }
  }

  @Test func nodesKeepTheirMarksAndAliasesTheirAnchorsNode() throws {
    let root = try #require(try YAMLComposer.compose("a: &x\n  - 'one'\nb: *x\nc:\n"))
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
    #expect(problem("a: 1\n---\nb: 2\n") == "2:1: expected a single document, found another one")
    #expect(problem("a: 1\nb: é\u{1}\n") == "2:5: control characters are not allowed")
    #expect(problem(String(repeating: "[", count: 300)) == "1:258: nested more than 256 levels deep")
  }

  @Test func anEmptyStreamHasNoDocument() throws {
    #expect(try YAMLComposer.compose("") == nil)
    #expect(try YAMLComposer.compose("# only a comment\n") == nil)
  }
}
