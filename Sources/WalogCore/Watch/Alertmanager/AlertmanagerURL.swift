import CWalogCurl

/// An `--alertmanager` URL, read as amtool's `--alertmanager.url` is: `http` or `https`, the
/// path is Alertmanager's path prefix (its `--web.route-prefix`), and a user and password in it
/// are basic authentication. Alerts go to the prefix's `api/v2/alerts`.
public struct AlertmanagerURL: Sendable, Equatable {
  /// Where alerts are posted, credentials kept.
  public var endpoint: String
  /// The same without credentials: what messages and the metrics label show.
  public var display: String
  /// Whether the URL names a user (basic authentication).
  public var hasCredentials: Bool

  /// Why a URL cannot be used, in words.
  public struct Problem: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  public init(_ text: String) throws(Problem) {
    guard let url = curl_url() else { throw Problem(description: "out of memory") }
    defer { curl_url_cleanup(url) }
    let set = curl_url_set(url, CURLUPART_URL, text, 0)
    guard set == CURLUE_OK else {
      throw Problem(description: "cannot read --alertmanager '\(text)': \(String(cString: curl_url_strerror(set)))")
    }
    let scheme = Self.part(url, CURLUPART_SCHEME)?.lowercased()
    guard scheme == "http" || scheme == "https" else {
      throw Problem(description: "--alertmanager '\(text)' is not an http:// or https:// URL")
    }
    guard Self.part(url, CURLUPART_QUERY) == nil, Self.part(url, CURLUPART_FRAGMENT) == nil else {
      throw Problem(description: "--alertmanager '\(text)' has a query or fragment; give the URL of Alertmanager (and its path prefix) alone")
    }
    hasCredentials = Self.part(url, CURLUPART_USER) != nil
    var prefix = Self.part(url, CURLUPART_PATH) ?? "/"
    while prefix.hasSuffix("/") { prefix.removeLast() }
    curl_url_set(url, CURLUPART_PATH, prefix + "/api/v2/alerts", 0)
    endpoint = Self.part(url, CURLUPART_URL) ?? text
    curl_url_set(url, CURLUPART_USER, nil, 0)
    curl_url_set(url, CURLUPART_PASSWORD, nil, 0)
    display = Self.part(url, CURLUPART_URL) ?? text
  }

  private static func part(_ url: OpaquePointer, _ which: CURLUPart) -> String? {
    var value: UnsafeMutablePointer<CChar>?
    guard curl_url_get(url, which, &value, 0) == CURLUE_OK, let value else { return nil }
    defer { curl_free(value) }
    return String(cString: value)
  }
}
