import Foundation
import Testing

@testable import WalogCore

@Suite struct InputCatalogTests {
  private func contents(_ input: InputSource) throws -> String {
    String(decoding: try inputReadAll(try input.open()), as: UTF8.self)
  }

  @Test func zipGivesOneInputPerEntryWithItsName() throws {
    let dir = try InputTempDirectory()
    try dir.write("gateway.log", "gateway line 1\ngateway line 2\n")
    try dir.write("logs/channel.log", "channel line\n")
    // The folder is added with its own entry, which is not an input.
    try dir.shell("python3 -m zipfile -c report.zip gateway.log logs")
    let zip = dir.path + "/report.zip"
    let inputs = try InputCatalog.expand(paths: [zip])
    #expect(inputs.map(\.name) == ["\(zip):gateway.log", "\(zip):logs/channel.log"])
    #expect(try contents(inputs[0]) == "gateway line 1\ngateway line 2\n")
    #expect(try contents(inputs[1]) == "channel line\n")
  }

  @Test func tarGzGivesOneInputPerEntryEvenWhenGzippedInside() throws {
    let dir = try InputTempDirectory()
    try dir.write("a.log", "alpha\n")
    try dir.write("b.log", "beta\n")
    try dir.shell("gzip -k b.log && tar czf bundle.tgz a.log b.log.gz")
    let tgz = dir.path + "/bundle.tgz"
    let inputs = try InputCatalog.expand(paths: [tgz])
    #expect(inputs.map(\.name) == ["\(tgz):a.log", "\(tgz):b.log.gz"])
    #expect(try contents(inputs[1]) == "beta\n")  // the entry itself is decompressed
    #expect(try contents(inputs[0]) == "alpha\n")
  }

  @Test func zipPipedInReadsItsEntriesInOrder() throws {
    let dir = try InputTempDirectory()
    try dir.write("one.log", "one\n")
    try dir.write("two.log", "two\n")
    try dir.shell("python3 -m zipfile -c report.zip one.log two.log")
    let fd = inputPipe(feeding: try dir.read("report.zip"))
    let source = try InputDecoder.decode(
      FileByteSource(fd: fd, path: "<stdin>", closeOnDeinit: true), path: "<stdin>",
      limits: .default)
    #expect(String(decoding: try inputReadAll(source), as: UTF8.self) == "one\ntwo\n")
  }

  @Test func gzipFileIsOneInput() throws {
    let dir = try InputTempDirectory()
    try dir.write("gateway.log", "hello\n")
    try dir.shell("gzip gateway.log")
    let inputs = try InputCatalog.expand(paths: [dir.path + "/gateway.log.gz"])
    #expect(inputs.map(\.name) == [dir.path + "/gateway.log.gz"])
    #expect(try contents(inputs[0]) == "hello\n")
  }

  @Test func dashIsStandardInput() throws {
    let inputs = try InputCatalog.expand(paths: ["-"])
    #expect(inputs == [InputSource.standardInput])
    #expect(inputs[0].name == "<stdin>")
  }

  @Test func directoryGivesRotatedSetsOldestFirstAndDatesAscending() throws {
    let dir = try InputTempDirectory()
    for name in [
      "openclaw-2026-04-13.log", "openclaw-2026-04-12.log", "openclaw-2026-04-12.1.log",
      "openclaw-2026-04-12.2.log", "openclaw-2026-04-12.10.log",
      "gateway.log", "gateway.log.1", "gateway.log.2.gz", "gateway.err.log",
      "notes.md", ".hidden.log", ".cache/inside.log", "sub/z.jsonl", "sub/a.txt",
    ] {
      if name.hasSuffix(".gz") {
        try dir.write(String(name.dropLast(3)), "x\n")
        try dir.shell("gzip \(name.dropLast(3))")
      } else {
        try dir.write(name, "x\n")
      }
    }
    let inputs = try InputCatalog.expand(paths: [dir.path])
    #expect(
      inputs.map { String($0.name.dropFirst(dir.path.count + 1)) } == [
        "gateway.err.log",
        "gateway.log.2.gz", "gateway.log.1", "gateway.log",
        "notes.md",
        "openclaw-2026-04-12.10.log", "openclaw-2026-04-12.2.log", "openclaw-2026-04-12.1.log",
        "openclaw-2026-04-12.log",
        "openclaw-2026-04-13.log",
        "sub/a.txt", "sub/z.jsonl",
      ])
  }

  /// Files are chosen by what their first bytes hold, never by their names: text, compressed
  /// or archived input is read whatever it is called; binary data is skipped and named; a file
  /// of NUL padding (what `copytruncate` leaves) is read, its text may follow.
  @Test func directoryFilesAreChosenByContent() throws {
    let dir = try InputTempDirectory()
    try dir.write("console", "11:30:00 [gateway] listening\n")
    try dir.write("gateway.log", "x\n")
    try dir.shell("bzip2 gateway.log && mv gateway.log.bz2 old.bz2")
    try dir.write("padded.log", String(repeating: "\0", count: 10_000) + "x\n")
    try dir.write("empty", "")
    try dir.write("photo.log", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0])
    try dir.shell("cp /bin/true core")
    var skipped: [String] = []
    let inputs = try InputCatalog.expand(paths: [dir.path], limits: .default, skipped: &skipped)
    #expect(inputs.map { String($0.name.dropFirst(dir.path.count + 1)) } == ["console", "empty", "old.bz2", "padded.log"])
    #expect(skipped == [dir.path + "/core", dir.path + "/photo.log"])
  }

  @Test func archiveInsideADirectoryIsExpanded() throws {
    let dir = try InputTempDirectory()
    try dir.write("src/one.log", "one\n")
    try dir.shell("mkdir logs && cd src && python3 -m zipfile -c ../logs/report.zip one.log")
    let inputs = try InputCatalog.expand(paths: [dir.path + "/logs"])
    #expect(inputs.map(\.name) == [dir.path + "/logs/report.zip:one.log"])
  }

  @Test func missingPathIsNotFound() throws {
    let missing = NSTemporaryDirectory() + "walog-missing-\(UUID().uuidString)"
    #expect(throws: InputError.notFound(path: missing)) {
      _ = try InputCatalog.expand(paths: [missing])
    }
  }

  @Test func directoryWithoutLogsIsAnError() throws {
    let dir = try InputTempDirectory()
    try dir.shell("cp /bin/true program")
    try dir.write(".hidden.log", "hidden\n")
    #expect(throws: InputError.noLogFiles(directory: dir.path)) {
      _ = try InputCatalog.expand(paths: [dir.path])
    }
  }

  @Test func unreadableFileIsPermissionDenied() throws {
    let dir = try InputTempDirectory()
    let path = try dir.write("secret.log", "x\n")
    chmod(path, 0)
    let outcome = try inputAsUnprivilegedUser { try InputCatalog.expand(paths: [path]) }
    #expect(throws: InputError.permissionDenied(path: path)) { try outcome.get() }
  }

  @Test func unreadableFolderIsPermissionDenied() throws {
    let dir = try InputTempDirectory()
    try dir.write("locked/gateway.log", "x\n")
    let locked = dir.path + "/locked"
    chmod(locked, 0)
    defer { chmod(locked, 0o755) }
    let outcome = try inputAsUnprivilegedUser { try InputCatalog.expand(paths: [locked]) }
    #expect(throws: InputError.permissionDenied(path: locked)) { try outcome.get() }
  }
}

@Suite struct InputCatalogDamageTests {
  @Test func truncatedZipKeepsWhatCanBeRead() throws {
    let dir = try InputTempDirectory()
    try dir.write("first.log", "first\n")
    let second = inputSampleLog(lines: 20_000)
    try dir.write("second.log", second)
    try dir.shell("python3 -m zipfile -c full.zip first.log second.log")
    let full = try dir.read("full.zip")
    let path = try dir.write("cut.zip", Array(full.prefix(full.count / 2)))
    // The central directory is gone; the local headers still name both entries.
    let inputs = try InputCatalog.expand(paths: [path])
    #expect(inputs.map(\.name) == ["\(path):first.log", "\(path):second.log"])
    let first = try #require(inputs.first).open()
    #expect(String(decoding: try inputReadAll(first), as: UTF8.self) == "first\n")
    let broken = try inputs[1].open()
    let read = try inputReadAll(broken)
    #expect(read.count > 100_000 && read.count < second.utf8.count)
    #expect(Array(second.utf8).starts(with: read.prefix(100_000)))
    let warning = try #require(broken.warnings.first)
    #expect(warning.hasPrefix("truncated ZIP"))
    #expect(warning.contains("input ends after \(read.count) decompressed bytes"))
  }
}
