import CWalogArchive

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Decompressed bytes through libarchive: either a whole stream (a compressed file, a pipe,
/// standard input) with every entry concatenated, or one entry of an archive on disk.
///
/// A truncated or corrupt stream is not an error: the source ends where the damage starts
/// and says so in `warnings`, because the lines before it are still worth analysing.
final class LibArchiveSource: ByteSource {
  private let archive: OpaquePointer
  private let path: String
  private let limits: InputLimits
  /// Feeds a stream to libarchive; `nil` when libarchive reads a file by name itself.
  private let feeder: CallbackFeeder?
  /// When set, only this entry (by position in the archive) is read.
  private let onlyEntry: Int?
  private var inEntry = false
  private var finished = false
  private var produced: Int64 = 0
  /// Files of a container read so far, and whether the last byte handed out was a newline
  /// (a file whose last line has none gets one, so it does not run into the next file).
  private var filesRead = 0
  private var endsWithNewline = true
  private(set) var ownWarnings: [String] = []

  /// Decompresses `upstream` (whose first bytes were already recognised as compressed).
  init(stream upstream: ByteSource, path: String, limits: InputLimits) throws(InputError) {
    self.path = path
    self.limits = limits
    self.onlyEntry = nil
    archive = Self.makeReader()
    let feeder = CallbackFeeder(upstream: upstream)
    self.feeder = feeder
    let status = archive_read_open(
      archive, Unmanaged.passUnretained(feeder).toOpaque(), nil, feederRead, nil)
    if status != ARCHIVE_OK { throw openError() }
  }

  /// Opens the archive at `path` and positions on entry number `entryIndex` (0-based,
  /// counting every entry), reading through the ones before it without keeping them.
  init(archiveAt path: String, entryIndex: Int, entryName: String, limits: InputLimits)
    throws(InputError)
  {
    self.path = path
    self.limits = limits
    self.onlyEntry = entryIndex
    self.feeder = nil
    archive = Self.makeReader()
    if archive_read_open_filename(archive, path, 1 << 16) != ARCHIVE_OK { throw openError() }
    var index = 0
    while true {
      var entry: OpaquePointer?
      let status = archive_read_next_header(archive, &entry)
      if status == ARCHIVE_EOF || status < ARCHIVE_WARN {
        throw InputError.readFailed(
          path: "\(path):\(entryName)", reason: "the archive no longer holds this entry")
      }
      if index == entryIndex {
        if let entry, archive_entry_is_encrypted(entry) != 0 {
          ownWarnings.append(Self.encryptedWarning(nil))
          finished = true
        }
        break
      }
      index += 1
    }
    inEntry = true
  }

  /// Names the entry when reading a whole archive (one entry's input is named after it).
  private static func encryptedWarning(_ name: String?) -> String {
    (name.map { "entry \($0)" } ?? "the entry") + " is encrypted: walog reads no passwords, so it was skipped"
  }

  deinit {
    archive_read_free(archive)
  }

  /// One reader recognises the compression filters and container formats walog reads;
  /// `raw` turns a merely compressed stream into one entry, `empty` accepts empty input.
  /// Only these four filters: with all of them, bidders such as uudecode's read hundreds of
  /// kilobytes ahead while opening, so a truncated xz, zstd or bzip2 file failed to open
  /// instead of giving the lines before the damage.
  static func makeReader() -> OpaquePointer {
    let archive = archive_read_new()!
    archive_read_support_filter_gzip(archive)
    archive_read_support_filter_xz(archive)
    archive_read_support_filter_zstd(archive)
    archive_read_support_filter_bzip2(archive)
    archive_read_support_format_zip(archive)
    archive_read_support_format_tar(archive)
    archive_read_support_format_raw(archive)
    archive_read_support_format_empty(archive)
    return archive
  }

  var warnings: [String] {
    var notes = (feeder?.upstream.warnings ?? []) + ownWarnings
    if filesRead > ArchiveIndex.mergedEntriesCap {
      notes.append(
        "its \(filesRead) files were read one after another in archive order, as one input "
          + "(archives of more than \(ArchiveIndex.mergedEntriesCap) files are not merged by time)")
    }
    return notes
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    while !finished {
      if !inEntry {
        if onlyEntry != nil || !advanceToNextRegularEntry() {
          finished = true
          break
        }
      }
      let count = archive_read_data(archive, base, buffer.count)
      if count > 0 {
        endsWithNewline = base.load(fromByteOffset: count - 1, as: UInt8.self) == 0x0A
        produced += Int64(count)
        try limits.check(produced: produced, consumed: compressedBytes, path: path)
        return count
      }
      if count == 0 {
        inEntry = false
        if onlyEntry == nil, !endsWithNewline, isContainer {
          endsWithNewline = true
          base.storeBytes(of: 0x0A, as: UInt8.self)
          return 1
        }
        continue
      }
      if let error = feeder?.error { throw error }  // the descriptor itself failed
      noteDamage()
      finished = true
    }
    return 0
  }

  /// Moves to the next regular file (skipping directories, links); false at the end.
  private func advanceToNextRegularEntry() -> Bool {
    while true {
      var entry: OpaquePointer?
      let status = archive_read_next_header(archive, &entry)
      if status == ARCHIVE_EOF { return false }
      if status < ARCHIVE_WARN {
        noteDamage()
        return false
      }
      guard let entry, archive_entry_filetype(entry) == regularFileType else { continue }
      let name = archive_entry_pathname(entry).map { String(cString: $0) } ?? ""
      if ArchiveIndex.isHiddenOrMetadata(name) { continue }
      if archive_entry_is_encrypted(entry) != 0 {
        ownWarnings.append(Self.encryptedWarning(name))
        continue
      }
      if isContainer { filesRead += 1 }
      inEntry = true
      return true
    }
  }

  /// Whether the stream is a zip or tar rather than one compressed file (`raw`).
  private var isContainer: Bool {
    let format = archive_format(archive)
    return format != ARCHIVE_FORMAT_RAW && format != ARCHIVE_FORMAT_EMPTY
  }

  /// Compressed bytes consumed so far, as libarchive counts them at its lowest level.
  private var compressedBytes: Int64 { archive_filter_bytes(archive, -1) }

  /// Records why the stream stopped early, with what is known about where.
  private func noteDamage() {
    let message = archive_error_string(archive).map { String(cString: $0) } ?? "unknown error"
    let filter =
      archive_filter_code(archive, 0) == ARCHIVE_FILTER_NONE
      ? (archive_format_name(archive).map { String(cString: $0) } ?? "archive")
      : String(cString: archive_filter_name(archive, 0))
    let lowered = message.lowercased()
    // libarchive has no error code for "ran out of input"; its messages say it, and for zip
    // entries zlib's Z_BUF_ERROR (-5), for xz liblzma's "no progress", mean the compressed
    // data stopped mid-stream.
    let truncated =
      lowered.contains("truncat") || lowered.contains("premature") || lowered.contains("eof")
      || lowered.contains("no progress is possible")  // liblzma's LZMA_BUF_ERROR
      || lowered.hasSuffix("(-5)")
    let kind = truncated ? "truncated" : "corrupt"
    ownWarnings.append(
      "\(kind) \(filter) stream: input ends after \(produced) decompressed bytes "
        + "(\(compressedBytes) compressed bytes read): \(message)")
  }

  private func openError() -> InputError {
    if let error = feeder?.error { return error }
    let message = archive_error_string(archive).map { String(cString: $0) } ?? "unknown error"
    return .readFailed(path: path, reason: message)
  }
}

/// `AE_IFREG`, which Swift does not import because of its cast.
let regularFileType: UInt32 = 0o100000

/// Hands libarchive the bytes of a `ByteSource` through its read callback; the already
/// peeked bytes come first because the upstream is a `PeekedByteSource`.
private final class CallbackFeeder {
  let upstream: ByteSource
  let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 16)
  var error: InputError?

  init(upstream: ByteSource) { self.upstream = upstream }
  deinit { buffer.deallocate() }
}

/// libarchive's read callback: a C function, so it finds its feeder through `client`.
private let feederRead:
  @convention(c) (
    OpaquePointer?, UnsafeMutableRawPointer?, UnsafeMutablePointer<UnsafeRawPointer?>?
  )
    -> la_ssize_t = { archive, client, bufferOut in
      let feeder = Unmanaged<CallbackFeeder>.fromOpaque(client!).takeUnretainedValue()
      do throws(InputError) {
        let count = try feeder.upstream.read(into: feeder.buffer)
        bufferOut?.pointee = UnsafeRawPointer(feeder.buffer.baseAddress)
        return la_ssize_t(count)
      } catch {
        feeder.error = error
        return -1
      }
    }
