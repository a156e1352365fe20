/// Tells binary data (an executable, an image, a journald journal file) from text by its first
/// bytes: the first 8,000 after any leading padding. The padding is NUL bytes and line ends: what
/// `logrotate`'s `copytruncate` leaves in front of the writer's next line when the writer does
/// not append.
///
/// Two degrees: more than one byte in ten a control byte that text does not hold (NUL, and C0
/// codes other than tab, line ends, form feed and escape) is binary whatever it holds, so
/// OpenClaw wordings among an executable's strings (walog embeds the rule samples) make no log;
/// a NUL byte alone (git's test) is binary only when nothing of OpenClaw's is found in it, since a
/// log may carry the odd NUL.
enum BinarySniff {
  struct Look: Equatable {
    /// Control bytes are more than one in ten: binary data whatever it holds.
    var binary: Bool
    /// A NUL byte among them: binary data unless it holds OpenClaw lines.
    var hasNUL: Bool
  }

  static let sampleSize = 8000

  /// What the first bytes after the padding say; nil when `bytes` are all padding (the next
  /// bytes decide).
  static func look(_ bytes: UnsafeRawBufferPointer) -> Look? {
    var start = 0
    while start < bytes.count, bytes[start] == 0 || bytes[start] == 0x0A || bytes[start] == 0x0D { start += 1 }
    guard start < bytes.count else { return nil }
    let end = min(bytes.count, start + sampleSize)
    var odd = 0
    var nul = false
    for index in start..<end where isOdd(bytes[index]) {
      odd += 1
      nul = nul || bytes[index] == 0
    }
    return Look(binary: odd * 10 > end - start, hasNUL: nul)
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
