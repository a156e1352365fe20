import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WalogCore

extension Walog {
  struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Follow a running gateway's log and alert the moment a finding holds",
      discussion: """
        Reads standard input (journalctl -f, openclaw logs --follow) or follows files and folders like tail -F: from their end (--from-start: from their beginning; --since 1h: the last hour before their last line, to start with that state), through rotation, truncation and files that do not exist yet. A folder is followed as analyze reads it: gateway.log with gateway.err.log, and the newest dated file log (openclaw-YYYY-MM-DD.log), switching to the next day's file at midnight. Every format of analyze is read; compressed files and archives only with --no-follow.

        A finding is reported once per rule and stream, within a second of the line that made it hold; again as "escalated" when its severity rises or its key figure (the first figure) has doubled, and as "resolved" once the stream has been healthy (connected, no close) for --resolve-after of log time; the log's clock moves on with the wall clock while the input is quiet. Diagnoses marked whole_log: true in the rule file are left to the summary.

        Text output is one line per alert (time, severity, stream, title) and the first action below it. --format json prints JSON Lines, one object per alert: {"type": "finding" | "escalated" | "resolved", "time", "id", "severity", "stream": {"channel", "account", "pid"}, "title", "root_cause", "actions", "figures", ...}, the finding shape of the JSON report (docs/json-schema.md). Everything is redacted unless --no-redact.

        --exec PATH runs a program per alert, never through a shell: the alert's JSON on its standard input, WALOG_SEVERITY, WALOG_RULE and WALOG_STREAM in its environment, and only the --exec-arg values as arguments (write --exec-arg=--flag for one that starts with a dash). One run at a time, killed after --exec-timeout; up to 100 alerts wait, further ones are dropped and counted on stderr; a failing run is reported and the watch goes on.

        --metrics-file PATH writes walog_closes_total, walog_retries_total, walog_giveups_total, walog_restarts_total, walog_finding_active, walog_lines_total and walog_last_line_timestamp_seconds in the Prometheus text format, atomically, every --metrics-every and at exit, for node_exporter's textfile collector (docs/watch.md).

        --alertmanager URL (repeatable) sends every alert to Prometheus Alertmanager's API v2 as Prometheus does: labels alertname (the rule id), severity, channel, account, host and job="walog"; annotations summary, description and action; startsAt the log's time of the finding; re-sent every --alertmanager-resend with endsAt four intervals ahead, and endsAt now once resolved. A path in the URL is Alertmanager's path prefix, and user:password@ basic authentication, as for amtool; --alertmanager-http-config takes TLS (ca_file, cert_file, key_file), basic_auth and authorization (bearer tokens) in the YAML of amtool's --http.config.file. Each Alertmanager has its own thread and queue: while it is down, slow or failing, alerts wait (the oldest dropped past --alertmanager-queue, and said) and are retried with back-off; nothing else waits for it.

        Under systemd with Type=notify (NOTIFY_SOCKET set), it reports READY=1 once it follows its inputs: every line written from then on is read.

        At the end of the input, or on SIGINT or SIGTERM, it prints a summary (the analyze report of everything read; one "summary" object in JSON) and exits 0. Usage, rule or input errors exit 2.
        """
    )

    @Argument(help: "Log files or folders to follow; '-' or nothing for standard input")
    var paths: [String] = []

    @Option(name: .long, help: "Output: text (one line per alert) or json (JSON Lines)")
    var format: WatchFormat = .text

    @Flag(name: .long, help: "Read files from their beginning, not only what is written from now on")
    var fromStart = false

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Start with the state of this last stretch of each file (before its last line), e.g. 1h", valueName: "duration"))
    var since: String?

    @Flag(name: .long, help: "Read to the end of the input and stop (compressed files and archives are read too)")
    var noFollow = false

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Resolve a finding once its stream has been healthy this long", valueName: "duration"))
    var resolveAfter: String = "10m"

    @Option(name: .long, help: ArgumentHelp("Run this program for every alert, with its JSON on standard input (no shell)", valueName: "path"))
    var exec: String?

    @Option(name: .long, parsing: .unconditionalSingleValue, help: ArgumentHelp("An argument for the --exec program (repeatable)", valueName: "arg"))
    var execArg: [String] = []

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Kill an --exec run after this long", valueName: "duration"))
    var execTimeout: String = "10s"

    @Option(name: .long, help: ArgumentHelp("Write Prometheus metrics to this file (atomically), for node_exporter's textfile collector", valueName: "path"))
    var metricsFile: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("How often to rewrite the metrics file", valueName: "duration"))
    var metricsEvery: String = "15s"

    @Option(name: .long, help: ArgumentHelp("Send alerts to this Alertmanager's API v2 (repeatable: each gets every alert); a path is its prefix, user:password@ basic auth", valueName: "url"))
    var alertmanager: [String] = []

    @Option(name: .long, help: ArgumentHelp("TLS and basic or bearer authentication for --alertmanager, in the YAML of amtool's --http.config.file", valueName: "file"))
    var alertmanagerHttpConfig: String?

    @Option(name: .long, help: ArgumentHelp("Re-send active alerts to Alertmanager this often (endsAt is four of these ahead)", valueName: "duration"))
    var alertmanagerResend: String = "1m"

    @Option(name: .long, help: ArgumentHelp("Give up an Alertmanager request after this long", valueName: "duration"))
    var alertmanagerTimeout: String = "10s"

    @Option(name: .long, help: ArgumentHelp("Alerts that may wait for an Alertmanager that is down; beyond, the oldest are dropped", valueName: "count"))
    var alertmanagerQueue: Int = 1000

    @Option(name: .long, help: ArgumentHelp("Use this rule file or folder instead of the built-in OpenClaw rules", valueName: "path"))
    var rules: String?

    @Option(name: .long, help: ArgumentHelp("Add or override rules by id from this rule file or folder (repeatable)", valueName: "path"))
    var extraRules: [String] = []

    @Option(name: .long, help: ArgumentHelp("Time zone of logs that print times without an offset, e.g. Europe/Rome", valueName: "zone"))
    var tz: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Cut lines longer than this many bytes", valueName: "bytes"))
    var lineCap: Int = 1 << 20

    @Flag(name: .long, help: "Show phone numbers, WhatsApp JIDs, tokens and e-mail addresses as the log has them")
    var noRedact = false

    func validate() throws {
      if let tz, LogZone(identifier: tz) == nil {
        throw ValidationError(LogZone.unknownMessage(tz))
      }
      for (flag, value) in [
        ("--since", since), ("--resolve-after", resolveAfter), ("--exec-timeout", execTimeout), ("--metrics-every", metricsEvery),
        ("--alertmanager-resend", alertmanagerResend), ("--alertmanager-timeout", alertmanagerTimeout),
      ] {
        if let value, (DurationText.seconds(value) ?? 0) <= 0 {
          throw ValidationError("cannot read \(flag) '\(value)'; use a duration such as 90s, 10m or 1h")
        }
      }
      if since != nil && fromStart { throw ValidationError("--since and --from-start both say where to start; give one") }
      if since != nil && (paths.isEmpty || paths == ["-"]) {
        throw ValidationError("--since needs files to look back in; standard input has only what comes next")
      }
      if lineCap < 64 { throw ValidationError("--line-cap must be at least 64 bytes, not \(lineCap)") }
      if exec == nil && !execArg.isEmpty { throw ValidationError("--exec-arg needs --exec") }
      for url in alertmanager {
        do { _ = try AlertmanagerURL(url) } catch { throw ValidationError(error.description) }
      }
      if alertmanager.isEmpty && alertmanagerHttpConfig != nil {
        throw ValidationError("--alertmanager-http-config needs --alertmanager")
      }
      if alertmanagerQueue < 1 { throw ValidationError("--alertmanager-queue must be at least 1") }
      if paths.isEmpty && Terminal.isTerminal(0) {
        throw ValidationError("no input: name log files or folders, or pipe a log into walog (e.g. journalctl --user -u openclaw-gateway -f | walog watch)")
      }
    }

    func run() throws {
      StopRequest.install([SIGINT, SIGTERM])
      let ruleSet = try Runner.reportingErrors { try RuleSet.load(rules: rules, extraRules: extraRules) }
      let diagnoses = try Runner.reportingErrors { try ruleSet.diagnosisRules() }
      var request = WatchRequest(paths: paths.filter { $0 != "-" })
      request.follow = !noFollow
      request.start = fromStart ? .beginning : .end
      request.since = since.flatMap(DurationText.seconds)
      request.timeZone = tz.flatMap(LogZone.init(identifier:))
      request.lineCap = lineCap
      request.resolveAfter = DurationText.seconds(resolveAfter)!
      request.snapshotEvery = DurationText.seconds(metricsEvery)!
      let watcher = try Runner.reportingErrors { try Watcher(request, rules: ruleSet, diagnoses: diagnoses) }
      for path in request.paths where request.follow && !FileManager.default.fileExists(atPath: path) {
        Terminal.printError("walog: \(path) does not exist yet; waiting for it")
      }
      // Every followed file is open at its starting point: what is written from now on is read.
      ServiceReady.notify()
      let output = WatchOutput(
        format: format, redactor: noRedact ? nil : Redactor(ruleSet: ruleSet), color: Terminal.wantsColor(1),
        hook: exec.map { path in
          AlertHook(path: path, arguments: execArg, timeout: DurationText.seconds(execTimeout)!) { message in
            Terminal.printError("walog: warning: \(message)")
          }
        },
        metricsFile: metricsFile, alertmanager: try alertmanagerSender())
      let analysis = try Runner.reportingErrors {
        try watcher.run(Watcher.Observer(alert: output.alert, snapshot: output.snapshot))
      }
      output.finish(analysis, alertmanagerTimeout: DurationText.seconds(alertmanagerTimeout)!)
    }

    /// The sender for `--alertmanager`, or nil without one.
    private func alertmanagerSender() throws -> AlertmanagerSender? {
      guard !alertmanager.isEmpty else { return nil }
      let urls = alertmanager.map { try! AlertmanagerURL($0) }  // read in validate()
      let http = try Runner.reportingErrors { try alertmanagerHttpConfig.map(AlertmanagerHTTPConfig.load) ?? HTTPOptions() }
      if let withUser = urls.first(where: \.hasCredentials), http.username != nil || http.authorization != nil {
        Terminal.printError("walog: --alertmanager \(withUser.display) has a user and password, and --alertmanager-http-config authenticates too; give one")
        throw ExitCode(2)
      }
      var settings = AlertmanagerSender.Settings(urls: urls, http: http)
      settings.resend = DurationText.seconds(alertmanagerResend)!
      settings.timeout = DurationText.seconds(alertmanagerTimeout)!
      settings.queueCapacity = alertmanagerQueue
      return AlertmanagerSender(settings) { message in Terminal.printError("walog: \(message)") }
    }
  }
}

enum WatchFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}
