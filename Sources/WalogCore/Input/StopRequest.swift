#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The signal (SIGINT, SIGTERM) that asked walog to stop reading and report what it read.
/// The handler only stores the signal's number; readers look at it between blocks.
nonisolated(unsafe) private var requestedSignal: sig_atomic_t = 0

public enum StopRequest {
  /// Installs the handler for `signals`. A second signal of the same kind kills the process
  /// as usual (the handler resets itself), so a stuck walog can still be stopped.
  public static func install(_ signals: [Int32]) {
    // A parent may hand the signals down blocked (a test runner's spawning thread does).
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    for number in signals { sigaddset(&unblocked, number) }
    pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
    for number in signals {
      var action = sigaction()
      #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { requestedSignal = $0 }
      #else
        action.__sigaction_u.__sa_handler = { requestedSignal = $0 }
      #endif
      sigemptyset(&action.sa_mask)
      // No SA_RESTART: a read blocked on a pipe returns EINTR and the reader stops.
      action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)
      sigaction(number, &action, nil)
    }
  }

  /// The signal that asked to stop, or nil.
  public static var signal: Int32? { requestedSignal == 0 ? nil : Int32(requestedSignal) }

  public static var isRequested: Bool { requestedSignal != 0 }
}
