import Foundation
import WalogFuzzTargets

// SwiftPM links an executable's entry point as `<name>_main`; here it hands control to
// libFuzzer's driver, which calls the two functions below. The target is chosen once, by
// WALOG_FUZZ_TARGET (`list` names them, `dictionary` prints the dictionary).

nonisolated(unsafe) private var target: FuzzTarget?

@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("walog_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  let name = ProcessInfo.processInfo.environment["WALOG_FUZZ_TARGET"] ?? ""
  switch name {
  case "dictionary":
    print(FuzzTarget.dictionary(), terminator: "")
    return 0
  case "list":
    for target in FuzzTarget.all { print(target.name.padding(toLength: 10, withPad: " ", startingAt: 0) + target.summary) }
    return 0
  default:
    guard let chosen = FuzzTarget.named(name) else {
      print("walog-fuzz: set WALOG_FUZZ_TARGET to one of: \(FuzzTarget.all.map(\.name).joined(separator: ", "))")
      return 2
    }
    target = chosen
  }
  // One empty input first makes the targets' statics (the default rules, their diagnoses),
  // so that the leak check after each input sees only what that input allocated. (LSan
  // cannot follow Swift's enum payload pointers, whose spare bits hold the case: a static
  // made during an input would be reported as leaked.)
  _ = testOneInput(nil, 0)
  var count = argc
  var arguments = argv
  return runDriver(&count, &arguments) { testOneInput($0, $1) }
}

/// libFuzzer's archive references this name too; the driver above is handed the same work.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  target!.run(UnsafeRawBufferPointer(start: data, count: size))
  return 0
}
