/// The loop users describe, found without a recipe for it: the same failure shape (a failure
/// kind of one stream, with its status) recurring at least three times at a steady period
/// (``SteadyRun``: gaps within ±20 % of their median), or a failure that a user's own note
/// gives a period (`...repeats every 60s`, ``RepeatMarks``). Each is reported at warning
/// with its period: "the connection closed every 20s from 14:02:11 to 14:09:31 (22 times)".
///
/// A shape whose failures a diagnosis that held already explains is left to that diagnosis
/// (a quiet account's watchdog, which a diagnosis calls harmless, is no loop to warn about).
/// Memory is bounded: one ``SteadyRun`` per shape, at most ``shapeCap`` shapes.
struct Cadence: Sendable {
  static let findingID = "cadence"
  static let shapeCap = 4096

  struct Shape: Hashable, Sendable {
    var stream: StreamKey
    var kind: EventKind
    var status: String?
  }

  private struct Series: Sendable {
    var run = SteadyRun<Event>()
    var occurrences = 0
    /// The diagnoses whose evidence the shape's events were: a few, searched rather than
    /// hashed for every event.
    var citedBy: [Int] = []
    /// A period the user's note states, with the repeat that stands for the note.
    var stated: (period: Double, repeat: Event)?
    var first: Event
  }

  private var series: [Shape: Series] = [:]
  /// Shapes in the order they first came, for a stable report.
  private var order: [Shape] = []

  /// A failure event of `stream`; `citedBy`: the diagnoses whose evidence it is.
  mutating func add(_ event: Event, stream: StreamKey, citedBy: [Int]) {
    let shape = Shape(stream: stream, kind: event.kind, status: event.status)
    // Hashed once: a shape is three strings and more.
    let index: Dictionary<Shape, Series>.Index
    if let known = series.index(forKey: shape) {
      index = known
    } else {
      guard series.count < Self.shapeCap else { return }
      series[shape] = Series(first: event)
      order.append(shape)
      index = series.index(forKey: shape)!
    }
    for diagnosis in citedBy where !series.values[index].citedBy.contains(diagnosis) {
      series.values[index].citedBy.append(diagnosis)
    }
    // A repeat that stands for a user's mark is no occurrence with a time of its own.
    guard event.mark == nil else { return }
    series.values[index].occurrences += 1
    if let time = event.time { series.values[index].run.add(time, event) }
  }

  /// The moment the log names a second host: the shapes kept without a host were the first
  /// host's (``HostOrder``).
  mutating func nameFirstHost(_ host: String?) {
    func named(_ shape: Shape) -> Shape {
      Shape(stream: shape.stream.onHost(host), kind: shape.kind, status: shape.status)
    }
    series = Dictionary(uniqueKeysWithValues: series.map { (named($0.key), $0.value) })
    order = order.map(named)
  }

  /// A user's note that `event` repeats every `period` seconds; `repeat` stands for the note.
  mutating func stated(_ period: Double, of event: Event, stream: StreamKey, repeat: Event) {
    let shape = Shape(stream: stream, kind: event.kind, status: event.status)
    guard series[shape] != nil, series[shape]!.stated == nil else { return }
    series[shape]!.stated = (period, `repeat`)
  }

  /// The shapes with a cadence that no diagnosis that held explains, each with its finding.
  /// `explains(d, stream)`: whether diagnosis `d` held for that stream (or the whole log);
  /// `steps(stream, kind)`: the next steps of a failure of that kind (``Explainer/steps(_:_:)``).
  func loops(
    explains: (Int, StreamKey) -> Bool, kinds: [EventKind: KindRule], statuses: [StatusKey: StatusRule],
    steps: (StreamKey, EventKind) -> [String], inputNames: [String]
  ) -> [(shape: Shape, finding: Finding)] {
    order.compactMap { shape -> (shape: Shape, finding: Finding)? in
      let entry = series[shape]!
      guard !entry.citedBy.contains(where: { explains($0, shape.stream) }) else { return nil }
      let what = Self.what(shape, kinds: kinds, statuses: statuses)
      let steps = steps(shape.stream, shape.kind)
      if let run = entry.run.longest {
        return (shape, Self.finding(run, what: what, stream: shape.stream, steps: steps, inputNames: inputNames))
      }
      guard let stated = entry.stated else { return nil }
      return (
        shape,
        Self.finding(
          stated: stated.period, note: stated.repeat, first: entry.first, occurrences: entry.occurrences, what: what,
          stream: shape.stream, steps: steps, inputNames: inputNames)
      )
    }
  }

  struct StatusKey: Hashable {
    var channel: String
    var code: String
  }

  /// The shape in words: the rule file's meaning of the kind (`the connection closed`), else
  /// the kind's name, with its status.
  private static func what(_ shape: Shape, kinds: [EventKind: KindRule], statuses: [StatusKey: StatusRule]) -> String {
    let meaning = kinds[shape.kind].map { FailureStory.clause($0.meaning ?? "") } ?? ""
    var words = meaning.isEmpty ? FailureStory.article(FailureStory.words(shape.kind)) : meaning
    if let status = shape.status {
      let name = statuses[StatusKey(channel: shape.stream.channel, code: status)]?.name
      words += " (status \(status)" + (name.map { " \($0)" } ?? "") + ")"
    }
    return words
  }

  /// A cadence the log's own times show.
  static func finding(
    _ run: SteadyRun<Event>.Span, what: String, stream: StreamKey?, steps: [String], inputNames: [String]
  ) -> Finding {
    finding(run, what: what, subject: stream?.description ?? "the gateway", stream: stream, steps: steps,
      evidence: [run.firstTag, run.lastTag].map { Evidence($0, inputNames: inputNames) })
  }

  /// A cadence the log's own times show, of any kind of line (`Tag`), citing `evidence`.
  static func finding<Tag>(
    _ run: SteadyRun<Tag>.Span, what: String, subject: String, stream: StreamKey?, steps: [String],
    evidence: [Evidence]
  ) -> Finding {
    let period = TimeText.duration(run.period)
    let span = run.last.seconds - run.first.seconds
    let from = TimeText.human(run.first)
    let to = TimeText.human(run.last)
    return Finding(
      id: findingID, severity: .warning,
      title: "A steady loop on \(subject): \(what) every \(period) (\(run.occurrences) times)",
      rootCause:
        "\(FailureStory.capitalised(what)) every \(period) from \(from) to \(to) (\(run.occurrences) times; each gap "
        + "within ±20 % of the median). A failure that comes back on a steady period is a loop: something on a timer "
        + "(a timeout, a health check, a restart delay) makes the same thing happen each time. No diagnosis of the "
        + "rule file explains it; the period is its signature.",
      actions: steps + [
        "Look at what comes just before each occurrence, and at what in the setup runs every \(period): that timer is the loop."
      ],
      figures: figures(occurrences: run.occurrences, period: run.period, span: span),
      stream: stream,
      evidence: evidence)
  }

  /// A cadence the user's note states (`...repeats every 60s`).
  private static func finding(
    stated period: Double, note: Event, first: Event, occurrences: Int, what: String, stream: StreamKey,
    steps: [String], inputNames: [String]
  ) -> Finding {
    let every = TimeText.duration(period)
    let mark = note.mark ?? note.text
    return Finding(
      id: findingID, severity: .warning,
      title: "A steady loop on \(stream): \(what) every \(every), as the paste's note says",
      rootCause:
        "\(FailureStory.capitalised(what)) (line \(first.origin.line)), and the paste's note `\(mark)` on line "
        + "\(note.origin.line) says it repeats every \(every). A failure that comes back on a steady period is a loop: "
        + "something on a timer makes the same thing happen each time. No diagnosis of the rule file explains it; "
        + "the period is its signature.",
      actions: steps + [
        "Look at what comes just before each occurrence, and at what in the setup runs every \(every): that timer is the loop."
      ],
      figures: figures(occurrences: occurrences, period: period, span: nil),
      stream: stream,
      evidence: [first, note].map { Evidence($0, inputNames: inputNames) })
  }

  private static func figures(occurrences: Int, period: Double, span: Double?) -> [Figure] {
    var figures = [
      Figure(name: "occurrences", label: "times", value: Double(occurrences), unit: .count, text: String(occurrences)),
      Figure(name: "period", label: "every", value: period, unit: .seconds, text: TimeText.duration(period)),
    ]
    if let span {
      figures.append(Figure(name: "span", label: "for", value: span, unit: .seconds, text: TimeText.duration(span)))
    }
    return figures
  }
}
