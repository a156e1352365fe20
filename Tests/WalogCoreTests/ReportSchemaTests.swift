import Foundation
import Testing

@testable import WalogCore

/// Real JSON reports validated against docs/walog.schema.json by Python's jsonschema
/// (draft 2020-12), so the published schema and the output cannot drift apart.
@Suite struct ReportSchemaTests {
  static let validator = """
    import json, sys
    import jsonschema
    schema = json.load(open(sys.argv[1]))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failed = 0
    for path in sys.argv[2:]:
        for error in validator.iter_errors(json.load(open(path))):
            failed += 1
            print(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
    print(f"{len(sys.argv) - 2} documents, {failed} errors")
    sys.exit(1 if failed else 0)
    """

  /// Runs the validator over `documents`; returns its exit status and output.
  static func validate(_ documents: [String]) throws -> (status: Int32, output: String) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "walog-schema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var paths: [String] = []
    for (index, document) in documents.enumerated() {
      let path = directory.appendingPathComponent("report-\(index).json").path
      try document.write(toFile: path, atomically: true, encoding: .utf8)
      paths.append(path)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["python3", "-c", validator, ReportFixture.path("docs/walog.schema.json")] + paths
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
  }

  @Test func reportsOfEveryFixtureMatchTheSchema() throws {
    var documents: [String] = []
    for log in ReportFixture.goldenLogs {
      documents.append(JSONReport.render(try ReportFixture.analysis(log)))
      documents.append(
        JSONReport.render(try ReportFixture.analysis(log, extraRules: false, redact: false)))
    }
    let envelopes = try FileManager.default.contentsOfDirectory(
      atPath: ReportFixture.path("Fixtures/envelopes")
    )
    .filter { $0.hasSuffix(".log") }.sorted()
    #expect(envelopes.count >= 10)
    for name in envelopes {
      documents.append(
        JSONReport.render(
          try ReportFixture.analysis("Fixtures/envelopes/\(name)", extraRules: false)))
    }
    // All inputs at once: several inputs, streams from several formats.
    documents.append(JSONReport.render(try ReportFixture.analysis(ReportFixture.goldenLogs)))
    // Clock-only lines under a named zone fill `inputs[].clock_offsets`.
    let rome = AnalysisRequest(
      paths: ["Fixtures/time/rome-dst-night.log", "Fixtures/time/rome-clock.log"].map(ReportFixture.path),
      timeZone: LogZone(identifier: "Europe/Rome"))
    documents.append(JSONReport.render(try Analyzer.run(rome).analysis))
    let result = try Self.validate(documents)
    #expect(result.status == 0, "\(result.output)")
    #expect(result.output.hasSuffix("\(documents.count) documents, 0 errors\n"))
  }

  @Test func theSchemaRejectsWhatTheReportNeverHolds() throws {
    let good = JSONReport.render(try ReportFixture.analysis("Fixtures/reports/secrets.log"))
    let broken = [
      good.replacingOccurrences(of: "\"schema_version\": 2", with: "\"schema_version\": 1"),
      good.replacingOccurrences(of: "\"unit\": \"count\"", with: "\"unit\": \"minutes\""),
      good.replacingOccurrences(of: "\"pid\": null\n        }\n      ]", with: "\"pid\": \"none\"\n        }\n      ]"),
      good.replacingOccurrences(of: "\"severity\": \"error\"", with: "\"severity\": \"fatal\""),
      good.replacingOccurrences(of: "\"lines\": 39", with: "\"lines\": -1"),
      good.replacingOccurrences(
        of: "\"time\": \"2026-03-10T08:00:10.548+01:00\"", with: "\"time\": \"yesterday\""),
      good.replacingOccurrences(
        of: "\"walog_version\"", with: "\"undocumented\": 1,\n  \"walog_version\""),
    ]
    for document in broken {
      #expect(document != good)
      #expect(try Self.validate([document]).status == 1)
    }
  }
}
