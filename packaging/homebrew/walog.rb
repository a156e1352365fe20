# Homebrew formula for walog, ready for a tap (copy to Formula/walog.rb of OWNER/homebrew-tap).
# At each release: set `url` to the release's source archive and `sha256` to its checksum
# (`curl -fsSL URL | shasum -a 256`).
class Walog < Formula
  desc "Diagnose OpenClaw gateway logs: reconnect and restart loops and their root cause"
  homepage "https://github.com/OWNER/walog"
  url "https://github.com/OWNER/walog/archive/refs/tags/v0.1.0.tar.gz"
  sha256 "0000000000000000000000000000000000000000000000000000000000000000"
  license "MIT"
  head "https://github.com/OWNER/walog.git", branch: "main"

  depends_on "pkgconf" => :build
  depends_on xcode: ["16.0", :build]
  depends_on "libarchive"
  depends_on "libyaml"
  depends_on "pcre2"

  uses_from_macos "swift" => :build
  uses_from_macos "curl"
  uses_from_macos "zlib"

  def install
    # The version `walog --version` prints comes from the release, as in scripts/make-release.
    inreplace "Sources/WalogCore/Version.swift", /walogVersion = ".*"/, "walogVersion = \"#{version}\""
    # libarchive is keg-only: SwiftPM finds it through Package.swift's .brew provider; this is
    # the fallback for a SwiftPM that does not.
    ENV.prepend_path "PKG_CONFIG_PATH", Formula["libarchive"].opt_lib/"pkgconfig"
    system "swift", "build", "--disable-sandbox", "-c", "release", "--product", "walog"
    bin.install ".build/release/walog"

    # Man page and completions from the command definitions, as in the release tarballs.
    system "swift", "build", "--disable-sandbox", "--scratch-path", ".build/manual-tool",
           "--product", "generate-manual"
    system ".build/manual-tool/debug/generate-manual", bin/"walog", "--output-directory", buildpath/"man"
    man1.install "man/walog.1"
    generate_completions_from_executable(bin/"walog", "--generate-completion-script")
  end

  test do
    assert_equal version.to_s, shell_output("#{bin}/walog --version").strip
    (testpath/"gateway.log").write <<~LOG
      2026-04-12T11:40:58.118+02:00 [whatsapp] [default] starting provider
      2026-04-12T11:41:02.118+02:00 [whatsapp] [default] connection closed (status 440 Conflict); stopping
    LOG
    output = shell_output("#{bin}/walog analyze --format json #{testpath}/gateway.log")
    assert_match "\"schema_version\"", output
  end
end
