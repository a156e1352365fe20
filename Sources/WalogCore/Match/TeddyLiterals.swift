#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import CWalogSIMD

/// A set of literals searched with the Teddy-style nibble filter of CWalogSIMD, whose
/// tables are planned here from a sample of the text.
///
/// Each literal gets a fingerprint: `width` consecutive bytes of it, at the offset where they
/// are rarest in the sample (not necessarily its first bytes). The literals are spread over 8
/// buckets; per fingerprint position a byte passes for a bucket when both its nibbles occur
/// at that position in one of the bucket's fingerprints, so the set a bucket accepts is the
/// product of its nibble sets, a superset of its fingerprints. The planner chooses offsets
/// and buckets to make that product rare in the sample: its estimate of how often a bucket
/// fires is the sample's count of `width`-grams inside the product (smoothed towards a
/// byte-frequency estimate, which is all there is when the sample is small or empty).
/// Every position that passes is verified with `memcmp` against the bucket's literals, so
/// the plan decides only the speed, never the result.
final class TeddyLiterals {
  /// Which kernel to run: the fastest this CPU has, or a given one (tests compare them).
  enum Engine: Sendable, CaseIterable {
    case best, avx2, ssse3, neon, scalar

    var c: walog_teddy_engine {
      switch self {
      case .best: walog_teddy_best_engine()
      case .avx2: WALOG_TEDDY_AVX2
      case .ssse3: WALOG_TEDDY_SSSE3
      case .neon: WALOG_TEDDY_NEON
      case .scalar: WALOG_TEDDY_SCALAR
      }
    }
  }

  /// The kernels this CPU runs, slowest first.
  static var availableEngines: [Engine] {
    [.scalar, .ssse3, .neon, .avx2].filter { walog_teddy_engine_available($0.c) != 0 }
  }

  static let defaultWidth = 3
  static let bucketCount = Int(WALOG_TEDDY_BUCKETS)

  let literals: [[UInt8]]
  let width: Int
  private let engine: walog_teddy_engine
  /// The kernel's tables: written in `init`, read only after, so that the readers of one
  /// input's chunks share them (``SharedPrefilterPlan``), each scanning into its own buffer.
  private let plan: UnsafeMutablePointer<walog_teddy_plan>
  /// Where `plan` points: allocated once, freed in deinit.
  private let bucketStart: UnsafeMutableBufferPointer<UInt32>
  private let bucketLiterals: UnsafeMutableBufferPointer<UInt32>
  private let bytes: UnsafeMutableBufferPointer<UInt8>
  private let literalStart: UnsafeMutableBufferPointer<UInt32>
  private let literalOffset: UnsafeMutableBufferPointer<UInt32>
  private let matches: UnsafeMutableBufferPointer<walog_teddy_match>
  /// Per literal, its bucket and fingerprint offset (for tests and diagnostics).
  let assignment: [(bucket: Int, offset: Int)]

  /// - Parameters:
  ///   - literals: at least one, each at least 2 bytes.
  ///   - sample: text like the text to be searched (nil: a static byte-frequency guess).
  init(_ literals: [[UInt8]], sample: UnsafeRawBufferPointer?, width: Int = TeddyLiterals.defaultWidth, engine: Engine = .best) {
    precondition(!literals.isEmpty && (1...Int(WALOG_TEDDY_MAX_WIDTH)).contains(width))
    self.literals = literals
    self.width = width
    self.engine = engine.c
    plan = .allocate(capacity: 1)
    plan.initialize(to: walog_teddy_plan())
    var planner = TeddyPlanner(literals: literals, width: width, sample: sample)
    let assignment = planner.assign()
    self.assignment = assignment

    bucketStart = .allocate(capacity: Self.bucketCount * 257)
    bucketLiterals = .allocate(capacity: literals.count)
    literalStart = .allocate(capacity: literals.count + 1)
    literalOffset = .allocate(capacity: literals.count)
    bytes = .allocate(capacity: max(1, literals.reduce(0) { $0 + $1.count }))
    matches = Self.makeMatches(literalCount: literals.count)

    var position = 0
    for (index, literal) in literals.enumerated() {
      literalStart[index] = UInt32(position)
      literalOffset[index] = UInt32(assignment[index].offset)
      for byte in literal {
        bytes[position] = byte
        position += 1
      }
    }
    literalStart[literals.count] = UInt32(position)
    // Per bucket and first fingerprint byte, its literals (the kernel checks a position that
    // fires against those its byte can start only): `bucketStart[bucket * 257 + byte]`.
    let firstByte = literals.indices.map { Int(literals[$0][assignment[$0].offset]) }
    let ordered = literals.indices.sorted {
      (assignment[$0].bucket, firstByte[$0], $0) < (assignment[$1].bucket, firstByte[$1], $1)
    }
    for (entry, index) in ordered.enumerated() { bucketLiterals[entry] = UInt32(index) }
    var entry = 0
    for bucket in 0..<Self.bucketCount {
      for byte in 0...256 {
        while entry < ordered.count,
          (assignment[ordered[entry]].bucket, firstByte[ordered[entry]]) < (bucket, byte)
        {
          entry += 1
        }
        bucketStart[bucket * 257 + byte] = UInt32(entry)
      }
    }

    var lo = [[UInt8]](repeating: [UInt8](repeating: 0, count: 16), count: Int(WALOG_TEDDY_MAX_WIDTH))
    var hi = lo
    for (index, literal) in literals.enumerated() {
      let bit = UInt8(1) << UInt8(assignment[index].bucket)
      for k in 0..<width {
        let at = assignment[index].offset + k
        if at < literal.count {
          lo[k][Int(literal[at] & 15)] |= bit
          hi[k][Int(literal[at] >> 4)] |= bit
        } else {
          // Past the end of a literal shorter than the width: any byte.
          for nibble in 0..<16 {
            lo[k][nibble] |= bit
            hi[k][nibble] |= bit
          }
        }
      }
    }
    plan.pointee.width = UInt32(width)
    plan.pointee.literal_count = UInt32(literals.count)
    withUnsafeMutableBytes(of: &plan.pointee.lo) { table in
      for k in 0..<Int(WALOG_TEDDY_MAX_WIDTH) { for n in 0..<16 { table[k * 16 + n] = lo[k][n] } }
    }
    withUnsafeMutableBytes(of: &plan.pointee.hi) { table in
      for k in 0..<Int(WALOG_TEDDY_MAX_WIDTH) { for n in 0..<16 { table[k * 16 + n] = hi[k][n] } }
    }
    plan.pointee.bucket_start = UnsafePointer(bucketStart.baseAddress)
    plan.pointee.bucket_literals = UnsafePointer(bucketLiterals.baseAddress)
    plan.pointee.bytes = UnsafePointer(bytes.baseAddress)
    plan.pointee.literal_start = UnsafePointer(literalStart.baseAddress)
    plan.pointee.literal_offset = UnsafePointer(literalOffset.baseAddress)
  }

  /// A buffer for the occurrences one ``scan(_:into:_:)`` call finds, for `literalCount` literals.
  static func makeMatches(literalCount: Int) -> UnsafeMutableBufferPointer<walog_teddy_match> {
    .allocate(capacity: max(1 << 14, Int(WALOG_TEDDY_RESERVE) * literalCount * 2))
  }

  deinit {
    bucketStart.deallocate()
    bucketLiterals.deallocate()
    bytes.deallocate()
    literalStart.deallocate()
    literalOffset.deallocate()
    matches.deallocate()
    plan.deallocate()
  }

  /// Calls `body` with every occurrence of every literal in `block` (literal index, offset of
  /// its first byte), in ascending order of its fingerprint's position: an occurrence never
  /// comes before one in an earlier line.
  @inline(__always)
  func scan(_ block: UnsafeRawBufferPointer, _ body: (_ literal: Int, _ start: Int) -> Void) {
    scan(block, into: matches, body)
  }

  /// The same, with the occurrences gathered in `matches` (``makeMatches(literalCount:)``), a
  /// buffer of the calling thread's: a plan shared between threads.
  @inline(__always)
  func scan(
    _ block: UnsafeRawBufferPointer, into matches: UnsafeMutableBufferPointer<walog_teddy_match>,
    _ body: (_ literal: Int, _ start: Int) -> Void
  ) {
    guard let base = block.baseAddress?.assumingMemoryBound(to: UInt8.self), !block.isEmpty else { return }
    var cursor = 0
    while cursor < block.count {
      let found = walog_teddy_scan(plan, engine, base, block.count, &cursor, matches.baseAddress, matches.count)
      for index in 0..<found {
        let match = matches[index]
        body(Int(match.literal), Int(match.start))
      }
    }
  }
}

/// Chooses each literal's fingerprint offset and bucket (see ``TeddyLiterals``).
struct TeddyPlanner {
  let literals: [[UInt8]]
  let width: Int
  /// Smoothed byte probabilities.
  private var byteShare = [Double](repeating: 0, count: 256)
  /// `nibbleShare[(high * 2 + half) * 256 + lows]`: the probability of the bytes with that
  /// high nibble and a low nibble in `lows` (bits 0-7 when half is 0, 8-15 when 1).
  private var nibbleShare = [Double](repeating: 0, count: 16 * 2 * 256)
  /// Distinct `width`-grams of the sample (first byte most significant) with their counts,
  /// sorted by their first two bytes; `prefixStart[p] ..< prefixStart[p + 1]` holds those
  /// beginning with the two bytes `p`.
  private var gramKeys: [UInt32] = []
  private var gramCounts: [Double] = []
  private var prefixStart: [Int32] = []
  /// `followers[first * 4 + word]`: bit `second % 64` of word `second / 64` is set when some
  /// gram begins with `first`, `second`.
  private var followers: [UInt64] = []
  /// Number of grams in the sample.
  private var sampleGrams = 0.0

  /// How many of the first sample bytes are counted.
  static let sampleLimit = 128 << 10
  /// The smallest sample whose grams are counted.
  static let gramSampleMinimum = 4096
  /// Weight of the static estimate, in grams, against the sample's counts.
  static let priorWeight = 256.0
  /// Extra cost of a bucket per literal in it: each time it fires, all are compared.
  static let memberCost = 0.3
  /// Fingerprint offsets considered per literal: its rarest windows.
  static let candidateOffsets = 8
  /// The same without a gram count (a sample of a few lines, planned again from the next
  /// big block): a guess from byte frequencies is not worth trying many offsets for.
  static let guessedCandidateOffsets = 2

  init(literals: [[UInt8]], width: Int, sample: UnsafeRawBufferPointer?) {
    self.literals = literals
    self.width = width
    let prior = Self.staticByteShare()
    var counts = [Double](repeating: 0, count: 256)
    let sampleBytes: UnsafeRawBufferPointer
    if let sample, sample.count > 0 {
      sampleBytes = UnsafeRawBufferPointer(rebasing: sample.prefix(Self.sampleLimit))
    } else {
      sampleBytes = UnsafeRawBufferPointer(start: nil, count: 0)
    }
    for byte in sampleBytes { counts[Int(byte)] += 1 }
    let total = Double(sampleBytes.count)
    let weight = 4096.0
    for byte in 0..<256 { byteShare[byte] = (counts[byte] + weight * prior[byte]) / (total + weight) }
    for high in 0..<16 {
      for half in 0..<2 {
        for lows in 0..<256 {
          var share = 0.0
          for bit in 0..<8 where lows >> bit & 1 != 0 { share += byteShare[high << 4 | (half * 8 + bit)] }
          nibbleShare[(high * 2 + half) * 256 + lows] = share
        }
      }
    }
    // Below a few KiB the counts say little: the byte estimate alone then.
    if width >= 2, sampleBytes.count >= Self.gramSampleMinimum { countGrams(sampleBytes) }
  }

  /// A guess at byte frequencies in log text when there is no sample: lowercase letters,
  /// digits and space common, punctuation of log lines less so, uppercase letters rarer,
  /// control and non-ASCII bytes rare.
  static func staticByteShare() -> [Double] {
    var share = [Double](repeating: 0, count: 256)
    for byte in 0..<256 {
      let weight: Double
      switch UInt8(byte) {
      case UInt8(ascii: "a")...UInt8(ascii: "z"): weight = 3
      case UInt8(ascii: "0")...UInt8(ascii: "9"): weight = 2.5
      case UInt8(ascii: " "): weight = 12
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): weight = 0.6
      case UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "="),
        UInt8(ascii: "_"), UInt8(ascii: ","), UInt8(ascii: "\""):
        weight = 1.5
      case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
        UInt8(ascii: "}"), UInt8(ascii: "+"), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"),
        UInt8(ascii: ";"):
        weight = 0.4
      case 0x0A, 0x09: weight = 0.8
      case 0x80...: weight = 0.05
      case ..<0x20: weight = 0.005
      default: weight = 0.1
      }
      share[byte] = weight
    }
    for byte in "etaoinsrlcdu".utf8 { share[Int(byte)] += 2 }
    let sum = share.reduce(0, +)
    return share.map { $0 / sum }
  }

  private mutating func countGrams(_ sample: UnsafeRawBufferPointer) {
    let positions = sample.count - width + 1
    var capacity = 1024
    while capacity < 2 * positions { capacity <<= 1 }
    var keys = [UInt32](repeating: 0, count: capacity)
    var counts = [UInt32](repeating: 0, count: capacity)
    let mask = capacity - 1
    var distinct = 0
    let shift = UInt32(32 - capacity.trailingZeroBitCount)
    keys.withUnsafeMutableBufferPointer { keys in
      counts.withUnsafeMutableBufferPointer { counts in
        var key: UInt32 = 0
        for index in 0..<(width - 1) { key = key << 8 | UInt32(sample[index]) }
        let keep: UInt32 = width == 4 ? ~0 : (1 << UInt32(8 * width)) - 1
        for index in 0..<positions {
          key = (key << 8 | UInt32(sample[index + width - 1])) & keep
          var slot = Int((key &* 2_654_435_761) >> shift)
          while counts[slot] != 0, keys[slot] != key { slot = (slot + 1) & mask }
          if counts[slot] == 0 {
            keys[slot] = key
            distinct += 1
          }
          counts[slot] += 1
        }
      }
    }
    // Counting sort by the first two bytes.
    var start = [Int32](repeating: 0, count: 65537)
    let prefixShift = UInt32(8 * (width - 2))
    for slot in 0..<capacity where counts[slot] != 0 { start[Int(keys[slot] >> prefixShift) + 1] += 1 }
    for prefix in 0..<65536 { start[prefix + 1] += start[prefix] }
    var fill = start
    gramKeys = [UInt32](repeating: 0, count: distinct)
    gramCounts = [Double](repeating: 0, count: distinct)
    for slot in 0..<capacity where counts[slot] != 0 {
      let prefix = Int(keys[slot] >> prefixShift)
      gramKeys[Int(fill[prefix])] = keys[slot]
      gramCounts[Int(fill[prefix])] = Double(counts[slot])
      fill[prefix] += 1
    }
    prefixStart = start
    sampleGrams = Double(positions)
    followers = [UInt64](repeating: 0, count: 256 * 4)
    for prefix in 0..<65536 where start[prefix + 1] > start[prefix] {
      followers[(prefix >> 8) * 4 + (prefix & 255) / 64] |= 1 << UInt64(prefix & 63)
    }
  }

  /// The nibble sets of a bucket, per fingerprint position.
  struct Bucket {
    var lo = SIMD4<UInt16>(repeating: 0)
    var hi = SIMD4<UInt16>(repeating: 0)
    var members = 0

    mutating func add(_ literal: [UInt8], offset: Int, width: Int) {
      for k in 0..<width {
        if offset + k < literal.count {
          let byte = literal[offset + k]
          lo[k] |= 1 << UInt16(byte & 15)
          hi[k] |= 1 << UInt16(byte >> 4)
        } else {
          lo[k] = 0xFFFF
          hi[k] = 0xFFFF
        }
      }
      members += 1
    }
  }

  /// Estimated share of text positions where `bucket` fires.
  func fireRate(_ bucket: Bucket) -> Double {
    guard bucket.members > 0 else { return 0 }
    var prior = 1.0
    nibbleShare.withUnsafeBufferPointer { nibbleShare in
      for k in 0..<width {
        var share = 0.0
        let lows = Int(bucket.lo[k])
        var highs = bucket.hi[k]
        while highs != 0 {
          let high = Int(highs.trailingZeroBitCount)
          highs &= highs - 1
          share += nibbleShare[high * 512 + (lows & 255)] + nibbleShare[high * 512 + 256 + (lows >> 8)]
        }
        prior *= share
      }
    }
    var count = 0.0
    if !gramKeys.isEmpty {
      let lo = bucket.lo
      let hi = bucket.hi
      let width = width
      @inline(__always) func tailPasses(_ key: UInt32) -> Bool {
        var k = 2
        while k < width {
          let byte = (key >> UInt32(8 * (width - 1 - k))) & 255
          if lo[k] >> UInt16(byte & 15) & 1 == 0 || hi[k] >> UInt16(byte >> 4) & 1 == 0 { return false }
          k += 1
        }
        return true
      }
      let pairs = lo[0].nonzeroBitCount * hi[0].nonzeroBitCount * lo[1].nonzeroBitCount * hi[1].nonzeroBitCount
      gramKeys.withUnsafeBufferPointer { keys in
        gramCounts.withUnsafeBufferPointer { counts in
          if pairs <= 4096 {
            // The second bytes the bucket accepts, as a 256-bit set.
            var seconds: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &seconds) { raw in
              let words = raw.bindMemory(to: UInt64.self)
              var highs = hi[1]
              while highs != 0 {
                let high = highs.trailingZeroBitCount
                highs &= highs - 1
                // The 16 bytes with this high nibble lie in one word.
                words[high / 4] |= UInt64(lo[1]) << UInt64((high % 4) * 16)
              }
            }
            prefixStart.withUnsafeBufferPointer { start in
              followers.withUnsafeBufferPointer { followers in
                withUnsafeBytes(of: seconds) { raw in
                  let accepted = raw.bindMemory(to: UInt64.self)
                  var highs0 = hi[0]
                  while highs0 != 0 {
                    let high0 = highs0.trailingZeroBitCount
                    highs0 &= highs0 - 1
                    var lows0 = lo[0]
                    while lows0 != 0 {
                      let first = high0 << 4 | lows0.trailingZeroBitCount
                      lows0 &= lows0 - 1
                      for word in 0..<4 {
                        var bits = followers[first * 4 + word] & accepted[word]
                        while bits != 0 {
                          let prefix = first << 8 | word * 64 + bits.trailingZeroBitCount
                          bits &= bits - 1
                          var gram = Int(start[prefix])
                          let end = Int(start[prefix + 1])
                          while gram < end {
                            if tailPasses(keys[gram]) { count += counts[gram] }
                            gram += 1
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          } else {
            for gram in keys.indices {
              let key = keys[gram]
              let first = (key >> UInt32(8 * (width - 1))) & 255
              let second = (key >> UInt32(8 * (width - 2))) & 255
              if lo[0] >> UInt16(first & 15) & 1 != 0, hi[0] >> UInt16(first >> 4) & 1 != 0,
                lo[1] >> UInt16(second & 15) & 1 != 0, hi[1] >> UInt16(second >> 4) & 1 != 0, tailPasses(key)
              {
                count += counts[gram]
              }
            }
          }
        }
      }
    }
    return (count + Self.priorWeight * prior) / (sampleGrams + Self.priorWeight)
  }

  private func offsetCount(_ literal: [UInt8]) -> Int { max(1, literal.count - width + 1) }

  /// Windows of a long literal whose fire rate is worth measuring against the sample's
  /// grams: the ``scoredWindows`` rarest by their bytes' shares alone. A long literal has many
  /// rare windows; measuring each of them was most of the planning (`literals × length`).
  private func windowsToScore(_ literal: [UInt8]) -> [Int] {
    let count = offsetCount(literal)
    guard count > Self.scoredWindows else { return Array(0..<count) }
    let guesses = (0..<count).map { offset -> (Double, Int) in
      var share = 1.0
      for k in 0..<width where offset + k < literal.count { share *= byteShare[Int(literal[offset + k])] }
      return (share, offset)
    }
    return guesses.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(Self.scoredWindows).map(\.1)
  }

  /// Windows of a literal measured at most (``windowsToScore(_:)``).
  static let scoredWindows = 12

  /// Per literal, its bucket and fingerprint offset: greedy placement, hardest literal
  /// first, each where it adds least cost.
  ///
  /// A pass that then moved single literals again cost as much as the placement (28 M
  /// instructions with 122 rules) and saved about 5 % of the scan kernel: it paid back only on
  /// inputs of several hundred MiB (Benchmarks/README.md, issue 17).
  mutating func assign() -> [(bucket: Int, offset: Int)] {
    let bucketCount = TeddyLiterals.bucketCount
    // Candidate offsets: each literal's rarest windows alone.
    let slots = gramKeys.isEmpty ? Self.guessedCandidateOffsets : Self.candidateOffsets
    var candidates: [[Int]] = []
    var singles: [[Double]] = []
    for literal in literals {
      var scored: [(Double, Int)] = []
      for offset in windowsToScore(literal) {
        var bucket = Bucket()
        bucket.add(literal, offset: offset, width: width)
        scored.append((fireRate(bucket), offset))
      }
      scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
      candidates.append(scored.prefix(slots).map(\.1))
      singles.append(scored.prefix(slots).map(\.0))
    }
    let order = literals.indices.sorted { singles[$0][0] != singles[$1][0] ? singles[$0][0] > singles[$1][0] : $0 < $1 }
    var buckets = [Bucket](repeating: Bucket(), count: bucketCount)
    var fires = [Double](repeating: 0, count: bucketCount)
    var costs = [Double](repeating: 0, count: bucketCount)
    var result = [(bucket: Int, offset: Int)](repeating: (-1, 0), count: literals.count)
    func update(_ bucket: Int, _ fresh: Bucket) {
      buckets[bucket] = fresh
      fires[bucket] = fireRate(fresh)
      costs[bucket] = fires[bucket] * (1 + Self.memberCost * Double(fresh.members))
    }
    var trials: [(bound: Double, bucket: Int, number: Int)] = []
    func place(_ index: Int) -> (bucket: Int, offset: Int) {
      // A trial costs at least what the bucket or the literal alone would with one more
      // member: try the most promising first, and stop where even that bound is worse.
      trials.removeAll(keepingCapacity: true)
      for bucket in 0..<bucketCount {
        let scale = 1 + Self.memberCost * Double(buckets[bucket].members + 1)
        for number in candidates[index].indices {
          trials.append((max(fires[bucket], singles[index][number]) * scale - costs[bucket], bucket, number))
        }
      }
      trials.sort { $0.bound != $1.bound ? $0.bound < $1.bound : ($0.bucket, $0.number) < ($1.bucket, $1.number) }
      var best = (bucket: 0, offset: candidates[index][0])
      var bestDelta = Double.infinity
      for trial in trials {
        if trial.bound >= bestDelta { break }
        let offset = candidates[index][trial.number]
        var bucket = buckets[trial.bucket]
        let fire: Double
        if bucket.members == 0 {
          fire = singles[index][trial.number]
        } else {
          let before = bucket
          bucket.add(literals[index], offset: offset, width: width)
          // Nibble sets unchanged: the bucket fires exactly as before.
          fire = bucket.lo == before.lo && bucket.hi == before.hi ? fires[trial.bucket] : fireRate(bucket)
        }
        let delta = fire * (1 + Self.memberCost * Double(buckets[trial.bucket].members + 1)) - costs[trial.bucket]
        if delta < bestDelta {
          bestDelta = delta
          best = (trial.bucket, offset)
        }
      }
      var grown = buckets[best.bucket]
      grown.add(literals[index], offset: best.offset, width: width)
      update(best.bucket, grown)
      return best
    }
    for index in order { result[index] = place(index) }
    return result
  }
}
