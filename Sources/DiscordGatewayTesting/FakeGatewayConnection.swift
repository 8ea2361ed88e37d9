package import DiscordGateway

/// One client connection accepted by ``FakeGateway``, scriptable from a test.
///
/// **Threading:** safe from any thread. The connection's I/O thread records what the client sends; sends from the
/// test are queued to that thread. Compression state sits behind one `Locked` so compressed payloads keep their order.
public final class FakeGatewayConnection: Sendable {
    /// A message the client sent.
    public struct ReceivedMessage: Sendable, Equatable {
        /// Whether it was a text message (clients of Discord always send text).
        public var isText: Bool
        /// The bytes.
        public var bytes: [UInt8]
        /// The bytes as UTF-8 text.
        public var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// How the connection ended.
    public struct Closure: Sendable, Equatable {
        /// The close code (the client's when it closed, ours when we did); `nil` for an abrupt end without one.
        public var code: UInt16?
        /// The close reason text.
        public var reason: String
        /// Whether the client started the close or vanished (true), or the server did (false).
        public var closedByClient: Bool
        /// Whether close frames were exchanged both ways.
        public var wasClean: Bool
    }

    /// Compression and fragmentation state.
    private struct Sender {
        var deflater: ZlibStreamDeflater?
    }

    /// The underlying server-role connection.
    let connection: WebSocketConnection
    /// Messages from the client.
    private let received = TimedMailbox<ReceivedMessage>(label: "a message from the client")
    /// The end of the connection.
    private let closed = TimedMailbox<Closure>(label: "the connection to close")
    /// Set once the upgrade request is accepted: path with query.
    private let request = Locked<(path: String, query: [String: String])>(("", [:]))
    /// Compression state.
    private let sender = Locked(Sender())
    /// Silent connections neither read nor answer.
    private let silent = Locked(false)
    /// Answers plain HTTP requests, if set.
    private let onHTTPRequest:
        (@Sendable (FakeGatewayConnection, WebSocketHandshake.HTTPRequest) -> WebSocketConnection.HTTPAnswer?)?
    /// Called once the handshake completes.
    private let onOpen: @Sendable (FakeGatewayConnection) -> Void
    /// Split settings.
    private let messagesPerCompressedPayload: Int
    /// Fragmentation setting.
    private let framesPerMessage: Int
    /// HTTP status to refuse the upgrade with, if any.
    private let rejectionStatus: Int?
    /// Pongs from the client.
    private let pongs = TimedMailbox<[UInt8]>(label: "a pong from the client")
    /// Callbacks for an owner that reacts to the client (the ``GatewaySimulator``), run on the I/O thread.
    private let observer = Locked<Observer?>(nil)

    /// Callbacks run on the connection's I/O thread, outside every lock of this connection.
    package struct Observer: Sendable {
        /// Called with each message the client sends (after it is recorded), unless the connection went silent.
        package var didReceive: @Sendable (ReceivedMessage) -> Void
        /// Called once when the connection ends.
        package var didClose: @Sendable (Closure) -> Void

        /// Creates an observer from its two callbacks.
        package init(
            didReceive: @escaping @Sendable (ReceivedMessage) -> Void, didClose: @escaping @Sendable (Closure) -> Void
        ) {
            self.didReceive = didReceive
            self.didClose = didClose
        }
    }

    /// Wraps a server-role connection.
    init(
        connection: WebSocketConnection, messagesPerCompressedPayload: Int, framesPerMessage: Int,
        rejectionStatus: Int?,
        onHTTPRequest: (
            @Sendable (FakeGatewayConnection, WebSocketHandshake.HTTPRequest) -> WebSocketConnection.HTTPAnswer?
        )? = nil,
        onOpen: @escaping @Sendable (FakeGatewayConnection) -> Void
    ) {
        self.onHTTPRequest = onHTTPRequest
        self.connection = connection
        self.messagesPerCompressedPayload = max(1, messagesPerCompressedPayload)
        self.framesPerMessage = max(1, framesPerMessage)
        self.rejectionStatus = rejectionStatus
        self.onOpen = onOpen
    }

    /// The request path, e.g. `/` or `/resume`.
    public var path: String { request.withLock { $0.path } }

    /// The query parameters of the upgrade request, e.g. `["v": "10", "encoding": "json"]`.
    public var query: [String: String] { request.withLock { $0.query } }

    /// Whether payloads to this client are zlib-stream compressed (the client asked for `compress=zlib-stream`).
    public var isCompressed: Bool { query["compress"] == "zlib-stream" }

    /// Waits for the next message the client sends.
    /// - Throws: ``FakeGatewayTimeout``.
    public func nextMessage(timeout: Duration = .seconds(10)) async throws -> ReceivedMessage {
        try await received.next(timeout: timeout)
    }

    /// Every message the client has sent so far.
    public var receivedMessages: [ReceivedMessage] { received.all }

    /// Waits for the connection to end.
    /// - Throws: ``FakeGatewayTimeout``.
    public func closure(timeout: Duration = .seconds(10)) async throws -> Closure {
        let value = try await closed.next(timeout: timeout)
        closed.put(value)
        return value
    }

    /// Sends one payload: text, or zlib-stream compressed binary when the client asked for compression.
    public func send(_ json: String) {
        send(Array(json.utf8))
    }

    /// Sends one payload given as UTF-8 bytes (compressed when the client asked for it).
    public func send(_ payload: [UInt8]) {
        guard !silent.withLock({ $0 }) else { return }
        if isCompressed {
            sender.withLock { sender in
                if sender.deflater == nil { sender.deflater = try? ZlibStreamDeflater() }
                guard let deflater = sender.deflater else { return }
                let compressed = deflater.compress(payload)
                sendCompressedParts(compressed)
            }
        } else {
            connection.send(.text, payload, fragments: framesPerMessage)
        }
    }

    /// Splits compressed bytes into the configured number of messages and frames, and queues them.
    private func sendCompressedParts(_ compressed: [UInt8]) {
        let parts = min(messagesPerCompressedPayload, max(compressed.count, 1))
        let size = (compressed.count + parts - 1) / parts
        var offset = 0
        while offset < compressed.count {
            let end = min(compressed.count, offset + size)
            connection.send(.binary, Array(compressed[offset..<end]), fragments: framesPerMessage)
            offset = end
        }
    }

    /// Sends a binary message that is not valid zlib data for this stream.
    public func sendCorruptCompressedPayload() {
        connection.send(.binary, [0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0x00, 0x00, 0xFF, 0xFF])
    }

    /// Sends bytes exactly as given on the socket (already WebSocket-framed), e.g. malformed frames.
    public func sendRawBytes(_ bytes: [UInt8]) {
        connection.sendRaw(bytes)
    }

    /// Sends one WebSocket frame as given (server frames are unmasked).
    public func sendFrame(opcode: UInt8, payload: [UInt8], fin: Bool = true) {
        var frame: [UInt8] = []
        frame.append((fin ? 0x80 : 0) | (opcode & 0x0F))
        if payload.count < 126 {
            frame.append(UInt8(payload.count))
        } else if payload.count <= 0xFFFF {
            frame.append(126)
            frame.append(UInt8(payload.count >> 8))
            frame.append(UInt8(payload.count & 0xFF))
        } else {
            frame.append(127)
            for shift in stride(from: 56, through: 0, by: -8) { frame.append(UInt8((payload.count >> shift) & 0xFF)) }
        }
        frame.append(contentsOf: payload)
        connection.sendRaw(frame)
    }

    /// Sends a ping; the client answers with a pong carrying the same payload.
    public func ping(_ payload: [UInt8] = []) {
        connection.ping(payload)
    }

    /// Waits for the next pong from the client.
    /// - Throws: ``FakeGatewayTimeout``.
    public func nextPong(timeout: Duration = .seconds(10)) async throws -> [UInt8] {
        try await pongs.next(timeout: timeout)
    }

    /// Starts the close handshake with `code`.
    public func close(code: UInt16, reason: String = "") {
        connection.close(code: code, reason: reason)
    }

    /// Sends the reply to a plain HTTP request that was answered `.deferred`, then closes the connection.
    package func reply(_ reply: WebSocketConnection.HTTPReply) {
        connection.reply(reply)
    }

    /// Whether the connection has ended (its I/O thread finished).
    package var isFinished: Bool { connection.isFinished }

    /// Drops TCP at once, without a close frame (an abrupt network failure).
    public func drop() {
        connection.abort()
    }

    /// Stops reading from and writing to the client without closing (a hung server or a black-holed network).
    public func goSilent() {
        silent.withLock { $0 = true }
        connection.setReadingPaused(true)
    }

    /// Waits until the connection's I/O thread has exited.
    public func join() {
        connection.join()
    }

    /// Installs the observer; call it from ``FakeGateway/Configuration/onConnectionOpen`` so no message is missed.
    package func setObserver(_ observer: Observer?) {
        self.observer.withLock { $0 = observer }
    }

    /// Encodes `payload` exactly as ``send(_:)-([UInt8])`` would put it on the wire (compressed when the client
    /// asked for it, advancing the compression stream) without sending it; pass the bytes to ``sendRawBytes(_:)``.
    package func encodeFrames(_ payload: [UInt8]) -> [UInt8] {
        let (opcode, body): (WebSocketOpcode, [UInt8])
        if isCompressed {
            let compressed = sender.withLock { sender -> [UInt8] in
                if sender.deflater == nil { sender.deflater = try? ZlibStreamDeflater() }
                return sender.deflater?.compress(payload) ?? []
            }
            (opcode, body) = (.binary, compressed)
        } else {
            (opcode, body) = (.text, payload)
        }
        var frame: [UInt8] = []
        body.withUnsafeBytes {
            WebSocketFrameEncoder.appendFrame(opcode: opcode, fin: true, payload: $0, role: .server, to: &frame)
        }
        return frame
    }

    /// Records a connection whose thread could not start.
    func markFailedToStart() {
        closed.put(Closure(code: nil, reason: "thread start failed", closedByClient: false, wasClean: false))
    }
}

extension FakeGatewayConnection: WebSocketConnectionDelegate {
    /// Records the request path and query; accepts every upgrade.
    package func connection(
        _ connection: WebSocketConnection, shouldAccept request: WebSocketHandshake.UpgradeRequest
    )
        -> WebSocketConnection.Rejection?
    {
        let (path, query) = Self.split(request.path)
        self.request.withLock { $0 = (path, query) }
        if let rejectionStatus {
            return .init(status: rejectionStatus, reason: "Forbidden", body: "rejected by the fake gateway")
        }
        return nil
    }

    /// Records the request target and hands a plain HTTP request to the owner's hook.
    package func connection(
        _ connection: WebSocketConnection, respondTo request: WebSocketHandshake.HTTPRequest
    )
        -> WebSocketConnection.HTTPAnswer?
    {
        let (path, query) = Self.split(request.path)
        self.request.withLock { $0 = (path, query) }
        return onHTTPRequest?(self, request)
    }

    /// Publishes the connection to the test.
    package func connectionDidOpen(_ connection: WebSocketConnection) {
        onOpen(self)
    }

    /// Records a client message.
    package func connection(_ connection: WebSocketConnection, didReceive message: WebSocketConnection.Message) {
        guard !silent.withLock({ $0 }) else { return }
        let received = ReceivedMessage(isText: message.kind == .text, bytes: Array(message.bytes))
        self.received.put(received)
        observer.withLock { $0 }?.didReceive(received)
    }

    /// Records a pong.
    package func connection(_ connection: WebSocketConnection, didReceivePong payload: UnsafeRawBufferPointer) {
        pongs.put(Array(payload))
    }

    /// Records the end.
    package func connection(_ connection: WebSocketConnection, didCloseWith close: WebSocketConnection.Close) {
        let byClient = close.initiator != .local
        let closure = Closure(
            code: close.code, reason: close.reason, closedByClient: byClient, wasClean: close.wasClean)
        closed.put(closure)
        observer.withLock { $0 }?.didClose(closure)
    }

    /// Splits `/path?a=b&c=d`.
    static func split(_ target: String) -> (String, [String: String]) {
        guard let mark = target.firstIndex(of: "?") else { return (target, [:]) }
        var query: [String: String] = [:]
        for pair in target[target.index(after: mark)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            query[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return (String(target[..<mark]), query)
    }
}
