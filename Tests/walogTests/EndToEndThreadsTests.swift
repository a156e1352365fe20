import Foundation
import Testing
import WalogTestSupport

/// One input read on several threads, end to end: the JSON report is the one thread's, on logs
/// cut into chunks of a few hundred bytes, plain and gzip-compressed, alone and several at once.
/// `.ci/run` runs this suite against a walog built with ThreadSanitizer too, where a data race
/// makes walog exit 66.
@Suite struct EndToEndThreadsTests {
  static let inputs: [[String]] = [
    ["seeds/001-78-conflicts.log"],
    ["envelopes/file-log-wrapped-80.log"],
    ["envelopes/logs-json.log"],
    ["envelopes/journald-json.log"],
    ["seeds/000-excerpt.log", "envelopes/file-log.log"],
  ]

  /// A chunk holds at least the first 200 lines (where the input's look is sniffed): 200 blank
  /// lines in front make even a short fixture span many chunks.
  static func padded(_ fixture: String, in folder: TemporaryFolder, compressed: Bool) throws -> String {
    let text = try Data(contentsOf: URL(fileURLWithPath: WalogProcess.fixture(fixture)))
    let name = fixture.replacing("/", with: "-")
    let path = try folder.write(name, Data(repeating: 0x0A, count: 200) + text)
    guard compressed else { return path }
    let gzip = try WalogProcess.runShell("gzip -n \"$1\"", arguments: [path])
    #expect(gzip.status == 0, "\(gzip.stderr)")
    return path + ".gz"
  }

  @Test(arguments: try nonEmpty(inputs), [false, true])
  func severalThreadsReportWhatOneDoes(_ logs: [String], compressed: Bool) throws {
    let folder = try TemporaryFolder("threads")
    let paths = try logs.map { try Self.padded($0, in: folder, compressed: compressed) }
    let one = try WalogProcess.run(["analyze", "--format", "json", "--threads", "1"] + paths)
    let four = try WalogProcess.run(["analyze", "--format", "json", "--threads", "4", "--chunk-size", "300"] + paths)
    #expect([0, 1].contains(one.status), "\(one.stderr)")
    #expect(four.status == one.status, "\(four.stderr)")
    #expect(four.stderr == one.stderr)
    #expect(four.stdout == one.stdout)
    #expect(four.stdout.contains("\"events_by_kind\""))
  }
}
