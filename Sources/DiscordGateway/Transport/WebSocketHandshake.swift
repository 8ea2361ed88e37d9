internal import COpenSSL

/// The WebSocket opening handshake (RFC 6455 §4) for both roles, on raw bytes.
///
/// The client side builds the upgrade request and validates the server's answer; the server side (used by the
/// fake gateway) parses an upgrade request and builds the 101 answer or a rejection. No sockets here.
///
/// **Threading:** stateless; callable from any thread.
package enum WebSocketHandshake {
    /// The GUID appended to the key before hashing (§1.3).
    package static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// A parsed client upgrade request, as seen by a server.
    ///
    /// **Threading:** an immutable-by-convention value; `Sendable`.
    package struct UpgradeRequest: Sendable {
        /// The request target: path plus `?query`.
        package var path: String
        /// All header fields in order, names as sent.
        package var headers: [(name: String, value: String)]
        /// The client's `Sec-WebSocket-Key`.
        package var key: String

        /// The value of header `name` (case-insensitive); repeated fields are joined with `", "`.
        ///
        /// - Parameter name: The header field name.
        /// - Returns: The value, or `nil` if the field is absent.
        package func header(_ name: String) -> String? {
            WebSocketHandshake.value(of: name, in: headers)
        }
    }

    /// Any parsed HTTP/1.x request, as seen by a server before it decides whether it is a WebSocket upgrade.
    ///
    /// **Threading:** an immutable-by-convention value; `Sendable`.
    package struct HTTPRequest: Sendable {
        /// The method, e.g. `GET`.
        package var method: String
        /// The request target: path plus `?query`.
        package var path: String
        /// All header fields in order, names as sent.
        package var headers: [(name: String, value: String)]

        /// Whether the request asks for a WebSocket upgrade (its `Upgrade` field lists `websocket`).
        package var isWebSocketUpgrade: Bool {
            header("Upgrade").map { WebSocketHandshake.containsToken($0, "websocket") } ?? false
        }

        /// The value of header `name` (case-insensitive); repeated fields are joined with `", "`.
        ///
        /// - Parameter name: The header field name.
        /// - Returns: The value, or `nil` if the field is absent.
        package func header(_ name: String) -> String? {
            WebSocketHandshake.value(of: name, in: headers)
        }
    }

    /// Makes a fresh `Sec-WebSocket-Key`: 16 random bytes, base64-encoded.
    package static func makeKey() -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        if RAND_bytes(&bytes, 16) != 1 {
            var generator = SystemRandomNumberGenerator()
            for i in bytes.indices { bytes[i] = generator.next() }
        }
        return base64(bytes)
    }

    /// The `Sec-WebSocket-Accept` value for `key`: base64(SHA-1(key + GUID)).
    ///
    /// - Parameter key: The `Sec-WebSocket-Key` sent by the client.
    /// - Returns: The value the server must answer with.
    package static func acceptValue(forKey key: String) -> String {
        let input = Array((key + guid).utf8)
        var digest = [UInt8](repeating: 0, count: 20)
        _ = SHA1(input, input.count, &digest)
        return base64(digest)
    }

    /// Builds the client's HTTP/1.1 upgrade request.
    ///
    /// - Parameters:
    ///   - url: Where to connect; `Host` includes the port when it is not the scheme default.
    ///   - key: A key from ``makeKey()``.
    ///   - extraHeaders: Further header fields (for example `User-Agent`), sent in order.
    /// - Returns: The request bytes, ending with the blank line.
    package static func makeRequest(url: WebSocketURL, key: String, extraHeaders: [(String, String)]) -> [UInt8] {
        var text = "GET \(url.pathAndQuery) HTTP/1.1\r\n"
        text += "Host: \(url.hostHeaderValue)\r\n"
        text += "Upgrade: websocket\r\n"
        text += "Connection: Upgrade\r\n"
        text += "Sec-WebSocket-Key: \(key)\r\n"
        text += "Sec-WebSocket-Version: 13\r\n"
        for (name, value) in extraHeaders {
            text += "\(name): \(value)\r\n"
        }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// Validates the server's answer to the upgrade request (client side).
    ///
    /// - Parameters:
    ///   - bytes: Everything received so far.
    ///   - key: The key sent in the request.
    ///   - maximumHeaderSize: The largest header block accepted, including the final blank line.
    /// - Returns: `nil` while the header block is incomplete; otherwise its size in bytes (bytes after it are
    ///   frame data).
    /// - Throws: ``WebSocketError``: ``WebSocketError/Code/redirectNotFollowed`` for 3xx (the `Location` is in
    ///   the detail), ``WebSocketError/Code/handshakeFailed`` for any other status but 101 (both with
    ///   ``WebSocketError/httpStatus``), ``WebSocketError/Code/invalidHandshakeResponse`` for a malformed answer,
    ///   missing `Upgrade: websocket` / `Connection: upgrade`, a wrong `Sec-WebSocket-Accept` or an unrequested
    ///   `Sec-WebSocket-Extensions`, and ``WebSocketError/Code/handshakeHeaderTooLarge``.
    package static func parseResponse(
        _ bytes: UnsafeRawBufferPointer, key: String, maximumHeaderSize: Int
    ) throws
        -> Int?
    {
        guard let end = try headerBlockEnd(bytes, maximumHeaderSize: maximumHeaderSize) else { return nil }
        func invalid(_ detail: String, status: Int? = nil) -> WebSocketError {
            WebSocketError(code: .invalidHandshakeResponse, httpStatus: status, detail: detail)
        }
        guard let block = HeaderBlock(UnsafeRawBufferPointer(rebasing: bytes[..<end])) else {
            throw invalid("malformed HTTP header block")
        }

        // Status line: HTTP/1.x SP 3DIGIT SP reason
        let parts = block.startLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3,
            parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let status = Int(parts[1])
        else {
            throw invalid("malformed status line \"\(block.startLine)\"")
        }
        let reason = parts.count == 3 ? String(parts[2]) : ""
        let statusText = reason.isEmpty ? "\(status)" : "\(status) \(reason)"
        if (300..<400).contains(status) {
            let location = block.value(of: "Location")
            throw WebSocketError(
                code: .redirectNotFollowed,
                httpStatus: status,
                detail: location.map { "\(statusText) to \($0)" } ?? "\(statusText) without a Location"
            )
        }
        guard status == 101 else {
            throw WebSocketError(
                code: .handshakeFailed,
                httpStatus: status,
                detail: "expected 101, got \(statusText)"
            )
        }
        guard let upgrade = block.value(of: "Upgrade"), containsToken(upgrade, "websocket") else {
            throw invalid("missing \"Upgrade: websocket\"", status: status)
        }
        guard let connection = block.value(of: "Connection"), containsToken(connection, "upgrade") else {
            throw invalid("missing \"Connection: Upgrade\"", status: status)
        }
        let accepts = block.headers.filter { asciiCaseInsensitiveEquals($0.name, "Sec-WebSocket-Accept") }
        let expected = acceptValue(forKey: key)
        guard accepts.count == 1, let accept = accepts.first?.value else {
            throw invalid(
                accepts.isEmpty ? "missing Sec-WebSocket-Accept" : "repeated Sec-WebSocket-Accept",
                status: status
            )
        }
        guard accept == expected else {
            throw invalid("Sec-WebSocket-Accept \"\(accept)\" does not match \"\(expected)\"", status: status)
        }
        if let extensions = block.value(of: "Sec-WebSocket-Extensions"), !extensions.isEmpty {
            throw invalid("unrequested extensions \"\(extensions)\"", status: status)
        }
        return end
    }

    /// Parses a client's upgrade request (server side).
    ///
    /// - Parameters:
    ///   - bytes: Everything received so far.
    ///   - maximumHeaderSize: The largest header block accepted, including the final blank line.
    /// - Returns: `nil` while the header block is incomplete; otherwise the request and the header block's size.
    /// - Throws: ``WebSocketError`` with ``WebSocketError/Code/invalidHandshakeRequest`` unless it is a
    ///   `GET` with `Upgrade: websocket`, `Connection: upgrade`, a 16-byte base64 `Sec-WebSocket-Key` and
    ///   `Sec-WebSocket-Version: 13`; ``WebSocketError/Code/handshakeHeaderTooLarge`` past the limit.
    package static func parseRequest(
        _ bytes: UnsafeRawBufferPointer, maximumHeaderSize: Int
    ) throws -> (
        request: UpgradeRequest, consumed: Int
    )? {
        guard let end = try headerBlockEnd(bytes, maximumHeaderSize: maximumHeaderSize) else { return nil }
        func invalid(_ detail: String) -> WebSocketError {
            WebSocketError(code: .invalidHandshakeRequest, detail: detail)
        }
        guard let block = HeaderBlock(UnsafeRawBufferPointer(rebasing: bytes[..<end])) else {
            throw invalid("malformed HTTP header block")
        }
        let parts = block.startLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1."), !parts[1].isEmpty else {
            throw invalid("malformed request line \"\(block.startLine)\"")
        }
        guard parts[0] == "GET" else { throw invalid("method must be GET, got \(parts[0])") }
        guard let upgrade = block.value(of: "Upgrade"), containsToken(upgrade, "websocket") else {
            throw invalid("missing \"Upgrade: websocket\"")
        }
        guard let connection = block.value(of: "Connection"), containsToken(connection, "upgrade") else {
            throw invalid("missing \"Connection: Upgrade\"")
        }
        guard let version = block.value(of: "Sec-WebSocket-Version"), version == "13" else {
            throw invalid("Sec-WebSocket-Version must be 13")
        }
        guard let key = block.value(of: "Sec-WebSocket-Key"), isValidKey(key) else {
            throw invalid("missing or malformed Sec-WebSocket-Key")
        }
        let request = UpgradeRequest(path: String(parts[1]), headers: block.headers, key: key)
        return (request, end)
    }

    /// Parses any HTTP/1.x request head (server side), upgrade or not; the body, if any, is not read.
    ///
    /// Unlike ``parseRequest(_:maximumHeaderSize:)`` it accepts every method and requires no upgrade fields, so a
    /// server can answer plain requests (for example REST calls to a test server) on its WebSocket port.
    ///
    /// - Parameters:
    ///   - bytes: Everything received so far.
    ///   - maximumHeaderSize: The largest header block accepted, including the final blank line.
    /// - Returns: `nil` while the header block is incomplete; otherwise the request and the header block's size.
    /// - Throws: ``WebSocketError`` with ``WebSocketError/Code/invalidHandshakeRequest`` for a malformed header
    ///   block or request line; ``WebSocketError/Code/handshakeHeaderTooLarge`` past the limit.
    package static func parseHTTPRequest(
        _ bytes: UnsafeRawBufferPointer, maximumHeaderSize: Int
    ) throws -> (
        request: HTTPRequest, consumed: Int
    )? {
        guard let end = try headerBlockEnd(bytes, maximumHeaderSize: maximumHeaderSize) else { return nil }
        guard let block = HeaderBlock(UnsafeRawBufferPointer(rebasing: bytes[..<end])) else {
            throw WebSocketError(code: .invalidHandshakeRequest, detail: "malformed HTTP header block")
        }
        let parts = block.startLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1."), !parts[0].isEmpty, !parts[1].isEmpty else {
            throw WebSocketError(
                code: .invalidHandshakeRequest, detail: "malformed request line \"\(block.startLine)\"")
        }
        return (HTTPRequest(method: String(parts[0]), path: String(parts[1]), headers: block.headers), end)
    }

    /// Builds the server's `101 Switching Protocols` answer.
    ///
    /// - Parameter key: The client's `Sec-WebSocket-Key`.
    /// - Returns: The response bytes, ending with the blank line.
    package static func makeResponse(acceptingKey key: String) -> [UInt8] {
        let text =
            "HTTP/1.1 101 Switching Protocols\r\n" + "Upgrade: websocket\r\n" + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: \(acceptValue(forKey: key))\r\n" + "\r\n"
        return Array(text.utf8)
    }

    /// Builds a non-upgrade HTTP answer (server side), for example a 403 or a 301 with `Location`.
    ///
    /// Adds `Content-Length` and `Connection: close` unless `headers` already has them.
    ///
    /// - Parameters:
    ///   - status: The HTTP status code.
    ///   - reason: The reason phrase.
    ///   - headers: Further header fields, in order.
    ///   - body: The body text.
    /// - Returns: The response bytes.
    package static func makeRejection(
        status: Int, reason: String, headers: [(String, String)], body: String
    )
        -> [UInt8]
    {
        let bodyBytes = Array(body.utf8)
        var text = "HTTP/1.1 \(status) \(reason)\r\n"
        for (name, value) in headers {
            text += "\(name): \(value)\r\n"
        }
        if !headers.contains(where: { asciiCaseInsensitiveEquals($0.0, "Content-Length") }) {
            text += "Content-Length: \(bodyBytes.count)\r\n"
        }
        if !headers.contains(where: { asciiCaseInsensitiveEquals($0.0, "Connection") }) {
            text += "Connection: close\r\n"
        }
        text += "\r\n"
        return Array(text.utf8) + bodyBytes
    }

    // MARK: - Helpers

    /// The size of the header block including its final CRLFCRLF, or `nil` if it has not ended yet.
    ///
    /// - Throws: ``WebSocketError/Code/handshakeHeaderTooLarge`` once `maximumHeaderSize` bytes hold no end.
    private static func headerBlockEnd(_ bytes: UnsafeRawBufferPointer, maximumHeaderSize: Int) throws -> Int? {
        let limit = min(bytes.count, max(0, maximumHeaderSize))
        var i = 3
        while i < limit {
            if bytes[i] == 0x0A && bytes[i &- 1] == 0x0D && bytes[i &- 2] == 0x0A && bytes[i &- 3] == 0x0D {
                return i &+ 1
            }
            i &+= 1
        }
        if bytes.count >= maximumHeaderSize {
            throw WebSocketError(
                code: .handshakeHeaderTooLarge,
                detail: "no end of the HTTP header block within \(maximumHeaderSize) bytes"
            )
        }
        return nil
    }

    /// Whether the comma-separated `list` contains `token`, ignoring ASCII case and surrounding whitespace.
    static func containsToken(_ list: String, _ token: String) -> Bool {
        list.split(separator: ",").contains { item in
            asciiCaseInsensitiveEquals(item.trimmingHTTPWhitespace(), token)
        }
    }

    /// The value of header `name` in `headers` (case-insensitive), repeated fields joined with `", "`.
    static func value(of name: String, in headers: [(name: String, value: String)]) -> String? {
        let values = headers.filter { asciiCaseInsensitiveEquals($0.name, name) }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    /// ASCII case-insensitive comparison of two header tokens.
    static func asciiCaseInsensitiveEquals(_ a: some StringProtocol, _ b: some StringProtocol) -> Bool {
        let x = a.utf8
        let y = b.utf8
        guard x.count == y.count else { return false }
        return zip(x, y).allSatisfy { lhs, rhs in
            let l = (0x41...0x5A).contains(lhs) ? lhs | 0x20 : lhs
            let r = (0x41...0x5A).contains(rhs) ? rhs | 0x20 : rhs
            return l == r
        }
    }

    /// Whether `key` is base64 for exactly 16 bytes (24 characters ending in `==`).
    private static func isValidKey(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        guard bytes.count == 24, bytes[22] == UInt8(ascii: "="), bytes[23] == UInt8(ascii: "=") else { return false }
        return bytes[..<22].allSatisfy { base64Alphabet.contains($0) }
    }

    /// The standard base64 alphabet (RFC 4648 §4).
    private static let base64Alphabet: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8
    )

    /// Standard base64 with padding.
    static func base64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
            let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(base64Alphabet[Int(b0 >> 2)])
            out.append(base64Alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? base64Alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? base64Alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// An HTTP/1.1 start line plus header fields, split from a complete header block.
///
/// **Threading:** a plain value.
private struct HeaderBlock {
    /// The request or status line.
    var startLine: String
    /// Header fields in order; obsolete line folding is joined into the previous value.
    var headers: [(name: String, value: String)]

    /// Splits a header block ending in CRLFCRLF; `nil` if a field line has no colon or an empty or spaced name.
    init?(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        guard let first = lines.first, !first.isEmpty else { return nil }
        startLine = String(first)
        headers = []
        for line in lines.dropFirst() {
            if line.first == " " || line.first == "\t" {
                guard !headers.isEmpty else { return nil }
                headers[headers.count - 1].value += " " + line.trimmingHTTPWhitespace()
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon]
            guard !name.isEmpty, !name.contains(where: { $0 == " " || $0 == "\t" }) else { return nil }
            headers.append((String(name), String(line[line.index(after: colon)...].trimmingHTTPWhitespace())))
        }
    }

    /// The value of header `name` (case-insensitive); repeated fields joined with `", "`.
    func value(of name: String) -> String? {
        WebSocketHandshake.value(of: name, in: headers)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    fileprivate func trimmingHTTPWhitespace() -> SubSequence {
        var start = startIndex
        var end = endIndex
        while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
        while end > start, self[index(before: end)] == " " || self[index(before: end)] == "\t" {
            end = index(before: end)
        }
        return self[start..<end]
    }
}
