/// Fills `{name}` placeholders in a diagnosis' title, root cause and actions.
enum Template {
  /// The names of the placeholders in `text`, in order.
  static func placeholders(in text: String) -> [String] {
    var names: [String] = []
    var current: String?
    for char in text {
      if char == "{" {
        current = ""
      } else if char == "}", let name = current {
        if !name.isEmpty { names.append(name) }
        current = nil
      } else if current != nil {
        if char.isLetter || char.isNumber || char == "_" {
          current!.append(char)
        } else {
          current = nil
        }
      }
    }
    return names
  }

  /// `text` with each known placeholder replaced; unknown ones stay as written.
  static func render(_ text: String, _ values: [String: String]) -> String {
    var out = ""
    var pending: String?
    for char in text {
      if char == "{" {
        if let stray = pending { out += "{" + stray }
        pending = ""
      } else if char == "}", let name = pending {
        out += values[name] ?? "{\(name)}"
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
