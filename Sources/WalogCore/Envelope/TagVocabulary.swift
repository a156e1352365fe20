/// The tags and subsystem names a rule file knows, as one lookup table built once at load:
/// channel ids and display names (`whatsapp`, `WhatsApp`), the subsystems that belong to a
/// channel (`gateway/channels/whatsapp`, `web-auto-reply`) and the gateway's other
/// subsystems (`gateway/health-monitor`), each also under its console display tag.
///
/// The envelope stage asks it, per line and without allocating, whether a `[word]` or a
/// subsystem token is OpenClaw's and which channel it names. What the names are is the rule
/// file's knowledge (`channels:` and `subsystems:`); this type only looks them up.
public final class TagVocabulary: @unchecked Sendable {
  /// One channel as the rule file declares it.
  public struct Channel: Sendable {
    public var id: String
    public var names: [String]
    public var subsystems: [String]

    public init(id: String, names: [String] = [], subsystems: [String] = []) {
      self.id = id
      self.names = names
      self.subsystems = subsystems
    }
  }

  /// Channel ids, in the rule file's order; a lookup answers an index into this.
  public let channelIDs: [String]

  /// Lowercased names, back to back; immutable after init.
  private let storage: UnsafeMutableRawBufferPointer
  /// Per name: where it is in `storage`, its channel index or -1 (a subsystem), and how the
  /// rule file declared it.
  private let entries: [Entry]
  private typealias Entry = (start: Int, count: Int, channel: Int, source: Source)

  private enum Source { case id, name, subsystem }
  /// Open addressing over `entries`: -1 is an empty slot. Both tables are constants, so a
  /// lookup pays no exclusivity check.
  private let slots: [Int32]
  private let mask: Int

  /// What a name is.
  public enum Meaning: Equatable, Sendable {
    /// A channel's id, display name or one of its subsystems: the channel's index.
    case channel(Int)
    /// One of the gateway's other subsystems (health monitor, diagnostics…).
    case subsystem
  }

  /// `tagDrops`: the leading subsystem segments the console leaves out of a tag.
  public init(channels: [Channel], subsystems: [String], tagDrops: [String]) {
    channelIDs = channels.map(\.id)
    var names: [(String, Int, Source)] = []
    for (index, channel) in channels.enumerated() {
      names.append((channel.id, index, .id))
      for name in channel.names { names.append((name, index, .name)) }
      for subsystem in channel.subsystems {
        names.append((subsystem, index, .subsystem))
        names.append((Self.displayTag(subsystem, channelIDs: channelIDs, drops: tagDrops), index, .subsystem))
      }
    }
    for subsystem in subsystems {
      names.append((subsystem, -1, .subsystem))
      names.append((Self.displayTag(subsystem, channelIDs: channelIDs, drops: tagDrops), -1, .subsystem))
    }
    let total = names.reduce(0) { $0 + $1.0.utf8.count }
    let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(total, 1), alignment: 1)
    self.storage = storage
    var size = 16
    while size < names.count * 2 { size *= 2 }
    var slots = [Int32](repeating: -1, count: size)
    var entries: [Entry] = []
    let mask = size - 1
    self.mask = mask
    var offset = 0
    var seen = Set<[UInt8]>()
    for (name, channel, source) in names {
      let bytes = name.utf8.map(Bytes.lower)
      // The first declaration of a name wins (channel ids come first).
      guard !bytes.isEmpty, seen.insert(bytes).inserted else { continue }
      for (k, b) in bytes.enumerated() { storage[offset + k] = b }
      entries.append((offset, bytes.count, channel, source))
      var slot = Self.hash(UnsafeRawBufferPointer(rebasing: storage[offset..<offset + bytes.count])) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(entries.count - 1)
      offset += bytes.count
    }
    self.slots = slots
    self.entries = entries
  }

  deinit { storage.deallocate() }

  /// What `name` means (ASCII case ignored), or nil when the rule file does not know it.
  public func meaning(of name: UnsafeRawBufferPointer) -> Meaning? {
    guard let index = lookup(name) else { return nil }
    let channel = entries[index].channel
    return channel >= 0 ? .channel(channel) : .subsystem
  }

  /// The channel id `name` names, if it names one.
  public func channel(named name: UnsafeRawBufferPointer) -> String? {
    if case .channel(let index) = meaning(of: name) { return channelIDs[index] }
    return nil
  }

  /// Whether `name` is a subsystem or module name (`health-monitor`, `web-auto-reply`), not
  /// a channel's id or display name.
  func isSubsystemName(_ name: UnsafeRawBufferPointer) -> Bool {
    guard let index = lookup(name) else { return false }
    return entries[index].source == .subsystem
  }

  // MARK: - Table

  private func lookup(_ name: UnsafeRawBufferPointer) -> Int? {
    guard name.count > 0, name.count <= 64 else { return nil }
    var slot = Self.hash(name) & mask
    while true {
      let index = Int(slots[slot])
      if index < 0 { return nil }
      let entry = entries[index]
      if entry.count == name.count,
        Bytes.hasPrefixIgnoringCase(
          UnsafeRawBufferPointer(start: storage.baseAddress! + entry.start, count: entry.count), 0, name)
      {
        return index
      }
      slot = (slot + 1) & mask
    }
  }

  /// The length and the first two and last two bytes, lowercased: constant time per lookup
  /// (the compare that follows checks every byte). `name` is not empty.
  private static func hash(_ name: UnsafeRawBufferPointer) -> Int {
    let n = name.count
    var h = UInt64(n)
    h = h << 8 | UInt64(Bytes.lower(name[0]))
    h = h << 8 | UInt64(Bytes.lower(name[min(1, n - 1)]))
    h = h << 8 | UInt64(Bytes.lower(name[max(n - 2, 0)]))
    h = h << 8 | UInt64(Bytes.lower(name[n - 1]))
    return Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> 33)
  }

  /// The console's display tag of a subsystem, as `DisplayTag.forSubsystem` derives it but
  /// with this vocabulary's channel ids; at load only.
  private static func displayTag(_ subsystem: String, channelIDs: [String], drops: [String]) -> String {
    var segments = subsystem.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    while let first = segments.first, drops.contains(first) {
      segments.removeFirst()
    }
    guard let first = segments.first else { return subsystem }
    if channelIDs.contains(first.lowercased()) { return first }
    return segments.suffix(2).joined(separator: "/")
  }
}
