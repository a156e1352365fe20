import Foundation
import Testing

/// A `.gz` attachment gives the same report whether ISA-L or zlib inflates it
/// (docs/install.md), and `--stats` says which one did.
@Suite struct EndToEndGzipEngineTests {
  @Test func isalAndZlibGiveTheSameReport() throws {
    let folder = try TemporaryFolder("gzip-engine")
    try folder.write("gateway.log", try EndToEndHostileInputTests.varied(lines: 30_000))
    try folder.shell("gzip -c gateway.log > gateway.log.gz")
    let path = folder.path + "/gateway.log.gz"
    let isal = try WalogProcess.run(["analyze", "--format", "json", "--stats", path])
    let zlib = try WalogProcess.run(["analyze", "--format", "json", "--stats", path], environment: ["WALOG_ISAL": "off"])
    #expect(isal.status == 0 && zlib.status == 0, "\(isal.stderr.prefix(300)) \(zlib.stderr.prefix(300))")
    #expect(isal.stdout == zlib.stdout)
    #expect(isal.stdout.contains("\"closes_by_status\""))
    #expect(isal.stderr.contains("gzip inflate      ISA-L"), "\(isal.stderr)")
    #expect(zlib.stderr.contains("gzip inflate      zlib"), "\(zlib.stderr)")
  }
}
