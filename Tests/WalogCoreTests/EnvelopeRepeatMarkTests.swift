import Testing

@testable import WalogCore

/// What users write for lines they left out of a paste (issue 17 §3): which marks read as
/// "more of the same", the period they state, and the look-alikes that do not.
@Suite struct EnvelopeRepeatMarkTests {
  private func ownLine(_ text: String) -> RepeatMarks.Mark? {
    Array(text.utf8).withUnsafeBytes { raw in
      var parser = EnvelopeParser()
      let parsed = parser.parse(raw)
      return RepeatMarks.ownLine(raw: raw, message: parsed.message)
    }
  }

  private func note(_ line: String) -> RepeatMarks.Mark? {
    Array(line.utf8).withUnsafeBytes { raw in
      var parser = EnvelopeParser()
      return parser.parse(raw).note.flatMap(RepeatMarks.note)
    }
  }

  private func bytes<R>(_ text: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    Array(text.utf8).withUnsafeBytes(body)
  }

  @Test(arguments: ["...", "…", "[...]", "(…)", ". . .", "......", "14:20:00 ..."])
  func aBareEllipsisIsMoreOfTheSame(_ line: String) {
    #expect(ownLine(line) != nil)
  }

  @Test func anIndentedEllipsisIsPartOfAStructure() {
    #expect(ownLine("  ...") == nil)
    #expect(ownLine("\t…") == nil)
  }

  @Test(arguments: [
    ("... same again every 45s", 45.0), ("…(wiederholt sich alle 2 Minuten)", 120), ("... se repite cada 90 segundos", 90),
    ("… 每30秒重复一次", 30), ("...this keeps going, roughly every 1.5 min", 90), ("... x40", nil),
    ("# ... the bridge drops again ...", nil), ("-- … loops like this all night … --", nil),
  ] as [(String, Double?)])
  func wordsAfterAnEllipsisThatSayItRepeats(_ line: String, _ period: Double?) {
    let mark = ownLine(line)
    #expect(mark != nil)
    #expect(mark?.period == period)
  }

  @Test(arguments: [
    "... (nothing from the bridge after this)", "...silence for three hours", "# quiet until I restarted it by hand",
    "# Last night:", "-- no activity logged until the manual restart --", "... then I restarted it",
  ])
  func wordsThatSayOtherwiseAreNoMark(_ line: String) {
    #expect(ownLine(line) == nil)
  }

  @Test func notesAfterALineThatSayItRepeats() {
    #expect(note("[bridge] link lost  ← and again right after") != nil)
    #expect(note("[bridge] link lost    <-- every ~12s") == .init(text: "<-- every ~12s", period: 12))
    #expect(note("[bridge] link lost   # comes back 3 times a minute") != nil)
    #expect(note("[bridge] link lost  ← the first one today") == nil)
    #expect(note("[bridge] link lost  ← upstream said 502") == nil)
  }

  @Test func aCountAtTheEndOfALine() {
    #expect(bytes("[bridge] ping failed (x12)", RepeatMarks.trailingCount) != nil)
    #expect(bytes("[bridge] ping failed ×7", RepeatMarks.trailingCount) != nil)
    #expect(bytes("[bridge] linked device box12", RepeatMarks.trailingCount) == nil)
  }

  @Test func aLineCutShortKeepsItsStart() {
    let start = bytes("[gateway] port already held by another instance; ...") { raw -> String? in
      var parser = EnvelopeParser()
      return RepeatMarks.cutShort(parser.parse(raw).message).map { String(decoding: $0, as: UTF8.self) }
    }
    #expect(start == "port already held by another instance")
    // The gateway's own ellipsis is glued to the word before it: no cut.
    #expect(bytes("starting...", RepeatMarks.cutShort) == nil)
    // Too little left to tell which line it repeats.
    #expect(bytes("retry ...", RepeatMarks.cutShort) == nil)
  }

  @Test(arguments: [
    ("every 60s", 60.0), ("~10s later", 10), ("each 2 min", 120), ("1.5h", 5400), ("500ms", 0.5),
    ("toutes les 30 secondes", 30), ("60秒", 60), ("at 20:48", nil), ("3000+ times", nil), ("in 5 sessions", nil),
  ] as [(String, Double?)])
  func periods(_ text: String, _ seconds: Double?) {
    #expect(bytes(text, RepeatMarks.period) == seconds)
  }

  @Test func aLineMayHoldAMarkCheaply() {
    #expect(bytes("...", RepeatMarks.mayHoldMark))
    #expect(bytes("[x] y  <-- later", RepeatMarks.mayHoldMark))
    #expect(bytes("09:00:00 [x] cut short here ...", RepeatMarks.mayHoldMark))
    #expect(!bytes("2026-05-01T10:00:00Z [ws] ⇄ res ✓ chat.send 12ms conn=4f1c0a2e…9b7d id=77aa1c03…e1f0", RepeatMarks.mayHoldMark))
  }
}
