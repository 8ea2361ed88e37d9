internal import COpenSSL
internal import Glibc

// Invariant: a `TLSConnection` owns one `SSL *` and one socket and is never used by two threads at once. The
// connection's I/O thread (the shard's reader thread) is the single owner: it polls the non-blocking socket plus
// a wake-up fd and does every `SSL_do_handshake`, `SSL_read`, `SSL_write` and `SSL_shutdown` itself; other queues
// only append encoded frames to a lock-guarded outbox and wake it. The object may be created on another thread
// and handed over before first use (hence `@unchecked Sendable`), but never shared. OpenSSL's error queue is per
// thread, so every call clears it first and errors drain it right after the failing call on the same thread.

/// A non-blocking TLS ``ByteStream`` over a connected socket, client or server role.
///
/// Drive ``handshake()`` until ``ByteStreamStatus/complete``, polling for the readiness it asks for; then
/// ``read(into:)`` and ``write(_:)``. A peer that drops TCP without close_notify makes ``read(into:)`` throw
/// ``TLSError/Code/unexpectedEOF`` (normal for Discord after the WebSocket close exchange).
///
/// **Threading:** single-threaded; see the invariant at the top of this file.
package final class TLSConnection: ByteStream, @unchecked Sendable {
    /// The owned `SSL *`; `nil` after ``close()``.
    private var ssl: OpaquePointer?
    /// The socket, owned by this connection.
    package let fileDescriptor: Int32
    /// Keeps the context object alive alongside the `SSL` (which holds its own `SSL_CTX` reference anyway).
    private let context: TLSContext
    /// The peer name used for SNI and verification (client role), for error messages.
    private let serverName: String?
    /// Whether ``close()`` already ran.
    private var isClosed = false
    /// Set after a fatal `SSL_ERROR_SSL`/`SSL_ERROR_SYSCALL`; OpenSSL forbids `SSL_shutdown` afterwards.
    private var hasFailed = false

    /// Wraps a connected, non-blocking socket.
    ///
    /// Client role (client context): `serverName` is sent as SNI unless it is an IP literal, and the peer
    /// certificate is checked against it — `SSL_set1_host` for DNS names, `X509_VERIFY_PARAM_set1_ip_asc` for IP
    /// literals. Server role when `context` came from ``TLSContext/makeServer(certificateChainFile:privateKeyFile:)``.
    ///
    /// The connection owns `socket` once this returns; if it throws, the caller still owns the socket.
    ///
    /// - Throws: ``TLSError`` with code ``TLSError/Code/connectionSetupFailed``.
    package init(context: TLSContext, socket: Int32, serverName: String?) throws(TLSError) {
        self.context = context
        self.fileDescriptor = socket
        self.serverName = serverName
        ERR_clear_error()
        guard let ssl = SSL_new(context.context) else {
            throw Self.setupError("SSL_new", serverName: serverName)
        }
        do throws(TLSError) {
            guard SSL_set_fd(ssl, socket) == 1 else {
                throw Self.setupError("SSL_set_fd", serverName: serverName)
            }
            if context.isServer {
                SSL_set_accept_state(ssl)
            } else {
                SSL_set_connect_state(ssl)
                if let serverName, !serverName.isEmpty {
                    try Self.configurePeerName(serverName, on: ssl)
                }
            }
        } catch {
            // SSL_set_fd's socket BIO does not close the descriptor, so the caller keeps ownership.
            SSL_free(ssl)
            throw error
        }
        self.ssl = ssl
    }

    deinit {
        close()
    }

    /// Sets SNI and the expected host name or IP address on a client `SSL`.
    private static func configurePeerName(_ name: String, on ssl: OpaquePointer) throws(TLSError) {
        if isIPAddressLiteral(name) {
            guard X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name) == 1 else {
                throw setupError("X509_VERIFY_PARAM_set1_ip_asc", serverName: name)
            }
        } else {
            guard COpenSSL_SSL_set_tlsext_host_name(ssl, name) == 1 else {
                throw setupError("SSL_set_tlsext_host_name", serverName: name)
            }
            SSL_set_hostflags(ssl, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS))
            guard SSL_set1_host(ssl, name) == 1 else {
                throw setupError("SSL_set1_host", serverName: name)
            }
        }
    }

    /// Whether `name` is an IPv4 or IPv6 literal (SNI must not carry those).
    static func isIPAddressLiteral(_ name: String) -> Bool {
        var storage = in6_addr()
        return withUnsafeMutableBytes(of: &storage) { raw in
            guard let address = raw.baseAddress else { return false }
            return inet_pton(AF_INET, name, address) == 1 || inet_pton(AF_INET6, name, address) == 1
        }
    }

    /// A setup error capturing the error queue now.
    private static func setupError(_ operation: String, serverName: String?) -> TLSError {
        TLSError.capturingErrorQueue(.connectionSetupFailed, operation: operation, peerName: serverName)
    }

    /// The negotiated version, e.g. `"TLSv1.3"`, once the handshake completed.
    package var negotiatedProtocolVersion: String? {
        guard let ssl, SSL_is_init_finished(ssl) == 1, let version = SSL_get_version(ssl) else { return nil }
        return String(cString: version)
    }

    /// Advances the handshake (`SSL_connect` or `SSL_accept`) without blocking.
    ///
    /// - Throws: ``TLSError`` with ``TLSError/Code/certificateVerificationFailed`` when the peer's chain or name
    ///   was rejected, otherwise ``TLSError/Code/handshakeFailed``.
    package func handshake() throws -> ByteStreamStatus {
        let operation = context.isServer ? "SSL_accept" : "SSL_connect"
        guard let ssl else { throw TLSError(.alreadyClosed, operation: operation, peerName: serverName) }
        ERR_clear_error()
        errno = 0
        let result = context.isServer ? SSL_accept(ssl) : SSL_connect(ssl)
        if result == 1 { return .complete }
        let savedErrno = errno
        let sslError = SSL_get_error(ssl, result)
        switch sslError {
        case SSL_ERROR_WANT_READ: return .wantRead
        case SSL_ERROR_WANT_WRITE: return .wantWrite
        default: break
        }
        hasFailed = true
        let verifyCode = SSL_get_verify_result(ssl)
        if !context.isServer, context.verifiesPeer, verifyCode != Int(X509_V_OK) {
            throw TLSError.capturingErrorQueue(
                .certificateVerificationFailed,
                operation: operation,
                sslError: sslError,
                verifyResult: String(cString: X509_verify_cert_error_string(verifyCode)),
                peerName: serverName
            )
        }
        throw TLSError.capturingErrorQueue(
            .handshakeFailed,
            operation: operation,
            sslError: sslError,
            peerName: serverName,
            systemError: sslError == SSL_ERROR_SYSCALL && savedErrno != 0 ? savedErrno : nil
        )
    }

    /// Reads decrypted bytes with `SSL_read`.
    ///
    /// close_notify gives ``ByteStreamResult/closed``. Even while reading, TLS may need to write (key update),
    /// which shows as ``ByteStreamResult/wantWrite``.
    ///
    /// - Throws: ``TLSError`` with ``TLSError/Code/unexpectedEOF`` when TCP ended without close_notify,
    ///   ``TLSError/Code/ioFailed`` for socket errors, ``TLSError/Code/protocolFailure`` otherwise.
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> ByteStreamResult {
        guard let ssl else { return .closed }
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .bytes(0) }
        ERR_clear_error()
        errno = 0
        let result = SSL_read(ssl, base, Int32(clamping: buffer.count))
        if result > 0 { return .bytes(Int(result)) }
        return try outcome(ofFailed: result, operation: "SSL_read", on: ssl)
    }

    /// Encrypts and writes a prefix of `bytes` with `SSL_write` (partial writes enabled).
    ///
    /// After ``ByteStreamResult/wantWrite`` or ``ByteStreamResult/wantRead`` retry with the same unsent bytes
    /// (they may live at a different address).
    ///
    /// - Throws: ``TLSError`` with ``TLSError/Code/ioFailed`` for socket errors, ``TLSError/Code/protocolFailure``
    ///   otherwise.
    package func write(_ bytes: UnsafeRawBufferPointer) throws -> ByteStreamResult {
        guard let ssl else { return .closed }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return .bytes(0) }
        ERR_clear_error()
        errno = 0
        let result = SSL_write(ssl, base, Int32(clamping: bytes.count))
        if result > 0 { return .bytes(Int(result)) }
        return try outcome(ofFailed: result, operation: "SSL_write", on: ssl)
    }

    /// Classifies a non-positive `SSL_read`/`SSL_write` result; throws for fatal ones.
    private func outcome(
        ofFailed result: Int32, operation: String, on ssl: OpaquePointer
    ) throws(TLSError)
        -> ByteStreamResult
    {
        let savedErrno = errno
        let sslError = SSL_get_error(ssl, result)
        switch sslError {
        case SSL_ERROR_WANT_READ: return .wantRead
        case SSL_ERROR_WANT_WRITE: return .wantWrite
        case SSL_ERROR_ZERO_RETURN: return .closed
        default: break
        }
        let firstError = ERR_peek_error()
        hasFailed = true
        let code: TLSError.Code
        var systemError: Int32?
        if sslError == SSL_ERROR_SYSCALL {
            // A socket error sets errno (ECONNRESET, EPIPE); without one, TCP simply ended without close_notify.
            if savedErrno != 0 {
                code = .ioFailed
                systemError = savedErrno
            } else {
                code = .unexpectedEOF
            }
        } else if sslError == SSL_ERROR_SSL && ERR_GET_REASON(firstError) == SSL_R_UNEXPECTED_EOF_WHILE_READING {
            code = .unexpectedEOF
        } else {
            code = .protocolFailure
        }
        throw TLSError.capturingErrorQueue(
            code,
            operation: operation,
            sslError: sslError,
            peerName: serverName,
            systemError: systemError
        )
    }

    /// Whether `SSL_pending` reports decrypted bytes not yet read.
    package var hasBufferedReadData: Bool {
        guard let ssl else { return false }
        return SSL_pending(ssl) > 0
    }

    /// Sends close_notify once if the handshake completed and nothing failed; never blocks, never throws.
    package func shutdown() {
        guard let ssl, !hasFailed, SSL_is_init_finished(ssl) == 1 else { return }
        ERR_clear_error()
        _ = SSL_shutdown(ssl)
        ERR_clear_error()
    }

    /// Frees the `SSL` and closes the socket, once.
    package func close() {
        guard !isClosed else { return }
        isClosed = true
        if let ssl {
            SSL_free(ssl)
            self.ssl = nil
        }
        _ = Glibc.close(fileDescriptor)
    }
}
