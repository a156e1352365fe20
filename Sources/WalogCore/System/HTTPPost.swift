import CWalogCurl

/// What a request needs beside its URL: TLS files, credentials, a proxy and a time limit.
public struct HTTPOptions: Sendable, Equatable {
  /// PEM file of the certificate authorities to trust instead of the system's.
  public var caFile: String?
  /// The client certificate and its key (PEM), for servers that ask for one.
  public var certFile: String?
  public var keyFile: String?
  /// Accept any server certificate (tests, self-signed setups).
  public var insecureSkipVerify = false
  /// Basic authentication.
  public var username: String?
  public var password: String?
  /// The `Authorization` header's whole value, e.g. `Bearer abc`.
  public var authorization: String?
  /// `http://proxy:3128`.
  public var proxy: String?

  public init() {}
}

/// How a request ended: the server's status and the start of its answer, or why there was none.
public enum HTTPOutcome: Sendable, Equatable {
  case response(status: Int, body: String)
  case failure(String)
}

/// One HTTP endpoint that JSON is posted to, through libcurl, the connection kept open between
/// posts. libcurl rather than a Swift HTTP stack: it is a system library like PCRE2 and
/// libarchive (Debian `libcurl4-openssl-dev`), so it costs no build time in any build folder and
/// brings no Foundation (ICU) into the static binary; async-http-client would compile
/// SwiftNIO and BoringSSL in each of them (docs/install.md, "Alertmanager's HTTP client").
///
/// Not thread-safe: one thread posts through it.
final class HTTPPost {
  private let handle: UnsafeMutableRawPointer
  private var headers: UnsafeMutablePointer<curl_slist>?
  private let errorText = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
  private let answer = Answer()

  /// The first bytes of the server's answer, kept for messages; the rest is read and dropped.
  private final class Answer {
    var bytes: [UInt8] = []
    static let kept = 512
  }

  /// libcurl's global state, set up once before the first handle (it is not thread-safe).
  private static let globalSetUp: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

  init(url: String, options: HTTPOptions, userAgent: String) {
    _ = Self.globalSetUp
    handle = curl_easy_init()!
    errorText[0] = 0
    // Threads: no SIGALRM for time-outs (the watch's signal handling stays its own).
    walog_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
    walog_curl_set_string(handle, CURLOPT_URL, url)
    walog_curl_set_long(handle, CURLOPT_POST, 1)
    walog_curl_set_string(handle, CURLOPT_USERAGENT, userAgent)
    walog_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorText)
    if let caFile = options.caFile { walog_curl_set_string(handle, CURLOPT_CAINFO, caFile) }
    if let certFile = options.certFile { walog_curl_set_string(handle, CURLOPT_SSLCERT, certFile) }
    if let keyFile = options.keyFile { walog_curl_set_string(handle, CURLOPT_SSLKEY, keyFile) }
    if options.insecureSkipVerify {
      walog_curl_set_long(handle, CURLOPT_SSL_VERIFYPEER, 0)
      walog_curl_set_long(handle, CURLOPT_SSL_VERIFYHOST, 0)
    }
    if let username = options.username {
      walog_curl_set_string(handle, CURLOPT_USERNAME, username)
      walog_curl_set_string(handle, CURLOPT_PASSWORD, options.password ?? "")
    }
    if let proxy = options.proxy { walog_curl_set_string(handle, CURLOPT_PROXY, proxy) }
    // No `Expect: 100-continue` (libcurl's default for larger bodies): it costs a round trip,
    // or a second with a server that does not answer it.
    var lines = ["Content-Type: application/json", "Expect:"]
    if let authorization = options.authorization { lines.append("Authorization: \(authorization)") }
    for line in lines { headers = curl_slist_append(headers, line) }
    walog_curl_set_list(handle, CURLOPT_HTTPHEADER, headers)
    walog_curl_set_write(handle, { data, size, count, context in
      let answer = Unmanaged<Answer>.fromOpaque(context!).takeUnretainedValue()
      let length = size * count
      let room = min(length, max(0, Answer.kept - answer.bytes.count))
      if room > 0, let data {
        data.withMemoryRebound(to: UInt8.self, capacity: room) { answer.bytes += UnsafeBufferPointer(start: $0, count: room) }
      }
      return length
    }, Unmanaged.passUnretained(answer).toOpaque())
  }

  deinit {
    curl_easy_cleanup(handle)
    curl_slist_free_all(headers)
    errorText.deallocate()
  }

  /// Posts `body`; returns when the answer is in, the request failed, or `timeout` seconds
  /// (connection included) have passed.
  func post(_ body: [UInt8], timeout: Double) -> HTTPOutcome {
    walog_curl_set_long(handle, CURLOPT_TIMEOUT_MS, max(1, Int(timeout * 1000)))
    answer.bytes.removeAll(keepingCapacity: true)
    errorText[0] = 0
    let result = body.withUnsafeBytes { bytes in
      walog_curl_set_long(handle, CURLOPT_POSTFIELDSIZE, bytes.count)
      walog_curl_set_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
      return curl_easy_perform(handle)
    }
    walog_curl_set_pointer(handle, CURLOPT_POSTFIELDS, nil)
    guard result == CURLE_OK else {
      let detail = String(cString: errorText)
      return .failure(detail.isEmpty ? String(cString: curl_easy_strerror(result)) : detail)
    }
    var status = 0
    walog_curl_response_code(handle, &status)
    return .response(status: status, body: String(decoding: answer.bytes, as: UTF8.self))
  }
}
