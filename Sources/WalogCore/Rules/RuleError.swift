/// One problem in a rule file, printed as `file:line:column: error: message`.
public struct RuleDiagnostic: Sendable, Equatable, CustomStringConvertible {
  /// Where the problem is; line and column 0 when only the file is known.
  public var location: SourceLocation
  /// What was expected, in words.
  public var message: String

  public init(location: SourceLocation, message: String) {
    self.location = location
    self.message = message
  }

  public var description: String {
    location.line > 0 ? "\(location): error: \(message)" : "\(location.file): error: \(message)"
  }
}

/// Why a rule file could not be loaded: every problem found, in file order.
public struct RuleError: Error, Sendable, Equatable, CustomStringConvertible {
  public var diagnostics: [RuleDiagnostic]

  public init(diagnostics: [RuleDiagnostic]) { self.diagnostics = diagnostics }

  public init(_ location: SourceLocation, _ message: String) {
    diagnostics = [RuleDiagnostic(location: location, message: message)]
  }

  /// One line per problem.
  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
