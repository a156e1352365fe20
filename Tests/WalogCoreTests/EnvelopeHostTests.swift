import Foundation
import Testing

@testable import WalogCore

/// The host each envelope names (docs/formats.md, "Host"), and lines that name none.
@Suite struct EnvelopeHostTests {
  private func parse(_ line: String) -> ParsedSnapshot {
    var parser = EnvelopeParser()
    return parser.snapshot(line)
  }

  @Test func journaldAndSyslogTextFormsNameTheHostBeforeTheIdent() {
    let lines = [
      "Apr 27 02:37:31 gw-1 node[123]: 2026-04-27T02:37:31.184+08:00 [whatsapp] Listening for personal WhatsApp inbound messages.",
      "Apr 27 02:37:31.184562 gw-1 node[123]: [whatsapp] Listening for personal WhatsApp inbound messages.",
      "2026-04-27T02:37:31+0800 gw-1 node[123]: 2026-04-27T02:37:31.184+08:00 [whatsapp] Listening for personal WhatsApp inbound messages.",
      "2026-04-27T02:37:31.184562+08:00 gw-1 node[123]: [whatsapp] Listening for personal WhatsApp inbound messages.",
    ]
    for line in lines {
      let parsed = parse(line)
      #expect(parsed.host == "gw-1" && parsed.pid == 123 && parsed.tag == "whatsapp", "\(line)")
    }
    // A pasted line that dropped the host has none.
    #expect(parse("Apr 27 02:37:31 node[123]: [whatsapp] Listening for personal WhatsApp inbound messages.").host == "")
  }

  @Test func journalJSONNamesItsHostnameAndJSONSeqRecordsAreRead() {
    let record =
      #"{"__REALTIME_TIMESTAMP":"1776031350133347","_HOSTNAME":"gw-2","SYSLOG_IDENTIFIER":"node","SYSLOG_PID":"77","MESSAGE":"2026-04-12T23:57:30.133+02:00 [whatsapp] Listening for personal WhatsApp inbound messages."}"#
    let plain = parse(record)
    #expect(plain.format == .journaldJSON && plain.host == "gw-2" && plain.tag == "whatsapp")
    #expect(plain.pid == 77, "SYSLOG_PID stands in for a missing _PID")
    let framed = parse("\u{1E}" + record)
    #expect(framed == plain, "json-seq's record separator is dropped: \(framed)")
  }

  @Test func dockerComposeServiceIsTheHost() {
    let line = parse("gateway-2  | 2026-02-27T00:45:49.947Z [whatsapp] Listening for personal WhatsApp inbound messages.")
    #expect(line.format == .docker && line.host == "gateway-2")
  }

  @Test func fileLogHostnameCountsExceptUnknown() {
    func record(_ host: String) -> String {
      #"{"0":"{\"subsystem\":\"gateway/channels/whatsapp\"}","1":"Listening for personal WhatsApp inbound messages.","_meta":{"runtime":"node","hostname":"\#(host)","date":"2026-04-12T21:57:37.731Z","logLevelName":"INFO"},"time":"2026-04-12T23:57:37.731+02:00"}"#
    }
    #expect(parse(record("gw-3")).host == "gw-3")
    #expect(parse(record("unknown")).host == "", "the gateway's logger writes `unknown` where it has no name")
  }

  @Test func consoleLinesNameNoHost() {
    #expect(parse("2026-04-12T23:57:37.729+02:00 [whatsapp] Listening for personal WhatsApp inbound messages.").host == "")
  }
}
