// swift-tools-version:6.0
import PackageDescription

// libyaml reads the rule files. On Linux it is linked from its static library (Debian
// `libyaml-dev` has `libyaml.a`), so the release binary needs no libyaml at run time; pkg-config
// would add `-lyaml`, the shared one, so the header is found in /usr/include instead. On macOS,
// Homebrew's through pkg-config.
#if os(Linux)
let yaml = Target.systemLibrary(name: "CWalogYAML", providers: [.apt(["libyaml-dev"])])
let yamlLink: [LinkerSetting] = [.linkedLibrary(":libyaml.a")]
#else
let yaml = Target.systemLibrary(name: "CWalogYAML", pkgConfig: "yaml-0.1", providers: [.brew(["libyaml"])])
let yamlLink: [LinkerSetting] = []
#endif

let package = Package(
  name: "walog",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "walog", targets: ["walog"]),
    .library(name: "WalogCore", targets: ["WalogCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
  ],
  targets: [
    // Homebrew on macOS: SwiftPM adds `$(brew --prefix)/opt/NAME/lib/pkgconfig` for a `.brew`
    // provider, which finds keg-only libarchive (docs/install.md). zlib is the macOS SDK's.
    .systemLibrary(
      name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]),
    .systemLibrary(
      name: "CWalogArchive", pkgConfig: "libarchive",
      providers: [.apt(["libarchive-dev"]), .brew(["libarchive"])]),
    .systemLibrary(name: "CWalogZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    // libcurl posts `watch --alertmanager` alerts: a system library like the others, so no build
    // folder compiles an HTTP stack (Sources/WalogCore/System/HTTPPost.swift says why not
    // async-http-client). macOS has it in the SDK.
    .systemLibrary(
      name: "CWalogCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
    yaml,
    // The kernels at their release optimisation in every build, so the sanitizer builds
    // (debug) test the code that ships.
    .target(name: "CWalogSIMD", cSettings: [.unsafeFlags(["-O2"])]),
    // ISA-L's inflate for gzip, opened with dlopen at run time (zlib where it is absent): the
    // header (Debian `libisal-dev`, Homebrew `isa-l`) is needed only to build it.
    .target(
      name: "CWalogISAL",
      cSettings: [.unsafeFlags(["-I/opt/homebrew/include", "-I/usr/local/include"], .when(platforms: [.macOS]))],
      linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
    .target(
      name: "WalogCore",
      dependencies: [
        "CPCRE2", "CWalogArchive", "CWalogZlib", "CWalogISAL", "CWalogSIMD", "CWalogYAML", "CWalogCurl",
      ],
      exclude: ["Rules/openclaw"],
      // No run-time exclusivity checks in release builds: they were a twentieth of the
      // instructions per candidate line; debug builds (the test suite, the sanitizers) keep them.
      swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))],
      linkerSettings: yamlLink
    ),
    .executableTarget(
      name: "walog",
      dependencies: [
        "WalogCore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // What both test targets share: the guard on parameterised tests' argument lists.
    .target(name: "WalogTestSupport", path: "Tests/WalogTestSupport"),
    .testTarget(name: "WalogCoreTests", dependencies: ["WalogCore", "WalogTestSupport"]),
    .testTarget(
      name: "walogTests", dependencies: ["walog", "WalogTestSupport", .product(name: "Yams", package: "Yams")]),
  ],
  swiftLanguageModes: [.v6]
)
