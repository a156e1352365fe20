/// Bounds on what one compressed input may expand to, so a compression bomb (a few
/// kilobytes that inflate to terabytes) is refused instead of read for hours.
/// libarchive does not refuse bombs on its own (research appendix).
public struct InputLimits: Sendable, Hashable {
  /// Most bytes one input may decompress to; `nil` for no limit.
  public var maxDecompressedBytes: Int64?
  /// Most decompressed bytes per compressed byte; `nil` for no limit. Checked only once
  /// `ratioGraceBytes` have been produced, since small inputs of repeated lines compress
  /// far better than any real log.
  public var maxRatio: Int64?
  /// Output produced before `maxRatio` is enforced.
  public var ratioGraceBytes: Int64

  public init(maxDecompressedBytes: Int64?, maxRatio: Int64?, ratioGraceBytes: Int64 = 64 << 20) {
    self.maxDecompressedBytes = maxDecompressedBytes
    self.maxRatio = maxRatio
    self.ratioGraceBytes = ratioGraceBytes
  }

  /// The default: no size limit (gateway logs of many gigabytes are legitimate), but refuse
  /// anything that inflates more than 1000:1 after its first 64 MiB. Gzipped gateway logs
  /// compress about 7–20:1; only crafted or all-zero data reaches 1000:1.
  public static let `default` = InputLimits(maxDecompressedBytes: nil, maxRatio: 1000)
  /// No limits at all.
  public static let unlimited = InputLimits(maxDecompressedBytes: nil, maxRatio: nil)

  /// Throws when `produced` decompressed bytes from `consumed` compressed bytes break a limit.
  func check(produced: Int64, consumed: Int64, path: String) throws(InputError) {
    if let max = maxDecompressedBytes, produced > max {
      throw InputError.limitExceeded(
        path: path,
        limit: "it decompresses to more than \(max) bytes (the limit set by --max-decompressed)")
    }
    if let ratio = maxRatio, produced > ratioGraceBytes, consumed > 0, produced / consumed > ratio {
      throw InputError.limitExceeded(
        path: path,
        limit:
          "it decompresses more than \(ratio):1, a compression bomb (\(consumed) bytes became \(produced); the limit is --max-ratio \(ratio))")
    }
  }
}
