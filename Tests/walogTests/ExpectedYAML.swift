import Foundation
import Yams

/// A fixture folder whose logs each have an entry in its `expected.yaml` (what a user should
/// see on that log), as the recognition and explanation tests read it.
enum ExpectedYAML {
  /// The entries by log file name, sorted; a file that cannot be read stops the suite.
  static func entries(_ folder: String) -> [(file: String, entry: [String: Any])] {
    let url = WalogProcess.packageRoot.appendingPathComponent(folder + "expected.yaml")
    guard let text = try? String(contentsOf: url, encoding: .utf8),
      let entries = (try? Yams.load(yaml: text)) as? [String: [String: Any]]
    else { fatalError("cannot read \(url.path)") }
    return entries.keys.sorted().map { ($0, entries[$0]!) }
  }

  /// An entry's findings (or streams) under `key`: the severity and the words each must hold.
  static func expectations(_ entry: [String: Any], _ key: String) -> [String: (severity: String, mentions: [String])] {
    (entry[key] as? [String: [String: Any]] ?? [:]).mapValues { item in
      (severity: item["severity"] as? String ?? "?", mentions: item["mentions"] as? [String] ?? [])
    }
  }

  /// The folder's logs, sorted: each must have an entry.
  static func logs(_ folder: String) throws -> [String] {
    let url = WalogProcess.packageRoot.appendingPathComponent(folder)
    return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".log") }.sorted()
  }
}
