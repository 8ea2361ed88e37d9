import DiscordGateway
import DiscordGatewayTesting
import Foundation
import Testing

/// Records what a client connection reports, for tests to await.
final class ConnectionRecorder: WebSocketConnectionDelegate {
    /// One received message.
    struct Received: Sendable {
        var kind: WebSocketConnection.Message.Kind
        var bytes: [UInt8]
        var wireSize: Int
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }
    let opened = TimedMailbox<Bool>(label: "the connection to open")
    let messages = TimedMailbox<Received>(label: "a message from the server")
    let closed = TimedMailbox<WebSocketConnection.Close>(label: "the connection to close")

    func connectionDidOpen(_ connection: WebSocketConnection) { opened.put(true) }

    func connection(_ connection: WebSocketConnection, didReceive message: WebSocketConnection.Message) {
        messages.put(Received(kind: message.kind, bytes: Array(message.bytes), wireSize: message.wireSize))
    }

    func connection(_ connection: WebSocketConnection, didCloseWith close: WebSocketConnection.Close) {
        closed.put(close)
    }
}

/// Starts a client connection to `gateway` and returns it with its recorder.
func connectClient(
    to gateway: FakeGateway, path: String = "/?v=10&encoding=json",
    compression: WebSocketConnection.Configuration.Compression = .none,
    tls: TLSConfiguration = .default, maximumMessageSize: Int = 1 << 20, closeTimeout: Duration = .seconds(2)
) throws -> (WebSocketConnection, ConnectionRecorder) {
    var configuration = WebSocketConnection.Configuration()
    configuration.compression = compression
    configuration.allowsInsecureTransport = true
    configuration.tls = tls
    configuration.maximumMessageSize = maximumMessageSize
    configuration.closeTimeout = closeTimeout
    let connection = try WebSocketConnection(
        endpoint: .client(try WebSocketURL(string: gateway.url + path)), configuration: configuration)
    let recorder = ConnectionRecorder()
    try connection.start(delegate: recorder)
    return (connection, recorder)
}

@Suite(.usesSockets, .timeLimit(.minutes(1))) struct WebSocketConnectionTests {
    @Test func exchangesTextMessagesBothWays() async throws {
        let gateway = try FakeGateway()
        defer { gateway.stop() }
        let (client, recorder) = try connectClient(to: gateway)
        defer { client.abort(); client.join() }
        let server = try await gateway.nextConnection()
        #expect(try await recorder.opened.next(timeout: .seconds(5)))
        #expect(server.path == "/")
        #expect(server.query["v"] == "10")

        server.send(#"{"op":10,"d":{"heartbeat_interval":41250}}"#)
        let hello = try await recorder.messages.next(timeout: .seconds(5))
        #expect(hello.kind == .text)
        #expect(hello.text == #"{"op":10,"d":{"heartbeat_interval":41250}}"#)

        client.send(text: #"{"op":1,"d":null}"#)
        let beat = try await server.nextMessage()
        #expect(beat.isText)
        #expect(beat.text == #"{"op":1,"d":null}"#)
    }

    @Test(arguments: [1, 3]) func inflatesZlibStreamPayloadsSplitAcrossMessages(parts: Int) async throws {
        let gateway = try FakeGateway(configuration: .init(messagesPerCompressedPayload: parts, framesPerMessage: 2))
        defer { gateway.stop() }
        let (client, recorder) = try connectClient(
            to: gateway, path: "/?v=10&encoding=json&compress=zlib-stream", compression: .zlibStream)
        defer { client.abort(); client.join() }
        let server = try await gateway.nextConnection()
        #expect(server.isCompressed)
        var fixtures = GatewayFixtures(seed: 7)
        let payloads = (1...20).map { fixtures.busyBotDispatch(sequence: $0) }
        for payload in payloads { server.send(payload) }
        for payload in payloads {
            let message = try await recorder.messages.next(timeout: .seconds(5))
            #expect(message.kind == .inflated)
            #expect(message.text == payload)
            #expect(message.wireSize < message.bytes.count)
        }
    }

    @Test func answersPingsWithPongs() async throws {
        let gateway = try FakeGateway()
        defer { gateway.stop() }
        let (client, _) = try connectClient(to: gateway)
        defer { client.abort(); client.join() }
        let server = try await gateway.nextConnection()
        server.ping(Array("are you there".utf8))
        #expect(try await server.nextPong() == Array("are you there".utf8))
    }

    @Test func serverCloseCodeReachesTheClient() async throws {
        let gateway = try FakeGateway()
        defer { gateway.stop() }
        let (client, recorder) = try connectClient(to: gateway)
        defer { client.join() }
        let server = try await gateway.nextConnection()
        server.close(code: 4004, reason: "Authentication failed.")
        let close = try await recorder.closed.next(timeout: .seconds(5))
        #expect(close.initiator == .remote)
        #expect(close.code == 4004)
        #expect(close.reason == "Authentication failed.")
        #expect(close.wasClean)
        let serverSide = try await server.closure()
        #expect(serverSide.code == 4004)
        #expect(!serverSide.closedByClient)
    }

    @Test func clientCloseCompletesTheHandshake() async throws {
        let gateway = try FakeGateway()
        defer { gateway.stop() }
        let (client, recorder) = try connectClient(to: gateway)
        let server = try await gateway.nextConnection()
        _ = try await recorder.opened.next(timeout: .seconds(5))
        client.close(code: 4000, reason: "resuming")
        let close = try await recorder.closed.next(timeout: .seconds(5))
        client.join()
        #expect(close.initiator == .local)
        #expect(close.code == 4000)
        #expect(close.wasClean)
        let serverSide = try await server.closure()
        #expect(serverSide.code == 4000)
        #expect(serverSide.reason == "resuming")
        #expect(serverSide.closedByClient)
    }

    @Test func abruptDropIsAnAbnormalRemoteClose() async throws {
        let gateway = try FakeGateway()
        defer { gateway.stop() }
        let (client, recorder) = try connectClient(to: gateway)
        defer { client.join() }
        let server = try await gateway.nextConnection()
        _ = try await recorder.opened.next(timeout: .seconds(5))
        server.drop()
        let close = try await recorder.closed.next(timeout: .seconds(5))
        #expect(close.initiator == .remote)
        #expect(close.code == 1006)
        #expect(!close.wasClean)
    }

    @Test func abortDropsWithoutACloseFrame() async throws {
        let gateway = try FakeGateway()
        defer { gateway.stop() }
        let (client, recorder) = try connectClient(to: gateway)
        let server = try await gateway.nextConnection()
        _ = try await recorder.opened.next(timeout: .seconds(5))
        client.abort()
        let close = try await recorder.closed.next(timeout: .seconds(5))
        client.join()
        #expect(close.initiator == .local)
        #expect(!close.wasClean)
        let serverSide = try await server.closure()
        #expect(serverSide.code == 1006)
        #expect(serverSide.closedByClient)
        #expect(!serverSide.wasClean)
    }

    @Test func silentServerMakesTheCloseHandshakeTimeOut() async throws {
        let gateway = try FakeGateway()
        defer { gateway.stop() }
        let (client, recorder) = try connectClient(to: gateway, closeTimeout: .milliseconds(300))
        let server = try await gateway.nextConnection()
        _ = try await recorder.opened.next(timeout: .seconds(5))
        server.goSilent()
        let started = ContinuousClock.now
        client.close(code: 1000)
        let close = try await recorder.closed.next(timeout: .seconds(5))
        client.join()
        #expect(close.initiator == .local)
        #expect(!close.wasClean)
        #expect(ContinuousClock.now - started >= .milliseconds(250))
    }

    @Test func corruptCompressedDataFailsWithCode4000() async throws {
        let gateway = try FakeGateway()
        defer { gateway.stop() }
        let (client, recorder) = try connectClient(
            to: gateway, path: "/?v=10&encoding=json&compress=zlib-stream", compression: .zlibStream)
        defer { client.join() }
        let server = try await gateway.nextConnection()
        server.send(#"{"op":10,"d":{"heartbeat_interval":41250}}"#)
        _ = try await recorder.messages.next(timeout: .seconds(5))
        server.sendCorruptCompressedPayload()
        let close = try await recorder.closed.next(timeout: .seconds(5))
        #expect(close.initiator == .failure)
        #expect(close.code == 4000)
        #expect(close.error != nil)
        #expect(try await server.closure().code == 4000)
    }

    @Test func reservedBitsFailTheConnectionWith1002() async throws {
        let gateway = try FakeGateway()
        defer { gateway.stop() }
        let (client, recorder) = try connectClient(to: gateway)
        defer { client.join() }
        let server = try await gateway.nextConnection()
        server.sendRawBytes([0xC1, 0x02, 0x68, 0x69])  // FIN + RSV1, text "hi"
        let close = try await recorder.closed.next(timeout: .seconds(5))
        #expect(close.initiator == .failure)
        #expect(close.code == 1002)
        #expect(try await server.closure().code == 1002)
    }

    @Test func oversizeMessageFailsWith1009() async throws {
        let gateway = try FakeGateway()
        defer { gateway.stop() }
        let (client, recorder) = try connectClient(to: gateway, maximumMessageSize: 1000)
        defer { client.join() }
        let server = try await gateway.nextConnection()
        server.send(String(repeating: "x", count: 999))
        #expect(try await recorder.messages.next(timeout: .seconds(5)).bytes.count == 999)
        server.send(String(repeating: "y", count: 1001))
        let close = try await recorder.closed.next(timeout: .seconds(5))
        #expect(close.code == 1009)
        #expect(recorder.messages.pendingCount == 0)
    }

    @Test func invalidUTF8TextFailsWith1007() async throws {
        let gateway = try FakeGateway()
        defer { gateway.stop() }
        let (client, recorder) = try connectClient(to: gateway)
        defer { client.join() }
        let server = try await gateway.nextConnection()
        server.sendFrame(opcode: 1, payload: [0x7B, 0xC3, 0x28, 0x7D])
        let close = try await recorder.closed.next(timeout: .seconds(5))
        #expect(close.code == 1007)
    }

    @Test func refusedUpgradeCarriesTheHTTPStatus() async throws {
        var configuration = FakeGateway.Configuration()
        configuration.rejectionStatus = 403
        let gateway = try FakeGateway(configuration: configuration)
        defer { gateway.stop() }
        let (client, recorder) = try connectClient(to: gateway)
        defer { client.join() }
        let close = try await recorder.closed.next(timeout: .seconds(5))
        #expect(close.initiator == .failure)
        #expect(!close.didOpen)
        let error = try #require(close.error as? WebSocketError)
        #expect(error.httpStatus == 403)
    }

    @Test func plainURLIsRefusedUnlessAllowed() async throws {
        let gateway = try FakeGateway()
        defer { gateway.stop() }
        var configuration = WebSocketConnection.Configuration()
        #expect(!configuration.allowsInsecureTransport)
        configuration.closeTimeout = .seconds(1)
        let client = try WebSocketConnection(
            endpoint: .client(try WebSocketURL(string: gateway.url)), configuration: configuration)
        let recorder = ConnectionRecorder()
        try client.start(delegate: recorder)
        let close = try await recorder.closed.next(timeout: .seconds(5))
        client.join()
        let error = try #require(close.error as? WebSocketError)
        #expect(error.code == .insecureURLNotAllowed)
        #expect(gateway.connections.isEmpty)
    }

    @Test func connectionRefusedIsReported() async throws {
        let (listener, port) = try TCPSocket.listen(host: "127.0.0.1", port: 0)
        close(listener)
        var configuration = WebSocketConnection.Configuration()
        configuration.allowsInsecureTransport = true
        let client = try WebSocketConnection(
            endpoint: .client(try WebSocketURL(string: "ws://127.0.0.1:\(port)/")), configuration: configuration)
        let recorder = ConnectionRecorder()
        try client.start(delegate: recorder)
        let close = try await recorder.closed.next(timeout: .seconds(5))
        client.join()
        #expect(close.initiator == .failure)
        let error = try #require(close.error as? ConnectionError)
        #expect(error.code == .connectionRefused)
    }

    @Test func framesQueuedBeforeOpeningAreSentInOrder() async throws {
        let gateway = try FakeGateway()
        defer { gateway.stop() }
        let (client, _) = try connectClient(to: gateway)
        defer { client.abort(); client.join() }
        for index in 0..<50 { client.send(text: "message \(index)") }
        let server = try await gateway.nextConnection()
        for index in 0..<50 {
            #expect(try await server.nextMessage().text == "message \(index)")
        }
    }

    @Test func manyLargeMessagesArriveIntact() async throws {
        let gateway = try FakeGateway(configuration: .init(maximumMessageSize: 8 << 20))
        defer { gateway.stop() }
        let (client, recorder) = try connectClient(
            to: gateway, path: "/?compress=zlib-stream", compression: .zlibStream, maximumMessageSize: 8 << 20)
        defer { client.abort(); client.join() }
        let server = try await gateway.nextConnection()
        var fixtures = GatewayFixtures(seed: 99)
        var big = "{\"t\":\"GUILD_CREATE\",\"s\":2,\"op\":0,\"d\":{\"members\":["
        for index in 0..<4000 {
            if index > 0 { big += "," }
            big += fixtures.messageCreate(sequence: index, targetSize: 1200)
        }
        big += "]}}"
        server.send(big)
        server.send(#"{"t":"TYPING_START","s":3,"op":0,"d":{}}"#)
        #expect(try await recorder.messages.next(timeout: .seconds(10)).text == big)
        #expect(
            try await recorder.messages.next(timeout: .seconds(5)).text == #"{"t":"TYPING_START","s":3,"op":0,"d":{}}"#)
    }
}
