#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One logical input: a file, standard input, or one entry of an archive on disk.
///
/// It is a description, cheap to copy and to send between tasks; `open()` makes the
/// stream. Opening decides by the first bytes what the data is (gzip, xz, zstd, bzip2,
/// UTF-16, plain), never by the name.
public struct InputSource: Sendable, Hashable {
  /// Where the bytes come from.
  public enum Location: Sendable, Hashable {
    case standardInput
    case file(path: String)
    /// Entry number `index` (counting every entry, from 0) of the zip or tar at `archive`,
    /// whose path inside the archive is `entry`.
    case archiveEntry(archive: String, index: Int, entry: String)
  }

  public let location: Location
  /// Bounds on decompression (compression bombs).
  public var limits: InputLimits

  public init(location: Location, limits: InputLimits = .default) {
    self.location = location
    self.limits = limits
  }

  /// Standard input (what `-` on the command line names).
  public static let standardInput = InputSource(location: .standardInput)

  /// The name shown to users: the path, `<stdin>`, or `archive.zip:entry.log`.
  public var name: String {
    switch location {
    case .standardInput: "<stdin>"
    case .file(let path): path
    case .archiveEntry(let archive, _, let entry): "\(archive):\(entry)"
    }
  }

  /// When the file (or the archive holding the entry) was last written, in seconds since
  /// 1970; nil for standard input. Dates the clock-only lines of a log that prints no date.
  public var modificationTime: Double? {
    let path: String
    switch location {
    case .standardInput: return nil
    case .file(let file): path = file
    case .archiveEntry(let archive, _, _): path = archive
    }
    // stat(2) rather than FileManager, whose attribute dictionary costs more than the rest of
    // a small input's set-up.
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    #if canImport(Darwin)
    let modified = info.st_mtimespec
    #else
    let modified = info.st_mtim
    #endif
    return Double(modified.tv_sec) + Double(modified.tv_nsec) / 1e9
  }

  /// Opens the input for reading, decompressed and converted to UTF-8 where needed.
  ///
  /// Damage found later (a truncated gzip member) does not throw: the stream ends early and
  /// the source's `warnings` say why.
  public func open() throws(InputError) -> ByteSource {
    let raw: ByteSource
    switch location {
    case .standardInput:
      raw = FileByteSource(fd: 0, path: name, closeOnDeinit: false)
    case .file(let path):
      raw = try FileByteSource(path: path)
    case .archiveEntry(let archive, let index, let entry):
      raw = try LibArchiveSource(
        archiveAt: archive, entryIndex: index, entryName: entry, limits: limits)
    }
    // Entries are decoded too: a bug-report zip often holds `gateway.log.gz`.
    return try InputDecoder.decode(raw, path: name, limits: limits)
  }
}
