/// Makes an event pattern accept masked figures: users paste `Retry 1/12 in 2.XXs…` or
/// `(status 4XX)`, and a masked figure must read as unknown (``MaskedFigure``), never make a
/// line drop out. Every `\d` and `0-9` also accepts `X` (`\D` excludes it), in classes too.
enum MaskTolerance {
  static func rewrite(_ pattern: String) -> String {
    let p = Array(pattern.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    var inClass = false
    var classStart = 0
    while i < p.count {
      let c = p[i]
      if c == "\\", i + 1 < p.count {
        let next = p[i + 1]
        if next == "Q" {
          // \Q…\E is literal text.
          var j = i + 2
          while j < p.count, !(p[j] == "\\" && j + 1 < p.count && p[j + 1] == "E") { j += 1 }
          let end = min(j + 2, p.count)
          out.append(contentsOf: p[i..<end])
          i = end
          continue
        }
        if next == "d" {
          out.append(contentsOf: (inClass ? "\\dX" : "[\\dX]").unicodeScalars)
        } else if next == "D", !inClass {
          out.append(contentsOf: "[^\\dX]".unicodeScalars)
        } else {
          out.append(c)
          out.append(next)
        }
        i += 2
        continue
      }
      if inClass {
        if c == "[", i + 1 < p.count, p[i + 1] == ":" {
          // POSIX [:name:] inside a class.
          var j = i + 2
          while j + 1 < p.count, !(p[j] == ":" && p[j + 1] == "]") { j += 1 }
          let end = min(j + 2, p.count)
          out.append(contentsOf: p[i..<end])
          i = end
          continue
        }
        // A `]` right after `[` or `[^` is a literal.
        if c == "]", i > classStart { inClass = false }
        if c == "0", i + 2 < p.count, p[i + 1] == "-", p[i + 2] == "9" {
          out.append(contentsOf: "0-9X".unicodeScalars)
          i += 3
          continue
        }
      } else if c == "[" {
        inClass = true
        classStart = i + 1
        if classStart < p.count, p[classStart] == "^" { classStart += 1 }
        out.append(c)
        i += 1
        if classStart > i {
          out.append(p[i])
          i += 1
        }
        continue
      }
      out.append(c)
      i += 1
    }
    return String(out)
  }
}
