#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program started with `posix_spawn`, its standard input a pipe that walog writes, its
/// standard output and error walog's own. (Foundation's `Process` would link Foundation and
/// ICU into the static binary.)
struct ChildProcess {
  let pid: pid_t
  /// The write end of the program's standard input; the caller closes it.
  let input: Int32

  enum Exit: Equatable {
    case status(Int32)
    case signal(Int32)
  }

  /// Starts `path` (not looked up in `PATH`) with `arguments`, in walog's environment with
  /// `adding` set; throws the C library's reason. SIGPIPE, which walog ignores, is the
  /// default again in the program.
  init(path: String, arguments: [String], adding: [String: String]) throws(SpawnError) {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { throw SpawnError(code: errno) }
    _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
    #if canImport(Darwin)
      var actions: posix_spawn_file_actions_t?
      var attributes: posix_spawnattr_t?
    #else
      var actions = posix_spawn_file_actions_t()
      var attributes = posix_spawnattr_t()
    #endif
    posix_spawn_file_actions_init(&actions)
    posix_spawnattr_init(&attributes)
    defer {
      posix_spawn_file_actions_destroy(&actions)
      posix_spawnattr_destroy(&attributes)
    }
    posix_spawn_file_actions_adddup2(&actions, ends[0], 0)
    posix_spawn_file_actions_addclose(&actions, ends[0])
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGPIPE)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    let envp = Self.environment(adding: adding).map { strdup($0) } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid = pid_t()
    let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    close(ends[0])
    guard result == 0 else {
      close(ends[1])
      throw SpawnError(code: result)
    }
    self.pid = pid
    input = ends[1]
  }

  /// walog's own `NAME=value` entries, those named in `adding` replaced.
  private static func environment(adding: [String: String]) -> [String] {
    var entries: [String] = []
    #if canImport(Darwin)
      var entry = _NSGetEnviron().pointee!
    #else
      var entry = environ
    #endif
    while let text = entry.pointee {
      let line = String(cString: text)
      if !adding.keys.contains(where: { line.hasPrefix($0 + "=") }) { entries.append(line) }
      entry += 1
    }
    return entries + adding.map { "\($0.key)=\($0.value)" }
  }

  /// How the program ended, or nil while it runs.
  func exited() -> Exit? {
    var status: Int32 = 0
    guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
    return Self.exit(status)
  }

  /// Kills the program and waits for it.
  func terminate() {
    kill(pid, SIGKILL)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  }

  /// The `wait` status decoded (the C macros do not come through to Swift).
  private static func exit(_ status: Int32) -> Exit {
    status & 0x7F == 0 ? .status((status >> 8) & 0xFF) : .signal(status & 0x7F)
  }
}

struct SpawnError: Error, CustomStringConvertible {
  var code: Int32
  var description: String { String(cString: strerror(code)) }
}
