// swift-tools-version:6.0
// libFuzzer harnesses for walog's parsers (Linux only): `scripts/fuzz --list` names them,
// `scripts/fuzz TARGET [SECONDS]` builds this package with -sanitize=fuzzer,address and runs one.
import PackageDescription

let package = Package(
  name: "walog-fuzz",
  dependencies: [.package(name: "walog", path: "..")],
  targets: [
    .target(name: "WalogFuzzTargets", dependencies: [.product(name: "WalogCore", package: "walog")]),
    // No Swift top-level code: the entry point (Entry.swift) starts libFuzzer's driver.
    .executableTarget(
      name: "walog-fuzz", dependencies: ["WalogFuzzTargets"],
      swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
  ],
  swiftLanguageModes: [.v6]
)
