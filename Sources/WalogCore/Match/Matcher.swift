import CPCRE2

/// The outcome of one match attempt.
public enum MatchResult: Sendable, Equatable {
  case match
  case noMatch
  /// PCRE2 gave up: the match limit (or the JIT stack) was exhausted. The line may or may
  /// not match; callers count this and eventually disable the pattern.
  case limitHit
  /// Any other PCRE2 matching error (should not happen with valid patterns).
  case error(Int32)
}

/// Per-thread matching state for one ``Pattern``: PCRE2 match data, a match context with a
/// match limit, and a JIT stack. Created once and reused for every line; not thread-safe.
public final class Matcher {
  /// PCRE2's own default is 10,000,000; log lines are short, so a tenth of it is plenty for
  /// any sane pattern and caps a catastrophic one at a few milliseconds.
  public static let defaultMatchLimit: UInt32 = 1_000_000

  public let pattern: Pattern
  private let matchData: OpaquePointer
  private let context: OpaquePointer
  private let jitStack: OpaquePointer?
  private let ovector: UnsafeMutablePointer<Int>
  private var subjectBase: UnsafeRawPointer?
  private var lastResult: MatchResult = .noMatch

  init(pattern: Pattern, matchLimit: UInt32) {
    self.pattern = pattern
    matchData = pcre2_match_data_create_from_pattern_8(pattern.code, nil)!
    context = pcre2_match_context_create_8(nil)!
    pcre2_set_match_limit_8(context, matchLimit)
    // The default 32 KiB JIT stack lives on the machine stack and is too small for some
    // patterns (PCRE2_ERROR_JIT_STACKLIMIT); 1 MiB of address space is only touched as needed.
    if pattern.isJITCompiled, let stack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil) {
      pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(stack))
      jitStack = stack
    } else {
      jitStack = nil
    }
    ovector = pcre2_get_ovector_pointer_8(matchData)
  }

  deinit {
    pcre2_match_data_free_8(matchData)
    pcre2_match_context_free_8(context)
    if let jitStack { pcre2_jit_stack_free_8(jitStack) }
  }

  /// Matches the pattern against `subject` (any bytes; invalid UTF-8 never matches a
  /// character but does not fail the call). Capture ranges are valid until the next call.
  @discardableResult
  public func match(_ subject: UnsafeRawBufferPointer) -> MatchResult {
    let base = subject.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptySubject
    subjectBase = UnsafeRawPointer(base)
    let rc: Int32
    if pattern.isJITCompiled {
      rc = pcre2_jit_match_8(pattern.code, base, subject.count, 0, 0, matchData, context)
    } else {
      rc = pcre2_match_8(pattern.code, base, subject.count, 0, 0, matchData, context)
    }
    let result: MatchResult
    if rc >= 0 {
      result = .match
    } else if rc == PCRE2_ERROR_NOMATCH {
      result = .noMatch
    } else if rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT
      || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT
    {
      result = .limitHit
    } else {
      result = .error(rc)
    }
    lastResult = result
    return result
  }

  /// The byte range (within the last subject) of capture group `group` (0 = whole match),
  /// or nil when the last call did not match or the group did not take part.
  public func range(ofGroup group: Int) -> Range<Int>? {
    guard lastResult == .match, group >= 0, group <= pattern.captureCount else { return nil }
    let start = ovector[2 * group]
    let end = ovector[2 * group + 1]
    guard start != cpcre2_unset(), end >= start else { return nil }
    return start..<end
  }

  /// The byte range of the named group `name`, as ``range(ofGroup:)``.
  public func range(named name: String) -> Range<Int>? {
    guard let group = pattern.groupNumbers[name] else { return nil }
    return range(ofGroup: group)
  }

  /// The bytes of a capture group of the last match, pointing into the subject.
  public func bytes(ofGroup group: Int, in subject: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
    guard let range = range(ofGroup: group) else { return nil }
    return UnsafeRawBufferPointer(rebasing: subject[range])
  }

  /// A capture group of the last match as a String (invalid UTF-8 repaired); build these
  /// only for captures that become event fields.
  public func string(ofGroup group: Int, in subject: UnsafeRawBufferPointer) -> String? {
    bytes(ofGroup: group, in: subject).map { String(decoding: $0, as: UTF8.self) }
  }

  /// The named capture of the last match as a String.
  public func string(named name: String, in subject: UnsafeRawBufferPointer) -> String? {
    guard let group = pattern.groupNumbers[name] else { return nil }
    return string(ofGroup: group, in: subject)
  }
}
