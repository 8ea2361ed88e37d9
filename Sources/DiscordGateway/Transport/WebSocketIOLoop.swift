internal import Glibc

/// The body of one connection's I/O thread: opening handshake, then the poll/read/write loop until the end.
///
/// **Threading:** confined to the connection's I/O thread; created on the starting thread and handed over
/// before the thread runs, never touched elsewhere afterwards.
// Invariant: after `WebSocketConnection.start` hands the loop to its new thread, only that thread touches it;
// that hand-over is the only reason it crosses threads, hence `@unchecked Sendable`.
final class WebSocketIOLoop: @unchecked Sendable {
    /// Why the loop stops early; mapped to a ``WebSocketConnection/Close``.
    enum Stop: Error {
        /// The owner called `abort()` (or `close` before the connection opened).
        case aborted
    }

    /// The connection this loop drives.
    let connection: WebSocketConnection
    /// The owner's delegate.
    let delegate: any WebSocketConnectionDelegate
    /// Copy of the connection's settings.
    let configuration: WebSocketConnection.Configuration
    /// The byte stream (plain or TLS) once connected.
    var stream: (any ByteStream)?
    /// Frame parser and message reassembler.
    private var parser: WebSocketParser
    /// zlib-stream context, when configured.
    private var inflater: ZlibStreamInflater?
    /// Bytes read from the socket.
    let readBuffer: UnsafeMutableRawBufferPointer
    /// Encoded frames not yet written.
    var writeBuffer: [UInt8] = []
    /// How much of `writeBuffer` is already written.
    private var writeOffset = 0
    /// The last write could not complete until the socket is writable.
    private var writeBlocked = false
    /// The TLS layer needs the socket readable before it can write (or the reverse).
    var tlsNeedsReadForWrite = false
    /// Our close frame is queued or sent.
    private var closeSent = false
    /// The peer's close frame arrived.
    private var closeReceived = false
    /// When to give up waiting for the peer during the close handshake.
    private var closeDeadline: ContinuousClock.Instant?
    /// The outcome reported at the end (set when the ending starts).
    var outcome: WebSocketConnection.Close?
    /// The opening handshake has completed.
    private var didOpen = false
    /// The owner paused reading.
    private var readingPaused = false
    /// The loop is over.
    private var isDone = false
    /// A message of at least ``FreedMemory/largeMessageSize`` went through since the last trim request.
    private var sawLargeMessage = false
    /// Frames queued by the owner before the connection opened (sent right after opening).
    var pendingDuringOpening: [UInt8] = []

    /// Creates the loop for `connection`.
    init(connection: WebSocketConnection, delegate: any WebSocketConnectionDelegate) {
        self.connection = connection
        self.delegate = delegate
        self.configuration = connection.configuration
        self.parser = WebSocketParser(role: connection.role, maximumMessageSize: configuration.maximumMessageSize)
        self.readBuffer = .allocate(byteCount: max(configuration.readChunkSize, 1024), alignment: 16)
    }

    deinit {
        readBuffer.deallocate()
    }

    /// The thread body.
    func run() {
        do {
            let leftover = try open()
            didOpen = true
            delegate.connectionDidOpen(connection)
            if !leftover.isEmpty {
                try leftover.withUnsafeBytes { try feed($0) }
                delegate.connectionDidFinishReadBatch(connection)
            }
            try mainLoop()
        } catch Stop.aborted {
            outcome =
                outcome
                ?? .init(initiator: .local, code: nil, reason: "", error: nil, wasClean: false, didOpen: didOpen)
        } catch {
            outcome =
                outcome
                ?? .init(
                    initiator: .failure, code: 1006, reason: "", error: Self.sendable(error), wasClean: false,
                    didOpen: didOpen)
        }
        finish()
    }

    /// Closes everything and makes the final delegate call.
    private func finish() {
        if let stream {
            if outcome?.wasClean == true { stream.shutdown() }
            stream.close()
        } else if case .server(let socket, _) = connection.endpoint {
            Glibc.close(socket)
        }
        stream = nil
        inflater = nil
        connection.outbox.withLock {
            $0.finished = true
            $0.pending = []
        }
        Glibc.close(connection.wakeFD)
        let close =
            outcome ?? .init(initiator: .remote, code: 1006, reason: "", error: nil, wasClean: false, didOpen: didOpen)
        delegate.connection(connection, didCloseWith: close)
        connection.releaseDelegate()
    }

    // MARK: Main loop

    /// Reads, writes and honours owner requests until the connection ends.
    private func mainLoop() throws {
        guard let stream else { return }
        if !pendingDuringOpening.isEmpty {
            writeBuffer.append(contentsOf: pendingDuringOpening)
            pendingDuringOpening = []
        }
        var fds = [
            pollfd(fd: stream.fileDescriptor, events: 0, revents: 0),
            pollfd(fd: connection.wakeFD, events: Int16(POLLIN), revents: 0),
        ]
        var wakeReady = true
        while !isDone {
            if wakeReady {
                let request = absorbOutbox()
                if request.abort {
                    outcome =
                        outcome
                        ?? .init(initiator: .local, code: nil, reason: "", error: nil, wasClean: false, didOpen: true)
                    return
                }
                readingPaused = request.paused
                if !closeSent {
                    appendToWriteBuffer(request.bytes)
                    if let close = request.close {
                        startClose(code: close.code, reason: close.reason, initiator: .local, error: nil)
                    }
                }
            }
            if writeOffset < writeBuffer.count, !writeBlocked {
                if try !flush(), isDone { return }
            }
            if isDone { return }
            if closeSent, closeReceived, writeOffset >= writeBuffer.count, role == .server {
                markClean()
                return
            }

            var events: Int16 = 0
            let wantsRead = !readingPaused || closeSent || closeReceived
            if wantsRead || tlsNeedsReadForWrite { events |= Int16(POLLIN) }
            if writeOffset < writeBuffer.count, !tlsNeedsReadForWrite { events |= Int16(POLLOUT) }
            fds[0].events = events
            fds[0].revents = 0
            fds[1].revents = 0

            var timeout: Int32 = -1
            if let closeDeadline {
                let remaining = closeDeadline - .now
                if remaining <= .zero {
                    closeTimedOut()
                    return
                }
                timeout = Self.milliseconds(remaining)
            }
            if wantsRead && stream.hasBufferedReadData { timeout = 0 }
            let result = poll(&fds, 2, timeout)
            if result < 0 {
                if errno == EINTR { continue }
                throw ConnectionError(
                    .socketFailure, operation: "io", host: hostDescription, port: portNumber, detail: "poll failed")
            }
            wakeReady = fds[1].revents != 0
            // Owner requests (pause, close, abort) take effect before any more bytes are read.
            if wakeReady { continue }
            let socketEvents = fds[0].revents
            if socketEvents & Int16(POLLOUT) != 0 || (tlsNeedsReadForWrite && socketEvents & Int16(POLLIN) != 0) {
                writeBlocked = false
                tlsNeedsReadForWrite = false
            }
            let readable =
                socketEvents & Int16(POLLIN | POLLHUP | POLLERR) != 0 || (wantsRead && stream.hasBufferedReadData)
            if readable && wantsRead {
                try readPass()
            }
        }
    }

    /// Takes what other threads queued.
    func absorbOutbox() -> (
        bytes: [UInt8], close: (code: UInt16?, reason: String)?, abort: Bool, paused: Bool
    ) {
        var counter: UInt64 = 0
        _ = withUnsafeMutableBytes(of: &counter) { Glibc.read(connection.wakeFD, $0.baseAddress, 8) }
        return connection.outbox.withLock { state in
            state.wakePending = false
            let bytes = state.pending
            state.pending = []
            let close = state.closeRequest
            return (bytes, close, state.abortRequested, state.readingPaused)
        }
    }

    /// Moves frames the owner queued (possibly from a delegate call on this thread) into the write buffer, so
    /// frames this thread generates next (pong, close) go out after them.
    private func drainOutboxFrames() {
        let bytes = connection.outbox.withLock { state -> [UInt8] in
            let bytes = state.pending
            state.pending = []
            return bytes
        }
        appendToWriteBuffer(bytes)
    }

    /// Appends bytes to the write buffer.
    private func appendToWriteBuffer(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if writeOffset >= writeBuffer.count {
            writeBuffer = bytes
            writeOffset = 0
        } else {
            writeBuffer.append(contentsOf: bytes)
        }
    }

    /// Writes as much as the socket takes; returns true when everything was written.
    func flush() throws -> Bool {
        guard let stream else { return true }
        while writeOffset < writeBuffer.count {
            let result: ByteStreamResult
            do {
                result = try writeBuffer.withUnsafeBytes {
                    try stream.write(UnsafeRawBufferPointer(rebasing: $0[writeOffset...]))
                }
            } catch {
                if didOpen { peerVanished(error: error); return false }
                throw error
            }
            switch result {
            case .bytes(let count):
                writeOffset += count
            case .wantWrite:
                writeBlocked = true
                return false
            case .wantRead:
                tlsNeedsReadForWrite = true
                return false
            case .closed:
                if didOpen { peerVanished(error: nil); return false }
                throw WebSocketError(
                    code: .invalidHandshakeResponse, detail: "connection closed during the opening handshake")
            }
        }
        if writeBuffer.capacity > 64 << 10 {
            writeBuffer = []
        } else {
            writeBuffer.removeAll(keepingCapacity: true)
        }
        writeOffset = 0
        return true
    }

    /// Reads what is available (bounded so writes get their turn) and feeds the parser.
    private func readPass() throws {
        guard let stream else { return }
        var budget = 16
        var delivered = false
        while budget > 0, !isDone {
            budget -= 1
            let result: ByteStreamResult
            do {
                result = try stream.read(into: readBuffer)
            } catch let error as TLSError where error.code == .unexpectedEOF {
                result = .closed
                if !(closeSent || closeReceived) {
                    peerVanished(error: error)
                    break
                }
            } catch {
                peerVanished(error: error)
                break
            }
            switch result {
            case .bytes(let count):
                delivered = true
                try feed(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
            case .wantRead:
                budget = 0
            case .wantWrite:
                tlsNeedsReadForWrite = true
                budget = 0
            case .closed:
                if closeSent || closeReceived {
                    markClean()
                } else {
                    peerVanished(error: nil)
                }
            }
            if readingPaused && !(closeSent || closeReceived) { break }
        }
        if delivered && !isDone { delegate.connectionDidFinishReadBatch(connection) }
    }

    /// Runs received bytes through the parser and handles each event.
    private func feed(_ bytes: UnsafeRawBufferPointer) throws {
        do {
            try parser.parse(bytes) { event in try handle(event) }
        } catch let error as WebSocketError {
            failConnection(code: error.closeCode ?? 1002, error: error)
        } catch let error as ZlibStreamInflater.Error {
            failConnection(code: 4000, error: error)
        }
        if parser.bufferedByteCount == 0 { parser.shrinkBuffers() }
        if sawLargeMessage {
            sawLargeMessage = false
            FreedMemory.releaseAfterLargeMessage()
        }
    }

    /// Handles one parser event.
    private func handle(_ event: WebSocketParser.Event) throws {
        switch event {
        case .text(let bytes):
            guard !closeSent else { return }
            delegate.connection(connection, didReceive: .init(kind: .text, bytes: bytes, wireSize: bytes.count))
        case .binary(let bytes):
            guard !closeSent else { return }
            if bytes.count >= FreedMemory.largeMessageSize { sawLargeMessage = true }
            if configuration.compression == .zlibStream {
                if inflater == nil {
                    inflater = try ZlibStreamInflater(maximumMessageSize: configuration.maximumMessageSize)
                }
                try inflater?.push(bytes) { output in
                    if output.count >= FreedMemory.largeMessageSize { sawLargeMessage = true }
                    if configuration.validatesUTF8 {
                        // A local validator: no dynamic exclusivity check on a class property per message.
                        var validator = UTF8Validator()
                        guard validator.validate(output), validator.isAtCharacterBoundary else {
                            throw WebSocketError(
                                code: .invalidUTF8, closeCode: 4000, detail: "inflated payload is not valid UTF-8")
                        }
                    }
                    delegate.connection(
                        connection, didReceive: .init(kind: .inflated, bytes: output, wireSize: bytes.count))
                }
            } else {
                delegate.connection(connection, didReceive: .init(kind: .binary, bytes: bytes, wireSize: bytes.count))
            }
        case .ping(let payload):
            guard !closeSent else { return }
            drainOutboxFrames()
            var frame: [UInt8] = []
            WebSocketFrameEncoder.appendFrame(opcode: .pong, fin: true, payload: payload, role: role, to: &frame)
            appendToWriteBuffer(frame)
        case .pong(let payload):
            delegate.connection(connection, didReceivePong: payload)
        case .close(let code, let reason):
            closeReceived = true
            if closeSent {
                // We started the close (or failed the connection); the exchange is now complete.
                if outcome?.initiator == .local {
                    outcome?.wasClean = true
                }
                if role == .client {
                    closeDeadline = min(
                        closeDeadline ?? .now + configuration.closeTimeout, .now + configuration.closeTimeout)
                }
            } else {
                drainOutboxFrames()
                var reply: [UInt8] = []
                WebSocketFrameEncoder.appendCloseFrame(code: code, reason: "", role: role, to: &reply)
                appendToWriteBuffer(reply)
                closeSent = true
                outcome = .init(
                    initiator: .remote, code: code ?? 1005, reason: reason, error: nil, wasClean: true, didOpen: true)
                closeDeadline = .now + configuration.closeTimeout
            }
        }
    }

    /// Sends our close frame and starts waiting for the peer's.
    private func startClose(
        code: UInt16?, reason: String, initiator: WebSocketConnection.Close.Initiator, error: (any Error)?
    ) {
        guard !closeSent else { return }
        drainOutboxFrames()
        var frame: [UInt8] = []
        WebSocketFrameEncoder.appendCloseFrame(code: code, reason: reason, role: role, to: &frame)
        appendToWriteBuffer(frame)
        closeSent = true
        closeDeadline = .now + configuration.closeTimeout
        outcome = .init(
            initiator: initiator, code: code, reason: reason, error: error.map(Self.sendable), wasClean: false,
            didOpen: true)
    }

    /// Fails the connection: close frame with `code`, then wait briefly for the peer.
    private func failConnection(code: UInt16, error: any Error) {
        if closeSent {
            // Already closing; a further violation ends it at once.
            if outcome == nil {
                outcome = .init(
                    initiator: .failure, code: code, reason: "", error: Self.sendable(error), wasClean: false,
                    didOpen: true)
            }
            isDone = true
            return
        }
        startClose(code: code, reason: "", initiator: .failure, error: error)
    }

    /// The peer closed TCP or the socket failed without a completed close exchange.
    private func peerVanished(error: (any Error)?) {
        if outcome == nil {
            outcome = .init(
                initiator: .remote, code: 1006, reason: "", error: error.map(Self.sendable), wasClean: false,
                didOpen: didOpen)
        }
        isDone = true
    }

    /// The close exchange completed (or the peer closed TCP after it).
    private func markClean() {
        if closeSent && closeReceived, outcome?.initiator != .failure {
            outcome?.wasClean = true
        }
        isDone = true
    }

    /// The peer did not finish the close handshake in time.
    private func closeTimedOut() {
        if !closeReceived, outcome?.initiator == .local {
            outcome?.wasClean = false
        }
        isDone = true
    }

    // MARK: Helpers

    /// The connection's role.
    private var role: WebSocketRole { connection.role }

    /// Host for error messages.
    var hostDescription: String {
        if case .client(let url) = connection.endpoint { return url.host }
        return "client"
    }

    /// Port for error messages.
    var portNumber: Int {
        if case .client(let url) = connection.endpoint { return url.port }
        return 0
    }

    /// Converts a duration to a poll timeout in milliseconds, rounding up.
    static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        if seconds < 0 { return 0 }
        if seconds > 86_400 { return 86_400_000 }
        return Int32(seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }

    /// Errors are `Sendable` in Swift 6; kept as a seam for the type.
    static func sendable(_ error: any Error) -> any Error & Sendable {
        error
    }
}
