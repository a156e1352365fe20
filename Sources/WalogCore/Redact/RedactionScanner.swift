import CPCRE2

/// Finds every match of one pattern in a string, left to right, without overlaps: the
/// loop ``Matcher`` does not offer (it always starts at the subject's first byte, and
/// look-behinds need the bytes before the start).
final class RedactionScanner {
  let rule: RedactionRule
  private let matchData: OpaquePointer
  private let context: OpaquePointer

  /// Secrets are short; a tenth of ``Matcher/defaultMatchLimit`` bounds a slow rule-file pattern.
  static let matchLimit: UInt32 = 100_000

  init(rule: RedactionRule) {
    self.rule = rule
    matchData = pcre2_match_data_create_from_pattern_8(rule.pattern.code, nil)!
    context = pcre2_match_context_create_8(nil)!
    pcre2_set_match_limit_8(context, Self.matchLimit)
  }

  deinit {
    pcre2_match_data_free_8(matchData)
    pcre2_match_context_free_8(context)
  }

  /// The byte ranges of all matches in `bytes`; an empty match advances one byte.
  func matches(in bytes: [UInt8]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    bytes.withUnsafeBufferPointer { buffer in
      let base = buffer.baseAddress ?? emptySubject
      let ovector = pcre2_get_ovector_pointer_8(matchData)!
      var offset = 0
      while offset <= buffer.count {
        let rc = pcre2_match_8(rule.pattern.code, base, buffer.count, offset, 0, matchData, context)
        guard rc >= 0 else { break }
        let start = ovector[0]
        let end = ovector[1]
        if end > start { ranges.append(start..<end) }
        offset = end > start ? end : end + 1
      }
    }
    return ranges
  }
}
