/// One growing block of bytes that the parser writes decoded text into (unescaped JSON,
/// ANSI-free messages, journald byte arrays).
///
/// The block is sized once per line, before any view into it is handed out, to several times
/// the line's length: every decoder writes at most as many bytes as it reads, and a line is
/// decoded at most a few times over (JSON inside JSON inside journald). Views stay valid until
/// the next `reset`. When a write would not fit, it is refused and the caller keeps the raw
/// bytes, so no input can make the parser write out of bounds.
final class ScratchArena {
  private(set) var base: UnsafeMutableRawPointer
  private(set) var capacity: Int
  private var used = 0

  /// Number of full-length decodes a line may need; see the type comment.
  static let decodeDepth = 6

  init(initialCapacity: Int = 64 * 1024) {
    capacity = initialCapacity
    base = UnsafeMutableRawPointer.allocate(byteCount: initialCapacity, alignment: 16)
  }

  deinit { base.deallocate() }

  /// Starts a new line of `lineLength` bytes: forgets earlier writes and makes room.
  func reset(forLineOf lineLength: Int) {
    used = 0
    let needed = lineLength * Self.decodeDepth + 1024
    if needed > capacity {
      base.deallocate()
      capacity = max(needed, capacity * 2)
      base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }
  }

  /// Runs `body` with room for `maxCount` bytes; `body` returns how many it wrote.
  /// Returns the written bytes, or nil when the arena has no room left for this line.
  func write(
    maxCount: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int
  ) -> UnsafeRawBufferPointer? {
    guard maxCount >= 0, used + maxCount <= capacity else { return nil }
    let start = (base + used).assumingMemoryBound(to: UInt8.self)
    let written = body(start)
    used += written
    return UnsafeRawBufferPointer(start: start, count: written)
  }
}
