/// One input's prefilter plan (``TeddyLiterals``), shared by the readers of its chunks
/// (``ParallelInputReader``): the first reader that needs a plan makes it from its block while
/// the others wait, and they take it, so that N threads plan once rather than N times (planning
/// was most of a worker's instructions on a 20 MiB log). Only the speed depends on the plan, and
/// a plan is only read once made, each reader scanning into a buffer of its own.
final class SharedPrefilterPlan: @unchecked Sendable {
  private let condition = ThreadCondition()
  private var engine: TeddyLiterals?
  private var sample = 0

  /// The plan, and its sample's size: the one made, unless a prefilter would plan again from
  /// `block` (``Prefilter/plansAgain(sample:block:)``), when `make` makes it from `block`.
  func plan(
    for block: UnsafeRawBufferPointer, make: (UnsafeRawBufferPointer) -> TeddyLiterals
  ) -> (TeddyLiterals, Int) {
    condition.withLock {
      if let engine, !Prefilter.plansAgain(sample: sample, block: block.count) { return (engine, sample) }
      let made = make(block)
      engine = made
      sample = block.count
      return (made, sample)
    }
  }
}
