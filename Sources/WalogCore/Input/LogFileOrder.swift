/// The order in which files of a directory are read: by folder, then by name, except that
/// a rotated set comes oldest first (`x.2.log`, `x.1.log`, `x.log`; also `x.log.2.gz`,
/// `x.log.1`, `x.log`), so events come out in time order. Dated names (`openclaw-2026-04-12`)
/// sort by name, which is date order for ISO dates.
enum LogFileOrder {
  /// Sorts relative paths (`sub/name.log`) into reading order.
  static func sorted(_ paths: [String]) -> [String] {
    paths.map { (path: $0, key: SortKey(relativePath: $0)) }
      .sorted { $0.key < $1.key }
      .map(\.path)
  }

  /// What a path is ordered by. Comparisons are on UTF-8 bytes so the order does not depend
  /// on the locale or on Unicode normalisation.
  struct SortKey: Comparable {
    var folder: [UInt8] = []
    /// The name without its rotation number and compression suffix: the rotated set.
    var group: String = ""
    /// `nil` for the live (unnumbered) file, which comes last in its set.
    var rotation: Int?
    var name: [UInt8] = []

    init(relativePath: String) {
      let slash = relativePath.lastIndex(of: "/")
      let fileName =
        slash.map { String(relativePath[relativePath.index(after: $0)...]) } ?? relativePath
      self.init(fileName: fileName)
      folder = slash.map { Array(relativePath[..<$0].utf8) } ?? []
    }

    init(fileName: String) {
      name = Array(fileName.utf8)
      var rest = Substring(fileName)
      for suffix in [".gz", ".xz", ".zst", ".bz2"] where rest.lowercased().hasSuffix(suffix) {
        rest = rest.dropLast(suffix.count)
        break
      }
      rotation = Self.dropRotation(&rest)  // gateway.log.1
      var logExtension = Substring("")
      for ext in [".log", ".txt", ".jsonl", ".json"] where rest.lowercased().hasSuffix(ext) {
        logExtension = rest.suffix(ext.count)
        rest = rest.dropLast(ext.count)
        break
      }
      if rotation == nil { rotation = Self.dropRotation(&rest) }  // openclaw-2026-04-12.1.log
      group = String(rest + logExtension)
    }

    /// Removes a trailing `.N` of one to three digits (more would be a year or a date).
    private static func dropRotation(_ text: inout Substring) -> Int? {
      let digits = text.reversed().prefix { $0.isASCII && $0.isNumber }
      guard (1...3).contains(digits.count) else { return nil }
      let beforeDigits = text.dropLast(digits.count)
      guard beforeDigits.hasSuffix("."), beforeDigits.count > 1 else { return nil }
      let number = Int(String(text.suffix(digits.count)))
      text = beforeDigits.dropLast()
      return number
    }

    static func < (a: SortKey, b: SortKey) -> Bool {
      if a.folder != b.folder { return a.folder.lexicographicallyPrecedes(b.folder) }
      if a.group != b.group { return Array(a.group.utf8).lexicographicallyPrecedes(b.group.utf8) }
      switch (a.rotation, b.rotation) {
      case (let x?, let y?) where x != y: return x > y  // higher numbers are older
      case (.some, nil): return true
      case (nil, .some): return false
      default: return a.name.lexicographicallyPrecedes(b.name)
      }
    }
  }
}
