import Testing

@testable import WalogCore

/// Shapes users paste records in (issue 17 §3): a Control UI copy over four lines, an object
/// printed over several, a message quoted after its binding, an emoji in front.
@Suite struct EnvelopeCopiedRecordTests {
  private func withBlock<R>(_ text: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    Array(text.utf8).withUnsafeBytes(body)
  }

  /// The range of the line of `text` that starts with `prefix`.
  private func line(_ text: String, startingWith prefix: String) -> Range<Int> {
    let bytes = Array(text.utf8)
    let needle = Array(("\n" + prefix).utf8)
    var i = 0
    while i + needle.count <= bytes.count, Array(bytes[i..<i + needle.count]) != needle { i += 1 }
    var end = i + 1
    while end < bytes.count, bytes[end] != 0x0A { end += 1 }
    return (i + 1)..<end
  }

  @Test func aControlUICopyIsOneLine() {
    let text = "16:02:11\nerror\ngateway/channels/whatsapp\nWeb connection closed (status 428). Retry 1/12 in 2s…\n"
    var joined: [UInt8] = []
    let ok = withBlock(text) { ControlUICopy.join($0, message: line(text, startingWith: "Web"), into: &joined) }
    #expect(ok)
    #expect(String(decoding: joined, as: UTF8.self) == "16:02:11 error gateway/channels/whatsapp Web connection closed (status 428). Retry 1/12 in 2s…")
    let parsed = joined.withUnsafeBytes { raw -> (String?, String) in
      var parser = EnvelopeParser()
      let line = parser.parse(raw)
      return (line.channel, String(decoding: line.message, as: UTF8.self))
    }
    #expect(parsed.0 == "whatsapp")
    #expect(parsed.1 == "Web connection closed (status 428). Retry 1/12 in 2s…")
  }

  @Test func threeLinesThatAreNoRecordStayApart() {
    for text in [
      "some words here\nerror\ngateway/channels/whatsapp\nWeb connection closed (status 428).\n",
      "16:02:11\nnot-a-level\ngateway/channels/whatsapp\nWeb connection closed (status 428).\n",
      "16:02:11\nerror\ntwo words\nWeb connection closed (status 428).\n",
    ] {
      var joined: [UInt8] = []
      #expect(!withBlock(text) { ControlUICopy.join($0, message: line(text, startingWith: "Web"), into: &joined) })
    }
  }

  @Test func aPrintedObjectJoinsItsFields() {
    let text = "x\n09:14:02 [ERROR] [bridge] connection error {\n  name: 'StreamError',\n  condition: 'conflict'\n}\nafter\n"
    var joined: [UInt8] = []
    let opening = line(text, startingWith: "09:14")
    let end = withBlock(text) { InspectedObject.join($0, opening: opening, into: &joined) }
    #expect(String(decoding: joined, as: UTF8.self)
      == "09:14:02 [ERROR] [bridge] connection error { name: 'StreamError', condition: 'conflict' }")
    #expect(end == line(text, startingWith: "}").upperBound)
  }

  @Test func anObjectThatNeverClosesIsNone() {
    let text = "x\n09:14:02 [bridge] state {\n  a: 1,\nnext line at the margin\n"
    var joined: [UInt8] = []
    #expect(withBlock(text) { InspectedObject.join($0, opening: line(text, startingWith: "09:14"), into: &joined) } == nil)
  }

  private func message(_ line: String) -> (message: String, channel: String?) {
    Array(line.utf8).withUnsafeBytes { raw in
      var parser = EnvelopeParser()
      let parsed = parser.parse(raw)
      return (String(decoding: parsed.message, as: UTF8.self), parsed.channel)
    }
  }

  @Test func aQuotedMessageAfterItsBinding() {
    let read = message(#"{"subsystem":"gateway/channels/whatsapp/heartbeat"} "No messages received in 45m - restarting connection""#)
    #expect(read.message == "No messages received in 45m - restarting connection")
    #expect(read.channel == "whatsapp")
    #expect(message(#"{"subsystem":"gateway/channels/slack"} "a \"quoted\" word""#).message == #"a "quoted" word"#)
  }

  @Test func anEmojiInFrontComesOff() {
    #expect(message("05:40:03 ⚠️ No messages received in 30m - restarting connection").message
      == "No messages received in 30m - restarting connection")
    #expect(message("✅ 🟢 connected").message == "connected")
    #expect(message("[ws] ⇄ res ✓ health 12ms").message == "⇄ res ✓ health 12ms")
  }
}
