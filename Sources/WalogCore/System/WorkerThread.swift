#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts `body` on a detached thread of its own, as Foundation's `Thread` did (which would
/// link Foundation and ICU into the static binary).
public enum WorkerThread {
  public static func start(_ body: @escaping @Sendable () -> Void) {
    let work = Unmanaged.passRetained(Work(body))
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    #if canImport(Darwin)
      var thread: pthread_t?
    #else
      var thread = pthread_t()
    #endif
    let result = pthread_create(&thread, &attributes, { context in
      let pointer: UnsafeMutableRawPointer? = context
      Unmanaged<Work>.fromOpaque(pointer!).takeRetainedValue().body()
      return nil
    }, work.toOpaque())
    precondition(result == 0, "walog: cannot start a thread (error \(result))")
  }

  private final class Work {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
  }
}
