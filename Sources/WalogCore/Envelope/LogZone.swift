#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The zone `--tz` names, for times a log printed without an offset: a zone of the system's
/// tz database (`Europe/Rome`, Debian's `tzdata`), whose offsets the C library reads from its
/// zone file (`TZ`, `localtime_r`), or a fixed offset.
public struct LogZone: Sendable, Equatable {
  /// The tz database name, or `UTC+01:00` for a fixed offset.
  public let identifier: String
  /// The offset of a fixed zone, which needs no date.
  public let fixedOffset: Int?

  /// A tz database name, or a fixed offset (`+02:00`, `UTC+02`, `GMT-05:30`); nil when it is
  /// neither.
  public init?(identifier: String) {
    if let offset = Self.fixedOffset(identifier) {
      self.init(secondsFromGMT: offset)
      return
    }
    guard Self.isZoneFile(identifier) else { return nil }
    self.init(name: identifier, fixedOffset: nil)
  }

  public init(secondsFromGMT offset: Int) {
    self.init(name: "UTC" + TimeText.offsetText(offset), fixedOffset: offset)
  }

  private init(name: String, fixedOffset: Int?) {
    identifier = name
    self.fixedOffset = fixedOffset
  }

  /// The zone's offset from UTC at an instant (seconds since 1970), summer time included.
  public func secondsFromGMT(at seconds: Double) -> Int {
    if let fixedOffset { return fixedOffset }
    var time = time_t(seconds.rounded(.down))
    var fields = tm()
    Self.lock.withLock {
      // `TZ` is the C library's only way to name a zone; it is the process's, so it is set for
      // the lookup and put back (a hook walog runs inherits the user's).
      let saved = getenv("TZ").map { String(cString: $0) }
      setenv("TZ", ":" + identifier, 1)
      tzset()
      localtime_r(&time, &fields)
      if let saved { setenv("TZ", saved, 1) } else { unsetenv("TZ") }
    }
    return Int(fields.tm_gmtoff)
  }

  /// The offset at a local reading of the zone's clock (seconds since 1970 as if it were
  /// UTC), in two steps: the offset at the reading taken as UTC gives a first guess of the
  /// instant, and the offset there is the one in force at that local time (so hours next to
  /// a summer-time change get theirs).
  public func secondsFromGMT(forLocal local: Double) -> Int {
    secondsFromGMT(at: local - Double(secondsFromGMT(at: local)))
  }

  private static func fixedOffset(_ text: String) -> Int? {
    var bytes = Array(text.utf8)
    if bytes.starts(with: "UTC".utf8) || bytes.starts(with: "GMT".utf8) { bytes.removeFirst(3) }
    return bytes.withUnsafeBytes { buf in
      TimeParsing.zoneOffset(buf, at: 0).flatMap { $0.1 == buf.count ? $0.0 : nil }
    }
  }

  /// Why `init(identifier:)` refused a name, for the command line.
  public static func unknownMessage(_ name: String) -> String {
    var message = "unknown time zone '\(name)'; use an IANA name such as Europe/Rome or UTC, or an offset such as +02:00"
    if !isZoneFile("UTC") { message += " (there is no tz database in \(zoneDirectory): install tzdata)" }
    return message
  }

  /// Where the tz database is: `TZDIR`, as the C library reads it, else the usual place.
  static var zoneDirectory: String {
    getenv("TZDIR").map { String(cString: $0) } ?? "/usr/share/zoneinfo"
  }

  /// Whether `name` is a zone file of the tz database: a relative path of plain name parts
  /// whose file starts with the `TZif` magic (the folder also holds tables such as
  /// `zone.tab`, which the C library would silently read as UTC).
  static func isZoneFile(_ name: String) -> Bool {
    let parts = name.split(separator: "/", omittingEmptySubsequences: false)
    let nameBytes: (UInt8) -> Bool = {
      ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || "_+-.".utf8.contains($0)
    }
    guard !name.isEmpty,
      parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && $0.utf8.allSatisfy(nameBytes) })
    else { return false }
    let descriptor = open(zoneDirectory + "/" + name, O_RDONLY)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var magic = [UInt8](repeating: 0, count: 4)
    return read(descriptor, &magic, 4) == 4 && magic == Array("TZif".utf8)
  }

  /// Serialises the `TZ` lookups of all threads.
  private static let lock = ThreadCondition()
}
