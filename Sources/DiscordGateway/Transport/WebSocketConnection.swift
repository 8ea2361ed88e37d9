internal import CSystem
internal import Glibc

/// What a ``WebSocketConnection`` reports to its owner.
///
/// **Threading:** every method is called on the connection's I/O thread, one at a time, in order. Implementations
/// must return quickly (copy what they keep, post work elsewhere); they may call ``WebSocketConnection/send(_:)``
/// and the other methods of the connection, which never block.
package protocol WebSocketConnectionDelegate: AnyObject, Sendable {
    /// Server role only: decides whether to accept an upgrade request. Return `nil` to accept, or a rejection.
    func connection(
        _ connection: WebSocketConnection, shouldAccept request: WebSocketHandshake.UpgradeRequest
    )
        -> WebSocketConnection.Rejection?
    /// Server role only: answers a request that is not a WebSocket upgrade (for example a REST call to a test
    /// server). Return `nil` to refuse it as an invalid upgrade (the default), ``WebSocketConnection/HTTPAnswer/reply(_:)``
    /// to answer at once, or ``WebSocketConnection/HTTPAnswer/deferred`` and call
    /// ``WebSocketConnection/reply(_:)`` later from any thread. The connection closes after the reply is written.
    func connection(
        _ connection: WebSocketConnection, respondTo request: WebSocketHandshake.HTTPRequest
    )
        -> WebSocketConnection.HTTPAnswer?
    /// The opening handshake completed; messages may flow.
    func connectionDidOpen(_ connection: WebSocketConnection)
    /// One complete message (inflated when the connection uses zlib-stream). `bytes` is valid only during the call.
    func connection(_ connection: WebSocketConnection, didReceive message: WebSocketConnection.Message)
    /// All messages decoded from one batch of socket reads have been delivered (a natural point to post a batch).
    func connectionDidFinishReadBatch(_ connection: WebSocketConnection)
    /// A pong arrived (pings are answered automatically; this is for observers and tests).
    func connection(_ connection: WebSocketConnection, didReceivePong payload: UnsafeRawBufferPointer)
    /// The connection ended; this is the last call. The I/O thread exits right after it.
    func connection(_ connection: WebSocketConnection, didCloseWith close: WebSocketConnection.Close)
}

extension WebSocketConnectionDelegate {
    /// Accepts every upgrade request.
    package func connection(
        _ connection: WebSocketConnection, shouldAccept request: WebSocketHandshake.UpgradeRequest
    )
        -> WebSocketConnection.Rejection?
    { nil }
    /// Refuses plain HTTP requests (they fail as invalid upgrade requests).
    package func connection(
        _ connection: WebSocketConnection, respondTo request: WebSocketHandshake.HTTPRequest
    )
        -> WebSocketConnection.HTTPAnswer?
    { nil }
    /// Does nothing.
    package func connectionDidFinishReadBatch(_ connection: WebSocketConnection) {}
    /// Does nothing.
    package func connection(_ connection: WebSocketConnection, didReceivePong payload: UnsafeRawBufferPointer) {}
}

/// One WebSocket connection (client or server role) driven by its own I/O thread.
///
/// The I/O thread is the single owner of the socket, the TLS session, the frame parser and the inflater: it polls
/// the non-blocking socket plus a wake-up eventfd, performs every read and write, and hands complete messages to the
/// delegate. Other threads only append encoded frames to a lock-guarded outbox and wake it.
///
/// **Threading:** all methods are safe from any thread and never block, except ``join()`` which waits for the I/O
/// thread to exit.
package final class WebSocketConnection: @unchecked Sendable {
    // Invariant: `loop` and the thread handle are touched only by the I/O thread after `start()` (the loop) and
    // by `start`/`join`/`deinit` (the handle, serialised through `control`); everything other threads share lives
    // in `outbox` (a `Locked`). Hence `@unchecked Sendable`.

    /// Connection settings.
    package struct Configuration: Sendable {
        /// Transport compression applied to received binary messages.
        package enum Compression: Sendable, Equatable {
            /// Messages are delivered as received.
            case none
            /// Binary messages are one zlib-stream (Discord `compress=zlib-stream`), inflated on the I/O thread.
            case zlibStream
        }
        /// TLS settings for `wss://` (client role).
        package var tls: TLSConfiguration = .default
        /// A shared client TLS context (one per cluster); made from `tls` when `nil`.
        package var tlsContext: TLSContext?
        /// Time allowed for the TCP connect.
        package var connectTimeout: Duration = .seconds(10)
        /// Time allowed for the TLS and HTTP upgrade handshakes together.
        package var handshakeTimeout: Duration = .seconds(10)
        /// Time to wait for the peer's close frame (and then for its TCP close) after we sent ours.
        package var closeTimeout: Duration = .seconds(5)
        /// The largest message accepted, before and after inflation; larger ones fail with 1009.
        package var maximumMessageSize: Int = 64 << 20
        /// Largest HTTP response header block accepted during the handshake.
        package var maximumHeaderSize: Int = 16 << 10
        /// Transport compression.
        package var compression: Compression = .none
        /// Whether text messages (and inflated payloads) are checked to be UTF-8 (1007 on failure).
        package var validatesUTF8 = true
        /// Extra request headers (client) or response headers (server).
        package var extraHeaders: [(String, String)] = []
        /// Whether a `ws://` (unencrypted) URL may be used; off by default, for tests and local proxies only.
        package var allowsInsecureTransport = false
        /// Bytes read from the socket per read call.
        package var readChunkSize = 16 << 10
        /// Creates the default configuration.
        package init() {}
    }

    /// A complete received message.
    package struct Message {
        /// The message kind.
        package enum Kind: Sendable, Equatable {
            /// A text message (valid UTF-8).
            case text
            /// A binary message delivered as received.
            case binary
            /// A zlib-stream payload, inflated (and UTF-8 checked when so configured).
            case inflated
        }
        /// The kind.
        package var kind: Kind
        /// The payload, valid only during the delegate call.
        package var bytes: UnsafeRawBufferPointer
        /// Size of the compressed data that produced an inflated payload, or the message size otherwise.
        package var wireSize: Int
    }

    /// How a connection ended.
    package struct Close: Sendable, CustomStringConvertible {
        /// Who ended it.
        package enum Initiator: Sendable, Equatable {
            /// Our side (``WebSocketConnection/close(code:reason:)``, ``WebSocketConnection/abort()``).
            case local
            /// The peer (close frame, TCP EOF or reset).
            case remote
            /// A failure: connect, TLS, handshake, protocol violation, I/O error or timeout.
            case failure
        }
        /// Who ended the connection.
        package var initiator: Initiator
        /// The close code: the peer's for remote closes, ours for local closes and failures (1006 when none).
        package var code: UInt16?
        /// The close reason text.
        package var reason: String
        /// The failure, when there was one.
        package var error: (any Error & Sendable)?
        /// Whether close frames were exchanged in both directions.
        package var wasClean: Bool
        /// Whether the opening handshake had completed.
        package var didOpen: Bool
        /// A one-line summary.
        package var description: String {
            var text = "\(initiator) close"
            if let code { text += " \(code)" }
            if !reason.isEmpty { text += " \"\(reason)\"" }
            if let error { text += ": \(error)" }
            return text
        }
    }

    /// A refusal of an upgrade request (server role).
    package struct Rejection: Sendable {
        /// HTTP status, e.g. 403.
        package var status: Int
        /// Reason phrase.
        package var reason: String
        /// Response body.
        package var body: String
        /// Creates a rejection.
        package init(status: Int, reason: String, body: String = "") {
            self.status = status
            self.reason = reason
            self.body = body
        }
    }

    /// A plain HTTP answer (server role) to a request that is not an upgrade.
    package struct HTTPReply: Sendable {
        /// HTTP status, e.g. 200.
        package var status: Int
        /// Reason phrase, e.g. `OK`.
        package var reason: String
        /// Header fields in order (`Content-Length` and `Connection: close` are added unless present).
        package var headers: [(String, String)]
        /// Response body.
        package var body: String
        /// Creates a reply.
        package init(status: Int, reason: String, headers: [(String, String)] = [], body: String = "") {
            self.status = status
            self.reason = reason
            self.headers = headers
            self.body = body
        }
    }

    /// How a server answers a plain HTTP request (see ``WebSocketConnectionDelegate``).
    package enum HTTPAnswer: Sendable {
        /// Write this reply now, then close.
        case reply(HTTPReply)
        /// Wait (without a time limit, until the peer hangs up or the owner aborts) for ``WebSocketConnection/reply(_:)``.
        case deferred
    }

    /// The connection's side.
    package enum Endpoint: Sendable {
        /// Client: connect to a URL.
        case client(WebSocketURL)
        /// Server: an accepted socket, with an optional server TLS context.
        case server(socket: Int32, tls: TLSContext?)
    }

    /// Mutable state shared with other threads.
    struct Outbox {
        /// Encoded frames waiting for the I/O thread.
        var pending: [UInt8] = []
        /// A close requested by the owner (code, reason).
        var closeRequest: (code: UInt16?, reason: String)?
        /// The owner asked to drop the connection without a close handshake.
        var abortRequested = false
        /// The owner paused reading (backpressure).
        var readingPaused = false
        /// Whether a wake-up is already signalled and not yet consumed.
        var wakePending = false
        /// Set once the I/O thread has finished; sends are dropped after that.
        var finished = false
        /// Frames handed to the outbox in total.
        var framesQueued = 0
        /// A deferred HTTP reply handed over by the owner (server role, plain requests only).
        var httpReply: HTTPReply?
    }

    /// The connection's side (client URL or accepted server socket).
    package let endpoint: Endpoint
    /// The settings.
    package let configuration: Configuration
    /// Client frames are masked, server frames are not.
    package let role: WebSocketRole
    /// Shared with other threads.
    let outbox = Locked(Outbox())
    /// Wake-up eventfd polled by the I/O thread; closed by the I/O thread when it exits.
    let wakeFD: Int32
    /// The delegate, held until the final callback.
    private let control = Locked<Control>(Control())

    /// Thread bookkeeping (start/join/deinit).
    private struct Control {
        var delegate: (any WebSocketConnectionDelegate)?
        var thread: IOThread?
        var joined = false
        var started = false
    }

    /// Creates a connection; nothing happens until ``start(delegate:)``.
    /// - Throws: ``ConnectionError`` if the wake-up descriptor cannot be created.
    package init(endpoint: Endpoint, configuration: Configuration) throws {
        self.endpoint = endpoint
        self.configuration = configuration
        switch endpoint {
        case .client: role = .client
        case .server: role = .server
        }
        let fd = CSystem_eventfd_nonblocking()
        guard fd >= 0 else {
            throw ConnectionError(
                .socketFailure, operation: "io", host: "", port: 0, detail: "eventfd failed (errno \(errno))")
        }
        wakeFD = fd
    }

    deinit {
        let state = control.withLock { $0 }
        if let thread = state.thread, !state.joined {
            thread.detach()
        }
        if !state.started {
            Glibc.close(wakeFD)
            if case .server(let socket, _) = endpoint { Glibc.close(socket) }
        }
    }

    /// Starts the I/O thread: it connects (client) or handshakes (server), then reads and writes until closed.
    ///
    /// Calling it twice is a programmer error.
    /// - Throws: ``ConnectionError`` if the thread cannot be created.
    package func start(delegate: any WebSocketConnectionDelegate) throws {
        let alreadyStarted = control.withLock { state -> Bool in
            if state.started { return true }
            state.started = true
            state.delegate = delegate
            return false
        }
        precondition(!alreadyStarted, "WebSocketConnection.start called twice (programmer error)")
        let loop = WebSocketIOLoop(connection: self, delegate: delegate)
        let thread: IOThread
        do {
            thread = try IOThread.start(name: "dg-websocket") { loop.run() }
        } catch {
            control.withLock { $0.started = false }
            throw error
        }
        control.withLock { $0.thread = thread }
    }

    /// Queues a ping with `payload` (at most 125 bytes).
    package func ping(_ payload: [UInt8] = []) {
        var frame: [UInt8] = []
        payload.prefix(125).withUnsafeBytes {
            WebSocketFrameEncoder.appendFrame(opcode: .ping, fin: true, payload: $0, role: role, to: &frame)
        }
        enqueue(frame, frames: 1)
    }

    /// Queues one message (a single frame) for sending.
    package func send(_ opcode: WebSocketOpcode, _ payload: UnsafeRawBufferPointer) {
        var frame: [UInt8] = []
        frame.reserveCapacity(payload.count + 14)
        WebSocketFrameEncoder.appendFrame(opcode: opcode, fin: true, payload: payload, role: role, to: &frame)
        enqueue(frame, frames: 1)
    }

    /// Queues one text message.
    package func send(text: String) {
        var text = text
        text.withUTF8 { send(.text, UnsafeRawBufferPointer($0)) }
    }

    /// Queues one message given as bytes.
    package func send(_ opcode: WebSocketOpcode, _ payload: [UInt8]) {
        payload.withUnsafeBytes { send(opcode, $0) }
    }

    /// Queues one message split into `fragments` frames (a first frame, then continuations).
    package func send(_ opcode: WebSocketOpcode, _ payload: [UInt8], fragments: Int) {
        let count = max(1, min(fragments, max(payload.count, 1)))
        var frames: [UInt8] = []
        let size = (payload.count + count - 1) / max(count, 1)
        var offset = 0
        var index = 0
        repeat {
            let end = min(payload.count, offset + max(size, 1))
            let isLast = index == count - 1 || end >= payload.count
            payload[offset..<end].withUnsafeBytes {
                WebSocketFrameEncoder.appendFrame(
                    opcode: index == 0 ? opcode : .continuation, fin: isLast, payload: $0, role: role, to: &frames)
            }
            offset = end
            index += 1
            if isLast { break }
        } while true
        enqueue(frames, frames: index)
    }

    /// Queues bytes exactly as given (already framed); for tests that need malformed frames.
    package func sendRaw(_ bytes: [UInt8]) {
        enqueue(bytes, frames: 1)
    }

    /// Starts the close handshake: sends a close frame, waits for the peer's (bounded by `closeTimeout`), then
    /// closes the socket. Frames queued before it are sent first.
    package func close(code: UInt16? = 1000, reason: String = "") {
        let wake = outbox.withLock { state -> Bool in
            guard !state.finished, state.closeRequest == nil else { return false }
            state.closeRequest = (code, reason)
            return state.markWake()
        }
        if wake { signalWake() }
    }

    /// Drops the connection at once: no close frame, no TLS close_notify (a zombied connection, a test's abrupt drop).
    package func abort() {
        let wake = outbox.withLock { state -> Bool in
            guard !state.finished else { return false }
            state.abortRequested = true
            return state.markWake()
        }
        if wake { signalWake() }
    }

    /// Sends the reply to a plain HTTP request answered with ``HTTPAnswer/deferred``, then closes; ignored once the
    /// connection has ended or already has a reply.
    package func reply(_ reply: HTTPReply) {
        let wake = outbox.withLock { state -> Bool in
            guard !state.finished, state.httpReply == nil else { return false }
            state.httpReply = reply
            return state.markWake()
        }
        if wake { signalWake() }
    }

    /// Pauses or resumes reading from the socket (TCP then pushes back on the peer); writes continue.
    package func setReadingPaused(_ paused: Bool) {
        let wake = outbox.withLock { state -> Bool in
            guard state.readingPaused != paused else { return false }
            state.readingPaused = paused
            return state.markWake()
        }
        if wake { signalWake() }
    }

    /// Waits until the I/O thread has exited (after the delegate's final callback). Safe to call more than once;
    /// must not be called from the I/O thread itself.
    package func join() {
        let thread = control.withLock { state -> IOThread? in
            guard let thread = state.thread, !state.joined else { return nil }
            state.joined = true
            return thread
        }
        thread?.join()
    }

    /// Whether the I/O thread has finished.
    package var isFinished: Bool { outbox.withLock { $0.finished } }

    /// Appends encoded frames to the outbox and wakes the I/O thread if needed.
    private func enqueue(_ bytes: [UInt8], frames: Int) {
        let wake = outbox.withLock { state -> Bool in
            guard !state.finished, state.closeRequest == nil else { return false }
            if state.pending.isEmpty {
                state.pending = bytes
            } else {
                state.pending.append(contentsOf: bytes)
            }
            state.framesQueued &+= frames
            return state.markWake()
        }
        if wake { signalWake() }
    }

    /// Writes to the eventfd.
    func signalWake() {
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { Glibc.write(wakeFD, $0.baseAddress, 8) }
    }

    /// Called by the I/O thread once its loop is over: drops the delegate reference.
    func releaseDelegate() {
        control.withLock { $0.delegate = nil }
    }
}

extension WebSocketConnection.Outbox {
    /// Marks a wake-up as pending; returns true when the caller must signal the eventfd.
    mutating func markWake() -> Bool {
        if wakePending { return false }
        wakePending = true
        return true
    }
}
