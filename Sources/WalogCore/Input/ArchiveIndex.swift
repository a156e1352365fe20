import CWalogArchive

/// Lists the regular files inside an archive on disk, without extracting anything.
enum ArchiveIndex {
  /// Archives with at most this many files give one input per file, merged by time like the
  /// files of a folder. Each such input reads the archive from its start up to its entry,
  /// so a larger archive is read once, as one input of its files one after another in
  /// archive order: time and memory then grow linearly with the number of files.
  static let mergedEntriesCap = 64

  /// One file inside an archive: its position among all entries and its path there.
  struct Entry: Equatable {
    let index: Int
    let name: String
  }

  /// The regular entries of the zip or tar (possibly compressed) at `path`, or nil when the
  /// file is a single compressed stream rather than a container, or cannot be listed (then
  /// it is read as one input, and opening it reports the damage).
  static func entries(ofArchiveAt path: String) -> [Entry]? {
    let archive = LibArchiveSource.makeReader()
    defer { archive_read_free(archive) }
    guard archive_read_open_filename(archive, path, 1 << 16) == ARCHIVE_OK else { return nil }
    var entries: [Entry] = []
    var index = 0
    while true {
      var entry: OpaquePointer?
      let status = archive_read_next_header(archive, &entry)
      if status == ARCHIVE_EOF { break }
      guard status >= ARCHIVE_WARN, let entry else {
        return entries.isEmpty ? nil : entries  // keep what was listed before the damage
      }
      let format = archive_format(archive)
      if format == ARCHIVE_FORMAT_RAW || format == ARCHIVE_FORMAT_EMPTY { return nil }
      if archive_entry_filetype(entry) == regularFileType, let name = entryName(entry),
        !isHiddenOrMetadata(name)
      {
        entries.append(Entry(index: index, name: name))
      }
      index += 1
    }
    // No entry at all: not a container worth naming (libarchive reads 512 zero bytes, as a
    // zero-filled compression bomb starts, as an empty tar). Read it as one input.
    return entries.isEmpty ? nil : entries
  }

  private static func entryName(_ entry: OpaquePointer) -> String? {
    if let utf8 = archive_entry_pathname_utf8(entry) { return String(cString: utf8) }
    return archive_entry_pathname(entry).map { String(cString: $0) }
  }

  /// Dot files and macOS zip resource forks (`__MACOSX/…`, `._name`) are not logs.
  static func isHiddenOrMetadata(_ name: String) -> Bool {
    // `..` is a path step, not a dot file: `../x.log` is read (and nothing is written).
    name.split(separator: "/").contains { ($0.hasPrefix(".") && $0 != "..") || $0 == "__MACOSX" }
  }
}
