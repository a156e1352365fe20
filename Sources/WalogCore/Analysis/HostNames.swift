#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The host names one input's lines carry, made into strings once each: a line names its host
/// as bytes, and an event keeps it as a string, so the string of a name seen before is handed
/// out again (a retain, no allocation and no hashing per event).
struct HostNames {
  private var names: [(bytes: [UInt8], name: String)] = []
  /// The entry of the latest name: most lines name the same host as the line before.
  private var latest = -1

  /// Past this many different names, a name is made anew each time (memory stays bounded
  /// whatever the log names); fleets are far smaller.
  static let cap = 256

  /// The string for `bytes`, nil when the line names no host.
  mutating func name(_ bytes: UnsafeRawBufferPointer) -> String? {
    guard bytes.count > 0 else { return nil }
    if latest >= 0, Self.same(names[latest].bytes, bytes) { return names[latest].name }
    if let index = names.firstIndex(where: { Self.same($0.bytes, bytes) }) {
      latest = index
      return names[index].name
    }
    let name = String(decoding: bytes, as: UTF8.self)
    guard names.count < Self.cap else { return name }
    names.append((Array(bytes), name))
    latest = names.count - 1
    return name
  }

  private static func same(_ known: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
    known.count == bytes.count && known.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
  }
}
