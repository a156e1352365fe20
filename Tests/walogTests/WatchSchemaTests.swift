import Foundation
import Testing

/// Every line `walog watch --format json` prints for the diagnosis and seed logs is valid
/// against docs/watch.schema.json (which takes its finding members from docs/walog.schema.json),
/// checked by Python's jsonschema (draft 2020-12).
@Suite struct WatchSchemaTests {
  static let validator = """
    import json, sys
    import jsonschema, referencing
    watch, report = (json.load(open(path)) for path in sys.argv[1:3])
    jsonschema.Draft202012Validator.check_schema(watch)
    registry = referencing.Registry().with_resources(
        [(schema["$id"], referencing.Resource.from_contents(schema)) for schema in (watch, report)])
    validator = jsonschema.Draft202012Validator(watch, registry=registry)
    lines = failed = 0
    for path in sys.argv[3:]:
        for number, line in enumerate(open(path), 1):
            lines += 1
            for error in validator.iter_errors(json.loads(line)):
                failed += 1
                print(f"{path}:{number}: {'/'.join(map(str, error.absolute_path))}: {error.message[:300]}")
    print(f"{lines} lines, {failed} errors")
    sys.exit(1 if failed or not lines else 0)
    """

  @Test func everyLineMatchesTheSchema() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walog-watch-\(getpid())-schema")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var outputs: [String] = []
    var types: Set<String> = []
    let logs = try WatchAnswersTests.logs().map { "diagnoses/" + $0 } + ["seeds/001-78-conflicts.log"]
    for (index, log) in logs.enumerated() {
      let result = try WalogProcess.run(["watch", "--no-follow", "--format", "json", WalogProcess.fixture(log)])
      #expect(result.status == 0, "\(log): \(result.stderr)")
      let path = folder.appendingPathComponent("watch-\(index).jsonl").path
      try result.stdout.write(toFile: path, atomically: true, encoding: .utf8)
      outputs.append(path)
      for line in result.stdout.split(separator: "\n") {
        if let type = ((try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any])?["type"] as? String {
          types.insert(type)
        }
      }
    }
    #expect(types.isSuperset(of: ["finding", "summary"]))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", Self.validator, "docs/watch.schema.json", "docs/walog.schema.json"] + outputs
    process.currentDirectoryURL = WalogProcess.packageRoot
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(output)")
  }
}
