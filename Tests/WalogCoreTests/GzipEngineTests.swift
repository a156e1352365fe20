import Foundation
import Testing

@testable import WalogCore

/// gzip through ISA-L or zlib (docs/install.md): the same bytes, the same warnings and the same
/// limits on every hostile shape, whichever library inflates.
@Suite struct GzipEngineTests {
  /// `path` inflated by `engine`: the bytes, the warnings, or the error that stopped it.
  private func inflate(_ path: String, _ engine: GzipEngine, limits: InputLimits = .default, chunk: Int = 4093)
    throws -> (bytes: [UInt8], warnings: [String], error: InputError?)
  {
    let source = try GzipByteSource(upstream: try FileByteSource(path: path), path: path, limits: limits, engine: engine)
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: chunk)
    do {
      while true {
        let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        if count == 0 { break }
        bytes += buffer[..<count]
      }
    } catch {
      return (bytes, source.warnings, error as? InputError)
    }
    return (bytes, source.warnings, nil)
  }

  /// scripts/setup installs libisal-dev (and so libisal2): this machine inflates with ISA-L.
  @Test func isalIsLoadedWhereInstalled() {
    #expect(GzipEngine.inUse == .isal, "libisal.so.2 did not load: run scripts/setup --deps-only")
  }

  @Test(arguments: [GzipEngine.isal, .zlib])
  func multiMemberGivesEveryMember(engine: GzipEngine) throws {
    let dir = try InputTempDirectory()
    let first = inputSampleLog(lines: 3_000, seed: 1)
    let second = inputSampleLog(lines: 3_000, seed: 2)
    try dir.write("a.log", first)
    try dir.write("b.log", second)
    try dir.shell("gzip -c a.log > both.gz && gzip -c b.log >> both.gz && printf '' | gzip -c >> both.gz")
    let read = try inflate(dir.path + "/both.gz", engine)
    #expect(read.bytes == Array((first + second).utf8))
    #expect(read.warnings.isEmpty && read.error == nil)
  }

  /// Members whose ends fall at every offset of the compressed reads: ISA-L hands back the
  /// bytes it read past a member's end, which may come from the read before.
  @Test(arguments: [GzipEngine.isal, .zlib])
  func membersAcrossEveryReadBoundaryAreAllRead(engine: GzipEngine) throws {
    let dir = try InputTempDirectory()
    var expected = ""
    var script: [String] = []
    for member in 0..<6 {
      let text = inputSampleLog(lines: 40 + member * 7, seed: UInt64(member))
      expected += text
      try dir.write("m\(member).log", text)
      script.append("gzip -c m\(member).log >> all.gz")
    }
    try dir.shell(script.joined(separator: " && "))
    let compressed = try dir.read("all.gz")
    for readSize in Array(1...17) + [61, 64, 509] {
      let source = try GzipByteSource(
        upstream: InputChunkedSource(compressed, chunk: readSize), path: "all.gz", limits: .default, engine: engine)
      var bytes: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: 997)
      while true {
        let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        if count == 0 { break }
        bytes += buffer[..<count]
      }
      #expect(bytes == Array(expected.utf8), "reads of \(readSize) bytes")
      #expect(source.warnings.isEmpty, "reads of \(readSize) bytes: \(source.warnings)")
    }
  }

  @Test func truncatedAndTrailingGarbageWarnTheSame() throws {
    let dir = try InputTempDirectory()
    try dir.write("gateway.log", inputSampleLog(lines: 20_000))
    try dir.shell(
      "gzip -c gateway.log > full.gz && head -c $(( $(wc -c < full.gz) / 2 )) full.gz > cut.gz"
        + " && cp full.gz trailing.gz && printf 'not gzip' >> trailing.gz")
    for name in ["cut.gz", "trailing.gz"] {
      let isal = try inflate(dir.path + "/" + name, .isal)
      let zlib = try inflate(dir.path + "/" + name, .zlib)
      #expect(isal.bytes == zlib.bytes, "\(name)")
      #expect(isal.warnings == zlib.warnings, "\(name)")
      #expect(isal.warnings.count == 1 && isal.error == nil, "\(name): \(isal.warnings)")
    }
  }

  @Test func corruptDataEndsBothWithAWarningAfterTheSameGoodBytes() throws {
    let dir = try InputTempDirectory()
    let text = inputSampleLog(lines: 20_000)
    try dir.write("gateway.log", text)
    try dir.shell("gzip -c gateway.log > full.gz")
    var generator = InputSeededGenerator(seed: 5)
    let full = try dir.read("full.gz")
    let noise = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let path = try dir.write("corrupt.gz", Array(full.prefix(full.count / 2)) + noise)
    let isal = try inflate(path, .isal)
    let zlib = try inflate(path, .zlib)
    for read in [isal, zlib] {
      #expect(Array(text.utf8).starts(with: read.bytes.prefix(read.bytes.count * 9 / 10)))
      #expect(read.error == nil)
      #expect(read.warnings.first?.hasPrefix("corrupt gzip stream: input ends after ") == true, "\(read.warnings)")
    }
  }

  @Test(arguments: [GzipEngine.isal, .zlib])
  func bombsAreRefused(engine: GzipEngine) throws {
    let dir = try InputTempDirectory()
    try dir.shell("yes walog | head -c 20000000 | gzip -c > bomb.gz")
    let path = dir.path + "/bomb.gz"
    let ratio = try inflate(path, engine, limits: InputLimits(maxDecompressedBytes: nil, maxRatio: 100, ratioGraceBytes: 1 << 20))
    guard case .limitExceeded(let named, let limit)? = ratio.error else {
      Issue.record("not refused: \(ratio.bytes.count) bytes")
      return
    }
    #expect(named == path && limit.contains("--max-ratio 100"))
    #expect(ratio.bytes.count < 4 << 20, "refused within a few MiB of 20 MB")
    let capped = try inflate(path, engine, limits: InputLimits(maxDecompressedBytes: 5_000_000, maxRatio: nil))
    guard case .limitExceeded(_, let cap)? = capped.error else {
      Issue.record("not capped: \(capped.bytes.count) bytes")
      return
    }
    #expect(cap.contains("--max-decompressed"))
  }
}
