internal import CSystem
package import DiscordGateway
internal import Glibc

/// A WebSocket server on the loopback interface that plays Discord's gateway in tests.
///
/// It listens on `127.0.0.1` (port 0 picks a free port), plain or TLS, accepts any number of connections, and hands
/// each one to the test as a scriptable ``FakeGatewayConnection``: read what the client sent, send payloads as text
/// or as zlib-stream compressed binary frames (chosen by the client's `compress=zlib-stream` query, as Discord does),
/// close with a code, drop TCP without a close, or go silent.
///
/// **Threading:** safe from any thread. One listener thread accepts connections; each connection has its own I/O
/// thread. Shared state is one `Locked`.
public final class FakeGateway: Sendable {
    /// Server settings.
    public struct Configuration: Sendable {
        /// Address to listen on (`127.0.0.1` or `::1`).
        public var host: String
        /// Port; 0 picks a free one.
        public var port: Int
        /// Server certificate for `wss://`; `nil` serves plain `ws://`.
        public var tlsCertificate: TestServerCertificate?
        /// WebSocket messages each compressed payload is split into (Discord sends one; tests may ask for more).
        public var messagesPerCompressedPayload: Int
        /// Frames (a first frame plus continuations) each message is fragmented into.
        public var framesPerMessage: Int
        /// Largest message accepted from a client.
        public var maximumMessageSize: Int
        /// When set, every upgrade request is refused with this HTTP status (e.g. 403) instead of accepted.
        public var rejectionStatus: Int?
        /// Called on the connection's I/O thread as each connection opens, before its first message is read and
        /// before ``FakeGateway/nextConnection(timeout:)`` sees it (the ``GatewaySimulator`` attaches here).
        package var onConnectionOpen: (@Sendable (FakeGatewayConnection) -> Void)? = nil
        /// Answers plain HTTP requests (not upgrades) on the gateway port, on the connection's I/O thread; `nil`
        /// (or a `nil` answer) refuses them as invalid upgrades. A `.deferred` answer is sent later with
        /// ``FakeGatewayConnection/reply(_:)`` (the ``GatewaySimulator`` serves its REST endpoints here).
        package var onHTTPRequest:
            (@Sendable (FakeGatewayConnection, WebSocketHandshake.HTTPRequest) -> WebSocketConnection.HTTPAnswer?)? =
                nil

        /// Creates a configuration: plain `ws://` on an ephemeral loopback port, one frame per message.
        public init(
            host: String = "127.0.0.1", port: Int = 0, tlsCertificate: TestServerCertificate? = nil,
            messagesPerCompressedPayload: Int = 1, framesPerMessage: Int = 1, maximumMessageSize: Int = 1 << 20
        ) {
            self.host = host
            self.port = port
            self.tlsCertificate = tlsCertificate
            self.messagesPerCompressedPayload = messagesPerCompressedPayload
            self.framesPerMessage = framesPerMessage
            self.maximumMessageSize = maximumMessageSize
            self.rejectionStatus = nil
        }
    }

    /// Listener bookkeeping.
    private struct State {
        var listener: IOThread?
        var connections: [FakeGatewayConnection] = []
        var stopped = false
    }

    /// The settings.
    public let configuration: Configuration
    /// The port the server listens on.
    public let port: Int
    /// The listening socket (closed by the listener thread when it stops).
    private let listenSocket: Int32
    /// Wakes the listener thread to stop.
    private let stopFD: Int32
    /// Server TLS context, when serving `wss://`.
    private let tlsContext: TLSContext?
    /// Directory holding the certificate files, when serving TLS.
    private let tlsDirectory: String?
    /// Accepted connections, in order.
    private let accepted = TimedMailbox<FakeGatewayConnection>(label: "a connection to the fake gateway")
    /// Guarded state.
    private let state = Locked(State())

    /// Starts listening.
    /// - Throws: an error if the socket cannot be bound or the TLS files cannot be loaded.
    public init(configuration: Configuration = .init()) throws {
        self.configuration = configuration
        if let certificate = configuration.tlsCertificate {
            let directory = try FakeGateway.makeTemporaryDirectory()
            let files = try certificate.write(to: directory)
            tlsContext = try TLSContext.makeServer(
                certificateChainFile: files.certificateFile, privateKeyFile: files.privateKeyFile)
            tlsDirectory = directory
        } else {
            tlsContext = nil
            tlsDirectory = nil
        }
        let (socket, port) = try TCPSocket.listen(host: configuration.host, port: configuration.port)
        self.listenSocket = socket
        self.port = port
        let fd = CSystem_eventfd_nonblocking()
        guard fd >= 0 else {
            Glibc.close(socket)
            throw ConnectionError(
                .socketFailure, operation: "io", host: configuration.host, port: port, detail: "eventfd failed")
        }
        stopFD = fd
        let thread = try IOThread.start(name: "dg-fake-listen") { [self] in acceptLoop() }
        state.withLock { $0.listener = thread }
    }

    deinit {
        if let directory = tlsDirectory {
            FakeGateway.removeDirectory(directory)
        }
    }

    /// The URL clients connect to, e.g. `ws://127.0.0.1:41234` (`wss://localhost:…` with TLS).
    public var url: String {
        let host = configuration.tlsCertificate == nil ? configuration.host : "localhost"
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return "\(configuration.tlsCertificate == nil ? "ws" : "wss")://\(bracketed):\(port)"
    }

    /// Waits for the next accepted connection (in accept order).
    /// - Throws: ``FakeGatewayTimeout`` when none arrives in time.
    public func nextConnection(timeout: Duration = .seconds(10)) async throws -> FakeGatewayConnection {
        try await accepted.next(timeout: timeout)
    }

    /// Every connection accepted so far.
    public var connections: [FakeGatewayConnection] { state.withLock { $0.connections } }

    /// Stops listening, drops every open connection and waits for all server threads to exit.
    public func stop() {
        let alreadyStopped = state.withLock { state -> Bool in
            defer { state.stopped = true }
            return state.stopped
        }
        guard !alreadyStopped else { return }
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { Glibc.write(stopFD, $0.baseAddress, 8) }
        let (listener, connections) = state.withLock { ($0.listener, $0.connections) }
        listener?.join()
        for connection in connections {
            connection.drop()
            connection.join()
        }
    }

    /// The listener thread body.
    private func acceptLoop() {
        var fds = [
            pollfd(fd: listenSocket, events: Int16(POLLIN), revents: 0),
            pollfd(fd: stopFD, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            fds[0].revents = 0
            fds[1].revents = 0
            let result = poll(&fds, 2, -1)
            if result < 0 {
                if errno == EINTR { continue }
                break
            }
            if fds[1].revents != 0 { break }
            while let socket = try? TCPSocket.accept(listener: listenSocket) {
                let stopped = state.withLock { $0.stopped }
                if stopped {
                    Glibc.close(socket)
                    continue
                }
                accept(socket: socket)
            }
        }
        Glibc.close(listenSocket)
        Glibc.close(stopFD)
    }

    /// Wraps an accepted socket in a server-role connection and starts it.
    private func accept(socket: Int32) {
        var settings = WebSocketConnection.Configuration()
        settings.maximumMessageSize = configuration.maximumMessageSize
        settings.closeTimeout = .seconds(2)
        let connection: WebSocketConnection
        do {
            connection = try WebSocketConnection(
                endpoint: .server(socket: socket, tls: tlsContext), configuration: settings)
        } catch {
            Glibc.close(socket)
            return
        }
        let fake = FakeGatewayConnection(
            connection: connection, messagesPerCompressedPayload: configuration.messagesPerCompressedPayload,
            framesPerMessage: configuration.framesPerMessage, rejectionStatus: configuration.rejectionStatus,
            onHTTPRequest: configuration.onHTTPRequest,
            onOpen: { [accepted, hook = configuration.onConnectionOpen] in
                hook?($0)
                accepted.put($0)
            })
        state.withLock { $0.connections.append(fake) }
        do {
            try connection.start(delegate: fake)
        } catch {
            fake.markFailedToStart()
        }
    }

    /// Makes a fresh private temporary directory.
    static func makeTemporaryDirectory() throws -> String {
        var template = Array("/tmp/discord-gateway-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else {
            throw ConnectionError(
                .socketFailure, operation: "io", host: "", port: 0, detail: "mkdtemp failed (errno \(errno))")
        }
        return String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Removes a directory made by ``makeTemporaryDirectory()`` and the files in it.
    static func removeDirectory(_ path: String) {
        guard let directory = opendir(path) else { return }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { unlink(path + "/" + name) }
        }
        closedir(directory)
        rmdir(path)
    }
}
