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
