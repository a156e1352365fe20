/// A compiled `diagnoses:` entry: when it holds and what it concludes.
public struct Diagnosis: Sendable {
  public enum Scope: String, Sendable {
    /// Evaluated for each stream (channel account) on its own: one finding per stream.
    case stream
    /// Evaluated once over the whole log.
    case log
  }

  /// An action, shown only when its condition (on figures and the version) holds.
  public struct Action: Sendable {
    public var text: String
    public var condition: Condition?
    /// Channels whose streams the action is for (`channel:`); empty means every channel.
    public var channels: Set<String> = []
  }

  /// A test log and the findings it must (and must not) produce.
  public struct Test: Sendable {
    /// Path of the log, relative to the rule file's folder (or the package root for the
    /// embedded default rules).
    public var log: String
    public var expect: [String]
    public var absent: [String]
    public var location: SourceLocation
  }

  public var id: String
  public var severity: Finding.Severity
  public var scope: Scope
  /// Channels the diagnosis applies to; empty means every channel.
  public var channels: Set<String>
  public var title: String
  public var rootCause: String
  public var actions: [Action]
  public var condition: Condition
  /// Which events are cited as evidence; by default those the condition counts.
  public var evidence: [EventFilter]
  /// Further figures to report with a finding, by name.
  public var report: [String]
  /// Events that hold for the whole gateway (`gateway_wide:`): matched from any stream, they
  /// also count in every stream's conditions of this diagnosis (a liveness warning).
  public var gatewayWide: [EventFilter] = []
  /// Failure events it accounts for besides its evidence (`explains:`): when it holds, they
  /// need no finding of their own (``Explainer``).
  public var explains: [EventFilter] = []
  public var tests: [Test]
  /// Whether it can only be judged on a whole log (it may hold on part of a log and not on
  /// all of it, e.g. "no recovery"): `walog watch` leaves it to the summary, never alerting.
  public var wholeLog = false
  public var location: SourceLocation

  /// `{name_gap}`: the median time between the events the count named `name` counted.
  static let gapSuffix = "_gap"

  /// Names a count leaf lends its texts and `report`: `name_gap`.
  static func derivedNames(_ leaves: [Condition.Leaf]) -> [String] {
    leaves.compactMap { leaf in
      guard let name = leaf.name, case .count = leaf.measure else { return nil }
      return name + gapSuffix
    }
  }

  /// Whether its condition, or an action for `channel`'s streams, names a gateway version:
  /// what it concludes or advises there depends on the version the log shows.
  func dependsOnVersion(channel: String?) -> Bool {
    let actions = self.actions.filter { action in
      action.channels.isEmpty || channel.map(action.channels.contains) == true
    }
    return (condition.leaves + actions.flatMap { $0.condition?.leaves ?? [] }).contains { leaf in
      if case .version = leaf.measure { return true }
      return false
    }
  }

  /// Leaves of the condition followed by those of the actions' conditions; probes and
  /// values are indexed in this order.
  var allLeaves: [Condition.Leaf] {
    condition.leaves + actions.flatMap { $0.condition?.leaves ?? [] }
  }
}
