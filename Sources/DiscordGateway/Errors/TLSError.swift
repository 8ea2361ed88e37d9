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
    /// The certificate, key or trust roots file involved in a context setup failure.
    public let file: String?
    /// The `errno` value when the failure came from the socket (`SSL_ERROR_SYSCALL`).
    public let systemError: Int32?
    /// The oldest error queue entry's reason in plain words, e.g. `"tlsv1 alert protocol version"`.
    private let reason: String?

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
        file: String? = nil,
        systemError: Int32? = nil,
        reason: String? = nil
    ) {
        self.code = code
        self.operation = operation
        self.sslError = sslError
        self.verifyResult = verifyResult
        self.errorQueue = errorQueue
        self.peerName = peerName
        self.file = file
        self.systemError = systemError
        self.reason = reason
    }

    /// Plain words, e.g. `TLS handshake with gateway.discord.gg failed: certificate verify failed: hostname
    /// mismatch (SSL_connect; SSL_get_error 1; error:0A000086:SSL routines::certificate verify failed)`.
    public var description: String {
        var text: String
        switch operation {
        case "SSL_connect", "SSL_accept": text = "TLS handshake" + (peerName.map { " with \($0)" } ?? "")
        case "SSL_read": text = "TLS read" + (peerName.map { " from \($0)" } ?? "")
        case "SSL_write": text = "TLS write" + (peerName.map { " to \($0)" } ?? "")
        default:
            if code == .contextSetupFailed {
                text = "TLS context setup" + (file.map { " for \($0)" } ?? "")
            } else {
                text = "TLS connection setup" + (peerName.map { " for \($0)" } ?? "")
            }
        }
        text += " failed: "
        if code == .certificateVerificationFailed {
            text += code.description + (verifyResult.map { ": \($0)" } ?? "")
        } else if let reason, code != .unexpectedEOF {
            text += reason
        } else {
            text += code.description
        }
        var extras = [operation]
        if let sslError { extras.append("SSL_get_error \(sslError)") }
        if let systemError { extras.append("errno \(systemError): \(String(cString: strerror(systemError)))") }
        extras.append(contentsOf: errorQueue)
        return text + " (" + extras.joined(separator: "; ") + ")"
    }

    /// Drains this thread's OpenSSL error queue: readable lines (oldest first) and the oldest entry's reason.
    static func drainErrorQueue() -> (lines: [String], firstReason: String?) {
        var lines: [String] = []
        var firstReason: String?
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            if firstReason == nil, let reason = ERR_reason_error_string(code) {
                firstReason = String(cString: reason)
            }
            lines.append(errorString(code))
        }
        return (lines, firstReason)
    }
    /// Formats one packed OpenSSL error code with `ERR_error_string_n`.
    static func errorString(_ code: UInt) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 256) { buffer in
            guard let base = buffer.baseAddress else { return "error \(code)" }
            ERR_error_string_n(code, base, buffer.count)
            return String(cString: base)
        }
    }

    /// An error for `operation` capturing this thread's error queue now (call right after the failing call).
    static func capturingErrorQueue(
        _ code: Code,
        operation: String,
        sslError: Int32? = nil,
        verifyResult: String? = nil,
        peerName: String? = nil,
        file: String? = nil,
        systemError: Int32? = nil
    ) -> TLSError {
        let (lines, firstReason) = drainErrorQueue()
        return TLSError(
            code,
            operation: operation,
            sslError: sslError,
            verifyResult: verifyResult,
            errorQueue: lines,
            peerName: peerName,
            file: file,
            systemError: systemError,
            reason: firstReason
        )
    }

    /// A context-setup error for `operation`, capturing the error queue now.
    static func contextSetup(_ operation: String, file: String? = nil) -> TLSError {
        capturingErrorQueue(.contextSetupFailed, operation: operation, file: file)
    }
}
