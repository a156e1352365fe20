import CPCRE2

/// Why a pattern did not compile: PCRE2's own message and the byte offset it points at.
public struct PatternError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The pattern as written.
  public var pattern: String
  /// Byte offset into the pattern's UTF-8 where PCRE2 stopped.
  public var offset: Int
  /// PCRE2's error code (positive numbers are compile errors).
  public var code: Int32
  /// PCRE2's message, e.g. `missing closing parenthesis`.
  public var message: String

  public init(pattern: String, offset: Int, code: Int32, message: String) {
    self.pattern = pattern
    self.offset = offset
    self.code = code
    self.message = message
  }

  public var description: String { "\(message) at offset \(offset)" }
}

/// A PCRE2 pattern compiled once (UTF-8, invalid UTF-8 in subjects tolerated) and
/// JIT-compiled once, with its named capture groups.
///
/// Compiled PCRE2 code is immutable once JIT compilation has finished and PCRE2 documents it
/// as safe to use from several threads at once; every per-match state lives in ``Matcher``.
/// That is why this class is `@unchecked Sendable`.
public final class Pattern: @unchecked Sendable {
  /// The pattern text.
  public let source: String
  /// Named capture groups: name → group number.
  public let groupNumbers: [String: Int]
  /// Number of capture groups (named or not).
  public let captureCount: Int
  /// Whether JIT compilation succeeded (matching falls back to the interpreter if not).
  public let isJITCompiled: Bool
  let code: OpaquePointer

  /// Compiles `source` with `PCRE2_UTF | PCRE2_MATCH_INVALID_UTF` and JIT-compiles it.
  /// - Throws: ``PatternError`` with PCRE2's message and the byte offset of the problem.
  /// `jit: false` only checks that the pattern compiles (no JIT code is made).
  public init(_ source: String, caseless: Bool = false, jit: Bool = true) throws(PatternError) {
    self.source = source
    var errorCode: Int32 = 0
    var errorOffset = 0
    var options = UInt32(PCRE2_UTF) | UInt32(PCRE2_MATCH_INVALID_UTF)
    if caseless { options |= UInt32(PCRE2_CASELESS) }
    let bytes = Array(source.utf8)
    let compiled = bytes.withUnsafeBufferPointer {
      pcre2_compile_8($0.baseAddress ?? emptySubject, $0.count, options, &errorCode, &errorOffset, nil)
    }
    guard let compiled else {
      throw PatternError(
        pattern: source, offset: errorOffset, code: errorCode, message: Pattern.message(for: errorCode))
    }
    code = compiled
    // JIT failure is not fatal: the interpreter gives the same results, only slower.
    isJITCompiled = jit && pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0

    var count: UInt32 = 0
    pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
    captureCount = Int(count)
    groupNumbers = Pattern.readNameTable(compiled)
  }

  deinit { pcre2_code_free_8(code) }

  /// Creates the per-thread matching state for this pattern.
  public func makeMatcher(matchLimit: UInt32 = Matcher.defaultMatchLimit) -> Matcher {
    Matcher(pattern: self, matchLimit: matchLimit)
  }

  /// The names of the capture groups, sorted by group number.
  public var groupNames: [String] {
    groupNumbers.sorted { $0.value < $1.value }.map(\.key)
  }

  /// PCRE2's text for an error code.
  static func message(for code: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    let length = buffer.withUnsafeMutableBufferPointer {
      pcre2_get_error_message_8(code, $0.baseAddress, $0.count)
    }
    guard length > 0 else { return "PCRE2 error \(code)" }
    return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
  }

  /// Reads PCRE2's name table: entries of `entrySize` bytes, a 2-byte big-endian group
  /// number followed by the NUL-terminated name.
  private static func readNameTable(_ code: OpaquePointer) -> [String: Int] {
    var nameCount: UInt32 = 0
    var entrySize: UInt32 = 0
    var table: UnsafePointer<UInt8>? = nil
    pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &nameCount)
    guard nameCount > 0 else { return [:] }
    pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
    pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
    guard let table else { return [:] }
    var names: [String: Int] = [:]
    for index in 0..<Int(nameCount) {
      let entry = table + index * Int(entrySize)
      let number = Int(entry[0]) << 8 | Int(entry[1])
      var end = 2
      while end < Int(entrySize), entry[end] != 0 { end += 1 }
      let name = String(decoding: UnsafeBufferPointer(start: entry + 2, count: end - 2), as: UTF8.self)
      names[name] = number
    }
    return names
  }
}

/// PCRE2 wants a non-null subject pointer even for an empty subject.
nonisolated(unsafe) let emptySubject: UnsafePointer<UInt8> = {
  let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
  pointer.initialize(to: 0)
  return UnsafePointer(pointer)
}()
