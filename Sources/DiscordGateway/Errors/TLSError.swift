internal import COpenSSL
internal import Glibc

/// A TLS failure: context setup, handshake, certificate verification or encrypted I/O.
///
/// Carries the failing OpenSSL call, its `SSL_get_error` result and the OpenSSL error queue, all captured on
/// the failing thread right after the call (the queue is per thread).
///
/// **Threading:** a value type; safe to pass between threads.
public struct TLSError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, in a form that can grow without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short plain-words description of the code.
        public let description: String

        /// Creates a code; internal so only the library defines codes.
        init(description: String) {
            self.description = description
        }

        /// Creating or configuring the `SSL_CTX` failed (bad certificate file, key mismatch, ...).
        public static let contextSetupFailed = Code(description: "context setup failed")
        /// Creating the per-connection `SSL` object failed.
        public static let connectionSetupFailed = Code(description: "connection setup failed")
        /// The peer's certificate chain or host name did not verify; retrying will not help.
        public static let certificateVerificationFailed = Code(description: "certificate verify failed")
        /// The handshake failed for a reason other than certificate verification.
        public static let handshakeFailed = Code(description: "handshake failed")
        /// The peer closed TCP without sending a TLS close_notify.
        public static let unexpectedEOF = Code(description: "connection closed without close_notify")
        /// The underlying socket failed (reset, broken pipe, ...).
        public static let ioFailed = Code(description: "socket I/O failed")
        /// The peer violated the TLS protocol or sent a fatal alert after the handshake.
        public static let protocolFailure = Code(description: "protocol failure")
        /// The stream was used after ``ByteStream/close()``.
        public static let alreadyClosed = Code(description: "stream already closed")
    }

    /// What went wrong.
    public let code: Code
    /// The failing call, e.g. `"SSL_connect"`, `"SSL_read"`, `"SSL_CTX_use_PrivateKey_file"`.
    public let operation: String
    /// The `SSL_get_error` result for the failing call, when there was an `SSL` object.
    public let sslError: Int32?
    /// `X509_verify_cert_error_string` text when certificate verification failed, e.g. `"hostname mismatch"`.
    public let verifyResult: String?
    /// The OpenSSL error queue, oldest first, as `ERR_error_string_n` lines.
    public let errorQueue: [String]
    /// The host name the connection was verifying or connecting to, if any.
    public let peerName: String?
    /// The `errno` value when the failure came from the socket (`SSL_ERROR_SYSCALL`).
    public let systemError: Int32?

    /// Whether the peer's certificate was rejected, so a caller should stop rather than retry.
    public var isCertificateFailure: Bool { code == .certificateVerificationFailed }

    /// Creates an error; internal so only the library throws it.
    init(
        _ code: Code,
        operation: String,
        sslError: Int32? = nil,
        verifyResult: String? = nil,
        errorQueue: [String] = [],
        peerName: String? = nil,
        systemError: Int32? = nil
    ) {
        self.code = code
        self.operation = operation
        self.sslError = sslError
        self.verifyResult = verifyResult
        self.errorQueue = errorQueue
        self.peerName = peerName
        self.systemError = systemError
    }

    /// Plain words, e.g. `TLS handshake with gateway.discord.gg failed: certificate verify failed: hostname
    /// mismatch (SSL_connect, SSL_get_error 1, ...)`.
    public var description: String {
        var text: String
        switch operation {
        case "SSL_connect", "SSL_accept", "SSL_do_handshake": text = "TLS handshake"
        case "SSL_read": text = "TLS read"
        case "SSL_write": text = "TLS write"
        case "SSL_shutdown": text = "TLS shutdown"
        default: text = "TLS setup"
        }
        if let peerName { text += " with \(peerName)" }
        text += " failed: \(code.description)"
        if let verifyResult { text += ": \(verifyResult)" }
        var extras = [operation]
        if let sslError { extras.append("SSL_get_error \(sslError)") }
        if let systemError { extras.append("errno \(systemError): \(String(cString: strerror(systemError)))") }
        extras.append(contentsOf: errorQueue)
        text += " (" + extras.joined(separator: "; ") + ")"
        return text
    }

    /// Drains this thread's OpenSSL error queue into readable lines, oldest first.
    static func drainErrorQueue() -> [String] {
        var lines: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            lines.append(errorString(code))
        }
        return lines
    }

    /// Formats one packed OpenSSL error code with `ERR_error_string_n`.
    static func errorString(_ code: UInt) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 256) { buffer in
            guard let base = buffer.baseAddress else { return "error \(code)" }
            ERR_error_string_n(code, base, buffer.count)
            return String(cString: base)
        }
    }

    /// A context-setup error for `operation`, capturing the error queue now.
    static func contextSetup(_ operation: String, peerName: String? = nil) -> TLSError {
        TLSError(.contextSetupFailed, operation: operation, errorQueue: drainErrorQueue(), peerName: peerName)
    }
}
