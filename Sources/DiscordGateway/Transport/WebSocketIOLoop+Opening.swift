internal import Glibc

/// The opening handshake: connect, TLS, the HTTP upgrade (client or server side) and its deadline.
///
/// **Threading:** runs on the connection's I/O thread, like the rest of ``WebSocketIOLoop`` (see its invariant).
extension WebSocketIOLoop {
    /// Connects and performs the TLS and HTTP handshakes; returns bytes received after the HTTP header block.
    func open() throws -> [UInt8] {
        switch connection.endpoint {
        case .client(let url):
            guard url.isSecure || configuration.allowsInsecureTransport else {
                throw WebSocketError(
                    code: .insecureURLNotAllowed,
                    detail: "\(url) is not encrypted; use wss:// or allow insecure transport explicitly")
            }
            let socket = try TCPSocket.connect(host: url.host, port: url.port, timeout: configuration.connectTimeout)
            if url.isSecure {
                do {
                    let context = try configuration.tlsContext ?? TLSContextCache.shared.context(for: configuration.tls)
                    stream = try TLSConnection(context: context, socket: socket, serverName: url.host)
                } catch {
                    Glibc.close(socket)
                    throw error
                }
            } else {
                stream = PlainByteStream(socket: socket)
            }
            let deadline = ContinuousClock.now + configuration.handshakeTimeout
            try performStreamHandshake(deadline: deadline)
            let key = WebSocketHandshake.makeKey()
            writeBuffer = WebSocketHandshake.makeRequest(url: url, key: key, extraHeaders: configuration.extraHeaders)
            try flushBlocking(deadline: deadline)
            return try readHeaderBlock(deadline: deadline) { bytes in
                try WebSocketHandshake.parseResponse(
                    bytes, key: key, maximumHeaderSize: configuration.maximumHeaderSize)
            }
        case .server(let socket, let tls):
            if let tls {
                stream = try TLSConnection(context: tls, socket: socket, serverName: nil)
            } else {
                stream = PlainByteStream(socket: socket)
            }
            let deadline = ContinuousClock.now + configuration.handshakeTimeout
            try performStreamHandshake(deadline: deadline)
            var request: WebSocketHandshake.UpgradeRequest?
            var plain: (request: WebSocketHandshake.HTTPRequest, head: [UInt8])?
            let leftover = try readHeaderBlock(deadline: deadline) { bytes in
                guard
                    let head = try WebSocketHandshake.parseHTTPRequest(
                        bytes, maximumHeaderSize: configuration.maximumHeaderSize)
                else { return nil }
                if !head.request.isWebSocketUpgrade {
                    plain = (head.request, Array(UnsafeRawBufferPointer(rebasing: bytes[..<head.consumed])))
                    return head.consumed
                }
                guard
                    let parsed = try WebSocketHandshake.parseRequest(
                        bytes, maximumHeaderSize: configuration.maximumHeaderSize)
                else { return nil }
                request = parsed.request
                return parsed.consumed
            }
            if let plain {
                guard let answer = delegate.connection(connection, respondTo: plain.request) else {
                    // Not handled: fail exactly as an invalid upgrade request.
                    _ = try plain.head.withUnsafeBytes {
                        try WebSocketHandshake.parseRequest($0, maximumHeaderSize: configuration.maximumHeaderSize)
                    }
                    throw Stop.aborted
                }
                try answerPlainRequest(answer)
            }
            guard let request else { throw Stop.aborted }
            if let rejection = delegate.connection(connection, shouldAccept: request) {
                writeBuffer = WebSocketHandshake.makeRejection(
                    status: rejection.status, reason: rejection.reason, headers: [], body: rejection.body)
                try? flushBlocking(deadline: deadline)
                outcome = .init(
                    initiator: .local, code: nil, reason: "rejected with HTTP \(rejection.status)", error: nil,
                    wasClean: false, didOpen: false)
                throw Stop.aborted
            }
            writeBuffer = WebSocketHandshake.makeResponse(acceptingKey: request.key)
            try flushBlocking(deadline: deadline)
            return leftover
        }
    }

    /// Writes the answer to a plain HTTP request (waiting for a deferred one first), then ends the connection.
    ///
    /// - Throws: always: ``Stop/aborted`` once answered (or when the owner aborts or the peer hangs up first).
    private func answerPlainRequest(_ answer: WebSocketConnection.HTTPAnswer) throws -> Never {
        let reply: WebSocketConnection.HTTPReply
        switch answer {
        case .reply(let immediate): reply = immediate
        case .deferred: reply = try awaitDeferredReply()
        }
        writeBuffer = WebSocketHandshake.makeRejection(
            status: reply.status, reason: reply.reason, headers: reply.headers, body: reply.body)
        try? flushBlocking(deadline: .now + configuration.handshakeTimeout)
        stream?.shutdown()
        outcome = .init(
            initiator: .local, code: nil, reason: "answered HTTP \(reply.status)", error: nil, wasClean: false,
            didOpen: false)
        throw Stop.aborted
    }

    /// Waits, without a deadline, for the owner's deferred HTTP reply; bytes the peer sends meanwhile are dropped.
    ///
    /// - Throws: ``Stop/aborted`` when the owner aborts or closes, or when the peer hangs up first.
    private func awaitDeferredReply() throws -> WebSocketConnection.HTTPReply {
        guard let stream else { throw Stop.aborted }
        var fds = [
            pollfd(fd: stream.fileDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: connection.wakeFD, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            if let reply = connection.outbox.withLock({ $0.httpReply }) { return reply }
            fds[0].revents = 0
            fds[1].revents = 0
            let result = poll(&fds, 2, stream.hasBufferedReadData ? 0 : -1)
            if result < 0 {
                if errno == EINTR { continue }
                throw Stop.aborted
            }
            if fds[1].revents != 0 {
                let request = absorbOutbox()
                if request.abort || request.close != nil { throw Stop.aborted }
                continue
            }
            if fds[0].revents != 0 || stream.hasBufferedReadData {
                let gone: Bool
                switch try? stream.read(into: readBuffer) {
                case .bytes?, .wantRead?, .wantWrite?: gone = false
                case .closed?, nil: gone = true
                }
                if gone {
                    outcome = .init(
                        initiator: .remote, code: nil, reason: "peer left before the HTTP reply", error: nil,
                        wasClean: false, didOpen: false)
                    throw Stop.aborted
                }
            }
        }
    }

    /// Drives the TLS handshake (a no-op for plain streams) until done or the deadline.
    private func performStreamHandshake(deadline: ContinuousClock.Instant) throws {
        guard let stream else { return }
        while true {
            switch try stream.handshake() {
            case .complete: return
            case .wantRead: try waitDuringOpening(for: Int16(POLLIN), deadline: deadline, stage: "TLS handshake")
            case .wantWrite: try waitDuringOpening(for: Int16(POLLOUT), deadline: deadline, stage: "TLS handshake")
            }
        }
    }

    /// Reads until `parse` recognises a complete header block; returns the bytes after it.
    private func readHeaderBlock(
        deadline: ContinuousClock.Instant, parse: (UnsafeRawBufferPointer) throws -> Int?
    ) throws -> [UInt8] {
        guard let stream else { return [] }
        var received: [UInt8] = []
        while true {
            if !received.isEmpty, let consumed = try received.withUnsafeBytes({ try parse($0) }) {
                return Array(received[consumed...])
            }
            if received.count > configuration.maximumHeaderSize {
                _ = try received.withUnsafeBytes { try parse($0) }
            }
            switch try stream.read(into: readBuffer) {
            case .bytes(let count):
                received.append(contentsOf: UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
            case .wantRead:
                try waitDuringOpening(for: Int16(POLLIN), deadline: deadline, stage: "HTTP upgrade")
            case .wantWrite:
                try waitDuringOpening(for: Int16(POLLOUT), deadline: deadline, stage: "HTTP upgrade")
            case .closed:
                throw WebSocketError(
                    code: .invalidHandshakeResponse, detail: "connection closed during the opening handshake")
            }
        }
    }

    /// Writes all of `writeBuffer` during the opening, waiting as needed.
    private func flushBlocking(deadline: ContinuousClock.Instant) throws {
        while try !flush() {
            try waitDuringOpening(
                for: tlsNeedsReadForWrite ? Int16(POLLIN) : Int16(POLLOUT), deadline: deadline, stage: "HTTP upgrade")
        }
    }

    /// Waits for socket readiness during the opening, honouring aborts and the deadline.
    private func waitDuringOpening(for events: Int16, deadline: ContinuousClock.Instant, stage: String) throws {
        guard let stream else { return }
        if events == Int16(POLLIN), stream.hasBufferedReadData { return }
        var fds = [
            pollfd(fd: stream.fileDescriptor, events: events, revents: 0),
            pollfd(fd: connection.wakeFD, events: Int16(POLLIN), revents: 0),
        ]
        let remaining = deadline - .now
        guard remaining > .zero else {
            throw ConnectionError(
                .timedOut, operation: "io", host: hostDescription, port: portNumber, detail: "\(stage) timed out")
        }
        let result = poll(&fds, 2, Self.milliseconds(remaining))
        if result < 0 && errno != EINTR {
            throw ConnectionError(
                .socketFailure, operation: "io", host: hostDescription, port: portNumber, detail: "poll failed")
        }
        if fds[1].revents != 0 {
            let request = absorbOutbox()
            if request.abort || request.close != nil { throw Stop.aborted }
            if !request.bytes.isEmpty { pendingDuringOpening.append(contentsOf: request.bytes) }
        }
    }
}
