/// One stream's SVG timeline: a lane of retry runs (one rectangle per run, from its first to
/// its last line, coloured by the class of its commonest close status) and lanes of supervisor
/// and health-monitor restarts (one marker per restart), all on one axis shared by every
/// stream of the report: the log's time, or, when the log prints no usable times, the order
/// of appearance.
struct HTMLTimeline {
  /// Where shapes go along the axis.
  enum Axis {
    /// Seconds, from `start` to `end` (the log's first and last event times).
    case time(start: Double, end: Double, offset: Int?, precision: LogTime.Precision)
    /// The order of lines, by input then line number, from the report's first to last item.
    case order(first: Origin, last: Origin)
  }

  static let width = 1000.0
  static let labelWidth = 130.0
  static let laneHeight = 22.0
  static let axisHeight = 22.0
  /// Room on the right for a tick label centred on the axis' last moment.
  static var plotWidth: Double { width - labelWidth - 30 }

  /// The axis for a whole report: by time when every run and restart has a time.
  static func axis(for analysis: Analysis) -> Axis? {
    var times: [LogTime] = []
    var origins: [Origin] = []
    var untimed = false
    for stream in analysis.streams {
      for run in stream.history.runs.kept.items {
        origins += [run.startOrigin, run.endOrigin]
        if let start = run.start, let end = run.end {
          times += [start, end]
        } else {
          untimed = true
        }
      }
      for record in stream.history.restarts.kept.items {
        origins.append(record.origin)
        if let time = record.time { times.append(time) } else { untimed = true }
      }
      if let first = stream.tally.firstTime, let last = stream.tally.lastTime {
        times += [first, last]
      }
      if let first = stream.tally.firstOrigin, let last = stream.tally.lastOrigin {
        origins += [first, last]
      }
    }
    if !untimed, let first = times.min(), let last = times.max() {
      return .time(
        start: first.seconds, end: last.seconds, offset: first.offset, precision: first.precision)
    }
    guard let first = origins.min(by: before), let last = origins.max(by: before) else {
      return nil
    }
    return .order(first: first, last: last)
  }

  static func before(_ lhs: Origin, _ rhs: Origin) -> Bool {
    (lhs.input, lhs.line) < (rhs.input, rhs.line)
  }

  let stream: StreamReport
  let analysis: Analysis
  let axis: Axis

  /// The x coordinate of a moment, or of a line when the axis is by order.
  func x(_ time: LogTime?, _ origin: Origin) -> Double {
    let fraction: Double
    switch axis {
    case .time(let start, let end, _, _):
      let seconds = time?.seconds ?? start
      fraction = end > start ? (seconds - start) / (end - start) : 0.5
    case .order(let first, let last):
      fraction = Self.orderFraction(origin, first: first, last: last, inputs: analysis.inputs)
    }
    return Self.labelWidth + min(1, max(0, fraction)) * Self.plotWidth
  }

  /// Lines counted across inputs in order: input i's line n comes after every line of the
  /// inputs before it.
  static func orderFraction(_ origin: Origin, first: Origin, last: Origin, inputs: [InputSummary])
    -> Double
  {
    func position(_ origin: Origin) -> Double {
      let before = inputs.prefix(origin.input).reduce(0) { $0 + max($1.lines, 1) }
      return Double(before + origin.line)
    }
    let span = position(last) - position(first)
    return span > 0 ? (position(origin) - position(first)) / span : 0.5
  }

  func svg() -> String {
    let runs = stream.history.runs.kept.items
    let restarts = stream.history.restarts.kept.items
    var lanes = ["retry runs", "supervisor", "health monitor"]
    if let everyChannel = restarts.first(where: \.restart.isEveryChannel) {
      lanes.append(everyChannel.restart.restarter.replacing("-", with: " "))
    }
    let height = Double(lanes.count) * Self.laneHeight + Self.axisHeight
    var out: [String] = []
    let label =
      "Timeline of \(stream.key.description): \(runs.count) retry \(runs.count == 1 ? "run" : "runs"), "
      + "\(restarts.count) \(restarts.count == 1 ? "restart" : "restarts")"
    out.append(
      "<svg class=\"timeline\" viewBox=\"0 0 \(n(Self.width)) \(n(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(label))\">"
    )
    for (index, lane) in lanes.enumerated() {
      let y = Double(index) * Self.laneHeight
      out.append(
        "<rect class=\"lane\" x=\"\(n(Self.labelWidth))\" y=\"\(n(y + 2))\" width=\"\(n(Self.plotWidth))\" height=\"\(n(Self.laneHeight - 4))\"/>"
      )
      out.append(
        "<text class=\"lane-label\" x=\"\(n(Self.labelWidth - 8))\" y=\"\(n(y + Self.laneHeight / 2 + 4))\">\(lane)</text>"
      )
    }
    for run in runs { out.append(shape(run)) }
    for record in restarts { out.append(shape(record)) }
    out += axisMarks(y: Double(lanes.count) * Self.laneHeight)
    out.append("</svg>")
    return out.joined(separator: "\n")
  }

  /// A run's rectangle: at least 3 units wide so a run of one close stays visible.
  func shape(_ run: RetryRun) -> String {
    let start = x(run.start, run.startOrigin)
    let end = max(x(run.end, run.endOrigin), start + 3)
    let status = Self.dominantStatus(run)
    let tone = HTMLReport.tone(
      status.flatMap { analysis.status(channel: stream.key.channel, code: $0)?.statusClass })
    let y = 4.0
    return
      "<rect class=\"run \(tone) outcome-\(run.outcome.rawValue.replacing("_", with: "-"))\" x=\"\(n(start))\" y=\"\(n(y))\" "
      + "width=\"\(n(end - start))\" height=\"\(n(Self.laneHeight - 8))\" data-status=\"\(HTMLText.escape(status ?? "none"))\">"
      + "<title>\(HTMLText.escape(describe(run, status: status)))</title></rect>"
  }

  /// A restart's marker: a triangle for the supervisor, a diamond for the health monitor, a
  /// square (in the health monitor's colour, a lane of its own) for a host thaw.
  func shape(_ record: RestartRecord) -> String {
    let center = x(record.time, record.origin)
    let lane: Int
    let path: String
    let kind: String
    switch record.restart {
    case .supervisor:
      lane = 1
      kind = "supervisor"
      let mid = Double(lane) * Self.laneHeight + Self.laneHeight / 2
      path =
        "M\(n(center - 5)) \(n(mid + 6))L\(n(center)) \(n(mid - 6))L\(n(center + 5)) \(n(mid + 6))Z"
    case .healthMonitor:
      lane = 2
      kind = "health"
      let mid = Double(lane) * Self.laneHeight + Self.laneHeight / 2
      path =
        "M\(n(center)) \(n(mid - 7))L\(n(center + 6)) \(n(mid))L\(n(center)) \(n(mid + 7))L\(n(center - 6)) \(n(mid))Z"
    case .everyChannel:
      lane = 3
      kind = "health thaw"
      let mid = Double(lane) * Self.laneHeight + Self.laneHeight / 2
      path = "M\(n(center - 5)) \(n(mid - 5))H\(n(center + 5))V\(n(mid + 5))H\(n(center - 5))Z"
    }
    return
      "<path class=\"restart \(kind)\" d=\"\(path)\" data-x=\"\(n(center))\"><title>\(HTMLText.escape(describe(record)))</title></path>"
  }

  /// The commonest close status of a run (the smaller code on a tie), nil when none printed one.
  static func dominantStatus(_ run: RetryRun) -> String? {
    run.statuses.max { lhs, rhs in
      lhs.value != rhs.value ? lhs.value < rhs.value : lhs.key > rhs.key
    }?.key
  }

  func describe(_ run: RetryRun, status: String?) -> String {
    var parts = [
      "Retry run " + when(run.start, run.startOrigin) + " → " + when(run.end, run.endOrigin)
    ]
    let statuses = sortedCounts(run.statuses).map { entry -> String in
      let name =
        analysis.status(channel: stream.key.channel, code: entry.key).map { " \($0.name)" } ?? ""
      return "\(entry.key)\(name) ×\(entry.value)"
    }
    parts.append(
      ReportWords.closes(run.closes)
        + (statuses.isEmpty ? "" : " (\(statuses.joined(separator: ", ")))"))
    if let first = run.firstAttempt, let last = run.lastAttempt {
      let of = run.maxAttempts.map { "/\($0)" } ?? ""
      parts.append(first == last ? "attempt \(first)\(of)" : "attempts \(first)–\(last)\(of)")
    }
    parts.append(run.outcomeText)
    return parts.joined(separator: ", ")
  }

  func describe(_ record: RestartRecord) -> String {
    let at = when(record.time, record.origin)
    switch record.restart {
    case .supervisor(let attempt, let of, let delay):
      var text = "Supervisor restart at \(at)"
      if let attempt { text += ", attempt \(attempt)" + (of.map { "/\($0)" } ?? "") }
      if let delay { text += " after \(TimeText.duration(delay))" }
      return text
    case .healthMonitor(let reason):
      return "Health-monitor restart at \(at) (reason: \(reason))"
    case .everyChannel:
      let name = record.restart.restarter
      return "\(name.prefix(1).uppercased() + name.dropFirst()) restart at \(at): the gateway restarted every channel"
    }
  }

  /// A moment for a tooltip: the log's time, or the line when the log has none.
  func when(_ time: LogTime?, _ origin: Origin) -> String {
    if let time { return TimeText.human(time) }
    let name = origin.input < analysis.inputs.count ? analysis.inputs[origin.input].name : "?"
    return "\(name):\(origin.line)"
  }

  /// `line 12`, or `gateway.log:12` when the report read several inputs.
  func lineName(_ origin: Origin) -> String {
    guard analysis.inputs.count > 1, origin.input < analysis.inputs.count else {
      return "line \(origin.line)"
    }
    return "\(analysis.inputs[origin.input].name):\(origin.line)"
  }

  /// Ticks and labels under the lanes.
  func axisMarks(y: Double) -> [String] {
    var out = [
      "<line class=\"axis\" x1=\"\(n(Self.labelWidth))\" y1=\"\(n(y + 1))\" x2=\"\(n(Self.labelWidth + Self.plotWidth))\" y2=\"\(n(y + 1))\"/>"
    ]
    let marks = ticks()
    for (index, (position, text)) in marks.enumerated() {
      out.append(
        "<line class=\"tick\" x1=\"\(n(position))\" y1=\"\(n(y + 1))\" x2=\"\(n(position))\" y2=\"\(n(y + 5))\"/>"
      )
      // The order axis labels its two ends, aligned inwards so neither is cut off.
      var anchor = ""
      if case .order = axis {
        anchor = index == 0 ? " start" : index == marks.count - 1 ? " end" : ""
      }
      out.append(
        "<text class=\"tick-label\(anchor)\" x=\"\(n(position))\" y=\"\(n(y + 17))\">\(HTMLText.escape(text))</text>"
      )
    }
    return out
  }

  /// Round moments (every 10 s, 5 min, 1 h, …) with at most about 7 of them on the axis.
  func ticks() -> [(Double, String)] {
    switch axis {
    case .order(let first, let last):
      return [
        (Self.labelWidth, lineName(first)), (Self.labelWidth + Self.plotWidth, lineName(last)),
      ]
    case .time(let start, let end, let offset, let precision):
      let span = end - start
      guard span > 0 else {
        return [
          (
            Self.labelWidth + Self.plotWidth / 2,
            clock(start, offset: offset, precision: precision, seconds: true)
          )
        ]
      }
      let steps: [Double] = [
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200,
        86_400, 172_800, 604_800,
      ]
      let step = steps.first { span / $0 <= 7 } ?? span / 7
      let shift = Double(offset ?? 0)
      var tick = ((start + shift) / step).rounded(.up) * step - shift
      var out: [(Double, String)] = []
      while tick <= end + 0.0001 {
        let fraction = (tick - start) / span
        out.append(
          (
            Self.labelWidth + fraction * Self.plotWidth,
            clock(
              tick, offset: offset, precision: precision, seconds: step < 60,
              day: step >= 86_400 || span > 86_400)
          ))
        tick += step
      }
      return out
    }
  }

  /// `09:15`, `09:15:30`, `04-12 09:15` (a date only when the axis spans days).
  func clock(
    _ seconds: Double, offset: Int?, precision: LogTime.Precision, seconds withSeconds: Bool,
    day: Bool = false
  ) -> String {
    let human = TimeText.human(LogTime(seconds: seconds, offset: offset, precision: precision))
    // human: `2026-04-12 11:41:02`, `Apr 12 11:41:02`, `11:41:02 (day 2)`.
    let parts = human.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    guard let clockIndex = parts.firstIndex(where: { $0.contains(":") }) else { return human }
    let clock = withSeconds ? parts[clockIndex] : String(parts[clockIndex].prefix(5))
    guard day else { return clock }
    let date = parts[..<clockIndex].joined(separator: " ")
    let dayNumber =
      parts.count > clockIndex + 1 ? " " + parts[(clockIndex + 1)...].joined(separator: " ") : ""
    return date.isEmpty ? clock + dayNumber : "\(date) \(clock)"
  }

  /// Coordinates with at most one decimal, so the file is byte-stable and small.
  func n(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }
}
