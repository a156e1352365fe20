@testable import WalogCore

/// The built-in rules' kinds that tests name. walog's sources keep no such constants: kinds
/// are the rule files' data, and the machinery reads their roles (SourcesKnowNoOpenClawTests).
extension EventKind {
  static let providerStart: EventKind = "provider_start"
  static let connected: EventKind = "connected"
  static let close: EventKind = "close"
  static let retry: EventKind = "retry"
  static let logout: EventKind = "logout"
  static let rpcFailure: EventKind = "rpc_failure"
  static let giveup: EventKind = "giveup"
  static let stop: EventKind = "stop"
  static let watchdog: EventKind = "watchdog"
  static let channelExit: EventKind = "channel_exit"
  static let autoRestart: EventKind = "auto_restart"
  static let healthRestart: EventKind = "health_restart"
  static let version: EventKind = "version"
  static let stopTimeout: EventKind = "stop_timeout"
  static let hostThaw: EventKind = "host_thaw"
  static let livenessWarning: EventKind = "liveness_warning"
}

extension KindRoles {
  /// A kind's roles in the built-in rules, as the matcher gives them to its events.
  static func of(_ kind: EventKind) -> KindRoles { RuleSet.default.kinds[kind]?.roleSet ?? [] }
}
