import Foundation
import Testing

/// The C kernels on AArch64: scripts/test-arm64 runs their differential test (every engine
/// against the naive reference) natively on an arm64 host, else cross-compiled under qemu.
@Suite struct PlatformKernelTests {
  @Test func theArm64KernelsAgreeWithTheReference() throws {
    let script = WalogProcess.packageRoot.appendingPathComponent("scripts/test-arm64")
    let result = try WalogProcess.run([], executable: script)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains("engines: scalar neon (best: neon)"), "\(result.stdout)")
    let summary = try #require(result.stdout.split(separator: "\n").last { $0.hasSuffix(" failed") })
    let counts = summary.split(separator: " ").compactMap { Int($0) }
    #expect(counts.count == 2 && counts[0] > 10_000 && counts[1] == 0, "\(summary)")
  }
}
