/// Why a shard's connection ended or could not be made, as reported to users.
///
/// One struct with an open ``Code`` so new reasons are not breaking. ``underlying`` keeps the transport-level error
/// (``TLSError``, ``ConnectionError``, ``WebSocketError``, a zlib or JSON error) for details. Descriptions never
/// contain the token.
///
/// **Threading:** an immutable value; `Sendable`.
public struct ShardError: Error, CustomStringConvertible, Sendable {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short phrase.
        public let description: String

        /// Makes a code.
        init(description: String) {
            self.description = description
        }

        /// Discord closed the connection with a close code (see ``ShardError/closeCode``).
        public static let closedByGateway = Code(description: "closed by gateway")
        /// The connection ended without a close frame (TCP reset or EOF).
        public static let connectionLost = Code(description: "connection lost")
        /// No heartbeat ACK arrived before the next heartbeat was due: the connection was zombied and dropped.
        public static let heartbeatTimedOut = Code(description: "heartbeat not acknowledged")
        /// The TCP connection could not be made (DNS, refused, timeout).
        public static let connectFailed = Code(description: "connect failed")
        /// TLS failed; when it is a certificate failure the shard stops instead of retrying.
        public static let tlsFailed = Code(description: "TLS failed")
        /// The WebSocket handshake or framing failed.
        public static let webSocketFailed = Code(description: "WebSocket failed")
        /// zlib-stream data could not be inflated.
        public static let decompressionFailed = Code(description: "zlib-stream inflate failed")
        /// A payload was not valid gateway JSON.
        public static let decodingFailed = Code(description: "payload could not be decoded")
        /// Discord asked the shard to reconnect (op 7).
        public static let reconnectRequested = Code(description: "reconnect requested")
        /// Discord invalidated the session (op 9).
        public static let sessionInvalidated = Code(description: "session invalidated")
    }

    /// The kind of failure.
    public let code: Code
    /// Discord's close code, when Discord closed the connection.
    public let closeCode: GatewayCloseCode?
    /// The lower-level error, when there is one.
    public let underlying: (any Error & Sendable)?

    /// Makes an error.
    package init(code: Code, closeCode: GatewayCloseCode? = nil, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.closeCode = closeCode
        self.underlying = underlying
    }

    /// Whether the shard reconnects after this error on its own.
    ///
    /// False for fatal close codes (4004, 4010–4014) and TLS certificate failures, which need the user to fix
    /// the configuration.
    public var isRetryable: Bool {
        if let closeCode, closeCode.isFatal { return false }
        if let tls = underlying as? TLSError, tls.isCertificateFailure { return false }
        if let websocket = underlying as? WebSocketError, websocket.code == .insecureURLNotAllowed { return false }
        return true
    }

    /// One readable sentence, e.g. `"closed by gateway: 4004 authentication failed"`.
    public var description: String {
        var text = code.description
        if let closeCode { text += ": \(closeCode)" }
        if let underlying { text += ": \(underlying)" }
        return text
    }
}
