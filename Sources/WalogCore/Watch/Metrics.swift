/// The watch's counts in the Prometheus text format, for node_exporter's textfile collector.
///
/// It is kept between writes so that, as Prometheus requires, a counter never goes down while
/// the process lives (a series once written stays, at its highest value), and so that past
/// ``seriesCap`` series, accounts not seen before are summed under `account="other"`.
///
/// When the log names several hosts, every series of a stream or finding is labelled by
/// `host` too; at the moment a second host appears, the first host's unlabelled series are
/// replaced by labelled ones (they restart from the same counts), so no count is summed twice.
public struct Metrics {
  public static let seriesCap = 1000
  public static let otherAccount = "other"

  private struct Family {
    var name: String
    var help: String
    var type: String
  }

  private static let families = [
    Family(name: "walog_closes_total", help: "Connection closes by printed status.", type: "counter"),
    Family(name: "walog_retries_total", help: "Retry announcements with an attempt counter k/N.", type: "counter"),
    Family(name: "walog_giveups_total", help: "Reconnect give-ups (max attempts reached).", type: "counter"),
    Family(
      name: "walog_restarts_total",
      help: "Channel restarts by restarter (supervisor, health-monitor, host-thaw) and reason.", type: "counter"),
    Family(
      name: "walog_finding_active", help: "1 while a finding holds (alerted, not resolved), else 0.", type: "gauge"),
    Family(name: "walog_lines_total", help: "Log lines read.", type: "counter"),
    Family(
      name: "walog_last_line_timestamp_seconds",
      help: "The last dated line's time on the log's clock, in Unix seconds.", type: "gauge"),
    Family(name: "walog_alertmanager_alerts_sent_total", help: "Alerts Alertmanager accepted.", type: "counter"),
    Family(
      name: "walog_alertmanager_errors_total", help: "Requests to Alertmanager that failed or were refused.",
      type: "counter"),
    Family(
      name: "walog_alertmanager_alerts_dropped_total",
      help: "Alerts dropped: the queue was full, Alertmanager refused them, or the watch ended first.", type: "counter"),
    Family(name: "walog_alertmanager_queue_length", help: "Alerts waiting to be sent.", type: "gauge"),
    Family(name: "walog_alertmanager_queue_capacity", help: "Alerts that may wait.", type: "gauge"),
  ]

  /// Family → rendered label set → value.
  private var values: [String: [String: Double]] = [:]
  /// Channel account → the account label it is counted under.
  private var accountLabels: [String: String] = [:]
  private var seriesCount = 0
  /// Set once accounts start to be summed under `other`; the caller warns.
  public private(set) var capped = false
  /// Whether series are labelled by host (the log named several).
  private var byHost = false

  public init() {}

  /// The file's text for `snapshot`, whose texts are already redacted, and the counts of
  /// `--alertmanager`'s Alertmanagers (labelled with their alerts URL).
  public mutating func render(_ snapshot: WatchSnapshot, alertmanagers: [AlertmanagerSender.Stats] = []) -> String {
    var fresh: [String: [String: Double]] = [:]
    func add(_ family: String, _ labels: [(String, String)], _ value: Double, sum: Bool = true) {
      let key = labels.map { "\($0)=\"\(Self.escape($1))\"" }.joined(separator: ",")
      if sum { fresh[family, default: [:]][key, default: 0] += value } else { fresh[family, default: [:]][key] = value }
    }
    if !snapshot.analysis.hosts.isEmpty && !byHost {
      // A second host appeared: the first host's series take its name.
      byHost = true
      for family in Self.families {
        values[family.name] = values[family.name]?.filter { !$0.key.contains("channel=") }
      }
    }
    // `host` first when the log names several hosts, then channel and account.
    func stream(_ key: StreamKey?, host: String?) -> [(String, String)] {
      let channel = key?.channel ?? ""
      let account = key.map { label(channel: $0.channel, account: $0.account, host: $0.host) } ?? ""
      let host = byHost ? [("host", host ?? "")] : []
      return host + [("channel", channel), ("account", account)]
    }
    for report in snapshot.analysis.streams {
      let labels = stream(report.key, host: report.key.host)
      let totals = report.tally.totals
      for (status, count) in totals.closesByStatus {
        add("walog_closes_total", labels + [("status", status)], Double(count))
      }
      add("walog_retries_total", labels, Double(totals.retries))
      add("walog_giveups_total", labels, Double(totals.giveups))
      var restarts: [(String, String, Int)] = []
      if totals.autoRestarts > 0 { restarts.append(("supervisor", "", totals.autoRestarts)) }
      for (reason, count) in totals.healthRestartsByReason { restarts.append(("health-monitor", reason, count)) }
      // Restarts of every channel (a host thaw) count once, in the stream of their line.
      for (kind, count) in totals.eventsByKind.sorted(by: { $0.key < $1.key })
      where snapshot.analysis.kindRoles(kind).contains(.restartsEveryChannel) {
        restarts.append((Restart.everyChannel(kind: kind).restarter, "", count))
      }
      for (restarter, reason, count) in restarts {
        add("walog_restarts_total", labels + [("restarter", restarter), ("reason", reason)], Double(count))
      }
    }
    for (findings, value) in [(snapshot.resolved, 0.0), (snapshot.active, 1.0)] {
      for finding in findings {
        add(
          "walog_finding_active",
          [("rule", finding.id), ("severity", finding.severity.rawValue)] + stream(finding.stream, host: finding.host),
          value, sum: false)
      }
    }
    add("walog_lines_total", [], Double(snapshot.analysis.inputs.reduce(0) { $0 + $1.lines }))
    if let time = snapshot.lastLineTime, time.precision == .full {
      add("walog_last_line_timestamp_seconds", [], time.seconds, sum: false)
    }
    for stats in alertmanagers {
      let label = [("alertmanager", stats.url)]
      add("walog_alertmanager_alerts_sent_total", label, Double(stats.sent))
      add("walog_alertmanager_errors_total", label, Double(stats.errors))
      add("walog_alertmanager_alerts_dropped_total", label, Double(stats.dropped))
      add("walog_alertmanager_queue_length", label, Double(stats.queued), sum: false)
      add("walog_alertmanager_queue_capacity", label, Double(stats.capacity), sum: false)
    }
    merge(fresh)
    return text()
  }

  /// Counters keep every series at its highest value; gauges are what holds now.
  private mutating func merge(_ fresh: [String: [String: Double]]) {
    for family in Self.families {
      guard family.type == "counter" else {
        values[family.name] = fresh[family.name]
        continue
      }
      for (labels, value) in fresh[family.name] ?? [:] {
        values[family.name, default: [:]][labels] = max(values[family.name]?[labels] ?? value, value)
      }
    }
  }

  private func text() -> String {
    var out = ""
    for family in Self.families {
      guard let series = values[family.name], !series.isEmpty else { continue }
      out += "# HELP \(family.name) \(family.help)\n# TYPE \(family.name) \(family.type)\n"
      for labels in series.keys.sorted() {
        out += family.name + (labels.isEmpty ? "" : "{\(labels)}") + " " + Self.number(series[labels]!) + "\n"
      }
    }
    return out
  }

  /// The account label, `other` once the file holds ``seriesCap`` series.
  private mutating func label(channel: String, account: String, host: String?) -> String {
    let key = channel + "\u{0}" + account + "\u{0}" + (host ?? "")
    if let known = accountLabels[key] { return known }
    // A new account adds some ten series (statuses, restart reasons); reserve them up front.
    let label = seriesCount + 10 <= Self.seriesCap ? account : Self.otherAccount
    if label == Self.otherAccount { capped = true } else { seriesCount += 10 }
    accountLabels[key] = label
    return label
  }

  private static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }

  /// Label values escape `\`, `"` and newlines (the text format's rules).
  static func escape(_ value: String) -> String {
    var out = ""
    for character in value {
      switch character {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      default: out.append(character)
      }
    }
    return out
  }
}
