/// Removal of terminal escape sequences (chalk colour, cursor movement) from log text.
enum ANSI {
  /// `buf` without escape sequences: CSI (`ESC [ params intermediates final`, e.g. `\e[31m`),
  /// OSC (`ESC ] … BEL` or `ESC ] … ESC \`) and two-byte `ESC x`. Returns `buf` itself when it
  /// holds no ESC byte; otherwise the cleaned copy lives in `arena`.
  static func strip(_ buf: UnsafeRawBufferPointer, arena: ScratchArena) -> UnsafeRawBufferPointer {
    guard Bytes.find(Bytes.esc, in: buf) != nil else { return buf }
    let out = arena.write(maxCount: buf.count) { dst in
      var n = 0
      var i = 0
      let count = buf.count
      while i < count {
        let b = buf[i]
        guard b == Bytes.esc else {
          dst[n] = b
          n += 1
          i += 1
          continue
        }
        i = skipSequence(buf, from: i)
      }
      return n
    }
    return out ?? buf
  }

  /// The position after the escape sequence starting at `i` (which holds ESC).
  private static func skipSequence(_ buf: UnsafeRawBufferPointer, from i: Int) -> Int {
    let count = buf.count
    var j = i + 1
    guard j < count else { return j }
    switch buf[j] {
    case Bytes.lbracket:  // CSI
      j += 1
      while j < count, buf[j] >= 0x20, buf[j] <= 0x3F { j += 1 }  // params + intermediates
      if j < count, buf[j] >= 0x40, buf[j] <= 0x7E { j += 1 }  // final byte
      return j
    case Bytes.rbracket:  // OSC, ends at BEL or ST (ESC \)
      j += 1
      while j < count {
        if buf[j] == 0x07 { return j + 1 }
        if buf[j] == Bytes.esc, j + 1 < count, buf[j + 1] == Bytes.backslash { return j + 2 }
        j += 1
      }
      return j
    default:
      return j + 1
    }
  }
}
