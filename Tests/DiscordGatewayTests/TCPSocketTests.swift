import DiscordGateway
import Glibc
import Testing

@Suite(.usesSockets, .timeLimit(.minutes(1))) struct TCPSocketTests {
    /// Whether this host can bind `::1` (containers often lack IPv6).
    static let hasIPv6Loopback: Bool = {
        guard let listener = try? TCPSocket.listen(host: "::1", port: 0) else { return false }
        close(listener.fd)
        return true
    }()

    @Test func connectReachesListenerAndExchangesBytes() throws {
        let listener = try TCPSocket.listen(host: "127.0.0.1", port: 0)
        defer { close(listener.fd) }
        #expect(listener.port > 0)
        let client = PlainByteStream(
            socket: try TCPSocket.connect(host: "127.0.0.1", port: listener.port, timeout: .seconds(5)))
        defer { client.close() }
        let server = PlainByteStream(socket: try ByteStreamDriver.acceptOne(listener.fd))
        defer { server.close() }

        #expect(try client.handshake() == .complete)
        try ByteStreamDriver.writeAll(client, Array("hello".utf8))
        #expect(try ByteStreamDriver.read(server, count: 5) == Array("hello".utf8))
        let payload = (0..<300_000).map { UInt8(truncatingIfNeeded: $0) }
        let writer = BackgroundThread { [payload] in try ByteStreamDriver.writeAll(server, payload) }
        #expect(try ByteStreamDriver.read(client, count: payload.count) == payload)
        try writer.value()
    }

    @Test func emptySocketReadWantsReadAndPeerCloseReadsAsClosed() throws {
        let listener = try TCPSocket.listen(host: "127.0.0.1", port: 0)
        defer { close(listener.fd) }
        let client = PlainByteStream(
            socket: try TCPSocket.connect(host: "127.0.0.1", port: listener.port, timeout: .seconds(5)))
        defer { client.close() }
        let server = PlainByteStream(socket: try ByteStreamDriver.acceptOne(listener.fd))

        var buffer = [UInt8](repeating: 0, count: 16)
        #expect(try buffer.withUnsafeMutableBytes { try client.read(into: $0) } == .wantRead)
        #expect(!client.hasBufferedReadData)
        server.close()
        server.close()  // idempotent
        #expect(try ByteStreamDriver.readToEnd(client).isEmpty)
    }

    @Test func writingToResetPeerThrowsInsteadOfRaisingSIGPIPE() throws {
        let listener = try TCPSocket.listen(host: "127.0.0.1", port: 0)
        defer { close(listener.fd) }
        let client = PlainByteStream(
            socket: try TCPSocket.connect(host: "127.0.0.1", port: listener.port, timeout: .seconds(5)))
        defer { client.close() }
        let accepted = try ByteStreamDriver.acceptOne(listener.fd)
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)  // close with RST
        setsockopt(accepted, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close(accepted)

        let error = #expect(throws: ConnectionError.self) {
            for _ in 0..<1000 {
                try ByteStreamDriver.writeAll(client, [1, 2, 3])
            }
        }
        #expect(error?.code == .connectionReset)
        #expect(error?.description.contains("send") == true)
    }

    @Test func connectToClosedPortIsRefused() throws {
        let listener = try TCPSocket.listen(host: "127.0.0.1", port: 0)
        close(listener.fd)
        let error = #expect(throws: ConnectionError.self) {
            _ = try TCPSocket.connect(host: "127.0.0.1", port: listener.port, timeout: .seconds(5))
        }
        #expect(error?.code == .connectionRefused)
        #expect(error?.port == listener.port)
        #expect(error?.description.contains("connection refused") == true)
    }

    @Test func unresolvableHostIsNotFound() throws {
        let error = #expect(throws: ConnectionError.self) {
            _ = try TCPSocket.connect(host: "no-such-host.invalid", port: 443, timeout: .seconds(5))
        }
        #expect(error?.code == .hostNotFound)
        #expect(error?.host == "no-such-host.invalid")
        #expect(error?.description.contains("getaddrinfo") == true)
    }

    @Test func exhaustedTimeoutFailsBeforeConnecting() throws {
        let listener = try TCPSocket.listen(host: "127.0.0.1", port: 0)
        defer { close(listener.fd) }
        let error = #expect(throws: ConnectionError.self) {
            _ = try TCPSocket.connect(host: "127.0.0.1", port: listener.port, timeout: .zero)
        }
        #expect(error?.code == .timedOut)
    }

    @Test(
        arguments: [
            (Duration.zero, nil),
            (.milliseconds(-5), nil),
            (.nanoseconds(1), 1),
            (.milliseconds(1), 1),
            (.microseconds(1_001), 2),
            (.milliseconds(1_500), 1_500),
            (.seconds(10_000_000), Int32.max),
        ] as [(Duration, Int32?)])
    func pollTimeoutRoundsRemainingTimeUp(remaining: Duration, expected: Int32?) {
        let now = ContinuousClock.now
        #expect(TCPSocket.pollTimeoutMilliseconds(until: now + remaining, now: now) == expected)
    }

    @Test func acceptWithoutPendingConnectionReturnsNil() throws {
        let listener = try TCPSocket.listen(host: "127.0.0.1", port: 0)
        defer { close(listener.fd) }
        #expect(try TCPSocket.accept(listener: listener.fd) == nil)
    }

    @Test func returnedSocketsAreNonBlockingAndCloseOnExec() throws {
        let listener = try TCPSocket.listen(host: "127.0.0.1", port: 0)
        defer { close(listener.fd) }
        let client = try TCPSocket.connect(host: "127.0.0.1", port: listener.port, timeout: .seconds(5))
        defer { close(client) }
        let accepted = try ByteStreamDriver.acceptOne(listener.fd)
        defer { close(accepted) }
        for fd in [listener.fd, client, accepted] {
            #expect(fcntl(fd, F_GETFL) & O_NONBLOCK != 0)
            #expect(fcntl(fd, F_GETFD) & FD_CLOEXEC != 0)
        }
        for fd in [client, accepted] {
            var noDelay: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, &length)
            #expect(noDelay != 0)
        }
    }

    @Test(.enabled(if: TCPSocketTests.hasIPv6Loopback, "no IPv6 loopback on this host"))
    func connectReachesIPv6Loopback() throws {
        let listener = try TCPSocket.listen(host: "::1", port: 0)
        defer { close(listener.fd) }
        let client = PlainByteStream(
            socket: try TCPSocket.connect(host: "::1", port: listener.port, timeout: .seconds(5)))
        defer { client.close() }
        let server = PlainByteStream(socket: try ByteStreamDriver.acceptOne(listener.fd))
        defer { server.close() }
        try ByteStreamDriver.writeAll(client, [42])
        #expect(try ByteStreamDriver.read(server, count: 1) == [42])
    }
}
