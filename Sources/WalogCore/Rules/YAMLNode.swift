/// A node of a rule file's YAML, as ``YAMLComposer`` builds it from libyaml's events, with
/// the line and column where it starts, for diagnostics. Aliases are already replaced by their
/// anchor's node, and no tags are resolved: ``YAMLReader`` reads every scalar from its text.
public enum Node: Sendable {
  case scalar(Scalar)
  case mapping(Mapping)
  case sequence(Sequence)

  /// Where a node starts: 1-based line, and column in characters.
  public struct Mark: Sendable, Equatable {
    public var line: Int
    public var column: Int
  }

  public struct Scalar: Sendable {
    /// How the text was written: only plain scalars are read as `true`, numbers or null.
    public enum Style: Sendable { case plain, singleQuoted, doubleQuoted, literal, folded }
    public var string: String
    public var style: Style
    public var mark: Mark
  }

  /// Key-value pairs in file order.
  public struct Mapping: Sendable, RandomAccessCollection {
    public var pairs: [(key: Node, value: Node)]
    public var mark: Mark

    public var startIndex: Int { pairs.startIndex }
    public var endIndex: Int { pairs.endIndex }
    public subscript(position: Int) -> (key: Node, value: Node) { pairs[position] }

    public var keys: [Node] { pairs.map(\.key) }
    /// The value of the (first) scalar key with this text.
    public subscript(key: String) -> Node? { pairs.first { $0.key.string == key }?.value }
  }

  public struct Sequence: Sendable, RandomAccessCollection {
    public var items: [Node]
    public var mark: Mark

    public var startIndex: Int { items.startIndex }
    public var endIndex: Int { items.endIndex }
    public subscript(position: Int) -> Node { items[position] }
  }

  public var mark: Mark {
    switch self {
    case .scalar(let scalar): scalar.mark
    case .mapping(let mapping): mapping.mark
    case .sequence(let sequence): sequence.mark
    }
  }

  public var scalar: Scalar? {
    if case .scalar(let scalar) = self { return scalar }
    return nil
  }

  /// A mapping's value for a scalar key with this text.
  public subscript(key: String) -> Node? {
    if case .mapping(let mapping) = self { return mapping[key] }
    return nil
  }

  /// A scalar's text.
  public var string: String? { scalar?.string }

  /// YAML's null: a plain scalar `~`, `null`, `Null`, `NULL` or nothing (`key:`). Quoted
  /// text (`''`, `'null'`) is a string.
  public var isNull: Bool {
    guard let scalar, scalar.style == .plain else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }
}
