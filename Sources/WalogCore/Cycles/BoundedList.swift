/// Keeps the first `head` and the last `tail` items of a sequence of any length and counts
/// the rest, so a stream's history stays small however long the log is.
public struct BoundedList<Element: Sendable>: Sendable {
  public private(set) var first: [Element] = []
  public private(set) var last: [Element] = []
  /// How many items were seen in all.
  public private(set) var count = 0
  public let head: Int
  public let tail: Int

  public init(head: Int = 50, tail: Int = 50) {
    self.head = head
    self.tail = tail
  }

  public mutating func append(_ element: Element) {
    count += 1
    if first.count < head {
      first.append(element)
      return
    }
    last.append(element)
    if last.count > tail * 2 { last.removeFirst(last.count - tail) }
  }

  /// The kept items in order, and how many were left out between the two ends.
  public var kept: (items: [Element], omittedAfter: Int, omitted: Int) {
    let tailItems = Array(last.suffix(tail))
    return (first + tailItems, first.count, count - first.count - tailItems.count)
  }

  public var isEmpty: Bool { count == 0 }

  /// Changes the first item, if there is one.
  mutating func updateFirst(_ change: (inout Element) -> Void) {
    if !first.isEmpty { change(&first[0]) }
  }
}
