import CWalogSIMD

/// Counts `\n` bytes.
///
/// Line numbers need the newlines between prefilter candidates, which means every byte of
/// the input: a byte-at-a-time loop here cost as much as the prefilter itself (15 % of a run).
/// The count is C with the prefilter's CPU dispatch: AVX2 compares, movemasks and popcounts
/// (or SSE2): 17.6 M instructions on the 100 MiB benchmark log against 31 M for Swift's
/// `SIMD16` code with four accumulators (callgrind).
public enum NewlineCounter {
  /// Newlines in `count` bytes from `start`.
  public static func count(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int {
    walog_count_newlines(start, count)
  }

  /// As ``count(_:_:)`` with each code path this CPU runs, for tests.
  static func countWithEachEngine(_ start: UnsafePointer<UInt8>, _ count: Int) -> [Int] {
    TeddyLiterals.availableEngines.map { walog_count_newlines_with($0.c, start, count) }
  }

  /// Newlines in `range` of `buffer`.
  public static func count(in buffer: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int {
    guard !range.isEmpty, let base = buffer.baseAddress else { return 0 }
    return count((base + range.lowerBound).assumingMemoryBound(to: UInt8.self), range.count)
  }
}
