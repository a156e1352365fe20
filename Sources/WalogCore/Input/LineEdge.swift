/// Where a block of lines may end, so that reading the input in blocks (and in chunks, on
/// several threads) reads the same as reading it whole: never where a construct that the
/// reader joins across lines may go on.
///
/// The constructs are bounded (a few dozen lines, a few dozen KiB), so whether an end splits
/// one is decided by the bytes just before it: a JSON record a paste wrapped over lines
/// (``WrappedRecord``), an object printed over lines (``InspectedObject``), a record copied
/// from the Control UI (``ControlUICopy``). A place that is no safe end moves the end earlier
/// (a block) or later (a chunk); an input in which no place is safe is read as one piece.
/// (A mark of more of the same after an event is read across any end: ``ReadingMode``.)
enum LineEdge {
  /// Bytes before an end that decide whether it is safe (the constructs' reach, and more).
  static let lookBehind = WrappedRecord.maxBytes + 4096

  /// Whether a block may end after `lines` (whole lines, ending in `\n`; `lines` begins at a
  /// line start and holds at least the ``lookBehind`` bytes before the end, or all of them).
  static func isSafe(after lines: UnsafeRawBufferPointer) -> Bool {
    openStart(in: lines) == nil
  }

  /// Where the earliest construct still open at the end of `lines` starts, or nil.
  static func openStart(in lines: UnsafeRawBufferPointer) -> Int? {
    earlier(earlier(WrappedRecord.openStart(in: lines), InspectedObject.openStart(in: lines)), ControlUICopy.openStart(in: lines))
  }

  private static func earlier(_ a: Int?, _ b: Int?) -> Int? {
    guard let a, let b else { return a ?? b }
    return min(a, b)
  }

  /// How many bytes at the end of `lines` (whole lines, beginning at a line start) to hold
  /// back so that the rest ends at a safe place; 0 when the end is one, or when none is found
  /// within reach (the block then ends where it does).
  static func heldBack(_ lines: UnsafeRawBufferPointer) -> Int {
    var end = lines.count
    while end > 0, let start = openStart(in: UnsafeRawBufferPointer(rebasing: lines[0..<end])) {
      guard lines.count - start <= lookBehind else { return 0 }
      end = start
    }
    return lines.count - end
  }
}
