/// One kind of secret: a compiled pattern and the stem of its placeholders.
public struct RedactionRule: Sendable {
  /// Shown in documentation and tests (`phone`, `whatsapp-jid`, a rule file's `name`).
  public var name: String
  public var pattern: Pattern
  /// The n-th distinct match becomes `<STEM-n>`.
  public var placeholder: String

  public init(name: String, pattern: Pattern, placeholder: String) {
    self.name = name
    self.pattern = pattern
    self.placeholder = placeholder
  }

  /// walog's own rules, applied after a rule file's: WhatsApp JIDs before e-mail addresses
  /// (a JID has an `@` too) and tokens before phone numbers (a Telegram token starts with
  /// digits). Compiled once per process.
  public static let builtin: [RedactionRule] = builtinSources.map { source in
    do {
      return RedactionRule(
        name: source.name, pattern: try Pattern(source.pattern), placeholder: source.placeholder)
    } catch {
      fatalError("built-in redaction pattern '\(source.name)' does not compile: \(error)")
    }
  }

  /// The built-in patterns as text, documented in docs/json-schema.md ("Redaction").
  public static let builtinSources: [(name: String, pattern: String, placeholder: String)] = [
    // 15550104477@s.whatsapp.net, 15550104477:12@s.whatsapp.net, 1203…@g.us, 2718…@lid.
    (
      "whatsapp-jid",
      #"(?<![\w.+-])[\w.+-]+(?::\d+)?@(?:s\.whatsapp\.net|c\.us|g\.us|lid|broadcast|newsletter)(?![\w.-])"#,
      "JID"
    ),
    // Telegram bot tokens: the bot id, a colon, 35 characters of secret (`bot123:AA…` in URLs).
    ("telegram-token", #"(?<!\d)\d{6,12}:[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])"#, "TOKEN"),
    // Slack bot, app-level, user and refresh tokens.
    ("slack-token", #"\b(?:xox[abpre]|xapp)-[A-Za-z0-9-]{10,}"#, "TOKEN"),
    (
      "email", #"(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])"#,
      "EMAIL"
    ),
    // E.164 (+15550104477, up to 15 digits) and the gateway's masked form (+39344XXXXXXX).
    ("phone", #"(?<![\w+])\+[1-9](?:\d{6,14}|\d{1,12}X{3,12})(?![\dX])"#, "PHONE"),
  ]
}
