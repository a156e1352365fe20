import CWalogVectorscan

/// A set of literals searched in one pass by Vectorscan (the portable Hyperscan).
///
/// Vectorscan's literal engines (Teddy, FDR) compare many literals at once with byte
/// shuffles, which Swift's SIMD types cannot express; measured on the benchmark log this is
/// several times faster than a Wu–Manber loop over the same literals. Returns nil when the
/// library cannot run here (a CPU without SSE4.2) so the caller can fall back.
final class VectorscanLiterals {
  private var database: OpaquePointer?
  private var scratch: OpaquePointer?

  /// Called per match with the literal's index and the offset just past its last byte,
  /// in ascending order of that offset.
  typealias Handler = (_ literal: Int, _ end: Int) -> Void

  init?(_ literals: [[UInt8]]) {
    guard !literals.isEmpty, hs_valid_platform() == HS_SUCCESS else { return nil }
    let pointers = literals.map { bytes -> UnsafeMutablePointer<CChar> in
      let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
      bytes.withUnsafeBytes { copy.initialize(from: $0.bindMemory(to: CChar.self).baseAddress!, count: bytes.count) }
      return copy
    }
    defer { pointers.forEach { $0.deallocate() } }
    let expressions = pointers.map { UnsafePointer<CChar>?($0) }
    let flags = [UInt32](repeating: 0, count: literals.count)
    let ids = (0..<literals.count).map(UInt32.init)
    let lengths = literals.map(\.count)
    var error: UnsafeMutablePointer<hs_compile_error_t>?
    let status = hs_compile_lit_multi(
      expressions, flags, ids, lengths, UInt32(literals.count), UInt32(HS_MODE_BLOCK), nil, &database, &error)
    if let error { hs_free_compile_error(error) }
    guard status == HS_SUCCESS, hs_alloc_scratch(database, &scratch) == HS_SUCCESS else { return nil }
  }

  deinit {
    hs_free_scratch(scratch)
    hs_free_database(database)
  }

  /// Reports every occurrence of every literal in `block` to `handler`.
  func scan(_ block: UnsafeRawBufferPointer, _ handler: Handler) {
    guard let base = block.baseAddress, !block.isEmpty else { return }
    withoutActuallyEscaping(handler) { handler in
      var box = handler
      withUnsafeMutablePointer(to: &box) { context in
        _ = hs_scan(
          database, base.assumingMemoryBound(to: CChar.self), UInt32(block.count), 0, scratch,
          { id, _, end, _, context in
            context!.assumingMemoryBound(to: Handler.self).pointee(Int(id), Int(end))
            return 0
          }, context)
      }
    }
  }
}
