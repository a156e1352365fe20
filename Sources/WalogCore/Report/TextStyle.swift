/// ANSI styling for the text report; every method is the identity when colour is off
/// (not a terminal, or `NO_COLOR` set), so reports piped to files stay plain.
public struct TextStyle: Sendable {
  public var enabled: Bool
  public init(enabled: Bool) { self.enabled = enabled }

  public func bold(_ text: String) -> String { wrap(text, "1") }
  public func dim(_ text: String) -> String { wrap(text, "2") }
  public func red(_ text: String) -> String { wrap(text, "31") }
  public func yellow(_ text: String) -> String { wrap(text, "33") }
  public func cyan(_ text: String) -> String { wrap(text, "36") }

  public func severity(_ severity: Finding.Severity, _ text: String) -> String {
    switch severity {
    case .critical, .error: red(bold(text))
    case .warning: yellow(bold(text))
    case .info: cyan(text)
    }
  }

  private func wrap(_ text: String, _ code: String) -> String {
    enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}
