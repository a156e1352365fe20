#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The time of day, in Unix seconds: for what other programs read as a date (Alertmanager's
/// `startsAt` and `endsAt`). Intervals are measured on the monotonic clock instead.
public enum WallClock {
  public static var now: Double {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }
}
