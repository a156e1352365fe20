/// The console's view of a subsystem: the `[tag]` it prints and the message prefix it drops.
public enum DisplayTag {
  /// Channel ids the console shows alone (`gateway/channels/whatsapp/heartbeat` → `whatsapp`).
  /// The gateway's own list grows with its channel plugins; this one is a superset.
  public static let channelIDs: [StaticString] = [
    "whatsapp", "telegram", "discord", "slack", "signal", "imessage", "msteams", "matrix",
    "bluebubbles", "zalo", "zalouser", "googlechat", "line", "mattermost", "nostr", "irc",
    "feishu", "nextcloud-talk", "tlon", "twitch", "xmpp",
  ]

  /// The display tag for `subsystem`, as a view into `subsystem` (the console's tag is always
  /// one segment or the last two joined by `/`, both contiguous in the subsystem text).
  ///
  /// Leading `gateway`, `channels` and `providers` segments are dropped; if the first
  /// remaining segment is a channel id only that id is shown, otherwise the last two
  /// segments; if nothing remains the whole subsystem is shown.
  public static func forSubsystem(_ subsystem: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var start = 0
    let count = subsystem.count
    // Drop empty and well-known leading segments.
    while start < count {
      let end = Bytes.find(Bytes.slash, in: subsystem, from: start) ?? count
      let segment = Bytes.slice(subsystem, start, end)
      if segment.count == 0 || Bytes.equals(segment, "gateway") || Bytes.equals(segment, "channels")
        || Bytes.equals(segment, "providers")
      {
        start = end + 1
        continue
      }
      break
    }
    guard start < count else { return trimSlashes(subsystem) }
    let firstEnd = Bytes.find(Bytes.slash, in: subsystem, from: start) ?? count
    let first = Bytes.slice(subsystem, start, firstEnd)
    if isChannelID(first) { return first }
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

  /// Whether `segment` is one of `channelIDs`.
  public static func isChannelID(_ segment: UnsafeRawBufferPointer) -> Bool {
    for id in channelIDs where Bytes.equals(segment, id) { return true }
    return false
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
