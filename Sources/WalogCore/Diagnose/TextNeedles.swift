#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The distinct `text:` substrings of the filters an event can meet, all found in one pass
/// over its message per distinct first byte: the filters then test a bitmask instead of each
/// searching the text again (five network-error words in two filters were ten searches per
/// WhatsApp event, most of the diagnosis stage's time on a busy log).
struct TextNeedles: Sendable {
  private(set) var needles: [[UInt8]] = []
  /// Needle indexes by their first byte, in order of first appearance.
  private var groups: [(first: UInt8, members: [Int])] = []
  /// Bits of the empty needles, which occur in every text.
  private var always: UInt64 = 0

  /// At most this many distinct needles per route; a filter with more is tested directly.
  static let capacity = 64

  /// The bits standing for `words`, adding the ones not seen yet; nil when they do not fit.
  mutating func mask(for words: [String]) -> UInt64? {
    var mask: UInt64 = 0
    for word in words {
      let bytes = Array(word.utf8)
      var index = needles.firstIndex(of: bytes)
      if index == nil {
        guard needles.count < Self.capacity else { return nil }
        index = needles.count
        needles.append(bytes)
        if let first = bytes.first {
          if let group = groups.firstIndex(where: { $0.first == first }) {
            groups[group].members.append(index!)
          } else {
            groups.append((first, [index!]))
          }
        } else {
          always |= 1 << UInt64(index!)
        }
      }
      mask |= 1 << UInt64(index!)
    }
    return mask
  }

  /// The bits of the needles that occur in `text`.
  func found(in text: String) -> UInt64 {
    var found = always
    guard !groups.isEmpty else { return found }
    var text = text
    text.withUTF8 { haystack in
      guard let base = haystack.baseAddress else { return }
      for (first, members) in groups {
        var offset = 0
        while offset < haystack.count, let hit = memchr(base + offset, Int32(first), haystack.count - offset) {
          let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
          for index in members where found & (1 << UInt64(index)) == 0 {
            let needle = needles[index]
            if needle.count <= haystack.count - at, memcmp(base + at, needle, needle.count) == 0 {
              found |= 1 << UInt64(index)
            }
          }
          offset = at + 1
        }
      }
    }
    return found
  }
}
