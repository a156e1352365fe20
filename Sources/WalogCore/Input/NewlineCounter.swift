/// Counts `\n` bytes with 16-byte vector compares.
///
/// Line numbers need the newlines between prefilter candidates, which means every byte of
/// the input: a byte-at-a-time loop here cost as much as the prefilter itself (15 % of a run).
/// Compares yield 0/1 per lane, summed in byte lanes for up to 255 vectors before they are
/// widened, so the inner loop is a load, a compare, a mask and an add.
public enum NewlineCounter {
  /// Newlines in `count` bytes from `start`.
  public static func count(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int {
    typealias Vector = SIMD16<UInt8>
    let newline = Vector(repeating: 0x0A)
    let one = Vector(repeating: 1)
    let zero = Vector(repeating: 0)
    var total = 0
    var offset = 0
    let raw = UnsafeRawPointer(start)
    while count - offset >= Vector.scalarCount {
      // At most 255 vectors per round so that a byte lane cannot overflow.
      let rounds = min((count - offset) / Vector.scalarCount, 255)
      var lanes = zero
      for _ in 0..<rounds {
        let bytes = raw.loadUnaligned(fromByteOffset: offset, as: Vector.self)
        lanes &+= zero.replacing(with: one, where: bytes .== newline)
        offset += Vector.scalarCount
      }
      total += Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
    }
    while offset < count {
      if start[offset] == 0x0A { total += 1 }
      offset += 1
    }
    return total
  }

  /// Newlines in `range` of `buffer`.
  public static func count(in buffer: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int {
    guard !range.isEmpty, let base = buffer.baseAddress else { return 0 }
    return count((base + range.lowerBound).assumingMemoryBound(to: UInt8.self), range.count)
  }
}
