/// A dictionary's index for the key asked for last. Consecutive events mostly belong to one
/// stream, and comparing two keys is cheaper than hashing one: the stream lookups of every
/// event were 5 % of a run's instructions. An index stays valid while values change, and is
/// looked up again after an insertion moves them.
struct RecentIndex<Key: Hashable, Value> {
  private var recent: (key: Key, index: Dictionary<Key, Value>.Index)?

  /// The index of `key` in `dictionary`, inserting `make()` first when the key is new.
  mutating func index(
    of key: Key, in dictionary: inout [Key: Value], orInsert make: () -> Value
  ) -> Dictionary<Key, Value>.Index {
    if let recent, recent.key == key { return recent.index }
    if dictionary[key] == nil { dictionary[key] = make() }
    let index = dictionary.index(forKey: key)!
    recent = (key, index)
    return index
  }
}

extension RecentIndex: Sendable where Key: Sendable, Value: Sendable {}
