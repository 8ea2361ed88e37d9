internal import CSystem
internal import Glibc

/// A minimal HTTP/1.1 client for the few REST calls a gateway client needs (`GET /gateway/bot`, the
/// gateway-queue service): one `GET` per connection, `Connection: close`, `Content-Length`, chunked or
/// read-until-close bodies, `http://` and `https://`.
///
/// Each request runs on its own short-lived ``IOThread`` with a non-blocking socket polled together with a
/// wake-up pipe, so cancelling the calling task aborts it promptly. Nothing is logged, and errors never contain
/// request headers (the `Authorization` token stays out of them).
///
/// **Threading:** stateless; safe from any thread.
package enum HTTPClient {
    /// Fetches `url` with `GET`.
    ///
    /// Any status is returned as a response; callers decide which ones are errors.
    ///
    /// - Parameters:
    ///   - url: an `http://` or `https://` URL (IPv6 literals in brackets).
    ///   - headers: extra request headers (`Host`, `Connection` and `Accept-Encoding: identity` are added).
    ///   - tls: trust settings for `https://`.
    ///   - timeout: the budget for the whole exchange: resolve, connect, handshake, request and response.
    ///   - maximumBodySize: the largest body accepted.
    /// - Returns: the response.
    /// - Throws: ``HTTPError`` (``HTTPError/Code/timedOut``, ``HTTPError/Code/tooLarge``,
    ///   ``HTTPError/Code/malformedResponse``, ``HTTPError/Code/invalidURL``, ``HTTPError/Code/invalidRequest``,
    ///   ``HTTPError/Code/connectionFailed``), or `CancellationError` when the task was cancelled.
    package static func get(
        _ url: String,
        headers: [(String, String)] = [],
        tls: TLSConfiguration = .default,
        timeout: Duration,
        maximumBodySize: Int = 1 << 20
    ) async throws -> HTTPResponse {
        let target = try parse(url)
        let request = try makeRequest(target: target, headers: headers)
        let exchange = try HTTPExchange(
            target: target, request: request, tls: tls, deadline: .now + timeout, maximumBodySize: maximumBodySize)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                do {
                    let thread = try IOThread.start(name: "discord-http") {
                        continuation.resume(with: exchange.run())
                    }
                    thread.detach()
                } catch {
                    continuation.resume(
                        throwing: HTTPError(
                            .connectionFailed, detail: "could not start the request thread",
                            underlying: error as? ConnectionError))
                }
            }
        } onCancel: {
            exchange.cancel()
        }
    }

    /// Parses an `http://` or `https://` URL with the WebSocket URL rules (same authority and target syntax).
    package static func parse(_ url: String) throws(HTTPError) -> WebSocketURL {
        let lowered = url.prefix(8).lowercased()
        let rest: Substring
        let scheme: String
        if lowered.hasPrefix("https://") {
            (scheme, rest) = ("wss://", url.dropFirst(8))
        } else if lowered.hasPrefix("http://") {
            (scheme, rest) = ("ws://", url.dropFirst(7))
        } else {
            throw HTTPError(.invalidURL, detail: "the URL must start with http:// or https://")
        }
        do {
            return try WebSocketURL(string: scheme + rest)
        } catch let error as WebSocketError {
            throw HTTPError(
                .invalidURL,
                detail: error.detail.replacingPrefix(scheme, with: lowered.hasPrefix("https") ? "https://" : "http://"))
        } catch {
            throw HTTPError(.invalidURL, detail: "malformed URL")
        }
    }

    /// Builds the request head.
    private static func makeRequest(target: WebSocketURL, headers: [(String, String)]) throws(HTTPError) -> [UInt8] {
        var text = "GET \(target.pathAndQuery) HTTP/1.1\r\nHost: \(target.hostHeaderValue)\r\n"
        for (name, value) in headers {
            let nameIsToken =
                !name.isEmpty && name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
            let valueIsClean = value.utf8.allSatisfy { $0 != 0 && $0 != 10 && $0 != 13 }
            guard nameIsToken && valueIsClean else {
                // Name the header but never echo the value: it may be a token.
                throw HTTPError(
                    .invalidRequest, detail: "header \(nameIsToken ? name : "name") contains invalid characters")
            }
            text += "\(name): \(value)\r\n"
        }
        text += "Accept-Encoding: identity\r\nConnection: close\r\n\r\n"
        return Array(text.utf8)
    }
}

extension String {
    /// The string with `prefix` replaced by `replacement` wherever it occurs (used to restore the URL scheme in
    /// messages).
    fileprivate func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: prefix) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

/// One HTTP exchange run on its own thread.
///
/// **Threading:** ``run()`` runs once, on the request thread, which alone touches the socket and stream;
/// ``cancel()`` may be called from any thread: it sets a locked flag and signals the eventfd.
// Invariant: the stored `let`s are immutable (the eventfd stays open for the object's whole life and is closed
// in `deinit`, when no thread can reach the object any more); the only shared mutable state is the `Locked`
// cancellation flag; the stream is created and used solely inside `run()` on the request thread. Hence
// `@unchecked Sendable`.
private final class HTTPExchange: @unchecked Sendable {
    /// Where to connect.
    private let target: WebSocketURL
    /// The encoded request.
    private let request: [UInt8]
    /// TLS settings for `https`.
    private let tls: TLSConfiguration
    /// When the whole exchange must be done.
    private let deadline: ContinuousClock.Instant
    /// The largest body accepted.
    private let maximumBodySize: Int
    /// The wake-up eventfd, polled with the socket.
    private let wakeFD: Int32
    /// Whether ``cancel()`` was called.
    private let cancelled = Locked(false)

    /// Prepares an exchange and its wake-up eventfd.
    init(
        target: WebSocketURL, request: [UInt8], tls: TLSConfiguration, deadline: ContinuousClock.Instant,
        maximumBodySize: Int
    ) throws(HTTPError) {
        let fd = CSystem_eventfd_nonblocking()
        guard fd >= 0 else {
            throw HTTPError(
                .connectionFailed, detail: "eventfd failed",
                underlying: ConnectionError(errno: errno, operation: "eventfd"))
        }
        self.target = target
        self.request = request
        self.tls = tls
        self.deadline = deadline
        self.maximumBodySize = maximumBodySize
        self.wakeFD = fd
    }

    deinit {
        _ = Glibc.close(wakeFD)
    }

    /// Aborts the exchange from any thread.
    func cancel() {
        cancelled.withLock { $0 = true }
        var one: UInt64 = 1
        _ = write(wakeFD, &one, MemoryLayout<UInt64>.size)
    }

    /// Whether ``cancel()`` was called.
    private var isCancelled: Bool { cancelled.withLock { $0 } }

    /// Performs the exchange on the calling (request) thread.
    func run() -> Result<HTTPResponse, any Error> {
        do {
            return .success(try exchange())
        } catch {
            return .failure(error)
        }
    }

    /// Connects, sends the request and reads the response.
    private func exchange() throws -> HTTPResponse {
        if isCancelled { throw CancellationError() }
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { throw timedOut("connecting") }
        let fd: Int32
        do {
            fd = try TCPSocket.connect(host: target.host, port: target.port, timeout: remaining)
        } catch {
            if error.code == .timedOut { throw timedOut("connecting") }
            throw HTTPError(
                .connectionFailed, detail: "could not connect to \(target.hostHeaderValue)", underlying: error)
        }
        let stream: any ByteStream
        if target.isSecure {
            do {
                let context = try TLSContext.makeClient(configuration: tls)
                stream = try TLSConnection(context: context, socket: fd, serverName: target.host)
            } catch {
                _ = Glibc.close(fd)
                throw HTTPError(.connectionFailed, detail: "TLS setup failed", underlying: error)
            }
        } else {
            stream = PlainByteStream(socket: fd)
        }
        defer { stream.close() }
        if isCancelled { throw CancellationError() }
        try handshake(stream)
        try send(stream)
        return try receive(stream)
    }

    /// Drives the TLS handshake.
    private func handshake(_ stream: any ByteStream) throws {
        while true {
            let status: ByteStreamStatus
            do {
                status = try stream.handshake()
            } catch {
                throw HTTPError(.connectionFailed, detail: "TLS handshake failed", underlying: error)
            }
            switch status {
            case .complete: return
            case .wantRead: try wait(stream.fileDescriptor, events: POLLIN, during: "the TLS handshake")
            case .wantWrite: try wait(stream.fileDescriptor, events: POLLOUT, during: "the TLS handshake")
            }
        }
    }

    /// Writes the whole request.
    private func send(_ stream: any ByteStream) throws {
        var offset = 0
        while offset < request.count {
            let result: ByteStreamResult
            do {
                result = try request.withUnsafeBytes {
                    try stream.write(UnsafeRawBufferPointer(rebasing: $0[offset...]))
                }
            } catch {
                throw HTTPError(.connectionFailed, detail: "sending the request failed", underlying: error)
            }
            switch result {
            case .bytes(let count): offset += count
            case .wantRead: try wait(stream.fileDescriptor, events: POLLIN, during: "sending the request")
            case .wantWrite: try wait(stream.fileDescriptor, events: POLLOUT, during: "sending the request")
            case .closed: throw HTTPError(.connectionFailed, detail: "the server closed the connection early")
            }
        }
    }

    /// Reads and parses the response until it is complete or the server closes.
    private func receive(_ stream: any ByteStream) throws -> HTTPResponse {
        var parser = HTTPResponseParser(maximumBodySize: maximumBodySize)
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        while true {
            let result: ByteStreamResult
            do {
                result = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
            } catch let error as TLSError where error.code == .unexpectedEOF {
                result = .closed  // many servers drop TCP without close_notify after `Connection: close`
            } catch {
                throw HTTPError(.connectionFailed, detail: "reading the response failed", underlying: error)
            }
            switch result {
            case .bytes(let count):
                let isComplete = try chunk.withUnsafeBytes {
                    try parser.feed(UnsafeRawBufferPointer(rebasing: $0[..<count]))
                }
                if isComplete, let response = parser.response { return response }
            case .closed:
                return try parser.finish()
            case .wantRead:
                try wait(stream.fileDescriptor, events: POLLIN, during: "waiting for the response")
            case .wantWrite:
                try wait(stream.fileDescriptor, events: POLLOUT, during: "waiting for the response")
            }
        }
    }

    /// Polls `fd` for `events` together with the wake-up pipe, until the deadline.
    ///
    /// - Throws: `CancellationError` when woken by ``cancel()``; ``HTTPError/Code/timedOut`` at the deadline.
    private func wait(_ fd: Int32, events: Int32, during phase: String) throws {
        while true {
            guard let milliseconds = TCPSocket.pollTimeoutMilliseconds(until: deadline, now: .now) else {
                throw timedOut(phase)
            }
            var descriptors = [
                pollfd(fd: fd, events: Int16(events), revents: 0),
                pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, 2, milliseconds)
            if ready < 0 {
                let pollErrno = errno
                if pollErrno == EINTR { continue }
                throw HTTPError(
                    .connectionFailed, detail: "poll failed",
                    underlying: ConnectionError(errno: pollErrno, operation: "poll"))
            }
            if descriptors[1].revents != 0 || isCancelled { throw CancellationError() }
            if ready > 0 { return }  // readiness or an error/hang-up: the next I/O call reports which
        }
    }

    /// A timeout error naming the phase.
    private func timedOut(_ phase: String) -> HTTPError {
        HTTPError(.timedOut, detail: "no complete response from \(target.hostHeaderValue) in time (\(phase))")
    }
}
