/// A failure of the WebSocket layer: the opening handshake, a URL, or a frame the peer sent.
///
/// Reaches users as the `underlying` error of a shard error. Frame-level errors carry the close code that
/// must be sent to the peer (``closeCode``); handshake errors caused by an HTTP answer carry its status
/// (``httpStatus``).
///
/// **Threading:** an immutable value; `Sendable`.
public struct WebSocketError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, as an open set of codes so new ones are not breaking changes.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short human-readable name of the code.
        public let description: String

        /// Makes a code; the library defines all codes as the static members below.
        init(description: String) {
            self.description = description
        }

        /// The server answered the upgrade request with a status other than 101 (see ``WebSocketError/httpStatus``).
        public static let handshakeFailed = Code(description: "handshake failed")
        /// The server answered with a redirect (3xx), which the gateway connection does not follow.
        public static let redirectNotFollowed = Code(description: "redirect not followed")
        /// The 101 answer lacked or garbled `Upgrade`, `Connection` or `Sec-WebSocket-Accept`, or was malformed.
        public static let invalidHandshakeResponse = Code(description: "invalid handshake response")
        /// An upgrade request (received by a server) was malformed or not a WebSocket upgrade.
        public static let invalidHandshakeRequest = Code(description: "invalid handshake request")
        /// The HTTP header block grew past its size limit without ending.
        public static let handshakeHeaderTooLarge = Code(description: "handshake header too large")
        /// The peer broke RFC 6455 framing rules (close code 1002).
        public static let protocolViolation = Code(description: "WebSocket protocol violation")
        /// A text message or close reason was not valid UTF-8 (close code 1007).
        public static let invalidUTF8 = Code(description: "invalid UTF-8 in text message")
        /// A message exceeded the configured maximum size (close code 1009).
        public static let messageTooLarge = Code(description: "message too large")
        /// The URL is not a valid `ws://` or `wss://` URL.
        public static let invalidURL = Code(description: "invalid WebSocket URL")
        /// A plain `ws://` URL was given for a host that is not the loopback interface.
        public static let insecureURLNotAllowed = Code(description: "insecure URL not allowed")
    }

    /// What went wrong.
    public let code: Code
    /// The HTTP status of the server's answer, for handshake errors caused by one.
    public let httpStatus: Int?
    /// The close code to send to the peer, for frame-level errors (1002, 1007 or 1009).
    public let closeCode: UInt16?
    /// Human-readable specifics, for example `"reserved bits set"` or `"expected 101, got 403 Forbidden"`.
    public let detail: String

    /// Makes an error.
    ///
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - httpStatus: The HTTP status involved, if any.
    ///   - closeCode: The close code to send to the peer, if any.
    ///   - detail: Human-readable specifics.
    package init(code: Code, httpStatus: Int? = nil, closeCode: UInt16? = nil, detail: String) {
        self.code = code
        self.httpStatus = httpStatus
        self.closeCode = closeCode
        self.detail = detail
    }

    /// `"<code>: <detail>"`, plus the HTTP status and close code when present.
    public var description: String {
        var text = "WebSocketError(\(code.description)"
        if let httpStatus { text += ", HTTP \(httpStatus)" }
        if let closeCode { text += ", close code \(closeCode)" }
        if !detail.isEmpty { text += ": \(detail)" }
        return text + ")"
    }

    /// A framing violation that must be answered with close code 1002.
    package static func protocolViolation(_ detail: String) -> WebSocketError {
        WebSocketError(code: .protocolViolation, closeCode: WebSocketCloseCode.protocolError, detail: detail)
    }

    /// Invalid UTF-8 that must be answered with close code 1007.
    package static func invalidUTF8(_ detail: String) -> WebSocketError {
        WebSocketError(code: .invalidUTF8, closeCode: WebSocketCloseCode.invalidPayloadData, detail: detail)
    }

    /// An oversized message that must be answered with close code 1009.
    package static func messageTooLarge(_ detail: String) -> WebSocketError {
        WebSocketError(code: .messageTooLarge, closeCode: WebSocketCloseCode.messageTooBig, detail: detail)
    }
}
