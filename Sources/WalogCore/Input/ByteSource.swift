/// A stream of bytes: a file, standard input, a decompressed stream or one archive entry.
///
/// Sources are read once, front to back, through `read(into:)`; they never hold more than
/// their own fixed buffers, so memory does not grow with the input.
public protocol ByteSource: AnyObject {
  /// Fills up to `buffer.count` bytes and returns how many were written; 0 means the end.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int
  /// Problems met while reading that did not stop it, e.g. a truncated gzip member
  /// ("truncated gzip stream after 1048576 bytes"); the input's name is added by the caller.
  var warnings: [String] { get }
}

/// A source that is followed as it grows (a file the gateway writes, `journalctl -f` on a
/// pipe): `read(into:)` returns 0 at once when no byte is there yet, and ``ended`` says whether
/// a 0 was the end. The line splitter then hands out the whole lines it has and waits.
public protocol FollowedByteSource: ByteSource {
  /// Whether the stream is over (end of a pipe, `--no-follow` at the end of the file).
  var ended: Bool { get }
  /// Whether no byte arrived for a short spell of wall-clock time (see ``SourceStatus``).
  var isQuiet: Bool { get }
}
