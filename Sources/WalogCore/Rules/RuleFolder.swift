#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A rule folder: its `*.yaml` and `*.yml` files, those of its subfolders included (hidden ones
/// and symbolic links to folders skipped), read as one rule set in the byte order of their paths
/// within the folder (docs/rules.md, "Rule folders"); and the one file that holds the same set
/// (`walog rules show`).
public enum RuleFolder {
  /// Whether `path` names a folder (following a symbolic link).
  static func isFolder(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
  }

  /// The folder's rule files, paths relative to it, in the byte order of those paths: the order
  /// their sections' entries join in, so the first matching event rule of the set is the same on
  /// every system (`channels/slack.yaml` before `lifecycle.yaml`).
  static func fileNames(in folder: String) throws(RuleError) -> [String] {
    var files: [String] = []
    try collect(folder, prefix: "", into: &files)
    if files.isEmpty {
      throw RuleError(SourceLocation(file: folder, line: 0, column: 0), "no rule files (*.yaml, *.yml) in this folder")
    }
    return files.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
  }

  private static func collect(_ folder: String, prefix: String, into files: inout [String]) throws(RuleError) {
    let here = prefix.isEmpty ? folder : path(folder, prefix)
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: here)
    } catch {
      throw RuleError(SourceLocation(file: here, line: 0, column: 0), "cannot read rule folder")
    }
    for name in names where !name.hasPrefix(".") {
      let relative = prefix.isEmpty ? name : prefix + "/" + name
      var info = stat()
      guard lstat(path(folder, relative), &info) == 0 else { continue }
      if info.st_mode & S_IFMT == S_IFDIR {
        try collect(folder, prefix: relative, into: &files)
      } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml"), !isFolder(path(folder, relative)) {
        files.append(relative)
      }
    }
  }

  /// The file `name` of `folder`, without a doubled `/`.
  static func path(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }

  /// One YAML file with the same rules as the folder's files: each file one document, headed by
  /// a `---` line that names it. Loading it gives the same set (a file's documents join as a
  /// folder's files do), and it is the text the report's rule hash is taken over.
  public static func text(of files: [(name: String, text: String)]) -> String {
    files.map { file in
      "--- # \(file.name)\n" + (file.text.hasSuffix("\n") || file.text.isEmpty ? file.text : file.text + "\n")
    }.joined()
  }
}

extension DefaultRules {
  /// The default rules as one file (``RuleFolder/text(of:)``): what `walog rules show` prints.
  public static let yaml = RuleFolder.text(of: files)
}
