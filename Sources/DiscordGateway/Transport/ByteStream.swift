internal import Glibc

/// Outcome of a non-blocking handshake step.
package enum ByteStreamStatus: Sendable, Equatable {
    /// The handshake finished; bytes can flow.
    case complete
    /// Call again once the socket is readable.
    case wantRead
    /// Call again once the socket is writable.
    case wantWrite
}

/// Outcome of a non-blocking read or write.
package enum ByteStreamResult: Sendable, Equatable {
    /// This many bytes were transferred (at least 1 for a non-empty buffer; a write may be partial).
    case bytes(Int)
    /// Nothing transferred; call again once the socket is readable.
    case wantRead
    /// Nothing transferred; call again once the socket is writable.
    case wantWrite
    /// Orderly end of stream: TLS close_notify, or TCP EOF on a plain stream.
    case closed
}

/// A non-blocking byte stream over a connected socket, plain or TLS.
///
/// The stream owns the socket from its initialiser on and closes it in ``close()`` (or on deinit).
/// After ``ByteStreamResult/wantRead`` or ``ByteStreamResult/wantWrite`` the caller polls the socket for that
/// readiness and repeats the same call; a write must be retried with the same (unsent) bytes.
///
/// **Threading:** single-threaded. Only the connection's I/O thread calls it; it may be handed to that thread
/// before first use, but never used from two threads at once.
package protocol ByteStream: AnyObject {
    /// The underlying socket, for `poll()`.
    var fileDescriptor: Int32 { get }
    /// Advances the handshake; plain streams complete at once.
    ///
    /// - Throws: ``TLSError`` for TLS streams (``TLSError/isCertificateFailure`` when the peer was rejected).
    func handshake() throws -> ByteStreamStatus
    /// Reads up to `buffer.count` bytes.
    ///
    /// - Throws: ``TLSError`` (including ``TLSError/Code/unexpectedEOF``) or ``ConnectionError``.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> ByteStreamResult
    /// Writes a prefix of `bytes`; may be partial (`.bytes(n)` with `n < bytes.count`).
    ///
    /// - Throws: ``TLSError`` or ``ConnectionError``.
    func write(_ bytes: UnsafeRawBufferPointer) throws -> ByteStreamResult
    /// Whether decrypted bytes wait inside the stream, so `read` returns data without the socket polling readable.
    var hasBufferedReadData: Bool { get }
    /// Best-effort, non-blocking goodbye: sends TLS close_notify if it fits in the socket buffer; plain: nothing.
    func shutdown()
    /// Frees the stream's state and closes the socket; idempotent.
    func close()
}

/// A ``ByteStream`` over a plain TCP socket (`ws://`, tests, the fake gateway).
///
/// **Threading:** single-threaded; see ``ByteStream``.
// Invariant: `@unchecked Sendable` only so the stream can be handed to the I/O thread that owns it; every method
// is called by one thread at a time (the connection's I/O thread), so the `var` below needs no lock.
package final class PlainByteStream: ByteStream, @unchecked Sendable {
    /// The socket, owned by this stream.
    package let fileDescriptor: Int32
    /// Whether ``close()`` already ran.
    private var isClosed = false

    /// Takes ownership of a connected, non-blocking socket.
    package init(socket: Int32) {
        self.fileDescriptor = socket
    }

    deinit {
        close()
    }

    /// Plain TCP has no handshake.
    package func handshake() throws -> ByteStreamStatus {
        .complete
    }

    /// Reads with `recv`; EOF is ``ByteStreamResult/closed``, `EAGAIN` is ``ByteStreamResult/wantRead``.
    ///
    /// - Throws: ``ConnectionError`` for socket errors such as `ECONNRESET`.
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> ByteStreamResult {
        guard !isClosed else { return .closed }
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .bytes(0) }
        while true {
            let count = recv(fileDescriptor, base, buffer.count, 0)
            if count > 0 { return .bytes(count) }
            if count == 0 { return .closed }
            let error = errno
            switch error {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wantRead
            default: throw ConnectionError(errno: error, operation: "recv")
            }
        }
    }

    /// Writes with `send(MSG_NOSIGNAL)`; may be partial.
    ///
    /// - Throws: ``ConnectionError`` for socket errors such as `EPIPE` or `ECONNRESET`.
    package func write(_ bytes: UnsafeRawBufferPointer) throws -> ByteStreamResult {
        guard !isClosed else { return .closed }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return .bytes(0) }
        while true {
            let count = send(fileDescriptor, base, bytes.count, Int32(MSG_NOSIGNAL))
            if count >= 0 { return .bytes(count) }
            let error = errno
            switch error {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wantWrite
            default: throw ConnectionError(errno: error, operation: "send")
            }
        }
    }

    /// The kernel buffers plain TCP; nothing waits inside the stream.
    package var hasBufferedReadData: Bool { false }

    /// Nothing to send before closing plain TCP.
    package func shutdown() {}

    /// Closes the socket once.
    package func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = Glibc.close(fileDescriptor)
    }
}
