import Foundation
import Testing

@testable import WalogCore

/// A folder of rule files is one set: files in the byte order of their paths, sections joined
/// in that order, every problem named in the file inside the folder (docs/rules.md).
@Suite struct RulesFolderTests {
  /// A fresh folder holding `files` (path within it → text).
  func folder(_ files: [String: String]) throws -> String {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("walog-rules-\(UUID().uuidString)")
    for (path, text) in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return root.path
  }

  func problems(_ path: String) -> [String] {
    do {
      _ = try RuleSet.load(path: path)
      return []
    } catch { return error.diagnostics.map(\.description) }
  }

  static let specific = """
    version: 2
    channels:
      - {id: parrot, names: [Parrot]}
    events:
      - id: parrot-conflict
        kind: stop
        pattern: '^squawk closed \\(status (?<status>440)\\)'
    policies:
      reconnect: {max_attempts: 5}
    """
  static let general = """
    version: 2
    events:
      - id: any-close
        kind: close
        pattern: '^squawk closed \\(status (?<status>\\d+)\\)'
    policies:
      reconnect: {initial: 2s, max_attempts: 7}
      loop_gap: 1h
    """

  @Test func filesJoinInPathOrderSoTheEarlierFilesRuleMatchesFirst() throws {
    let path = try folder([
      "zz-general.yaml": Self.general, "channels/parrot.yaml": Self.specific,
      "notes.txt": "not a rule file", ".hidden.yaml": "broken: [",
    ])
    let rules = try RuleSet.load(path: path)
    #expect(rules.events.map(\.id) == ["parrot-conflict", "any-close"])
    #expect(rules.channels.map(\.id) == ["parrot"])
    // A later file's policy value is laid over an earlier one's, key by key.
    #expect(rules.file.policies.reconnect.maxAttempts == 7)
    #expect(rules.file.policies.reconnect.initialSeconds == 2)
    #expect(rules.info.files == [path])
    let matcher = rules.makeEventMatcher()
    let origin = Origin(input: 0, line: 1)
    #expect(withParsed("[parrot] squawk closed (status 440)") { matcher.match($0, origin: origin) }?.kind == .stop)
    #expect(withParsed("[parrot] squawk closed (status 500)") { matcher.match($0, origin: origin) }?.kind == .close)
  }

  /// One file of YAML documents is the same set as the folder of those files, hash included.
  @Test func aFileOfDocumentsIsTheSameSetAsItsFolder() throws {
    let files = [("channels/parrot.yaml", Self.specific), ("zz-general.yaml", Self.general)]
    let text = RuleFolder.text(of: files.map { (name: $0.0, text: $0.1) })
    let fromFile = try RuleSet.load(yaml: text, name: "one.yaml")
    let fromFolder = try RuleSet.load(path: folder(Dictionary(uniqueKeysWithValues: files)))
    #expect(fromFile.events.map(\.id) == fromFolder.events.map(\.id))
    #expect(fromFile.file.policies == fromFolder.file.policies)
    #expect(fromFile.info.hash == fromFolder.info.hash)
    // A problem in a later document is at its line in the whole file.
    let broken = text + "--- # broken.yaml\nversion: 2\nevents:\n  - id: any-close\n    kind: close\n    pattern: '^squawk'\n"
    let lines = text.components(separatedBy: "\n")  // the text ends with a newline
    let first = try #require(lines.firstIndex(of: "  - id: any-close")) + 1
    let line = lines.count - 1 + 4
    #expect(throws: RuleError.self) { try RuleSet.load(yaml: broken, name: "one.yaml") }
    do {
      _ = try RuleSet.load(yaml: broken, name: "one.yaml")
    } catch {
      #expect(error.diagnostics.map(\.description) == [
        "one.yaml:\(line):5: error: duplicate event id 'any-close' (first defined at one.yaml:\(first):5)"
      ])
    }
  }

  @Test func problemsNameTheFileInsideTheFolder() throws {
    let joined = try folder([
      "a.yaml": Self.general,
      "b.yaml": "version: 2\nevents:\n  - id: any-close\n    kind: close\n    pattern: '^squawk'\n",
      "c.yaml": "version: 1\nevents: []\n",
    ])
    #expect(problems(joined) == [
      "\(joined)/b.yaml:3:5: error: duplicate event id 'any-close' (first defined at \(joined)/a.yaml:3:5)",
      "\(joined)/c.yaml:1:10: error: version 1 differs from version 2 at \(joined)/a.yaml:1:10; the parts of a rule set share one version",
    ])
    // Every file's own problems at once, in a subfolder too.
    let broken = try folder([
      "a.yaml": "version: 2\nevents: {}\n",
      "d/e.yml": "version: 2\nevents:\n  - id: e\n    kind: close\n    patern: '^x'\n",
    ])
    #expect(problems(broken).sorted() == [
      "\(broken)/a.yaml:2:9: error: expected a list for 'events', found a mapping",
      "\(broken)/d/e.yml:3:5: error: event 'e' is missing required key 'pattern'",
      "\(broken)/d/e.yml:5:5: error: unknown key 'patern' in event 'e'; allowed keys: id, kind, channel, pattern, literal, detail, channels_only, fields, json_fields, samples",
    ])
  }

  @Test func aFolderWithoutRuleFilesIsRefused() throws {
    let path = try folder(["README.md": "rules live elsewhere"])
    #expect(problems(path) == ["\(path): error: no rule files (*.yaml, *.yml) in this folder"])
  }

  /// `--extra-rules` takes a folder: its set, joined first, overrides by id.
  @Test func aFolderExtendsTheDefaultRules() throws {
    let extra = try folder([
      "whatsapp.yaml": """
        version: 2
        channels:
          - {id: whatsapp, policies: {reconnect: {max_attempts: 20}}}
        """,
      "parrot.yaml": Self.specific,
    ])
    let rules = try RuleSet.load(rules: nil, extraRules: [extra])
    #expect(rules.policies.policy(for: "whatsapp").reconnect.maxAttempts == 20)
    #expect(rules.channel("parrot") != nil)
    #expect(rules.index(ofRule: "parrot-conflict") == RuleSet.default.events.count)
  }
}
