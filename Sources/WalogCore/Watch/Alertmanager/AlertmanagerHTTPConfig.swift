#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `--alertmanager-http-config FILE`: how to reach Alertmanager, in the YAML that its own
/// clients read — amtool's `--http.config.file`, Prometheus's `http_config` — so one file
/// serves both:
///
/// ```yaml
/// basic_auth: {username: walog, password_file: /etc/walog/am-password}
/// # or: authorization: {type: Bearer, credentials_file: /etc/walog/am-token}
/// tls_config: {ca_file: ca.pem, cert_file: client.pem, key_file: client-key.pem}
/// ```
///
/// Relative file names are read from the file's folder, and secrets read from files lose
/// surrounding blanks, as Prometheus does. Keys walog does not implement (`oauth2`,
/// `server_name`…) are refused by name rather than ignored. Problems are reported as
/// `file:line:column: error: …`.
public enum AlertmanagerHTTPConfig {
  static let topKeys = ["basic_auth", "authorization", "bearer_token", "bearer_token_file", "tls_config", "proxy_url"]
  static let basicAuthKeys = ["username", "password", "password_file"]
  static let authorizationKeys = ["type", "credentials", "credentials_file"]
  static let tlsKeys = ["ca_file", "cert_file", "key_file", "insecure_skip_verify"]
  /// Keys of the format that walog does not implement.
  static let unsupported = [
    "oauth2", "follow_redirects", "enable_http2", "no_proxy", "proxy_from_environment", "proxy_connect_header",
    "ca", "cert", "key", "server_name", "min_version", "max_version", "username_file",
  ]

  public static func load(path: String) throws(RuleError) -> HTTPOptions {
    let file = SourceLocation(file: path, line: 0, column: 0)
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw RuleError(file, FileManager.default.fileExists(atPath: path) ? "cannot read the HTTP configuration" : "no such HTTP configuration file")
    }
    let documents: [Node]
    do {
      documents = try YAMLComposer.documents(text)
    } catch {
      throw RuleError(SourceLocation(file: path, line: error.mark.line, column: error.mark.column), "invalid YAML: \(error.message)")
    }
    guard let root = documents.first, !root.isNull else { return HTTPOptions() }
    if documents.count > 1 {
      throw RuleError(SourceLocation(file: path, line: documents[1].mark.line, column: 1), "expected one YAML document, found another one")
    }
    var reading = Reading(reader: YAMLReader(file: path), folder: folder(of: path))
    let options = reading.options(root)
    if !reading.reader.diagnostics.isEmpty { throw RuleError(diagnostics: reading.reader.diagnostics) }
    return options
  }

  private static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  private struct Reading {
    var reader: YAMLReader
    let folder: String

    mutating func options(_ root: Node) -> HTTPOptions {
      var options = HTTPOptions()
      guard let top = entries(root, what: "the HTTP configuration", allowed: topKeys) else { return options }
      let schemes = ["basic_auth", "authorization", "bearer_token", "bearer_token_file"].filter { top[$0] != nil }
      if schemes.count > 1 {
        reader.error(top[schemes[1]]!.key, "give one of \(schemes.joined(separator: ", ")): they are different ways to authenticate")
      }
      if let node = top["basic_auth"]?.value, let entries = entries(node, what: "basic_auth", allowed: basicAuthKeys) {
        options.username = reader.required("username", in: entries, of: node, what: "basic_auth").flatMap { reader.string($0, key: "username") }
        options.password = secret(entries, text: "password", file: "password_file", what: "basic_auth") ?? ""
      }
      if let node = top["authorization"]?.value, let entries = entries(node, what: "authorization", allowed: authorizationKeys) {
        let type = entries["type"].flatMap { reader.string($0.value, key: "type") } ?? "Bearer"
        if let credentials = secret(entries, text: "credentials", file: "credentials_file", what: "authorization") {
          options.authorization = "\(type) \(credentials)"
        } else {
          reader.error(node, "authorization needs 'credentials' or 'credentials_file'")
        }
      }
      if let token = secret(top, text: "bearer_token", file: "bearer_token_file", what: "the HTTP configuration") {
        options.authorization = "Bearer \(token)"
      }
      if let node = top["tls_config"]?.value, let entries = entries(node, what: "tls_config", allowed: tlsKeys) {
        options.caFile = file(entries["ca_file"])
        options.certFile = file(entries["cert_file"])
        options.keyFile = file(entries["key_file"])
        if (options.certFile == nil) != (options.keyFile == nil) {
          reader.error(node, "tls_config needs both 'cert_file' and 'key_file' for a client certificate")
        }
        options.insecureSkipVerify = entries["insecure_skip_verify"].flatMap { reader.bool($0.value, key: "insecure_skip_verify") } ?? false
      }
      options.proxy = top["proxy_url"].flatMap { reader.string($0.value, key: "proxy_url") }
      return options
    }

    /// A mapping's entries; keys of the format that walog does not implement are named as such.
    mutating func entries(_ node: Node, what: String, allowed: [String]) -> [String: (key: Node, value: Node)]? {
      guard let entries = reader.entries(of: node, what: what, allowed: allowed + unsupported) else { return nil }
      for (name, entry) in entries where unsupported.contains(name) {
        reader.error(entry.key, "'\(name)' in \(what) is not supported by walog; supported keys: \(allowed.joined(separator: ", "))")
      }
      return entries.filter { allowed.contains($0.key) }
    }

    /// A secret given in the file (`text`) or read from another one (`file`), never both.
    mutating func secret(_ entries: [String: (key: Node, value: Node)], text: String, file: String, what: String) -> String? {
      if entries[text] != nil, let fromFile = entries[file] {
        reader.error(fromFile.key, "\(what) has both '\(text)' and '\(file)'; give one")
        return nil
      }
      if let inline = entries[text] { return reader.string(inline.value, key: text) }
      guard let path = self.file(entries[file]) else { return nil }
      guard let content = try? String(contentsOfFile: path, encoding: .utf8) else {
        reader.error(entries[file]!.value, "cannot read '\(path)' for '\(file)'")
        return nil
      }
      // A secret file's trailing newline is no part of the secret.
      return String(content.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    /// A file name, relative ones from the configuration's folder.
    mutating func file(_ entry: (key: Node, value: Node)?) -> String? {
      guard let entry, let name = reader.string(entry.value, key: entry.key.string ?? "file") else { return nil }
      return name.hasPrefix("/") ? name : "\(folder)/\(name)"
    }
  }
}
