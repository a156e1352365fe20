@testable import WalogCore

/// The JSON side of the envelope: the scanner's walk over any bytes, each value decoded,
/// and the JSON-lines formats (file log, console json, `openclaw logs --json`, journald).
enum JSONTarget {
  static let target = FuzzTarget(name: "json", summary: "JSONScanner, JSONFieldReader and the JSON-lines formats") {
    bytes in
    let arena = ScratchArena()
    arena.reset(forLineOf: bytes.count)
    // Start at every `{` of the first few hundred bytes, as a line may hold several objects.
    for start in bytes.indices.prefix(512) where bytes[start] == Bytes.lbrace {
      let end = JSONScanner.members(bytes, at: start) { key, value in
        require(value.start >= start && value.end <= bytes.count && value.start <= value.end, "value outside the buffer")
        require(key.count <= bytes.count, "key longer than the buffer")
        if value.kind == .string {
          _ = JSONScanner.string(bytes, value, arena: arena)
        }
        if value.kind == .array { _ = JSONScanner.byteArray(bytes, value, arena: arena) }
        return true
      }
      if let end { require(end > start && end <= bytes.count, "object end outside the buffer") }
      _ = JSONScanner.skipContainer(bytes, at: start)
      _ = JSONFieldReader.value(forKey: "status", in: UnsafeRawBufferPointer(rebasing: bytes[start...]))
    }
    var parser = EnvelopeParser()
    if bytes.first == Bytes.lbrace {
      _ = parser.parseJSONLine(bytes, allowJournal: true)
      _ = parser.parseJSONLine(bytes, allowJournal: false)
    }
    _ = parser.parse(bytes)
  }
}
