#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// The console's view of a subsystem: the `[tag]` it prints and the message prefix it drops.
public enum DisplayTag {
  /// The display tag for `subsystem`, as a view into `subsystem` (the console's tag is always
  /// one segment or the last two joined by `/`, both contiguous in the subsystem text).
  ///
  /// Leading segments that are empty or one of `drops` (the rule file's `conventions.tag_drops`:
  /// `gateway`, `channels`, `providers`) are dropped; if the first remaining segment is one of
  /// `channels` (the rule file's channel ids) only that id is shown
  /// (`gateway/channels/whatsapp/heartbeat` → `whatsapp`), otherwise the last two segments; if
  /// nothing remains the whole subsystem is shown.
  public static func forSubsystem(
    _ subsystem: UnsafeRawBufferPointer, channels: ChannelIDs, drops: ChannelIDs
  ) -> UnsafeRawBufferPointer {
    var start = 0
    let count = subsystem.count
    // Drop empty and well-known leading segments.
    while start < count {
      let end = Bytes.find(Bytes.slash, in: subsystem, from: start) ?? count
      let segment = Bytes.slice(subsystem, start, end)
      if segment.count == 0 || drops.contains(segment) {
        start = end + 1
        continue
      }
      break
    }
    guard start < count else { return trimSlashes(subsystem) }
    let firstEnd = Bytes.find(Bytes.slash, in: subsystem, from: start) ?? count
    let first = Bytes.slice(subsystem, start, firstEnd)
    if channels.contains(first) { return first }
    let rest = trimSlashes(Bytes.slice(subsystem, start, count))
    // Keep the last two segments.
    var slashes = 0
    var i = rest.count - 1
    while i >= 0 {
      if rest[i] == Bytes.slash {
        slashes += 1
        if slashes == 2 { return Bytes.slice(rest, i + 1, rest.count) }
      }
      i -= 1
    }
    return rest
  }

  /// `message` without a redundant leading tag, as the console strips it: `[<tag>]`, or
  /// `<tag>` followed by a space or `:` (ASCII case ignored), then spaces, one `:`, spaces.
  public static func stripTagPrefix(
    _ message: UnsafeRawBufferPointer, tag: UnsafeRawBufferPointer
  ) -> UnsafeRawBufferPointer {
    guard tag.count > 0, message.count > 0 else { return message }
    if message[0] == Bytes.lbracket, let close = Bytes.find(Bytes.rbracket, in: message, from: 1),
      close > 1
    {
      if close - 1 == tag.count, Bytes.hasPrefixIgnoringCase(message, 1, tag) {
        return Bytes.suffix(message, from: Bytes.skipSpaces(message, close + 1))
      }
    }
    guard message.count > tag.count, Bytes.hasPrefixIgnoringCase(message, 0, tag) else {
      return message
    }
    let next = message[tag.count]
    guard next == Bytes.space || next == Bytes.colon else { return message }
    var i = Bytes.skipSpaces(message, tag.count)
    if i < message.count, message[i] == Bytes.colon { i += 1 }
    return Bytes.suffix(message, from: Bytes.skipSpaces(message, i))
  }

  private static func trimSlashes(_ buf: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var a = 0
    var b = buf.count
    while a < b, buf[a] == Bytes.slash { a += 1 }
    while b > a, buf[b - 1] == Bytes.slash { b -= 1 }
    return Bytes.slice(buf, a, b)
  }
}

/// Channel ids (or other words of the rules, such as the tag segments the console drops) as
/// one block of bytes, built once when the rules load, so that looking a segment up on the hot
/// path compares bytes and touches no `String`.
public struct ChannelIDs: Sendable {
  private let bytes: [UInt8]
  /// Where each id lies in `bytes`.
  private let spans: [Range<Int>]

  public init(_ ids: [String]) {
    var bytes: [UInt8] = []
    var spans: [Range<Int>] = []
    for id in ids where !id.isEmpty {
      spans.append(bytes.count..<(bytes.count + id.utf8.count))
      bytes.append(contentsOf: id.utf8)
    }
    self.bytes = bytes
    self.spans = spans
  }

  /// Whether `segment` is exactly one of the ids.
  public func contains(_ segment: UnsafeRawBufferPointer) -> Bool {
    guard let segmentBase = segment.baseAddress else { return false }
    return bytes.withUnsafeBytes { all in
      for span in spans where span.count == segment.count {
        if memcmp(all.baseAddress! + span.lowerBound, segmentBase, span.count) == 0 { return true }
      }
      return false
    }
  }
}
