extension Substring {
  /// The first place `needle` occurs, compared byte for byte as Foundation's search did; the
  /// standard library's `firstRange(of:)` walks Characters and costs several times more for
  /// the templates rendered per finding.
  func firstByteRange(of needle: String) -> Range<String.Index>? {
    let pattern = Array(needle.utf8)
    guard let first = pattern.first else { return nil }
    let bytes = utf8
    var from = bytes.startIndex
    while let start = bytes[from...].firstIndex(of: first) {
      if bytes[start...].starts(with: pattern) { return start..<bytes.index(start, offsetBy: pattern.count) }
      from = bytes.index(after: start)
    }
    return nil
  }
}
