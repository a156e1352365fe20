import Foundation
import Testing

/// The static Linux binary stays without ICU (docs/install.md, "Binary size"): Foundation
/// proper links ICU's 34 MB of data in with its first use, so walog's sources use
/// FoundationEssentials, falling back to Foundation only where Essentials does not exist.
@Suite struct PlatformSizeTests {
  @Test func sourcesImportFoundationOnlyWhereFoundationEssentialsIsMissing() throws {
    let root = WalogProcess.packageRoot.appendingPathComponent("Sources")
    let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
      .filter { $0.hasSuffix(".swift") }
    #expect(files.count > 50)
    for file in files {
      let lines = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        .split(separator: "\n", omittingEmptySubsequences: false)
      for (index, line) in lines.enumerated() {
        // `import Foundation`, `@preconcurrency import struct Foundation.Date`, `import Yams`…
        let words = line.split(separator: " ")
        guard words.contains("import"), let module = words.last?.split(separator: ".").first,
          module == "Yams" || (module.hasPrefix("Foundation") && module != "FoundationEssentials")
        else { continue }
        let guarded = index >= 3 && lines[index - 1] == "#else" && lines[index - 3] == "#if canImport(FoundationEssentials)"
        #expect(guarded, "\(file):\(index + 1): \(line) links ICU into the static binary")
      }
    }
  }
}
