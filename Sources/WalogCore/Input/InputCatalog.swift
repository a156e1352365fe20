#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turns what the user named on the command line into the inputs to read, in order.
public enum InputCatalog {
  /// Expands paths into inputs:
  /// - `-` is standard input;
  /// - a zip or tar archive (also compressed, e.g. `.tar.gz`) becomes one input per regular
  ///   file inside it, named `archive.zip:entry.log`; any other file is one input;
  /// - a directory becomes every regular file below it whose first bytes are text or a format
  ///   walog reads (compressed, an archive, UTF-16), whatever its name; hidden files and folders,
  ///   and walog's own reports, are left out, and binary files are added to `skipped`. Rotated
  ///   sets come oldest first, otherwise files come by name.
  ///
  /// Standard input is never looked into here, so a zip piped in is one input whose entries
  /// are read one after the other.
  public static func expand(paths: [String], limits: InputLimits = .default) throws(InputError)
    -> [InputSource]
  {
    var skipped: [String] = []
    return try expand(paths: paths, limits: limits, skipped: &skipped)
  }

  public static func expand(paths: [String], limits: InputLimits, skipped: inout [String]) throws(InputError)
    -> [InputSource]
  {
    var inputs: [InputSource] = []
    for path in paths {
      if path == "-" {
        inputs.append(InputSource(location: .standardInput, limits: limits))
        continue
      }
      switch try kind(of: path) {
      case .directory:
        let listing = try listing(of: path)
        skipped += listing.skipped
        var found: [InputSource] = []
        for file in listing.files { found += try expandFile(file, limits: limits) }
        if found.isEmpty { throw InputError.noLogFiles(directory: path) }
        inputs += found
      case .regularFile:
        let found = try expandFile(path, limits: limits)
        if found.isEmpty { throw InputError.noLogFiles(directory: path) }  // an empty archive
        inputs += found
      case .other:
        // A FIFO or device (`<(journalctl …)`): read as a stream, never peeked here, since
        // peeking would consume bytes nobody could read again.
        inputs.append(InputSource(location: .file(path: path), limits: limits))
      }
    }
    return unique(inputs)
  }

  private enum Kind { case directory, regularFile, other }

  private static func kind(of path: String) throws(InputError) -> Kind {
    var info = stat()
    if stat(path, &info) != 0 { throw InputError.fromErrno(errno, path: path) }
    switch info.st_mode & S_IFMT {
    case S_IFDIR: return .directory
    case S_IFREG: return .regularFile
    default: return .other
    }
  }

  /// One input for a plain or compressed file; one per entry for an archive.
  private static func expandFile(_ path: String, limits: InputLimits) throws(InputError)
    -> [InputSource]
  {
    let head = try readHead(of: path)
    let format = head.withUnsafeBytes { StreamFormat.detect($0) }
    switch format {
    case .archive, .compressed:
      // Compressed files are listed too: a `.tar.gz` is only known after decompressing.
      if let entries = ArchiveIndex.entries(ofArchiveAt: path) {
        // Many files: one pass over the archive (LibArchiveSource says so in a warning).
        if entries.count > ArchiveIndex.mergedEntriesCap {
          return [InputSource(location: .file(path: path), limits: limits)]
        }
        return entries.map {
          InputSource(
            location: .archiveEntry(archive: path, index: $0.index, entry: $0.name), limits: limits)
        }
      }
    default:
      break
    }
    return [InputSource(location: .file(path: path), limits: limits)]
  }

  /// The first bytes of a regular file; opening it here also reports an unreadable file
  /// before any analysis starts.
  static func readHead(of path: String) throws(InputError) -> [UInt8] {
    let source = try FileByteSource(path: path)
    return try PeekedByteSource.peek(
      source, minimum: StreamFormat.wantedPeekCount, wanted: StreamFormat.wantedPeekCount)
  }

  /// The files below a folder, recursively, as paths starting with its path: those walog
  /// reads, in reading order, and the binary ones it skips, by name.
  struct Listing {
    var files: [String] = []
    var skipped: [String] = []
  }

  static func listing(of directory: String) throws(InputError) -> Listing {
    var relative = Listing()
    try collect(directory: directory, prefix: "", into: &relative)
    let base = directory.hasSuffix("/") ? directory : directory + "/"
    return Listing(
      files: LogFileOrder.sorted(relative.files).map { base + $0 },
      skipped: LogFileOrder.sorted(relative.skipped).map { base + $0 })
  }

  /// The files below `directory` that walog reads, in reading order.
  static func logFiles(in directory: String) throws(InputError) -> [String] {
    try listing(of: directory).files
  }

  /// The same file named twice (or found twice through a folder) is read once: reading it
  /// again would double every count.
  private static func unique(_ inputs: [InputSource]) -> [InputSource] {
    var seen: Set<String> = []
    return inputs.filter { input in
      guard case .file(let path) = input.location, let real = realpath(path, nil) else { return true }
      defer { free(real) }
      return seen.insert(String(cString: real)).inserted
    }
  }

  /// walog's own reports, saved next to the logs, start in one of these ways; reading them
  /// in a folder walk would count their evidence lines as events.
  static let reportHeads = ["walog ", "{\n  \"schema_version\"", "🛑 **walog", "🔴 **walog", "🟠 **walog", "🔵 **walog", "✅ **walog", "<!DOCTYPE html>"]

  private enum Content { case log, walogReport, binary }

  /// What a file of a folder holds, by its first bytes: a log (text, or a format walog reads),
  /// one of walog's reports, or binary data. A file that cannot be opened counts as a log:
  /// reading it then says why it cannot be read.
  private static func content(of path: String) -> Content {
    guard let file = fopen(path, "rb") else { return .log }
    defer { fclose(file) }
    var head = [UInt8](repeating: 0, count: BinarySniff.sampleSize)
    head.removeSubrange(fread(&head, 1, head.count, file)...)
    let text = String(decoding: head.prefix(32), as: UTF8.self)
    if reportHeads.contains(where: { text.hasPrefix($0) }) { return .walogReport }
    return head.withUnsafeBytes { bytes in
      StreamFormat.detect(bytes) != .plain || BinarySniff.look(bytes)?.binary != true ? .log : .binary
    }
  }

  private static func collect(directory: String, prefix: String, into listing: inout Listing)
    throws(InputError)
  {
    let full = prefix.isEmpty ? directory : directory + "/" + prefix
    guard let handle = opendir(full) else { throw InputError.fromErrno(errno, path: full) }
    defer { closedir(handle) }
    var names: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
      }
      if !name.hasPrefix(".") { names.append(name) }  // also skips "." and ".."
    }
    for name in names {
      let relativePath = prefix.isEmpty ? name : prefix + "/" + name
      var info = stat()
      // lstat first: symbolic links to folders are not followed (no loops), links to files are.
      guard lstat(full + "/" + name, &info) == 0 else { continue }
      if info.st_mode & S_IFMT == S_IFLNK {
        guard stat(full + "/" + name, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
          continue
        }
      }
      switch info.st_mode & S_IFMT {
      case S_IFDIR: try collect(directory: directory, prefix: relativePath, into: &listing)
      case S_IFREG:
        switch content(of: full + "/" + name) {
        case .log: listing.files.append(relativePath)
        case .binary: listing.skipped.append(relativePath)
        case .walogReport: break
        }
      default: break
      }
    }
  }
}
