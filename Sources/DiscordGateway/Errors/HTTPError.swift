/// A failed HTTP request (`GET /gateway/bot`, the gateway-queue service).
///
/// Never contains request headers, so the `Authorization` token cannot leak through logs or error messages.
///
/// **Threading:** an immutable value; `Sendable`.
public struct HTTPError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, in a form that can grow without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short plain-words description of the code.
        public let description: String

        /// The server answered with a status the caller cannot use; see ``HTTPError/status``.
        public static let badStatus = Code(description: "unexpected HTTP status")
        /// Discord rejected the bot token (HTTP 401).
        public static let unauthorized = Code(description: "bot token rejected")
        /// The response was not valid HTTP/1.1 or its body could not be decoded.
        public static let malformedResponse = Code(description: "malformed response")
        /// The request did not complete within its timeout.
        public static let timedOut = Code(description: "timed out")
        /// The response head or body exceeded its size limit.
        public static let tooLarge = Code(description: "response too large")
        /// The URL is not a valid `http://` or `https://` URL.
        public static let invalidURL = Code(description: "invalid URL")
        /// A header name or value contains characters not allowed in a request.
        public static let invalidRequest = Code(description: "invalid request")
        /// Connecting, the TLS handshake or the exchange failed; see ``HTTPError/underlying``.
        public static let connectionFailed = Code(description: "connection failed")
    }

    /// What went wrong.
    public let code: Code
    /// The HTTP status, when a response head arrived.
    public let status: Int?
    /// Plain-words detail; never contains request headers.
    public let detail: String
    /// The transport error behind ``Code/connectionFailed`` (``ConnectionError`` or ``TLSError``).
    public let underlying: (any Error & Sendable)?

    /// Creates an error; package-wide so only this package throws it.
    package init(_ code: Code, status: Int? = nil, detail: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.status = status
        self.detail = detail
        self.underlying = underlying
    }

    /// `"HTTP request failed (unexpected HTTP status, 503): detail: underlying"`.
    public var description: String {
        var text = "HTTP request failed (\(code)"
        if let status { text += ", \(status)" }
        text += "): \(detail)"
        if let underlying { text += ": \(underlying)" }
        return text
    }
}
