/// Words for a diagnosis id that the rules lack: the ids that share the most words with it,
/// or all of them.
enum DiagnosisNames {
  static func suggestion(_ id: String, _ ids: [String]) -> String {
    let words = Set(id.split(separator: "-"))
    let shared = ids.map { words.intersection($0.split(separator: "-")).count }
    let best = shared.max() ?? 0
    let near = zip(ids, shared).filter { $0.1 == best && best > 0 }.map(\.0)
    return (near.isEmpty ? "its diagnoses: " + ids.joined(separator: ", ") : "did you mean: " + near.joined(separator: ", "))
      + " (`walog rules show` lists them)"
  }
}
