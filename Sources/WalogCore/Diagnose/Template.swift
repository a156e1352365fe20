/// Fills `{name}` placeholders in a diagnosis' title, root cause and actions; `{s:name}` is
/// `s` unless the value of `name` is 1 (`{n} close{s:n}`); `{?name}` prints nothing and
/// only makes the segment around it depend on `name`. A segment in
/// `[[ … ]]` is kept only when every placeholder in it has a value other than 0 (loop figures
/// exist only when the stream looped), so texts read well either way. A value the log leaves
/// unknown has words for a bare placeholder (`an unknown version`) but drops its segments.
enum Template {
  /// The names of the placeholders in `text`, in order.
  static func placeholders(in text: String) -> [String] {
    var names: [String] = []
    var current: String?
    for char in text {
      if char == "{" {
        current = ""
      } else if char == "}", let name = current {
        if name.hasPrefix("s:") {
          names.append(String(name.dropFirst(2)))
        } else if name.hasPrefix("?") {
          names.append(String(name.dropFirst()))
        } else if !name.isEmpty {
          names.append(name)
        }
        current = nil
      } else if current != nil {
        if char.isLetter || char.isNumber || char == "_" || (char == ":" && current == "s")
          || (char == "?" && current == "")
        {
          current!.append(char)
        } else {
          current = nil
        }
      }
    }
    return names
  }

  /// `text` with each known placeholder replaced and optional segments resolved; `unknown`
  /// gives the words for values the log leaves unknown, used outside segments only.
  static func render(_ text: String, _ values: [String: String], unknown: [String: String] = [:]) -> String {
    let bare = values.merging(unknown) { known, _ in known }
    var out = ""
    var rest = Substring(text)
    while let open = rest.firstByteRange(of: "[[") {
      out += fill(String(rest[..<open.lowerBound]), bare)
      guard let close = rest[open.upperBound...].firstByteRange(of: "]]") else {
        rest = rest[open.lowerBound...]
        break
      }
      let segment = String(rest[open.upperBound..<close.lowerBound])
      if placeholders(in: segment).allSatisfy({ values[$0] != nil && values[$0] != "0" }) {
        out += fill(segment, values)
      }
      rest = rest[close.upperBound...]
    }
    return out + fill(String(rest), bare)
  }

  /// Replaces known placeholders; unknown ones stay as written.
  private static func fill(_ text: String, _ values: [String: String]) -> String {
    var out = ""
    var pending: String?
    for char in text {
      if char == "{" {
        if let stray = pending { out += "{" + stray }
        pending = ""
      } else if char == "}", let name = pending {
        if name.hasPrefix("s:"), let value = values[String(name.dropFirst(2))] {
          out += value == "1" ? "" : "s"
        } else if name.hasPrefix("?"), values[String(name.dropFirst())] != nil {
          // A condition only: the segment it stands in was kept, so it holds.
        } else {
          out += values[name] ?? "{\(name)}"
        }
        pending = nil
      } else if pending != nil {
        pending!.append(char)
      } else {
        out.append(char)
      }
    }
    if let stray = pending { out += "{" + stray }
    return out
  }
}
