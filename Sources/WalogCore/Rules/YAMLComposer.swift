import CWalogYAML

/// A YAML text that libyaml or the composer refused, at the line and column of the problem.
struct YAMLError: Error {
  var mark: Node.Mark
  var message: String
}

/// Composes the documents of a YAML stream into ``Node``s from libyaml's parser events: anchors
/// and aliases resolved (within a document), duplicate keys refused, every mark 1-based (and
/// counted from the stream's start, so a later document's marks are its lines in the file). (libyaml's own loader, which builds
/// a `yaml_document_t`, checks neither duplicates nor nesting depth.)
final class YAMLComposer {
  /// Deeper collections are refused rather than recursed into: a rule file is a few levels
  /// deep, and a hostile one must not exhaust the stack.
  static let maxDepth = 256

  /// The stream's documents, in order; none for an empty stream (or one of comments only).
  static func documents(_ text: String) throws(YAMLError) -> [Node] {
    try YAMLComposer(text).documents()
  }

  private let input: UnsafeMutableBufferPointer<UInt8>
  private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
  private var anchors: [String: Node] = [:]

  private init(_ text: String) {
    input = .allocate(capacity: text.utf8.count)
    _ = input.initialize(from: text.utf8)
    yaml_parser_initialize(parser)
    yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
    yaml_parser_set_input_string(parser, input.baseAddress, input.count)
  }

  deinit {
    yaml_parser_delete(parser)
    parser.deallocate()
    input.deallocate()
  }

  /// One event, its strings copied out (libyaml frees them with the event).
  private struct Event {
    var type: yaml_event_type_t
    var mark: Node.Mark
    /// A node's anchor, or the anchor an alias names.
    var anchor: String?
    var value = ""
    var style = Node.Scalar.Style.plain
  }

  private func next() throws(YAMLError) -> Event {
    var raw = yaml_event_t()
    guard yaml_parser_parse(parser, &raw) == 1 else { throw parserError() }
    defer { yaml_event_delete(&raw) }
    var event = Event(type: raw.type, mark: Self.mark(raw.start_mark), anchor: nil)
    switch raw.type {
    case YAML_ALIAS_EVENT:
      event.anchor = Self.text(raw.data.alias.anchor)
    case YAML_SCALAR_EVENT:
      let scalar = raw.data.scalar
      event.anchor = Self.text(scalar.anchor)
      event.value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
      event.style = Self.style(scalar.style)
    case YAML_SEQUENCE_START_EVENT:
      event.anchor = Self.text(raw.data.sequence_start.anchor)
    case YAML_MAPPING_START_EVENT:
      event.anchor = Self.text(raw.data.mapping_start.anchor)
    default:
      break
    }
    return event
  }

  private func documents() throws(YAMLError) -> [Node] {
    _ = try next()  // stream start
    var documents: [Node] = []
    while try next().type == YAML_DOCUMENT_START_EVENT {
      anchors = [:]  // an alias names an anchor of its own document
      documents.append(try node(from: try next(), depth: 0))
      _ = try next()  // document end
    }
    return documents
  }

  private func node(from event: Event, depth: Int) throws(YAMLError) -> Node {
    if depth > Self.maxDepth {
      throw YAMLError(mark: event.mark, message: "nested more than \(Self.maxDepth) levels deep")
    }
    let node: Node
    switch event.type {
    case YAML_ALIAS_EVENT:
      guard let anchor = event.anchor, let target = anchors[anchor] else {
        throw YAMLError(mark: event.mark, message: "found undefined alias '\(event.anchor ?? "")'")
      }
      return target
    case YAML_SCALAR_EVENT:
      node = .scalar(Node.Scalar(string: event.value, style: event.style, mark: event.mark))
    case YAML_SEQUENCE_START_EVENT:
      var items: [Node] = []
      var item = try next()
      while item.type != YAML_SEQUENCE_END_EVENT {
        items.append(try self.node(from: item, depth: depth + 1))
        item = try next()
      }
      node = .sequence(Node.Sequence(items: items, mark: event.mark))
    default:  // mapping start: the parser sends nothing else here
      var pairs: [(key: Node, value: Node)] = []
      var seen: [String: Node.Mark] = [:]
      var keyEvent = try next()
      while keyEvent.type != YAML_MAPPING_END_EVENT {
        let key = try self.node(from: keyEvent, depth: depth + 1)
        if let name = key.string {
          if let first = seen[name] {
            throw YAMLError(
              mark: key.mark,
              message: "duplicate key '\(name)' in a mapping (first at line \(first.line), column \(first.column))")
          }
          seen[name] = key.mark
        }
        pairs.append((key, try self.node(from: try next(), depth: depth + 1)))
        keyEvent = try next()
      }
      node = .mapping(Node.Mapping(pairs: pairs, mark: event.mark))
    }
    if let anchor = event.anchor { anchors[anchor] = node }
    return node
  }

  /// libyaml's problem and, when it has one, the construct it was reading.
  private func parserError() -> YAMLError {
    let state = parser.pointee
    let problem = Self.text(state.problem) ?? "unknown problem"
    switch state.error {
    case YAML_MEMORY_ERROR:
      return YAMLError(mark: Node.Mark(line: 0, column: 0), message: "out of memory")
    case YAML_READER_ERROR:
      // The reader reports a byte offset, not a mark.
      return YAMLError(mark: mark(atByte: state.problem_offset), message: problem)
    default:
      var message = problem
      if let context = Self.text(state.context) {
        let at = Self.mark(state.context_mark)
        message += " (\(context) at line \(at.line), column \(at.column))"
      }
      return YAMLError(mark: Self.mark(state.problem_mark), message: message)
    }
  }

  private func mark(atByte offset: Int) -> Node.Mark {
    let before = input.prefix(offset)
    let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
    let line = before.count { $0 == UInt8(ascii: "\n") } + 1
    // Characters, as libyaml counts columns: every byte but UTF-8 continuation bytes.
    let column = input[lineStart..<before.endIndex].count { $0 & 0xC0 != 0x80 } + 1
    return Node.Mark(line: line, column: column)
  }

  private static func mark(_ mark: yaml_mark_t) -> Node.Mark {
    Node.Mark(line: mark.line + 1, column: mark.column + 1)
  }

  private static func text(_ pointer: UnsafePointer<CChar>?) -> String? {
    pointer.map { String(cString: $0) }
  }

  private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    pointer.map { String(cString: $0) }
  }

  private static func style(_ style: yaml_scalar_style_t) -> Node.Scalar.Style {
    switch style {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
    case YAML_LITERAL_SCALAR_STYLE: .literal
    case YAML_FOLDED_SCALAR_STYLE: .folded
    default: .plain
    }
  }
}
