#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `--since 1h`: a followed file is read from its start, and the events before the last hour
/// of it (before its last line's time minus the duration) are left out, so the watch starts
/// with the state of the last hour.
enum Priming {
  /// The time of the last line of the file that prints one, from its last 64 KiB.
  static func lastTime(of path: String, options: EnvelopeOptions) -> LogTime? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    let size = lseek(fd, 0, SEEK_END)
    let count = Int(min(size, 64 << 10))
    guard count > 0 else { return nil }
    var tail = [UInt8](repeating: 0, count: count)
    let read = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, size - Int(count)) }
    guard read > 0 else { return nil }
    var parser = EnvelopeParser(options: options)
    var end = read
    while end > 0 {
      var start = end - 1
      while start > 0, tail[start - 1] != 0x0A { start -= 1 }
      let time = tail.withUnsafeBytes { parser.parse(UnsafeRawBufferPointer(rebasing: $0[start..<end])).time }
      if let time { return time }
      end = start - 1
    }
    return nil
  }
}

/// Leaves out the events before a log time (events without a time too), for `--since`.
struct EventsSince: EventSource {
  private var upstream: any EventSource
  private let seconds: Double

  init(_ upstream: any EventSource, seconds: Double) {
    self.upstream = upstream
    self.seconds = seconds
  }

  var status: SourceStatus { upstream.status }

  mutating func next() throws -> Event? {
    while let event = try upstream.next() {
      if let time = event.time, time.seconds >= seconds { return event }
    }
    return nil
  }
}
