/// A response from ``HTTPClient``.
///
/// **Threading:** an immutable value; `Sendable`.
package struct HTTPResponse: Sendable {
    /// The status code, e.g. 200.
    package var status: Int
    /// The header fields in arrival order, names as sent.
    package var headers: [(String, String)]
    /// The body, de-chunked.
    package var body: [UInt8]

    /// The first value of a header, matched case-insensitively.
    package func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.0.lowercased() == wanted }?.1
    }
}

/// An incremental HTTP/1.1 response parser: status line, headers, then a `Content-Length`, chunked or
/// read-until-close body. Interim `1xx` responses are skipped.
///
/// **Threading:** a value type; owned by one thread at a time.
package struct HTTPResponseParser {
    /// Where the parser is.
    private enum Phase {
        /// Waiting for the head (status line and headers).
        case head
        /// Reading a body of known length; this many bytes are missing.
        case fixedBody(remaining: Int)
        /// Waiting for a chunk-size line.
        case chunkSize
        /// Reading chunk data; this many bytes are missing.
        case chunkData(remaining: Int)
        /// Waiting for the CRLF after chunk data.
        case chunkDataEnd
        /// Reading trailer lines until the empty one.
        case trailers
        /// Reading until the connection closes.
        case untilClose
        /// The response is complete.
        case done
    }

    /// The largest head (status line plus headers) accepted.
    package static let maximumHeadSize = 64 << 10
    /// The longest chunk-size or trailer line accepted.
    private static let maximumLineLength = 4 << 10

    /// The largest body accepted.
    private let maximumBodySize: Int
    /// Received bytes not yet consumed.
    private var buffer: [UInt8] = []
    /// The first unconsumed index in ``buffer``.
    private var cursor = 0
    /// The phase.
    private var phase = Phase.head
    /// The status code once the head arrived.
    private var status: Int?
    /// The header fields once the head arrived.
    private var headers: [(String, String)] = []
    /// The body so far.
    private var body: [UInt8] = []

    /// Makes a parser that refuses bodies larger than `maximumBodySize`.
    package init(maximumBodySize: Int) {
        self.maximumBodySize = max(0, maximumBodySize)
    }

    /// Whether the response is complete.
    package var isComplete: Bool {
        if case .done = phase { return true }
        return false
    }

    /// The complete response, once ``isComplete``.
    package var response: HTTPResponse? {
        guard isComplete, let status else { return nil }
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    /// Consumes received bytes.
    ///
    /// - Returns: whether the response is now complete (later bytes are ignored).
    /// - Throws: ``HTTPError`` with ``HTTPError/Code/malformedResponse`` or ``HTTPError/Code/tooLarge``.
    @discardableResult
    package mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(HTTPError) -> Bool {
        guard !isComplete else { return true }
        if cursor > 0 && cursor == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            cursor = 0
        }
        buffer.append(contentsOf: bytes)
        try advance()
        return isComplete
    }

    /// Marks the end of the stream (the server closed the connection).
    ///
    /// - Returns: the response.
    /// - Throws: ``HTTPError`` with ``HTTPError/Code/malformedResponse`` when the response was cut short.
    package mutating func finish() throws(HTTPError) -> HTTPResponse {
        if case .untilClose = phase { phase = .done }
        guard let response else {
            throw HTTPError(
                .malformedResponse, status: status, detail: "the connection closed before the response was complete")
        }
        return response
    }

    /// Parses as far as the buffered bytes allow.
    private mutating func advance() throws(HTTPError) {
        while true {
            switch phase {
            case .head:
                guard let end = find(crlfcrlf: cursor) else {
                    if buffer.count - cursor > Self.maximumHeadSize {
                        throw HTTPError(.tooLarge, detail: "response head exceeds \(Self.maximumHeadSize) bytes")
                    }
                    return
                }
                guard end - cursor <= Self.maximumHeadSize else {
                    throw HTTPError(.tooLarge, detail: "response head exceeds \(Self.maximumHeadSize) bytes")
                }
                let head = buffer[cursor..<end]
                cursor = end + 4
                try parseHead(head)
            case .fixedBody(let remaining):
                let take = min(remaining, buffer.count - cursor)
                body.append(contentsOf: buffer[cursor..<(cursor + take)])
                cursor += take
                if take == remaining {
                    phase = .done
                } else {
                    phase = .fixedBody(remaining: remaining - take)
                    return
                }
            case .chunkSize:
                guard let line = try nextLine() else { return }
                let size = try Self.parseChunkSize(line)
                if size == 0 {
                    phase = .trailers
                } else {
                    guard size <= maximumBodySize - body.count else {
                        throw HTTPError(.tooLarge, status: status, detail: "body exceeds \(maximumBodySize) bytes")
                    }
                    phase = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let take = min(remaining, buffer.count - cursor)
                body.append(contentsOf: buffer[cursor..<(cursor + take)])
                cursor += take
                if take == remaining {
                    phase = .chunkDataEnd
                } else {
                    phase = .chunkData(remaining: remaining - take)
                    return
                }
            case .chunkDataEnd:
                guard buffer.count - cursor >= 2 else { return }
                guard buffer[cursor] == 13, buffer[cursor + 1] == 10 else {
                    throw HTTPError(.malformedResponse, status: status, detail: "chunk data not followed by CRLF")
                }
                cursor += 2
                phase = .chunkSize
            case .trailers:
                guard let line = try nextLine() else { return }
                if line.isEmpty { phase = .done }
            case .untilClose:
                let available = buffer.count - cursor
                guard available <= maximumBodySize - body.count else {
                    throw HTTPError(.tooLarge, status: status, detail: "body exceeds \(maximumBodySize) bytes")
                }
                body.append(contentsOf: buffer[cursor...])
                cursor = buffer.count
                return
            case .done:
                return
            }
        }
    }

    /// The index of the next `\r\n\r\n` at or after `start`.
    private func find(crlfcrlf start: Int) -> Int? {
        var index = start
        while index + 3 < buffer.count {
            if buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Takes the next CRLF-terminated line (without the CRLF), or `nil` when it has not fully arrived.
    private mutating func nextLine() throws(HTTPError) -> ArraySlice<UInt8>? {
        var index = cursor
        while index + 1 < buffer.count {
            if buffer[index] == 13 && buffer[index + 1] == 10 {
                let line = buffer[cursor..<index]
                cursor = index + 2
                return line
            }
            index += 1
        }
        if buffer.count - cursor > Self.maximumLineLength {
            throw HTTPError(.malformedResponse, status: status, detail: "chunk or trailer line too long")
        }
        return nil
    }

    /// Parses a chunk-size line: hexadecimal digits, optionally followed by `;extensions`.
    private static func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPError) -> Int {
        var size = 0
        var digits = 0
        for byte in line {
            let value: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(byte - UInt8(ascii: "A")) + 10
            case UInt8(ascii: ";"), UInt8(ascii: " "), UInt8(ascii: "\t"):
                guard digits > 0 else { throw HTTPError(.malformedResponse, detail: "empty chunk size") }
                return size
            default: throw HTTPError(.malformedResponse, detail: "invalid chunk size")
            }
            digits += 1
            guard digits <= 15 else { throw HTTPError(.tooLarge, detail: "chunk size too large") }
            size = size &* 16 &+ value
        }
        guard digits > 0 else { throw HTTPError(.malformedResponse, detail: "empty chunk size") }
        return size
    }

    /// Parses the status line and headers, then picks the body framing.
    private mutating func parseHead(_ head: ArraySlice<UInt8>) throws(HTTPError) {
        var lines: [ArraySlice<UInt8>] = []
        var start = head.startIndex
        var index = head.startIndex
        while index < head.endIndex {
            if head[index] == 13, index + 1 < head.endIndex, head[index + 1] == 10 {
                lines.append(head[start..<index])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        lines.append(head[start..<head.endIndex])
        let statusLine = lines.removeFirst()
        let code = try Self.parseStatusLine(statusLine)
        var fields: [(String, String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
                throw HTTPError(.malformedResponse, status: code, detail: "malformed header line")
            }
            let name = line[line.startIndex..<colon]
            guard name.allSatisfy(Self.isTokenByte) else {
                throw HTTPError(.malformedResponse, status: code, detail: "malformed header name")
            }
            let value = line[(colon + 1)...].drop { $0 == 32 || $0 == 9 }
            let trimmed = value.reversed().drop { $0 == 32 || $0 == 9 }.reversed()
            guard !trimmed.contains(where: { $0 == 0 || $0 == 13 || $0 == 10 }) else {
                throw HTTPError(.malformedResponse, status: code, detail: "malformed header value")
            }
            fields.append((String(decoding: name, as: UTF8.self), String(decoding: trimmed, as: UTF8.self)))
        }
        if (100..<200).contains(code) && code != 101 {
            return  // interim response: the real head follows
        }
        status = code
        headers = fields
        try chooseFraming(status: code, fields: fields)
    }

    /// Decides how the body is delimited (RFC 9112 §6.3).
    private mutating func chooseFraming(status code: Int, fields: [(String, String)]) throws(HTTPError) {
        if code == 204 || code == 304 || code == 101 {
            phase = .done
            return
        }
        let transferEncodings = fields.filter { $0.0.lowercased() == "transfer-encoding" }.map { $0.1.lowercased() }
        if !transferEncodings.isEmpty {
            let codings = transferEncodings.joined(separator: ",").split(separator: ",").map {
                $0.trimmingASCIISpaces()
            }
            phase = codings.last == "chunked" ? .chunkSize : .untilClose
            return
        }
        let lengths = fields.filter { $0.0.lowercased() == "content-length" }
            .flatMap { $0.1.split(separator: ",").map { $0.trimmingASCIISpaces() } }
        guard let first = lengths.first else {
            phase = .untilClose
            return
        }
        guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.utf8.count <= 18,
            first.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let length = Int(first)
        else {
            throw HTTPError(.malformedResponse, status: code, detail: "invalid Content-Length")
        }
        guard length <= maximumBodySize else {
            throw HTTPError(.tooLarge, status: code, detail: "body of \(length) bytes exceeds \(maximumBodySize)")
        }
        phase = length == 0 ? .done : .fixedBody(remaining: length)
    }

    /// Parses `HTTP/1.x NNN reason`.
    private static func parseStatusLine(_ line: ArraySlice<UInt8>) throws(HTTPError) -> Int {
        let text = Array(line)
        guard text.count >= 12, text[0..<7].elementsEqual("HTTP/1.".utf8), text[8] == 32,
            text[9...11].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            text.count == 12 || text[12] == 32
        else {
            throw HTTPError(.malformedResponse, detail: "not an HTTP/1.x status line")
        }
        return text[9...11].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// Whether `byte` may appear in a header name (RFC 9110 `tchar`).
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs, as a `String`.
    fileprivate func trimmingASCIISpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
