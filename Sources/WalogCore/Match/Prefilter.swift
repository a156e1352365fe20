import CWalogSIMD

/// Finds, in one pass over a block of whole lines, every line that contains a literal of
/// some rule, and which rules those are, so that PCRE2 runs only on candidate lines and only
/// for the rules whose literal occurs.
///
/// The search is ``TeddyLiterals``: a Teddy-style nibble filter (CWalogSIMD, AVX2 or SSSE3
/// byte shuffles, or a scalar table loop) over a 3-byte fingerprint per literal, taken where
/// the literal is rarest in a sample of the input (its first block) rather than at its start,
/// with the literals spread over 8 buckets so that each bucket's nibble tables accept little
/// else; every hit is verified with `memcmp`, so candidates and rules are exact whatever the
/// plan. On the 100 MiB benchmark log (default rules, 72 literals) it fires at about 0.02% of
/// positions and runs at 8.4-9.4 GB/s in a C harness (SSSE3 5.8 GB/s, scalar 0.5 GB/s), where
/// Vectorscan over the same literals ran at 1.7-2.8 GB/s (its FDR engine beyond ~12
/// literals). In `walog analyze --stats`, plan included, `time prefilter` is 18 ms on the
/// 100 MiB log (Vectorscan over shared 12-byte anchors: 45 ms) and 138 ms on the 1 GiB log
/// (498 ms), min of 5 runs. Fingerprints at the literals' first bytes, or chosen by byte
/// frequencies alone, fired 10 times as often (common trigrams such as "ng " look rare byte
/// by byte), and 16 "fat" buckets halve the vector width for fewer hits: both were slower.
///
/// The fixed literal `"MESSAGE":[` (journald JSON whose MESSAGE is a byte array, which no
/// literal can be found in) makes its line a candidate for every rule.
public final class Prefilter {
  /// journald `-o json` writes a non-UTF-8 MESSAGE as an array of numbers.
  public static let byteArrayMessage = "\"MESSAGE\":["

  /// One candidate line of the last scanned block.
  public struct Candidate {
    /// Byte range of the line in the block, without its `\n`.
    public var range: Range<Int>
    /// Index of the first word of its rule bitset in ``Prefilter/ruleWords``.
    var wordOffset: Int
  }

  /// Number of rules the bitsets describe.
  public let ruleCount: Int
  /// 64-bit words per rule bitset.
  public let wordsPerLine: Int
  /// Lines that were candidates, over all scanned blocks.
  public private(set) var candidateLines = 0
  /// Bytes scanned, over all blocks.
  public private(set) var scannedBytes = 0
  /// The candidates of the last ``scan(_:)``, in line order.
  public private(set) var candidates: [Candidate] = []
  private var ruleWords: [UInt64] = []
  /// End of the last candidate line of the current scan (-1: none yet).
  private var currentLineEnd = -1
  /// The distinct literals (each at least 2 bytes, no newline).
  let literalBytes: [[UInt8]]
  /// Per literal: its rule bitset, `wordsPerLine` words from `literal * wordsPerLine`.
  private let literalMasks: [UInt64]
  /// The search, planned from the first block scanned (or ``prepare(sample:)``), or taken
  /// from `sharedPlan`.
  private(set) var engine: TeddyLiterals?
  /// A plan shared with the prefilters of other threads reading the same input; nil: none.
  var sharedPlan: SharedPrefilterPlan?
  /// Where this prefilter's scans gather occurrences (its own, whoever planned); made at the
  /// first scan.
  private var matches: UnsafeMutableBufferPointer<walog_teddy_match>?
  private let kernel: TeddyLiterals.Engine
  private let width: Int

  /// - Parameters:
  ///   - literals: per rule, its literals (any one of them may occur).
  ///   - kernel: which Teddy kernel runs (tests compare them; normally the fastest here).
  ///   - width: fingerprint bytes per literal.
  init(literals: [[String]], kernel: TeddyLiterals.Engine, width: Int = TeddyLiterals.defaultWidth) {
    ruleCount = literals.count
    let words = max(1, (literals.count + 63) / 64)
    wordsPerLine = words
    self.kernel = kernel
    self.width = width
    // Distinct literals, each with the bitset of the rules that use it.
    var index: [String: Int] = [:]
    var masks: [UInt64] = []
    var all: [[UInt8]] = []
    func add(_ literal: String, rule: Int?) {
      let slot: Int
      if let existing = index[literal] {
        slot = existing
      } else {
        slot = all.count
        index[literal] = slot
        all.append(Array(literal.utf8))
        masks += repeatElement(0, count: words)
      }
      if let rule {
        masks[slot * words + rule / 64] |= 1 << UInt64(rule % 64)
      } else {
        for rule in 0..<literals.count { masks[slot * words + rule / 64] |= 1 << UInt64(rule % 64) }
      }
    }
    for (rule, ruleLiterals) in literals.enumerated() {
      for literal in ruleLiterals where literal.utf8.count >= 2 && !literal.utf8.contains(0x0A) {
        add(literal, rule: rule)
      }
    }
    add(Prefilter.byteArrayMessage, rule: nil)
    literalBytes = all
    literalMasks = masks
  }

  /// - Parameter literals: per rule, its literals (any one of them may occur).
  public convenience init(literals: [[String]]) {
    self.init(literals: literals, kernel: .best)
  }

  deinit { matches?.deallocate() }

  /// Plans the search from `sample`, text like what will be scanned (by default the first
  /// block scanned is the sample). Only the speed depends on it.
  public func prepare(sample: UnsafeRawBufferPointer?) {
    engine = TeddyLiterals(literalBytes, sample: sample, width: width, engine: kernel)
    plannedSample = sample?.count ?? 0
  }

  /// Whether a plan made from `sample` bytes is made again from a block of `block` bytes.
  static func plansAgain(sample: Int, block: Int) -> Bool {
    sample < TeddyPlanner.sampleLimit && block >= max(replanBlock, 8 * sample)
  }

  /// Bytes of sample behind the current plan.
  private var plannedSample = 0
  /// A plan from a small sample (an input's first block can be a few hundred bytes) is
  /// made again from the first block at least this big and 8 times the sample.
  static let replanBlock = 64 << 10

  /// The rules whose literals occur in a candidate line, as a sequence of rule indexes in
  /// ascending order. Valid until the next ``scan(_:)``.
  public func rules(of candidate: Candidate) -> RuleMask {
    ruleWords.withUnsafeBufferPointer {
      RuleMask(words: Array($0[candidate.wordOffset..<candidate.wordOffset + wordsPerLine]))
    }
  }

  /// Calls `body` with the rule bitset of a candidate without copying it.
  public func withRules<R>(of candidate: Candidate, _ body: (RuleMask.View) -> R) -> R {
    ruleWords.withUnsafeBufferPointer {
      body(RuleMask.View(words: UnsafeBufferPointer(rebasing: $0[candidate.wordOffset..<candidate.wordOffset + wordsPerLine])))
    }
  }

  /// Scans a block of whole lines (each ending in `\n`; a last line without one is allowed)
  /// and fills ``candidates``.
  @discardableResult
  public func scan(_ block: UnsafeRawBufferPointer) -> [Candidate] {
    candidates.removeAll(keepingCapacity: true)
    ruleWords.removeAll(keepingCapacity: true)
    currentLineEnd = -1
    scannedBytes += block.count
    let count = block.count
    guard count >= 2, let base = block.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
      return candidates
    }
    if engine == nil || Self.plansAgain(sample: plannedSample, block: count) {
      if let sharedPlan {
        (engine, plannedSample) = sharedPlan.plan(for: block) {
          TeddyLiterals(literalBytes, sample: $0, width: width, engine: kernel)
        }
      } else {
        prepare(sample: block)
      }
    }
    // Occurrences arrive in line order; a literal never holds a newline, so its first byte
    // lies in its line.
    let buffer = matches ?? TeddyLiterals.makeMatches(literalCount: literalBytes.count)
    matches = buffer
    engine!.scan(block, into: buffer) { literal, start in note(literal, at: start, in: base, count: count) }
    return candidates
  }

  /// Records that literal `slot` occurs at byte `position`: its line becomes a candidate
  /// (once) and gains the literal's rules.
  @inline(__always)
  private func note(_ slot: Int, at position: Int, in base: UnsafePointer<UInt8>, count: Int) {
    let words = wordsPerLine
    if position >= currentLineEnd {
      let lineStart = Self.lineStart(before: position, in: base, notBefore: max(0, currentLineEnd + 1))
      currentLineEnd = Self.lineEnd(from: position, in: base, count: count)
      candidates.append(Candidate(range: lineStart..<currentLineEnd, wordOffset: ruleWords.count))
      ruleWords.append(contentsOf: repeatElement(0, count: words))
      candidateLines += 1
    }
    let offset = ruleWords.count - words
    for word in 0..<words {
      ruleWords[offset + word] |= literalMasks[slot * words + word]
    }
  }

  private static func lineStart(before position: Int, in base: UnsafePointer<UInt8>, notBefore floor: Int) -> Int {
    var cursor = position
    while cursor > floor, base[cursor - 1] != 0x0A { cursor -= 1 }
    return cursor
  }

  private static func lineEnd(from position: Int, in base: UnsafePointer<UInt8>, count: Int) -> Int {
    guard let found = memchr(base + position, 0x0A, count - position) else { return count }
    return UnsafeRawPointer(found) - UnsafeRawPointer(base)
  }
}

/// A set of rule indexes, iterated in ascending (file) order.
public struct RuleMask: Sequence, Sendable, Equatable {
  public var words: [UInt64]

  public init(words: [UInt64]) { self.words = words }

  /// A mask holding the given rule indexes.
  public init(rules: some Sequence<Int>, ruleCount: Int) {
    words = [UInt64](repeating: 0, count: Swift.max(1, (ruleCount + 63) / 64))
    for rule in rules { words[rule / 64] |= 1 << UInt64(rule % 64) }
  }

  public func contains(_ rule: Int) -> Bool {
    rule / 64 < words.count && words[rule / 64] & (1 << UInt64(rule % 64)) != 0
  }

  public func makeIterator() -> BitIterator<[UInt64]> { BitIterator(words: words) }

  /// A non-owning view of a bitset inside the prefilter's buffer.
  public struct View: Sequence {
    public let words: UnsafeBufferPointer<UInt64>
    public func makeIterator() -> BitIterator<UnsafeBufferPointer<UInt64>> { BitIterator(words: words) }
    public func contains(_ rule: Int) -> Bool {
      rule / 64 < words.count && words[rule / 64] & (1 << UInt64(rule % 64)) != 0
    }
  }
}

/// Iterates the set bits of a word collection, lowest first.
public struct BitIterator<Words: RandomAccessCollection>: IteratorProtocol
where Words.Element == UInt64, Words.Index == Int {
  let words: Words
  var wordIndex: Int
  var current: UInt64

  init(words: Words) {
    self.words = words
    wordIndex = words.startIndex
    current = words.isEmpty ? 0 : words[words.startIndex]
  }

  public mutating func next() -> Int? {
    while current == 0 {
      wordIndex += 1
      guard wordIndex < words.endIndex else { return nil }
      current = words[wordIndex]
    }
    let bit = current.trailingZeroBitCount
    current &= current - 1
    return (wordIndex - words.startIndex) * 64 + bit
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
