import DiscordGateway
import DiscordGatewayTesting
import Foundation
import Glibc

/// A tiny HTTP/1.1 server on 127.0.0.1 for client tests: one thread accepts, one thread per connection reads a
/// request head and writes a canned ``Reply``.
///
/// **Threading:** safe from any thread; the handler runs on connection threads and may block briefly.
final class TestHTTPServer: Sendable {
    /// A request as the server saw it.
    struct Request: Sendable {
        /// The request target, e.g. `/gateway/bot`.
        let target: String
        /// The whole request head as text.
        let head: String
        /// Header fields in order.
        let headers: [(String, String)]

        /// The first value of a header, case-insensitively.
        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    /// What to answer.
    enum Reply: Sendable {
        /// A normal response with `Content-Length`.
        case response(status: Int, headers: [(String, String)], body: [UInt8])
        /// A chunked response, one chunk per element.
        case chunked(status: Int, chunks: [[UInt8]])
        /// Bytes written as they are, then the connection closes.
        case raw([UInt8])
        /// Bytes written, then the server waits (until the client leaves or the server stops) without closing.
        case partial([UInt8])
        /// Waits until ``TestHTTPServer/release(_:with:)`` names this key, then answers with the reply given there.
        case hold(String)

        /// A `200 OK` with a JSON body.
        static func json(_ text: String, status: Int = 200) -> Reply {
            .response(status: status, headers: [("Content-Type", "application/json")], body: Array(text.utf8))
        }
    }

    /// Shared mutable state.
    private struct State {
        /// Whether ``stop()`` ran.
        var isStopped = false
        /// Replies for held requests, by key.
        var released: [String: Reply] = [:]
    }

    /// The port the server listens on.
    let port: Int
    /// `http://127.0.0.1:<port>` (or `https://localhost:<port>` with TLS).
    let baseURL: String
    /// Every request received, in order.
    let requests = TimedMailbox<Request>(label: "HTTP requests")
    /// Keys of held or partial replies whose client went away before an answer.
    let departures = TimedMailbox<String>(label: "client departures")
    /// The listening socket.
    private let listener: Int32
    /// State shared with connection threads.
    private let state = Locked(State())
    /// The server TLS context, if any.
    private let tls: TLSContext?
    /// Chooses replies.
    private let handler: @Sendable (Request) -> Reply

    /// Starts listening; `handler` picks a reply for each request.
    init(certificate: TestServerCertificate? = nil, handler: @escaping @Sendable (Request) -> Reply) throws {
        if let certificate {
            let directory = try TestCertificateAuthority.makeTemporaryDirectory()
            let files = try certificate.write(to: directory)
            tls = try TLSContext.makeServer(
                certificateChainFile: files.certificateFile, privateKeyFile: files.privateKeyFile)
        } else {
            tls = nil
        }
        let (fd, port) = try TCPSocket.listen(host: "127.0.0.1", port: 0)
        listener = fd
        self.port = port
        baseURL = certificate == nil ? "http://127.0.0.1:\(port)" : "https://localhost:\(port)"
        self.handler = handler
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Stops accepting and wakes every waiting connection thread.
    func stop() {
        state.withLock { $0.isStopped = true }
    }

    /// Answers the held request(s) with `key`.
    func release(_ key: String, with reply: Reply) {
        state.withLock { $0.released[key] = reply }
    }

    /// Whether ``stop()`` ran.
    private var isStopped: Bool { state.withLock { $0.isStopped } }

    /// Accepts connections until stopped, polling in short slices.
    private func acceptLoop() {
        defer { _ = Glibc.close(listener) }
        while !isStopped {
            var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 20) > 0 else { continue }
            guard let fd = try? TCPSocket.accept(listener: listener) else { continue }
            let thread = Thread { [self] in serve(fd) }
            thread.start()
        }
    }

    /// Serves one connection.
    private func serve(_ fd: Int32) {
        let stream: any ByteStream
        if let tls {
            guard let connection = try? TLSConnection(context: tls, socket: fd, serverName: nil) else {
                _ = Glibc.close(fd)
                return
            }
            stream = connection
        } else {
            stream = PlainByteStream(socket: fd)
        }
        defer { stream.close() }
        do {
            try ByteStreamDriver.completeHandshake(stream)
            let request = try readRequest(stream)
            requests.put(request)
            var reply = handler(request)
            while case .hold(let key) = reply {
                guard let released = waitForRelease(key, stream: stream) else { return }
                reply = released
            }
            try write(reply, to: stream)
        } catch {
            return
        }
    }

    /// Waits for ``release(_:with:)`` of `key`; `nil` when the client left or the server stopped.
    private func waitForRelease(_ key: String, stream: any ByteStream) -> Reply? {
        while true {
            if let reply = state.withLock({ $0.released[key] }) { return reply }
            if isStopped { return nil }
            if clientLeft(stream, within: 10) {
                departures.put(key)
                return nil
            }
        }
    }

    /// Whether the client closed its side (checked with a short poll).
    private func clientLeft(_ stream: any ByteStream, within milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: stream.fileDescriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return false }
        var byte: UInt8 = 0
        let result = try? withUnsafeMutableBytes(of: &byte) { try stream.read(into: $0) }
        switch result {
        case .closed, nil: return true
        default: return false
        }
    }

    /// Reads the request head.
    private func readRequest(_ stream: any ByteStream) throws -> Request {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = received.firstRange(of: Array("\r\n\r\n".utf8)) {
                let head = String(decoding: received[..<end.lowerBound], as: UTF8.self)
                let lines = head.components(separatedBy: "\r\n")
                let target = lines.first?.split(separator: " ").dropFirst().first.map(String.init) ?? ""
                let headers = lines.dropFirst().compactMap { line -> (String, String)? in
                    guard let colon = line.firstIndex(of: ":") else { return nil }
                    return (
                        String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    )
                }
                return Request(target: target, head: head, headers: headers)
            }
            let result = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
            switch result {
            case .bytes(let count): received += chunk[..<count]
            case .closed: throw ByteStreamTestFailure(description: "client closed before the request head")
            case .wantRead, .wantWrite: try ByteStreamDriver.wait(for: stream, after: result)
            }
        }
    }

    /// Writes a reply.
    private func write(_ reply: Reply, to stream: any ByteStream) throws {
        switch reply {
        case .response(let status, let headers, let body):
            var head = "HTTP/1.1 \(status) Status\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
            for (name, value) in headers { head += "\(name): \(value)\r\n" }
            try ByteStreamDriver.writeAll(stream, Array((head + "\r\n").utf8) + body)
        case .chunked(let status, let chunks):
            var bytes = Array(
                "HTTP/1.1 \(status) Status\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".utf8)
            for chunk in chunks {
                bytes += Array("\(String(chunk.count, radix: 16));ext=1\r\n".utf8) + chunk + Array("\r\n".utf8)
            }
            bytes += Array("0\r\nX-Trailer: yes\r\n\r\n".utf8)
            try ByteStreamDriver.writeAll(stream, bytes)
        case .raw(let bytes):
            try ByteStreamDriver.writeAll(stream, bytes)
        case .partial(let bytes):
            try ByteStreamDriver.writeAll(stream, bytes)
            while !isStopped {
                if clientLeft(stream, within: 10) {
                    departures.put("partial")
                    return
                }
            }
        case .hold:
            return
        }
        stream.shutdown()
    }
}
