/// A finding's next steps in the rule file's words, each once and in the order a reader takes
/// them: what to do about how the stream ended (`policies.explain.ended_steps`), the check
/// every finding of the stream starts with (`first_step`), then the statuses' `action`s and
/// the kinds' `next_step`s, in the order they are added.
struct NextSteps {
  private(set) var list: [String] = []
  /// The commands (`…` spans) the ending's steps name: a kind's step that names one of them
  /// again is left out, since the ending's step already says when to run it.
  private let endingCommands: Set<Substring>

  init(_ steps: ExplainSteps, ending: ExplainPolicy.Ending?) {
    let ended = ending.flatMap { steps.ended[$0] } ?? []
    endingCommands = Set(ended.flatMap(Self.commands))
    append(ended)
    append(steps.first ?? [])
  }

  /// A status's action or a kind's next steps.
  mutating func add(_ steps: [String]) {
    append(steps.filter { Self.commands($0).allSatisfy { !endingCommands.contains($0) } })
  }

  /// Each step as a sentence of its own (the rule file may write it lowercase); a step
  /// already listed is not listed again.
  private mutating func append(_ steps: [String]) {
    for step in steps.map(FailureStory.capitalised) where !list.contains(step) { list.append(step) }
  }

  /// The commands a step names: its code spans (`openclaw gateway restart`).
  static func commands(_ step: String) -> [Substring] {
    step.split(separator: "`", omittingEmptySubsequences: false).enumerated().compactMap { index, part in
      index % 2 == 1 && !part.isEmpty ? part : nil
    }
  }
}
