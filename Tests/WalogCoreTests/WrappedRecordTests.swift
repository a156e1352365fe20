import Foundation
import Testing

@testable import WalogCore

/// JSON records a paste wrapped over lines are joined back, within bounds, and only when the
/// lines make one record (WrappedRecord.swift).
@Suite struct WrappedRecordTests {
  /// The record joined around line `candidate` (0-based) of `lines`, or nil.
  static func join(_ lines: [String], candidate: Int) -> (text: String, first: Int, last: Int)? {
    let block = Array((lines.joined(separator: "\n") + "\n").utf8)
    var starts = [0]
    for (i, b) in block.enumerated() where b == 0x0A { starts.append(i + 1) }
    var joined: [UInt8] = []
    return block.withUnsafeBytes { buf in
      let range = starts[candidate]..<(starts[candidate + 1] - 1)
      guard let found = WrappedRecord.find(in: buf, around: range, into: &joined) else { return nil }
      let last = starts.lastIndex { $0 <= found.range.upperBound }!
      return (String(decoding: joined, as: UTF8.self), candidate - found.linesBefore, last)
    }
  }

  static let record = #"{"0":"{\"subsystem\":\"diagnostic\"}","1":"liveness warning: reasons=event_loop_delay","_meta":{"date":"2026-05-08T10:17:07.570Z","logLevelName":"WARN"},"time":"2026-05-08T07:17:07.570-03:00"}"#

  /// `text` cut into lines of `width` characters, as a terminal wraps it.
  static func wrapped(_ text: String, width: Int) -> [String] {
    let characters = Array(text)
    return stride(from: 0, to: characters.count, by: width).map {
      String(characters[$0..<min($0 + width, characters.count)])
    }
  }

  @Test(arguments: [2, 3, 4])
  func aRecordWrappedOverLinesIsJoinedFromAnyOfThem(pieces: Int) throws {
    let lines = Self.wrapped(Self.record, width: (Self.record.count + pieces - 1) / pieces)
    try #require(lines.count == pieces)
    for candidate in 0..<pieces {
      let found = try #require(Self.join(["before"] + lines + ["after"], candidate: candidate + 1))
      #expect(found.text == Self.record)
      #expect(found.first == 1)
      #expect(found.last == pieces)
    }
  }

  @Test func carriageReturnsOfTheWrapAreDropped() throws {
    let lines = Self.wrapped(Self.record, width: 100).map { $0 + "\r" }
    #expect(Self.join(lines, candidate: 0)?.text == Self.record)
  }

  @Test func aWholeRecordOrALineThatContinuesNothingIsNoWrappedRecord() {
    #expect(Self.join([Self.record], candidate: 0) == nil)
    #expect(Self.join(["[whatsapp] Web connection closed (status 408)"], candidate: 0) == nil)
    // A truncated record, then a line of its own that closes no object.
    #expect(Self.join([String(Self.record.prefix(80)), "12:00:01 [whatsapp] connected"], candidate: 0) == nil)
  }

  @Test func aTruncatedRecordIsNotJoinedWithTheNextRecord() {
    let cut = String(Self.record.prefix(80))
    #expect(Self.join([cut, Self.record], candidate: 0) == nil)
    #expect(Self.join([cut, Self.record], candidate: 1) == nil)
  }

  /// A piece that happens to start with `{` (inside a string) opens no record of its own.
  @Test func aPieceThatOpensABraceInsideAStringIsNoRecord() {
    let lines = [#"{"0":"x","1":""#, #"{\"a\":1} tail","2":"y"}"#]
    #expect(Self.join(lines, candidate: 1)?.text == lines.joined())
    #expect(Self.join([lines[1], #"more"}"#], candidate: 0) == nil)
  }

  @Test func theObjectMustEndItsLastLine() {
    let lines = Self.wrapped(Self.record, width: 120)
    #expect(Self.join([lines[0], lines[1] + " trailing text"], candidate: 0) == nil)
    #expect(Self.join([lines[0], lines[1] + "  "], candidate: 0)?.text == Self.record + "  ")
  }

  @Test func joiningIsBounded() {
    // More lines than the cap: each is read on its own.
    let lines = Self.wrapped(Self.record, width: Self.record.count / (WrappedRecord.maxLines + 1))
    #expect(lines.count > WrappedRecord.maxLines)
    #expect(Self.join(lines, candidate: 0) == nil)
    #expect(Self.join(lines, candidate: lines.count - 1) == nil)
    // An object that never closes stops at the cap on bytes.
    let open = ["{\"0\":\"" + String(repeating: "x", count: WrappedRecord.maxBytes), "\"}"]
    #expect(Self.join(open, candidate: 0) == nil)
  }
}

/// The scripted incident's file log wrapped at 80 columns, as a terminal copies it
/// (Fixtures/envelopes/file-log-wrapped-80.log): the end-to-end tests require the incident's
/// totals from it (walogTests/EndToEndTotalsTests).
@Suite struct WrappedRecordFixtureTests {
  static let url = FixturePaths.envelopes.appendingPathComponent("file-log-wrapped-80.log")

  @Test func committedFixtureIsTheFileLogWrapped() throws {
    let fileLog = try String(contentsOf: FixturePaths.envelope(.fileLog), encoding: .utf8)
    let rendered = fileLog.split(separator: "\n").flatMap {
      WrappedRecordTests.wrapped(String($0), width: 80)
    }.joined(separator: "\n") + "\n"
    if FixturePaths.updating { try rendered.write(to: Self.url, atomically: true, encoding: .utf8) }
    #expect(try String(contentsOf: Self.url, encoding: .utf8) == rendered, "WALOG_UPDATE_FIXTURES=1 rewrites it")
  }
}

/// Hostile input: lines that each open a record and never close it cost a bounded amount of
/// work each, and are read on their own.
@Suite struct WrappedRecordHostileTests {
  @Test func recordsThatNeverCloseAreReadOnTheirOwn() throws {
    let opened = String(repeating: #"{"0":"liveness warning: x"# + "\n", count: 2000)
    let wrapped = #"{"0":"{\"subsystem\":\"diagnostic\"}","1":"liveness warning: reasons=x","_meta":{"da"# + "\n"
      + #"te":"2026-05-08T10:17:07.570Z"},"time":"2026-05-08T07:17:07.570-03:00"}"# + "\n"
    let block = Array((wrapped + opened).utf8)
    var joined: [UInt8] = []
    var records = 0
    var lines = 0
    block.withUnsafeBytes { buf in
      var start = 0
      while start < buf.count {
        let end = Bytes.find(Bytes.lf, in: buf, from: start)!
        lines += 1
        if let recordEnd = WrappedRecord.record(in: buf, openingAt: start, into: &joined) {
          records += 1
          start = recordEnd + 1
        } else {
          #expect(WrappedRecord.find(in: buf, around: start..<end, into: &joined) == nil)
          start = end + 1
        }
      }
    }
    #expect(records == 1 && lines == 2001)
  }
}

/// A record wrapped over lines stays in one block whatever the reads (Input's framing).
@Suite struct WrappedRecordBlockTests {
  static func blocks(_ text: String, chunk: Int) throws -> [String] {
    let reader = LineBlockReader(source: InputChunkedSource(Array(text.utf8), chunk: chunk), bufferSize: 1 << 20)
    var blocks: [String] = []
    while let block = try reader.nextBlock() { blocks.append(String(decoding: block, as: UTF8.self)) }
    return blocks
  }

  @Test(arguments: [7, 40, 97, 300])
  func aRecordIsNotSplitBetweenBlocks(chunk: Int) throws {
    let lines = WrappedRecordTests.wrapped(WrappedRecordTests.record, width: 50)
    let text = "12:00:00 [whatsapp] before\n" + lines.joined(separator: "\n") + "\n12:00:01 [whatsapp] after\n"
    let blocks = try Self.blocks(text, chunk: chunk)
    #expect(blocks.joined() == text)
    #expect(blocks.contains { $0.contains(lines.joined(separator: "\n")) }, "\(blocks)")
  }
}
