/// Turns raw bytes into the text stream the line reader wants: undoes compression and
/// converts UTF-16, choosing by the first bytes only.
enum InputDecoder {
  /// Wraps `source` according to its first bytes. Compressed streams are decompressed (all
  /// entries of a zip or tar piped in are concatenated), then checked for a byte order mark.
  static func decode(_ source: ByteSource, path: String, limits: InputLimits) throws(InputError)
    -> ByteSource
  {
    let head = try PeekedByteSource.peek(
      source, minimum: 6, wanted: StreamFormat.wantedPeekCount, keepGoing: StreamFormat.mightBeTar)
    let peeked = PeekedByteSource(head: head, upstream: source)
    let format = head.withUnsafeBytes { StreamFormat.detect($0) }
    switch format {
    case .compressed("gzip"):
      // A gzipped tar is a tar once inflated: libarchive reads its entries from there.
      // Inflating runs on a thread of its own, ahead of the analysis.
      let inflated = ReadAheadByteSource(
        upstream: try GzipByteSource(upstream: peeked, path: path, limits: limits))
      let inner = try PeekedByteSource.peek(
        inflated, minimum: 6, wanted: StreamFormat.wantedPeekCount, keepGoing: StreamFormat.mightBeTar)
      let tar = PeekedByteSource(head: inner, upstream: inflated)
      if case .archive = inner.withUnsafeBytes({ StreamFormat.detect($0) }) {
        return try decodeText(try LibArchiveSource(stream: tar, path: path, limits: .unlimited))
      }
      return try decodeText(tar)
    case .compressed, .archive:
      let decompressed = try LibArchiveSource(stream: peeked, path: path, limits: limits)
      return try decodeText(decompressed)
    default:
      return try decodeText(peeked, head: head, format: format)
    }
  }

  /// Handles a byte order mark at the start of an already decompressed stream.
  private static func decodeText(_ source: ByteSource) throws(InputError) -> ByteSource {
    let head = try PeekedByteSource.peek(source, minimum: 3, wanted: 3)
    let format = head.withUnsafeBytes { StreamFormat.detect($0) }
    return try decodeText(
      PeekedByteSource(head: head, upstream: source), head: head, format: format)
  }

  private static func decodeText(_ peeked: PeekedByteSource, head: [UInt8], format: StreamFormat)
    throws(InputError) -> ByteSource
  {
    switch format {
    case .utf16LittleEndian, .utf16BigEndian:
      try peeked.skip(2)
      return UTF16ByteSource(upstream: peeked, bigEndian: format == .utf16BigEndian)
    case .utf8WithBOM:
      try peeked.skip(3)
      return peeked
    default:
      return peeked
    }
  }
}
