/// Tells binary data (an executable, an image, a journald journal file) from text by its first
/// bytes: of the first 8,000 after any leading padding, more than one in 20 is a control byte
/// that text does not hold (NUL, and C0 codes other than tab, line ends, form feed and escape).
///
/// The padding is NUL bytes and line ends: what `logrotate`'s `copytruncate` leaves in front of
/// the writer's next line when the writer does not append. A log may carry the odd NUL; an
/// executable has thousands in its first kilobytes, so OpenClaw wordings among its strings (walog
/// embeds the rule samples) do not make it a log.
enum BinarySniff {
  enum Verdict: Equatable {
    case text
    case binary
    /// Only padding so far: the next bytes decide.
    case undecided
  }

  static let sampleSize = 8000

  static func verdict(_ bytes: UnsafeRawBufferPointer) -> Verdict {
    var start = 0
    while start < bytes.count, bytes[start] == 0 || bytes[start] == 0x0A || bytes[start] == 0x0D { start += 1 }
    guard start < bytes.count else { return .undecided }
    let end = min(bytes.count, start + sampleSize)
    var odd = 0
    for index in start..<end where isOdd(bytes[index]) { odd += 1 }
    return odd * 20 > end - start ? .binary : .text
  }

  /// A control byte that text does not hold.
  private static func isOdd(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B: false
    case 0x00..<0x20, 0x7F: true
    default: false
    }
  }
}
