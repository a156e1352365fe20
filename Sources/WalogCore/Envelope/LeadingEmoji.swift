/// An emoji a message opens with (`⚠️ No messages received in 30m …`, `✅ …`, `🦞 …`): the
/// gateway prints a few, and users add them to timelines. It comes off with the blanks after
/// it, so that rules anchored at the message's start still match. Only pictographs are taken
/// (U+2600–U+27BF and U+1F000–U+1FAFF, with a variation selector): arrows such as the `⇄`
/// of WebSocket lines are the message.
enum LeadingEmoji {
  static func strip(_ message: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var i = 0
    // A few in a row (`⚠️⚠️`), never more: bounded work.
    var kept = 0
    for _ in 0..<4 {
      guard let end = pictograph(message, at: i) else { break }
      i = end
      if Bytes.hasLiteral(message, i, "\u{FE0F}") { i += 3 }
      if Bytes.hasLiteral(message, i, "\u{200D}") { i += 3 }
      while i < message.count, message[i] == Bytes.space || message[i] == Bytes.tab { i += 1 }
      kept = i
    }
    return kept > 0 ? Bytes.suffix(message, from: kept) : message
  }

  /// The index after a pictograph at `i`, or nil.
  private static func pictograph(_ text: UnsafeRawBufferPointer, at i: Int) -> Int? {
    guard i + 2 < text.count else { return nil }
    switch text[i] {
    case 0xE2:
      // U+2600–U+27BF: E2 98 80 … E2 9E BF.
      return (0x98...0x9E).contains(text[i + 1]) ? i + 3 : nil
    case 0xF0:
      // U+1F000–U+1FAFF: F0 9F 80 80 … F0 9F AB BF.
      guard i + 3 < text.count, text[i + 1] == 0x9F, (0x80...0xAB).contains(text[i + 2]) else { return nil }
      return i + 4
    default:
      return nil
    }
  }
}
