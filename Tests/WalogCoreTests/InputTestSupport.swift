import Foundation
import Testing

@testable import WalogCore

/// A fresh temporary directory for one test's generated data, removed when dropped.
final class InputTempDirectory {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "walog-input-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Writes `bytes` to `name` (folders created as needed) and returns the full path.
  @discardableResult
  func write(_ name: String, _ bytes: [UInt8]) throws -> String {
    let full = path + "/" + name
    try FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: full))
    return full
  }

  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    try write(name, Array(text.utf8))
  }

  func read(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path + "/" + name)))
  }

  /// Runs a shell command inside the directory (to make test data with gzip, xz, zip…).
  func shell(_ command: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    process.currentDirectoryURL = URL(fileURLWithPath: path)
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "command failed: \(command)")
  }
}

/// What `body` returns or throws when run with the file permissions of the unprivileged user
/// `nobody`, when the tests run as root (root reads everything, so a permission check would
/// mean nothing). Linux's filesystem user id belongs to one thread, and dropping it from 0
/// also drops root's override of file modes, so `body` runs on a thread of its own and
/// nothing else in the test process loses its rights.
func inputAsUnprivilegedUser<T>(_ body: @escaping @Sendable () throws -> T) throws -> Result<T, Error> {
  guard geteuid() == 0 else { return Result { try body() } }
  #if os(Linux)
    typealias SetFSUID = @convention(c) (UInt32) -> Int32
    let symbol = try #require(dlsym(nil, "setfsuid"), "setfsuid is not in the C library")
    let setfsuid = unsafeBitCast(symbol, to: SetFSUID.self)
    let nobody: UInt32 = 65534
    let done = DispatchSemaphore(value: 0)
    let box = InputResultBox<T>()
    let thread = Thread {
      _ = setfsuid(nobody)
      box.droppedTo = UInt32(bitPattern: setfsuid(UInt32.max))  // -1 asks without changing
      box.result = Result { try body() }
      _ = setfsuid(0)
      done.signal()
    }
    thread.start()
    done.wait()
    try #require(box.droppedTo == nobody, "could not drop root's file rights")
    return try #require(box.result)
  #else
    throw InputError.readFailed(path: "", reason: "dropping root's file rights is only written for Linux")
  #endif
}

private final class InputResultBox<T>: @unchecked Sendable {
  var droppedTo: UInt32?
  var result: Result<T, Error>?
}

/// Whether a command-line tool the tests use is installed (scripts/setup installs them).
func inputToolExists(_ name: String) -> Bool {
  ["/usr/bin/", "/bin/", "/usr/local/bin/"].contains {
    FileManager.default.isExecutableFile(atPath: $0 + name)
  }
}

/// Everything a source produces, read with a deliberately odd buffer size.
func inputReadAll(_ source: ByteSource, chunk: Int = 4093) throws -> [UInt8] {
  var result: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: chunk)
  while true {
    let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
    if count == 0 { return result }
    result += buffer[..<count]
  }
}

/// The lines of a reader, each with its `\n`, checking the block contract on the way.
func inputLines(_ reader: LineBlockReader) throws -> [[UInt8]] {
  var lines: [[UInt8]] = []
  while let block = try reader.nextBlock() {
    #expect(!block.isEmpty)
    #expect(block.last == 0x0A, "a block must end with a newline")
    var lineStart = 0
    for (index, byte) in block.enumerated() where byte == 0x0A {
      lines.append(Array(block[lineStart...index]))
      lineStart = index + 1
    }
  }
  return lines
}

/// The lines of `text` as `LineBlockReader` should give them.
func inputExpectedLines(_ text: [UInt8]) -> [[UInt8]] {
  var lines = text.split(separator: 0x0A, omittingEmptySubsequences: false).map {
    Array($0) + [0x0A]
  }
  if text.isEmpty || text.last == 0x0A { lines.removeLast() }
  return lines
}

/// A sample log with lines of many lengths, so compressed data spans several blocks.
func inputSampleLog(lines count: Int, seed: UInt64 = 1) -> String {
  var generator = InputSeededGenerator(seed: seed)
  return (0..<count).map { index in
    let words = (0..<Int.random(in: 1...30, using: &generator)).map { _ in
      String(UInt64.random(in: 0...UInt64.max, using: &generator), radix: 36)
    }
    return "2026-04-12T10:\(index % 60):00.000Z [whatsapp] line \(index) "
      + words.joined(separator: " ")
  }.joined(separator: "\n") + "\n"
}

/// A small deterministic random generator (SplitMix64) so generated data is reproducible.
struct InputSeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// A source that serves fixed bytes in chunks of a given size, to test chunk boundaries.
final class InputChunkedSource: ByteSource {
  private let bytes: [UInt8]
  private let chunk: Int
  private var offset = 0
  init(_ bytes: [UInt8], chunk: Int) {
    self.bytes = bytes
    self.chunk = chunk
  }
  var warnings: [String] { [] }
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    let count = min(chunk, buffer.count, bytes.count - offset)
    for i in 0..<count { buffer[i] = bytes[offset + i] }
    offset += count
    return count
  }
}

/// A pipe whose write end is fed from another thread, like `cat file | walog analyze -`.
func inputPipe(feeding bytes: [UInt8]) -> Int32 {
  var fds: [Int32] = [0, 0]
  precondition(pipe(&fds) == 0)
  let writeEnd = fds[1]
  Thread.detachNewThread {
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
      if written <= 0 { break }
      offset += written
    }
    close(writeEnd)
  }
  return fds[0]
}
