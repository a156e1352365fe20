import Testing

@testable import WalogCore

/// The `text:` words of a route's filters are found in one pass over a message; each
/// filter then reads its bits. The bits must say exactly which words occur.
@Suite struct DiagnoseTextNeedlesTests {
  @Test func bitsSayWhichWordsOccur() throws {
    var needles = TextNeedles()
    let dnsMask = needles.mask(for: ["ENOTFOUND", "EAI_AGAIN"])
    let resetMask = needles.mask(for: ["ECONNRESET", "EAI_AGAIN"])
    let dns = try #require(dnsMask)
    let reset = try #require(resetMask)
    #expect(dns & reset != 0)  // EAI_AGAIN is one needle shared by both filters
    #expect(needles.needles.count == 3)

    #expect(needles.found(in: "getaddrinfo ENOTFOUND web.whatsapp.com") & dns != 0)
    #expect(needles.found(in: "getaddrinfo ENOTFOUND web.whatsapp.com") & reset == 0)
    #expect(needles.found(in: "read ECONNRESET") & reset != 0)
    #expect(needles.found(in: "Error: E E EAI EAI_AGAI") == 0)  // near misses at every 'E'
    #expect(needles.found(in: "") == 0)
    // A word at the very end, and one occurring only after a false start with the same byte.
    #expect(needles.found(in: "x EAI_AGAIN") & dns != 0)
    #expect(needles.found(in: "EECONNRESET") & reset != 0)
  }

  @Test func wordsBeyondTheCapacityAreLeftToTheFilter() {
    var needles = TextNeedles()
    let words = (0..<TextNeedles.capacity).map { "word\($0)" }
    let all = needles.mask(for: words)
    let beyond = needles.mask(for: ["one more"])
    let known = needles.mask(for: ["word3"])
    #expect(all != nil)
    #expect(beyond == nil)
    #expect(known != nil)  // known words still fit
  }

  @Test func anEmptyWordOccursEverywhere() throws {
    var needles = TextNeedles()
    let mask = needles.mask(for: [""])
    let any = try #require(mask)
    #expect(needles.found(in: "") & any != 0)
    #expect(needles.found(in: "anything") & any != 0)
  }
}
