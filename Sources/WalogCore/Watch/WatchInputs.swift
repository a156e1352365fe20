#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `walog watch` follows for the paths it was given.
///
/// - nothing or `-`: standard input;
/// - a file (which may not exist yet): that file, through rotation and truncation;
/// - a folder: the live files `analyze` would read there (not the rotated `x.log.1` nor the
///   compressed ones), followed together, e.g. launchd's `gateway.log` and `gateway.err.log`;
///   files named by date (`openclaw-2026-04-12.log`) are one input that follows the newest
///   date and switches when a newer file appears (the file log rolls at midnight).
enum WatchInputs {
  static func followed(paths: [String], start: FollowedFile.Start, quietSpell: Double) throws(InputError)
    -> [any FollowedByteSource & Followed]
  {
    var sources: [any FollowedByteSource & Followed] = []
    for path in paths.isEmpty ? ["-"] : paths {
      if path == "-" {
        sources.append(FollowedStream(fd: 0, name: "<stdin>", quietSpell: quietSpell))
        continue
      }
      var info = stat()
      guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
        if info.st_mode & S_IFMT == S_IFREG { try refuseCompressed(path) }
        sources.append(FollowedFile(path: path, start: start, quietSpell: quietSpell))
        continue
      }
      sources += try folder(path, start: start, quietSpell: quietSpell)
    }
    return sources
  }

  /// A compressed file or an archive does not grow line by line: only `--no-follow` reads it.
  private static func refuseCompressed(_ path: String) throws(InputError) {
    let head = try InputCatalog.readHead(of: path)
    switch head.withUnsafeBytes({ StreamFormat.detect($0) }) {
    case .compressed(let kind), .archive(let kind):
      throw InputError.readFailed(path: path, reason: "it is \(kind); compressed files and archives are read with --no-follow")
    default:
      return
    }
  }

  private static func folder(_ directory: String, start: FollowedFile.Start, quietSpell: Double)
    throws(InputError) -> [FollowedFile]
  {
    let base = directory.hasSuffix("/") ? directory : directory + "/"
    var plain: [String] = []
    var dated: [String] = []  // group names: `openclaw-*.log`
    for path in try liveFiles(in: directory) {
      if let group = datedGroup(of: path) {
        if !dated.contains(group) { dated.append(group) }
      } else {
        plain.append(path)
      }
    }
    // An empty folder (the gateway has not started yet): its newest log file, once there is one.
    if plain.isEmpty && dated.isEmpty {
      return [FollowedFile(name: base, start: start, quietSpell: quietSpell) { newest(in: directory, group: nil) }]
    }
    return plain.map { FollowedFile(path: base + $0, start: start, quietSpell: quietSpell) }
      + dated.map { group in
        FollowedFile(name: base + group, start: start, quietSpell: quietSpell) { newest(in: directory, group: group) }
      }
  }

  /// Log files of the folder, relative to it, that are still being written.
  private static func liveFiles(in directory: String) throws(InputError) -> [String] {
    let base = directory.hasSuffix("/") ? directory : directory + "/"
    return try InputCatalog.logFiles(in: directory).map { String($0.dropFirst(base.count)) }.filter { path in
      let name = path.split(separator: "/").last.map(String.init) ?? path
      return LogFileOrder.SortKey(fileName: name.lowercased()).rotation == nil
        && !compressedExtensions.contains { name.lowercased().hasSuffix($0) }
    }
  }

  static let compressedExtensions = [".gz", ".zip", ".tar", ".tgz", ".xz", ".zst", ".bz2"]

  /// `openclaw-2026-04-12.log` → `openclaw-*.log`: a name that holds a `YYYY-MM-DD` date.
  static func datedGroup(of path: String) -> String? {
    let bytes = Array(path.utf8)
    guard bytes.count >= 10 else { return nil }
    for start in stride(from: bytes.count - 10, through: 0, by: -1) where isDate(bytes[start..<start + 10]) {
      return String(decoding: bytes[..<start], as: UTF8.self) + "*"
        + String(decoding: bytes[(start + 10)...], as: UTF8.self)
    }
    return nil
  }

  private static func isDate(_ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.enumerated().allSatisfy { offset, byte in
      offset == 4 || offset == 7 ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
  }

  /// The newest live file of the folder in a dated group (or any, for nil): the greatest name,
  /// which for ISO dates is the latest day.
  static func newest(in directory: String, group: String?) -> String? {
    let base = directory.hasSuffix("/") ? directory : directory + "/"
    let files = (try? liveFiles(in: directory)) ?? []
    let chosen = files.filter { group == nil || datedGroup(of: $0) == group }
      .max { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    return chosen.map { base + $0 }
  }
}
