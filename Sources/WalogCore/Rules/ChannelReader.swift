/// Reads the `channels:` section of a rule file.
enum ChannelReader {
  static let channelKeys = ["id", "names", "subsystems", "policies"]

  static func channels(_ node: Node?, reader: inout YAMLReader) -> [ChannelRule] {
    guard let node, let items = reader.list(node, key: "channels") else { return [] }
    var channels: [ChannelRule] = []
    var firstByID: [String: SourceLocation] = [:]
    for item in items {
      guard let channel = channel(item, reader: &reader) else { continue }
      if let first = firstByID[channel.id] {
        reader.error(channel.location, "duplicate channel id '\(channel.id)' (first defined at \(first))")
        continue
      }
      firstByID[channel.id] = channel.location
      channels.append(channel)
    }
    return channels
  }

  private static func channel(_ node: Node, reader: inout YAMLReader) -> ChannelRule? {
    let errorsBefore = reader.diagnostics.count
    var what = "channel"
    if case .mapping(let mapping) = node, let id = mapping["id"]?.scalar?.string { what = "channel '\(id)'" }
    guard let entries = reader.entries(of: node, what: what == "channel" ? "a channel" : what, allowed: channelKeys)
    else { return nil }
    var id = ""
    if let idNode = reader.required("id", in: entries, of: node, what: what),
      let value = reader.string(idNode, key: "id")
    {
      id = value
      if value.isEmpty || !value.utf8.allSatisfy(RuleLoader.isIDByte) {
        reader.error(idNode, "invalid channel id '\(value)'; expected lowercase letters, digits and '-'")
      }
    }
    let names = entries["names"].flatMap { reader.stringList($0.value, key: "names") } ?? []
    let subsystems = entries["subsystems"].flatMap { reader.stringList($0.value, key: "subsystems") } ?? []
    let policies = entries["policies"].map {
      PolicyReader.policy($0.value, what: "the policies of \(what)", reader: &reader)
    } ?? ChannelPolicy()
    guard reader.diagnostics.count == errorsBefore else { return nil }
    return ChannelRule(
      id: id, names: names, subsystems: subsystems, policies: policies, location: reader.location(of: node))
  }
}
