import Foundation
import Testing

/// What a newcomer meets first: `scripts/setup` installs only what the build needs (the test
/// tools are `scripts/test`'s part), and a package manager that is busy elsewhere is waited for
/// with a word on who holds its lock, not failed on at once.
@Suite(.linuxOnly("scripts/setup installs Debian packages with apt-get and dpkg"))
struct SetupScriptTests {
  static func script(_ name: String, _ arguments: [String]) throws -> WalogProcess.Result {
    try WalogProcess.run(arguments, executable: WalogProcess.packageRoot.appendingPathComponent(name))
  }

  @Test func theFirstCommandInstallsOnlyWhatTheBuildNeeds() throws {
    let listed = try Self.script("scripts/setup", ["--list"])
    #expect(listed.status == 0, "\(listed.stderr)")
    let parts = Dictionary(
      uniqueKeysWithValues: listed.stdout.split(separator: "\n").map { line in
        let (part, packages) = (line.prefix { $0 != ":" }, line.drop { $0 != ":" }.dropFirst())
        return (String(part), Set(packages.split(separator: " ").map(String.init)))
      })
    #expect(parts["build"] == ["libpcre2-dev", "libarchive-dev", "zlib1g-dev", "libyaml-dev", "libcurl4-openssl-dev", "libisal-dev", "tzdata"])
    for tool in ["prometheus", "prometheus-alertmanager", "qemu-user", "shellcheck", "zsh", "man-db"] {
      #expect(parts["test"]?.contains(tool) == true, "\(tool)")
    }
    // scripts/test installs the test part, and the README says which command does what.
    let test = try String(contentsOf: WalogProcess.packageRoot.appendingPathComponent("scripts/test"), encoding: .utf8)
    #expect(test.contains("\nscripts/setup --test-deps\n"))
  }

  /// A real apt-get while another process holds dpkg's front-end lock (as unattended-upgrades
  /// or a second apt does): it says who holds it, waits, and succeeds once the lock is free.
  @Test func aBusyPackageManagerIsWaitedFor() throws {
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    holder.arguments = [
      "-c",
      """
      import fcntl, os, sys, time
      fd = os.open("/var/lib/dpkg/lock-frontend", os.O_RDWR | os.O_CREAT, 0o640)
      fcntl.lockf(fd, fcntl.LOCK_EX)
      print("held", flush=True)
      time.sleep(4)
      """,
    ]
    let said = Pipe()
    holder.standardOutput = said
    try holder.run()
    defer { holder.waitUntilExit() }
    #expect(String(decoding: said.fileHandleForReading.readData(ofLength: 5), as: UTF8.self) == "held\n")

    let started = Date()
    // Installed already and not to be upgraded: apt-get takes the lock and changes nothing.
    let result = try Self.script("scripts/apt-get-waiting", ["install", "-y", "--no-upgrade", "tzdata"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains(
      "walog setup: apt-get install is waiting for another package manager (the lock is held by process \(holder.processIdentifier) (python3)); up to 15 min more"),
      "\(result.stderr)")
    #expect(Date().timeIntervalSince(started) >= 2, "it waited for the lock")
  }
}
