import CWalogZlib

/// Decompresses gzip (every member of a multi-member file) with zlib's `inflate`, streamed
/// from its upstream source.
///
/// Plain gzip, the usual bug-report attachment, takes this path rather than libarchive's:
/// it is faster, and on a truncated file zlib hands out everything up to the damage, where
/// libarchive can refuse a short file at its first header. Damage ends the stream with a
/// warning; it is never an error.
final class GzipByteSource: ByteSource {
  private let upstream: ByteSource
  private let path: String
  private let limits: InputLimits
  private var stream = z_stream()
  private let input: UnsafeMutableRawBufferPointer
  private var upstreamDone = false
  private var finished = false
  /// Inside a member (after its header, before its trailer).
  private var midMember = false
  private var produced: Int64 = 0
  private var consumed: Int64 = 0
  private var ownWarnings: [String] = []

  static let inputSize = 1 << 18

  init(upstream: ByteSource, path: String, limits: InputLimits) throws(InputError) {
    self.upstream = upstream
    self.path = path
    self.limits = limits
    input = .allocate(byteCount: Self.inputSize, alignment: 16)
    guard cwalog_inflate_init_gzip(&stream) == Z_OK else {
      throw .readFailed(path: path, reason: "zlib could not start")
    }
  }

  deinit {
    inflateEnd(&stream)
    input.deallocate()
  }

  var warnings: [String] { upstream.warnings + ownWarnings }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    while !finished {
      if stream.avail_in == 0 {
        if upstreamDone {
          if midMember { damaged("truncated", "input ends inside a gzip member") }
          finished = true
          break
        }
        let count = try upstream.read(into: input)
        if count == 0 {
          upstreamDone = true
          continue
        }
        consumed += Int64(count)
        stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_in = uInt(count)
      }
      stream.next_out = base.assumingMemoryBound(to: Bytef.self)
      stream.avail_out = uInt(min(buffer.count, Int(UInt32.max)))
      let status = inflate(&stream, Z_NO_FLUSH)
      let written = buffer.count - Int(stream.avail_out)
      produced += Int64(written)
      midMember = status != Z_STREAM_END
      switch status {
      case Z_STREAM_END:
        // Another member may follow; anything that is not one ends the stream.
        inflateReset(&stream)
        if stream.avail_in > 0, stream.next_in[0] != 0x1F {
          damaged("corrupt", "data after the last gzip member is not gzip")
          finished = true
        }
      case Z_OK, Z_BUF_ERROR:
        break
      default:
        let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
        damaged("corrupt", message)
        finished = true
      }
      if written > 0 {
        try limits.check(produced: produced, consumed: consumed, path: path)
        return written
      }
    }
    return 0
  }

  private func damaged(_ kind: String, _ message: String) {
    ownWarnings.append(
      "\(kind) gzip stream: input ends after \(produced) decompressed bytes "
        + "(\(consumed - Int64(stream.avail_in)) compressed bytes read): \(message)")
  }
}
