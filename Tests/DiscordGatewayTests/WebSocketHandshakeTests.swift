import DiscordGateway
import Testing

@Suite struct WebSocketHandshakeTests {
    /// The key from RFC 6455 §1.3.
    private let rfcKey = "dGhlIHNhbXBsZSBub25jZQ=="

    /// A valid 101 answer for `key`, with the given extra header lines.
    private func switchingProtocols(key: String, extraLines: String = "") -> String {
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: \(WebSocketHandshake.acceptValue(forKey: key))\r\n\(extraLines)\r\n"
    }

    /// Runs ``WebSocketHandshake/parseResponse(_:key:maximumHeaderSize:)`` on text.
    private func parseResponse(_ text: String, key: String, limit: Int = 8192) throws -> Int? {
        try Array(text.utf8).withUnsafeBytes {
            try WebSocketHandshake.parseResponse($0, key: key, maximumHeaderSize: limit)
        }
    }

    /// The error ``WebSocketHandshake/parseResponse(_:key:maximumHeaderSize:)`` throws for `text`, if any.
    private func responseError(_ text: String, key: String, limit: Int = 8192) -> WebSocketError? {
        do {
            _ = try parseResponse(text, key: key, limit: limit)
            return nil
        } catch {
            return error as? WebSocketError
        }
    }

    /// RFC 6455 §1.3. (The value is 28 characters: base64 of a 20-byte SHA-1.)
    @Test func computesRFCAcceptValue() {
        #expect(WebSocketHandshake.acceptValue(forKey: rfcKey) == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test func makesFreshSixteenByteKeys() {
        let keys = (0..<8).map { _ in WebSocketHandshake.makeKey() }
        #expect(Set(keys).count == keys.count)
        for key in keys {
            #expect(key.utf8.count == 24)
            #expect(key.hasSuffix("=="))
        }
    }

    @Test func requestCarriesUpgradeHeadersAndTarget() throws {
        let url = try WebSocketURL(string: "wss://gateway.discord.gg/?v=10&encoding=json")
        let request = String(
            decoding: WebSocketHandshake.makeRequest(url: url, key: rfcKey, extraHeaders: [("User-Agent", "test/1")]),
            as: UTF8.self)
        #expect(request.hasPrefix("GET /?v=10&encoding=json HTTP/1.1\r\nHost: gateway.discord.gg\r\n"))
        #expect(request.contains("\r\nUpgrade: websocket\r\n"))
        #expect(request.contains("\r\nConnection: Upgrade\r\n"))
        #expect(request.contains("\r\nSec-WebSocket-Key: \(rfcKey)\r\n"))
        #expect(request.contains("\r\nSec-WebSocket-Version: 13\r\n"))
        #expect(request.hasSuffix("\r\nUser-Agent: test/1\r\n\r\n"))
    }

    @Test(arguments: [
        ("ws://127.0.0.1:8080/gw", "Host: 127.0.0.1:8080\r\n"),
        ("ws://example.com:80/", "Host: example.com\r\n"),
        ("wss://example.com:80/", "Host: example.com:80\r\n"),
        ("ws://[::1]:9001/", "Host: [::1]:9001\r\n"),
        ("wss://[::1]/", "Host: [::1]\r\n"),
    ])
    func hostHeaderIncludesNonDefaultPort(url: String, hostLine: String) throws {
        let request = WebSocketHandshake.makeRequest(url: try WebSocketURL(string: url), key: rfcKey, extraHeaders: [])
        #expect(String(decoding: request, as: UTF8.self).contains("\r\n" + hostLine))
    }

    @Test func acceptsValidResponseAndReportsHeaderSize() throws {
        let response = switchingProtocols(key: rfcKey)
        let withFrame = Array(response.utf8) + RFC6455Examples.unmaskedHello
        let consumed = try withFrame.withUnsafeBytes {
            try WebSocketHandshake.parseResponse($0, key: rfcKey, maximumHeaderSize: 4096)
        }
        #expect(consumed == response.utf8.count)
    }

    @Test func returnsNilForEveryIncompletePrefix() throws {
        let response = Array(switchingProtocols(key: rfcKey).utf8)
        for end in 0..<response.count {
            let consumed = try response[..<end].withUnsafeBytes {
                try WebSocketHandshake.parseResponse($0, key: rfcKey, maximumHeaderSize: 4096)
            }
            #expect(consumed == nil)
        }
    }

    @Test func acceptsHeaderNamesAndTokensInAnyCase() throws {
        let accept = WebSocketHandshake.acceptValue(forKey: rfcKey)
        let response =
            "HTTP/1.1 101 Switching Protocols\r\nupgrade: WebSocket\r\nCONNECTION: keep-alive, Upgrade\r\n"
            + "sec-websocket-accept:\(accept)  \r\nServer: test\r\n\r\n"
        #expect(try parseResponse(response, key: rfcKey) == response.utf8.count)
    }

    @Test func otherStatusFailsWithHTTPStatus() {
        let error = responseError("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n", key: rfcKey)
        #expect(error?.code == .handshakeFailed)
        #expect(error?.httpStatus == 403)
        #expect(error?.detail.contains("403 Forbidden") == true)
    }

    @Test func redirectIsReportedWithLocation() {
        let error = responseError(
            "HTTP/1.1 301 Moved Permanently\r\nLocation: wss://elsewhere.example/gw\r\n\r\n", key: rfcKey)
        #expect(error?.code == .redirectNotFollowed)
        #expect(error?.httpStatus == 301)
        #expect(error?.detail.contains("wss://elsewhere.example/gw") == true)
    }

    @Test func wrongAcceptValueIsInvalid() {
        let error = responseError(switchingProtocols(key: "AAAAAAAAAAAAAAAAAAAAAA=="), key: rfcKey)
        #expect(error?.code == .invalidHandshakeResponse)
    }

    @Test(arguments: [
        "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade websocket\r\n\r\n",
        "SIP/2.0 101 Switching\r\n\r\n",
    ])
    func malformedOrIncompleteUpgradeIsInvalid(response: String) {
        #expect(responseError(response, key: "dGhlIHNhbXBsZSBub25jZQ==")?.code == .invalidHandshakeResponse)
    }

    @Test func oversizedHeaderBlockIsRejected() throws {
        let endless = "HTTP/1.1 101 Switching Protocols\r\nX-Padding: " + String(repeating: "a", count: 200)
        #expect(responseError(endless, key: rfcKey, limit: 128)?.code == .handshakeHeaderTooLarge)
        #expect(try parseResponse(endless, key: rfcKey, limit: 4096) == nil)
        // A complete block that only ends past the limit is rejected too.
        let complete = switchingProtocols(
            key: rfcKey, extraLines: "X-Padding: \(String(repeating: "b", count: 200))\r\n")
        #expect(responseError(complete, key: rfcKey, limit: 128)?.code == .handshakeHeaderTooLarge)
    }

    // MARK: Server side

    @Test func serverParsesClientRequest() throws {
        let url = try WebSocketURL(string: "ws://127.0.0.1:4000/gw?v=10")
        let bytes = WebSocketHandshake.makeRequest(url: url, key: rfcKey, extraHeaders: [("X-Test", "1")]) + [0x81]
        let parsed = try bytes.withUnsafeBytes { try WebSocketHandshake.parseRequest($0, maximumHeaderSize: 4096) }
        let (request, consumed) = try #require(parsed)
        #expect(consumed == bytes.count - 1)
        #expect(request.path == "/gw?v=10")
        #expect(request.key == rfcKey)
        #expect(request.header("x-test") == "1")
        #expect(request.header("Host") == "127.0.0.1:4000")
        #expect(request.header("Missing") == nil)
    }

    @Test func serverWaitsForCompleteRequest() throws {
        let bytes = Array("GET / HTTP/1.1\r\nHost: a\r\n".utf8)
        let parsed = try bytes.withUnsafeBytes { try WebSocketHandshake.parseRequest($0, maximumHeaderSize: 4096) }
        #expect(parsed == nil)
    }

    @Test(arguments: [
        "POST / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n",
        "GET / HTTP/1.1\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n",
        "GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n",
        "GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: short\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n",
        "GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 8\r\n\r\n",
    ])
    func serverRejectsNonUpgradeRequests(request: String) {
        #expect(throws: WebSocketError.self) {
            _ = try Array(request.utf8).withUnsafeBytes {
                try WebSocketHandshake.parseRequest($0, maximumHeaderSize: 4096)
            }
        }
    }

    @Test func serverParsesPlainHTTPRequestsWithoutUpgradeFields() throws {
        let bytes = Array("GET /api/v10/gateway/bot HTTP/1.1\r\nHost: a\r\nAuthorization: Bot t\r\n\r\nextra".utf8)
        let parsed = try bytes.withUnsafeBytes { try WebSocketHandshake.parseHTTPRequest($0, maximumHeaderSize: 4096) }
        let (request, consumed) = try #require(parsed)
        #expect(consumed == bytes.count - 5)
        #expect(request.method == "GET")
        #expect(request.path == "/api/v10/gateway/bot")
        #expect(request.header("authorization") == "Bot t")
        #expect(!request.isWebSocketUpgrade)
        #expect(throws: WebSocketError.self) {
            _ = try bytes.withUnsafeBytes { try WebSocketHandshake.parseRequest($0, maximumHeaderSize: 4096) }
        }
    }

    @Test func plainHTTPParserRecognisesUpgradesAndRejectsMalformedRequestLines() throws {
        let url = try WebSocketURL(string: "ws://127.0.0.1:4000/gw?v=10")
        let upgrade = WebSocketHandshake.makeRequest(url: url, key: rfcKey, extraHeaders: [])
        let parsed = try upgrade.withUnsafeBytes {
            try WebSocketHandshake.parseHTTPRequest($0, maximumHeaderSize: 4096)
        }
        #expect(parsed?.request.isWebSocketUpgrade == true)
        #expect(throws: WebSocketError.self) {
            _ = try Array("GET /\r\nHost: a\r\n\r\n".utf8).withUnsafeBytes {
                try WebSocketHandshake.parseHTTPRequest($0, maximumHeaderSize: 4096)
            }
        }
    }

    @Test func serverResponseSatisfiesClient() throws {
        let key = WebSocketHandshake.makeKey()
        let response = WebSocketHandshake.makeResponse(acceptingKey: key)
        let consumed = try response.withUnsafeBytes {
            try WebSocketHandshake.parseResponse($0, key: key, maximumHeaderSize: 4096)
        }
        #expect(consumed == response.count)
    }

    @Test func rejectionCarriesStatusAndLocation() {
        let forbidden = WebSocketHandshake.makeRejection(status: 403, reason: "Forbidden", headers: [], body: "no")
        let text = String(decoding: forbidden, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 403 Forbidden\r\n"))
        #expect(text.contains("Content-Length: 2\r\n"))
        #expect(text.hasSuffix("\r\n\r\nno"))
        #expect(responseError(text, key: rfcKey)?.httpStatus == 403)

        let moved = WebSocketHandshake.makeRejection(
            status: 301, reason: "Moved Permanently", headers: [("Location", "ws://127.0.0.1:1/")], body: "")
        let error = responseError(String(decoding: moved, as: UTF8.self), key: rfcKey)
        #expect(error?.code == .redirectNotFollowed)
        #expect(error?.detail.contains("ws://127.0.0.1:1/") == true)
    }
}
