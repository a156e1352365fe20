#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import WalogCore

/// Where a watch's alerts and snapshots go: standard output, the `--exec` hook, Alertmanager
/// and the metrics file, everything redacted by one redactor so placeholders agree across
/// alerts.
final class WatchOutput {
  private let format: WatchFormat
  private let redactor: Redactor?
  private let color: Bool
  private let hook: AlertHook?
  private let metricsFile: String?
  private let alertmanager: AlertmanagerSender?
  private var metrics = Metrics()
  /// The last snapshot, written again with Alertmanager's final counts at the end.
  private var lastSnapshot: WatchSnapshot?
  private var warnedCap = false
  private var lastMetricsError: String?

  init(
    format: WatchFormat, redactor: Redactor?, color: Bool, hook: AlertHook?, metricsFile: String?,
    alertmanager: AlertmanagerSender?
  ) {
    self.format = format
    self.redactor = redactor
    self.color = color
    self.hook = hook
    self.metricsFile = metricsFile
    self.alertmanager = alertmanager
  }

  func alert(_ alert: Alert) {
    var alert = alert
    if let redactor { alert.finding = redactor.redact(alert.finding) }
    let json = AlertJSON.line(alert)
    Terminal.write(format == .json ? json : AlertText.render(alert, style: TextStyle(enabled: color)))
    alertmanager?.submit(alert)
    guard let hook else { return }
    let queued = hook.submit(
      AlertHook.Run(
        json: json, severity: alert.finding.severity.rawValue, rule: alert.finding.id,
        stream: alert.finding.stream?.description ?? ""))
    if !queued && (hook.dropped == 1 || hook.dropped % 100 == 0) {
      Terminal.printError("walog: warning: --exec: the queue of 100 is full; \(dropped(hook.dropped)) dropped so far")
    }
  }

  private func dropped(_ count: Int) -> String { count == 1 ? "1 alert" : "\(count) alerts" }

  func snapshot(_ snapshot: WatchSnapshot) {
    guard let metricsFile else { return }
    var snapshot = snapshot
    if let redactor {
      snapshot.analysis = redactor.redact(snapshot.analysis)
      snapshot.active = snapshot.active.map(redactor.redact)
      snapshot.resolved = snapshot.resolved.map(redactor.redact)
    }
    if alertmanager != nil { lastSnapshot = snapshot }
    writeMetrics(snapshot, to: metricsFile)
  }

  private func writeMetrics(_ snapshot: WatchSnapshot, to metricsFile: String) {
    let text = metrics.render(snapshot, alertmanagers: alertmanager?.stats ?? [])
    if metrics.capped && !warnedCap {
      warnedCap = true
      Terminal.printError("walog: warning: more than \(Metrics.seriesCap) metric series; further accounts are summed under account=\"\(Metrics.otherAccount)\"")
    }
    let error = MetricsFile.write(text, to: metricsFile)
    if let error, error != lastMetricsError { Terminal.printError("walog: warning: \(error)") }
    lastMetricsError = error
  }

  /// The summary, after the hook has run what was queued (after a stop signal, only the run
  /// in progress: a service manager waits a limited time) and Alertmanager was sent what
  /// waits for it (for at most `alertmanagerTimeout` seconds).
  func finish(_ analysis: Analysis, alertmanagerTimeout: Double) {
    hook?.finish(runQueued: !StopRequest.isRequested)
    if let alertmanager {
      alertmanager.finish(within: alertmanagerTimeout)
      if let metricsFile, let lastSnapshot { writeMetrics(lastSnapshot, to: metricsFile) }
    }
    if let hook, hook.dropped > 0 {
      Terminal.printError("walog: warning: --exec: \(dropped(hook.dropped)) dropped in all (the queue of 100 was full)")
    }
    let analysis = redactor?.redact(analysis) ?? analysis
    for input in analysis.inputs {
      for warning in input.warnings { Terminal.printError("walog: warning: \(input.name): \(warning)") }
    }
    switch format {
    case .text: Terminal.write("\n" + TextReport.render(analysis, style: TextStyle(enabled: color)))
    case .json: Terminal.write(AlertJSON.summary(analysis, time: analysis.inputs.compactMap(\.lastTime).max()))
    }
  }
}
