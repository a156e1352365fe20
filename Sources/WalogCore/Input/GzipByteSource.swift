import CWalogISAL
import CWalogZlib

/// Decompresses gzip (every member of a multi-member file), streamed from its upstream
/// source, with ISA-L's inflate when the library is installed and zlib's otherwise
/// (``GzipInflater``).
///
/// Plain gzip, the usual bug-report attachment, takes this path rather than libarchive's:
/// it is faster, and on a truncated file it hands out everything up to the damage, where
/// libarchive can refuse a short file at its first header. Damage ends the stream with a
/// warning; it is never an error. Either inflater gives the same bytes and the same warnings
/// but for the wording of a corrupt block's.
final class GzipByteSource: ByteSource {
  private let upstream: ByteSource
  private let path: String
  private let limits: InputLimits
  private let inflater: GzipInflater
  private let input: UnsafeMutableRawBufferPointer
  /// The compressed bytes read but not yet inflated: `input[inputStart..<inputEnd]`.
  private var inputStart = 0
  private var inputEnd = 0
  private var upstreamDone = false
  private var finished = false
  /// Inside a member (after its header began, before its trailer).
  private var midMember = false
  /// Just after a member's end: the next bytes must open another member.
  private var atMemberEnd = false
  /// The last call filled the whole output: the inflater may hold more without new input.
  private var outputFull = false
  private var produced: Int64 = 0
  private var consumed: Int64 = 0
  private var ownWarnings: [String] = []

  static let inputSize = 1 << 18
  /// The least input an inflate call gets unless the stream has ended.
  static let minimumInput = 64

  /// The inflater this process uses: ISA-L's when it can be loaded (`WALOG_ISAL=off` says
  /// no, for tests and comparisons), else zlib's.
  static var preferredEngine: GzipEngine { walog_isal_available() != 0 ? .isal : .zlib }

  init(upstream: ByteSource, path: String, limits: InputLimits, engine: GzipEngine = preferredEngine)
    throws(InputError)
  {
    self.upstream = upstream
    self.path = path
    self.limits = limits
    switch engine {
    case .isal:
      guard let isal = ISALInflater() else { throw .readFailed(path: path, reason: "ISA-L could not start") }
      inflater = isal
    case .zlib:
      guard let zlib = ZlibInflater() else { throw .readFailed(path: path, reason: "zlib could not start") }
      inflater = zlib
    }
    input = .allocate(byteCount: Self.inputSize, alignment: 16)
  }

  deinit { input.deallocate() }

  var warnings: [String] { upstream.warnings + ownWarnings }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    guard buffer.baseAddress != nil, buffer.count > 0 else { return 0 }
    while !finished {
      // An inflater is never handed a few bytes while more may come: ISA-L misread streams
      // that came a few bytes at a time (a pipe's reads), handing back bytes from before.
      if inputEnd - inputStart < Self.minimumInput && !upstreamDone && !outputFull {
        let left = inputEnd - inputStart
        UnsafeMutableRawBufferPointer(rebasing: input[..<left])
          .copyMemory(from: UnsafeRawBufferPointer(rebasing: input[inputStart..<inputEnd]))
        let count = try upstream.read(into: UnsafeMutableRawBufferPointer(rebasing: input[left...]))
        if count == 0 { upstreamDone = true }
        consumed += Int64(count)
        (inputStart, inputEnd) = (0, left + count)
        continue
      }
      if inputStart == inputEnd && !outputFull {
        if midMember { damaged("truncated", "input ends inside a gzip member") }
        finished = true
        break
      }
      // Another member may follow a member's end; anything that is not one ends the stream.
      if atMemberEnd, inputStart < inputEnd {
        guard input[inputStart] == 0x1F else {
          damaged("corrupt", "data after the last gzip member is not gzip")
          finished = true
          break
        }
        atMemberEnd = false
        inflater.nextMember()
      }
      var pending = UnsafeRawBufferPointer(rebasing: input[inputStart..<inputEnd])
      var room = buffer
      let step = inflater.inflate(&pending, into: &room)
      inputStart = inputEnd - pending.count
      let written = buffer.count - room.count
      produced += Int64(written)
      outputFull = room.isEmpty
      switch step {
      case .progress:
        midMember = true
      case .memberEnd:
        midMember = false
        atMemberEnd = true
      case .damaged(let message):
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
        + "(\(consumed - Int64(inputEnd - inputStart)) compressed bytes read): \(message)")
  }
}

/// Which library inflates gzip.
public enum GzipEngine: String, Sendable, CaseIterable {
  /// Intel's ISA-L (`libisal.so.2`, loaded at run time): about three times zlib's speed.
  case isal = "ISA-L"
  case zlib

  /// The one this process uses.
  public static var inUse: GzipEngine { GzipByteSource.preferredEngine }
}

/// What one inflate call came to.
enum GzipStep: Equatable {
  /// Input taken or output written; the member goes on.
  case progress
  /// A member ended, its trailer checked.
  case memberEnd
  case damaged(String)
}

/// One inflate library behind ``GzipByteSource``: it moves `input` and `output` on by what
/// it used.
protocol GzipInflater: AnyObject {
  func inflate(_ input: inout UnsafeRawBufferPointer, into output: inout UnsafeMutableRawBufferPointer) -> GzipStep
  /// Starts the next member after ``GzipStep/memberEnd``.
  func nextMember()
}

private final class ZlibInflater: GzipInflater {
  private var stream = z_stream()

  init?() {
    guard cwalog_inflate_init_gzip(&stream) == Z_OK else { return nil }
  }

  deinit { inflateEnd(&stream) }

  func inflate(_ input: inout UnsafeRawBufferPointer, into output: inout UnsafeMutableRawBufferPointer) -> GzipStep {
    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
    stream.avail_in = uInt(input.count)
    stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
    stream.avail_out = uInt(min(output.count, Int(UInt32.max)))
    let status = CWalogZlib.inflate(&stream, Z_NO_FLUSH)
    input = UnsafeRawBufferPointer(rebasing: input[(input.count - Int(stream.avail_in))...])
    output = UnsafeMutableRawBufferPointer(rebasing: output[(output.count - Int(stream.avail_out))...])
    switch status {
    case Z_STREAM_END: return .memberEnd
    case Z_OK, Z_BUF_ERROR: return .progress
    default: return .damaged(stream.msg.map { String(cString: $0) } ?? "error \(status)")
    }
  }

  func nextMember() { inflateReset(&stream) }
}

private final class ISALInflater: GzipInflater {
  private let state: OpaquePointer

  init?() {
    guard let made = walog_isal_inflater_new() else { return nil }
    state = made
  }

  deinit { walog_isal_inflater_free(state) }

  func inflate(_ input: inout UnsafeRawBufferPointer, into output: inout UnsafeMutableRawBufferPointer) -> GzipStep {
    var next = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
    var left = input.count
    var out = output.baseAddress?.assumingMemoryBound(to: UInt8.self)
    var room = output.count
    let result = walog_isal_inflate(state, &next, &left, &out, &room)
    input = UnsafeRawBufferPointer(rebasing: input[(input.count - left)...])
    output = UnsafeMutableRawBufferPointer(rebasing: output[(output.count - room)...])
    switch result {
    case Int32(WALOG_ISAL_MEMBER_END): return .memberEnd
    case Int32(WALOG_ISAL_OK): return .progress
    default: return .damaged(String(cString: walog_isal_error(result)))
    }
  }

  func nextMember() { walog_isal_inflater_next_member(state) }
}
