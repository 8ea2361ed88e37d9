import DiscordGateway
import Testing

/// An owned, comparable copy of a ``WebSocketParser/Event``.
enum ReceivedEvent: Equatable, CustomStringConvertible {
    /// A text message.
    case text(String)
    /// A binary message.
    case binary([UInt8])
    /// A ping payload.
    case ping([UInt8])
    /// A pong payload.
    case pong([UInt8])
    /// A close frame.
    case close(UInt16?, String)

    /// Copies an event out of the parser's callback.
    init(_ event: WebSocketParser.Event) {
        switch event {
        case .text(let bytes): self = .text(String(decoding: bytes, as: UTF8.self))
        case .binary(let bytes): self = .binary(Array(bytes))
        case .ping(let bytes): self = .ping(Array(bytes))
        case .pong(let bytes): self = .pong(Array(bytes))
        case .close(let code, let reason): self = .close(code, reason)
        }
    }

    /// A short rendering for failure messages.
    var description: String {
        switch self {
        case .text(let text): "text(\(text.count) chars)"
        case .binary(let bytes): "binary(\(bytes.count) bytes)"
        case .ping(let bytes): "ping(\(bytes))"
        case .pong(let bytes): "pong(\(bytes))"
        case .close(let code, let reason): "close(\(code.map(String.init) ?? "nil"), \(reason))"
        }
    }
}

extension WebSocketParser {
    /// Feeds `bytes` and returns owned copies of the events.
    mutating func events(from bytes: [UInt8]) throws -> [ReceivedEvent] {
        var events: [ReceivedEvent] = []
        try bytes.withUnsafeBytes { raw in
            try parse(raw) { events.append(ReceivedEvent($0)) }
        }
        return events
    }

    /// Feeds `bytes` in pieces of the given sizes (the rest in one piece) and returns the events.
    mutating func events(from bytes: [UInt8], splitSizes: [Int]) throws -> [ReceivedEvent] {
        var events: [ReceivedEvent] = []
        var offset = 0
        for size in splitSizes where offset < bytes.count {
            let end = min(bytes.count, offset + size)
            events += try self.events(from: Array(bytes[offset..<end]))
            offset = end
        }
        if offset < bytes.count { events += try self.events(from: Array(bytes[offset...])) }
        return events
    }
}

/// Parses `bytes` with a fresh parser and returns the error it throws, if any.
func parseError(
    _ bytes: [UInt8],
    role: WebSocketRole = .client,
    maximumMessageSize: Int = 1 << 20
) -> WebSocketError? {
    var parser = WebSocketParser(role: role, maximumMessageSize: maximumMessageSize)
    do {
        _ = try parser.events(from: bytes)
        return nil
    } catch let error as WebSocketError {
        return error
    } catch {
        return nil
    }
}

/// RFC 6455 §5.7 example frames and other byte vectors shared by the frame tests.
enum RFC6455Examples {
    /// A single-frame unmasked text message "Hello".
    static let unmaskedHello: [UInt8] = [0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]
    /// A single-frame masked text message "Hello" with key 37 fa 21 3d.
    static let maskedHello: [UInt8] = [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58]
    /// The first fragment "Hel" of a fragmented unmasked text message.
    static let fragmentHel: [UInt8] = [0x01, 0x03, 0x48, 0x65, 0x6c]
    /// The final fragment "lo" of a fragmented unmasked text message.
    static let fragmentLo: [UInt8] = [0x80, 0x02, 0x6c, 0x6f]
    /// An unmasked ping with body "Hello".
    static let unmaskedPing: [UInt8] = [0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]
    /// An unmasked pong with body "Hello".
    static let unmaskedPong: [UInt8] = [0x8a, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]
    /// A masked pong with body "Hello" (key 37 fa 21 3d).
    static let maskedPong: [UInt8] = [0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58]
    /// The payload of the 256-byte and 64 KiB binary examples (content is arbitrary).
    static func binaryPayload(count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7) } }
    /// 256 bytes of binary data in a single unmasked message: 82 7E 01 00 + payload.
    static let binary256: [UInt8] = [0x82, 0x7E, 0x01, 0x00] + binaryPayload(count: 256)
    /// 64 KiB of binary data in a single unmasked message: 82 7F 00..01 00 00 + payload.
    static let binary64K: [UInt8] =
        [0x82, 0x7F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00] + binaryPayload(count: 65536)
}

/// Builds a raw frame header + payload with arbitrary bits, for protocol-violation tests.
func rawFrame(_ firstByte: UInt8, payload: [UInt8], maskKey: [UInt8]? = nil) -> [UInt8] {
    var frame: [UInt8] = [firstByte]
    let maskBit: UInt8 = maskKey == nil ? 0 : 0x80
    if payload.count < 126 {
        frame.append(maskBit | UInt8(payload.count))
    } else if payload.count <= 0xFFFF {
        frame += [maskBit | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
    } else {
        frame.append(maskBit | 127)
        for shift in stride(from: 56, through: 0, by: -8) {
            frame.append(UInt8(truncatingIfNeeded: payload.count >> shift))
        }
    }
    if let maskKey {
        frame += maskKey
        frame += payload.enumerated().map { $0.element ^ maskKey[$0.offset % 4] }
    } else {
        frame += payload
    }
    return frame
}

@Suite struct WebSocketParserTests {
    /// A parser in client role (frames from a server) with a 1 MiB limit.
    private func clientParser(limit: Int = 1 << 20) -> WebSocketParser {
        WebSocketParser(role: .client, maximumMessageSize: limit)
    }

    @Test func parsesRFCSingleFrameUnmaskedText() throws {
        var parser = clientParser()
        #expect(try parser.events(from: RFC6455Examples.unmaskedHello) == [.text("Hello")])
    }

    @Test func parsesRFCMaskedTextInServerRole() throws {
        var parser = WebSocketParser(role: .server, maximumMessageSize: 1024)
        #expect(try parser.events(from: RFC6455Examples.maskedHello) == [.text("Hello")])
        #expect(try parser.events(from: RFC6455Examples.maskedPong) == [.pong(Array("Hello".utf8))])
    }

    @Test func reassemblesRFCFragmentedText() throws {
        var parser = clientParser()
        #expect(try parser.events(from: RFC6455Examples.fragmentHel).isEmpty)
        #expect(parser.bufferedByteCount == 3)
        #expect(try parser.events(from: RFC6455Examples.fragmentLo) == [.text("Hello")])
        #expect(parser.bufferedByteCount == 0)
    }

    @Test func parsesRFCPingAndPong() throws {
        var parser = clientParser()
        let events = try parser.events(from: RFC6455Examples.unmaskedPing + RFC6455Examples.unmaskedPong)
        #expect(events == [.ping(Array("Hello".utf8)), .pong(Array("Hello".utf8))])
    }

    @Test func parsesRFC16BitAnd64BitLengths() throws {
        var parser = clientParser()
        #expect(
            try parser.events(from: RFC6455Examples.binary256) == [.binary(RFC6455Examples.binaryPayload(count: 256))])
        #expect(
            try parser.events(from: RFC6455Examples.binary64K) == [.binary(RFC6455Examples.binaryPayload(count: 65536))]
        )
    }

    @Test func deliversControlFramesBetweenFragments() throws {
        var parser = clientParser()
        let stream = RFC6455Examples.fragmentHel + RFC6455Examples.unmaskedPing + RFC6455Examples.fragmentLo
        #expect(try parser.events(from: stream) == [.ping(Array("Hello".utf8)), .text("Hello")])
    }

    @Test func reassemblesManyFragmentsWithInterleavedControlFrames() throws {
        var stream: [UInt8] = []
        var expected: [ReceivedEvent] = []
        let payload = RFC6455Examples.binaryPayload(count: 1000)
        for chunkStart in stride(from: 0, to: payload.count, by: 100) {
            let isFirst = chunkStart == 0
            let isLast = chunkStart + 100 >= payload.count
            let opcode: WebSocketOpcode = isFirst ? .binary : .continuation
            WebSocketFrameEncoder.appendFrame(
                opcode: opcode, fin: isLast, payload: Array(payload[chunkStart..<chunkStart + 100]), role: .server,
                to: &stream)
            if !isLast {
                WebSocketFrameEncoder.appendFrame(
                    opcode: .pong, fin: true, payload: [UInt8(chunkStart / 100)], role: .server, to: &stream)
                expected.append(.pong([UInt8(chunkStart / 100)]))
            }
        }
        expected.append(.binary(payload))
        var parser = clientParser()
        #expect(try parser.events(from: stream) == expected)
    }

    @Test func emptyFramesAreDelivered() throws {
        var parser = clientParser()
        let stream: [UInt8] = [0x81, 0x00, 0x82, 0x00, 0x89, 0x00, 0x8A, 0x00, 0x01, 0x00, 0x80, 0x00, 0x88, 0x00]
        #expect(
            try parser.events(from: stream) == [
                .text(""), .binary([]), .ping([]), .pong([]), .text(""), .close(nil, ""),
            ])
    }

    @Test func emptyMaskedFramesAreDeliveredInServerRole() throws {
        var parser = WebSocketParser(role: .server, maximumMessageSize: 1024)
        let stream =
            rawFrame(0x81, payload: [], maskKey: [1, 2, 3, 4]) + rawFrame(0x88, payload: [], maskKey: [5, 6, 7, 8])
        #expect(try parser.events(from: stream) == [.text(""), .close(nil, "")])
    }

    @Test func decodesCloseCodeAndReason() throws {
        var parser = clientParser()
        let frame = rawFrame(0x88, payload: [0x03, 0xE8] + Array("bye ✓".utf8))
        #expect(try parser.events(from: frame) == [.close(1000, "bye ✓")])
    }

    /// A stream mixing every frame kind, lengths and fragmentation; encoded for the given sender role.
    private func mixedStream(sender: WebSocketRole) -> (bytes: [UInt8], events: [ReceivedEvent]) {
        var bytes: [UInt8] = []
        var events: [ReceivedEvent] = []
        let unicode = "κόσμε € 𝄞 " + String(repeating: "x", count: 300)
        let utf8 = Array(unicode.utf8)
        // Fragmented text split inside multi-byte sequences, with a ping in between.
        WebSocketFrameEncoder.appendFrame(
            opcode: .text, fin: false, payload: Array(utf8[0..<4]), role: sender, to: &bytes)
        WebSocketFrameEncoder.appendFrame(opcode: .ping, fin: true, payload: [1, 2, 3], role: sender, to: &bytes)
        WebSocketFrameEncoder.appendFrame(
            opcode: .continuation, fin: false, payload: Array(utf8[4..<15]), role: sender, to: &bytes)
        WebSocketFrameEncoder.appendFrame(
            opcode: .continuation, fin: true, payload: Array(utf8[15...]), role: sender, to: &bytes)
        events += [.ping([1, 2, 3]), .text(unicode)]
        for size in [0, 1, 125, 126, 127, 65535, 65536, 70000] {
            let payload = RFC6455Examples.binaryPayload(count: size)
            WebSocketFrameEncoder.appendFrame(opcode: .binary, fin: true, payload: payload, role: sender, to: &bytes)
            events.append(.binary(payload))
        }
        WebSocketFrameEncoder.appendFrame(
            opcode: .text, fin: true, payload: Array("done".utf8), role: sender, to: &bytes)
        WebSocketFrameEncoder.appendCloseFrame(code: 1001, reason: "going away", role: sender, to: &bytes)
        events += [.text("done"), .close(1001, "going away")]
        return (bytes, events)
    }

    @Test(arguments: [WebSocketRole.client, .server])
    func byteAtATimeYieldsSameEventsAsAllAtOnce(role: WebSocketRole) throws {
        let (bytes, expected) = mixedStream(sender: role == .client ? .server : .client)
        var whole = WebSocketParser(role: role, maximumMessageSize: 1 << 20)
        #expect(try whole.events(from: bytes) == expected)
        var single = WebSocketParser(role: role, maximumMessageSize: 1 << 20)
        #expect(try single.events(from: bytes, splitSizes: Array(repeating: 1, count: bytes.count)) == expected)
        #expect(single.bufferedByteCount == 0)
    }

    @Test(arguments: [WebSocketRole.client, .server])
    func irregularSplitsYieldSameEvents(role: WebSocketRole) throws {
        let (bytes, expected) = mixedStream(sender: role == .client ? .server : .client)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var sizes: [Int] = []
        var total = 0
        while total < bytes.count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let size = Int(state >> 33) % 3000 + 1
            sizes.append(size)
            total += size
        }
        var parser = WebSocketParser(role: role, maximumMessageSize: 1 << 20)
        #expect(try parser.events(from: bytes, splitSizes: sizes) == expected)
    }

    // MARK: Protocol violations (1002)

    @Test(arguments: [0xC1, 0xA1, 0x91, 0xF1, 0xC2, 0xC9] as [UInt8])
    func reservedBitsAreAProtocolError(firstByte: UInt8) {
        #expect(parseError([firstByte, 0x00])?.closeCode == 1002)
    }

    @Test(arguments: [3, 4, 5, 6, 7, 11, 12, 13, 14, 15] as [UInt8])
    func reservedOpcodesAreAProtocolError(opcode: UInt8) {
        let error = parseError([0x80 | opcode, 0x00])
        #expect(error?.closeCode == 1002)
        #expect(error?.code == .protocolViolation)
    }

    @Test func clientRejectsMaskedFrames() {
        #expect(parseError(RFC6455Examples.maskedHello, role: .client)?.closeCode == 1002)
    }

    @Test func serverRejectsUnmaskedFrames() {
        #expect(parseError(RFC6455Examples.unmaskedHello, role: .server)?.closeCode == 1002)
    }

    @Test func controlFrameLongerThan125BytesIsAProtocolError() {
        #expect(parseError(rawFrame(0x89, payload: Array(repeating: 0x2A, count: 126)))?.closeCode == 1002)
        #expect(
            parseError(rawFrame(0x88, payload: [0x03, 0xE8] + Array(repeating: 0x2A, count: 124)))?.closeCode == 1002)
    }

    @Test(arguments: [0x08, 0x09, 0x0A] as [UInt8])
    func fragmentedControlFrameIsAProtocolError(firstByte: UInt8) {
        #expect(parseError(rawFrame(firstByte, payload: [1]))?.closeCode == 1002)
    }

    @Test func continuationWithoutMessageIsAProtocolError() {
        #expect(parseError(RFC6455Examples.fragmentLo)?.closeCode == 1002)
        #expect(parseError(RFC6455Examples.unmaskedHello + [0x00, 0x01, 0x41])?.closeCode == 1002)
    }

    @Test(arguments: [0x81, 0x82, 0x01, 0x02] as [UInt8])
    func newDataFrameDuringFragmentedMessageIsAProtocolError(firstByte: UInt8) {
        #expect(parseError(RFC6455Examples.fragmentHel + rawFrame(firstByte, payload: [0x41]))?.closeCode == 1002)
    }

    @Test func oneByteCloseIsAProtocolError() {
        #expect(parseError([0x88, 0x01, 0x03])?.closeCode == 1002)
    }

    @Test(arguments: [0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535] as [UInt16])
    func invalidCloseCodeIsAProtocolError(code: UInt16) {
        #expect(parseError(rawFrame(0x88, payload: [UInt8(code >> 8), UInt8(code & 0xFF)]))?.closeCode == 1002)
    }

    @Test(
        arguments: [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999]
            as [UInt16])
    func validCloseCodeIsDelivered(code: UInt16) throws {
        var parser = clientParser()
        #expect(
            try parser.events(from: rawFrame(0x88, payload: [UInt8(code >> 8), UInt8(code & 0xFF)])) == [
                .close(code, "")
            ])
    }

    // MARK: Invalid UTF-8 (1007)

    @Test func invalidUTF8TextIsRejectedWith1007() {
        let error = parseError(rawFrame(0x81, payload: [0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xED, 0xA0, 0x80, 0x65]))
        #expect(error?.closeCode == 1007)
        #expect(error?.code == .invalidUTF8)
    }

    @Test func textEndingInsideASequenceIsRejectedWith1007() {
        #expect(parseError(rawFrame(0x81, payload: [0x41, 0xE2, 0x82]))?.closeCode == 1007)
        #expect(parseError(rawFrame(0x01, payload: [0x41, 0xE2]) + rawFrame(0x80, payload: [0x82]))?.closeCode == 1007)
    }

    @Test func invalidCloseReasonIsRejectedWith1007() {
        #expect(parseError(rawFrame(0x88, payload: [0x03, 0xE8, 0xFF]))?.closeCode == 1007)
    }

    @Test func binaryMessagesAreNotValidatedAsUTF8() throws {
        var parser = clientParser()
        #expect(try parser.events(from: rawFrame(0x82, payload: [0xFF, 0xC0])) == [.binary([0xFF, 0xC0])])
    }

    @Test func sequenceSplitAcrossFragmentsIsAccepted() throws {
        var parser = clientParser()
        let stream =
            rawFrame(0x01, payload: [0x41, 0xE2]) + rawFrame(0x00, payload: [0x82]) + rawFrame(0x80, payload: [0xAC])
        #expect(try parser.events(from: stream) == [.text("A€")])
    }

    @Test func invalidUTF8FailsOnTheFirstBadFragment() throws {
        var parser = clientParser()
        #expect(try parser.events(from: rawFrame(0x01, payload: Array("κόσμε".utf8))).isEmpty)
        // The second fragment is not final, yet the parser must fail now (Autobahn 6.4.1).
        #expect(throws: WebSocketError.self) {
            _ = try parser.events(from: rawFrame(0x00, payload: [0xF4, 0x90, 0x80, 0x80]))
        }
    }

    @Test func invalidUTF8FailsBeforeTheFrameIsComplete() throws {
        var parser = clientParser()
        let frame = rawFrame(0x81, payload: Array("κόσμε".utf8) + [0xF4, 0x90, 0x80, 0x80] + Array("edited".utf8))
        // Deliver only up to the bad bytes (Autobahn 6.4.3/6.4.4).
        let error = #expect(throws: WebSocketError.self) {
            _ = try parser.events(from: Array(frame[..<(2 + 11 + 2)]))
        }
        #expect(error?.closeCode == 1007)
    }

    @Test func invalidUTF8FailsFastInMaskedFrames() throws {
        var parser = WebSocketParser(role: .server, maximumMessageSize: 1024)
        let frame = rawFrame(
            0x81, payload: [0x41, 0xC0, 0x80] + Array(repeating: 0x41, count: 50), maskKey: [9, 8, 7, 6])
        #expect(throws: WebSocketError.self) { _ = try parser.events(from: Array(frame[..<12])) }
    }

    // MARK: Limits (1009)

    @Test func frameLargerThanLimitIsRejectedWith1009() {
        let error = parseError(rawFrame(0x82, payload: Array(repeating: 0, count: 101)), maximumMessageSize: 100)
        #expect(error?.closeCode == 1009)
        #expect(error?.code == .messageTooLarge)
        #expect(parseError(rawFrame(0x82, payload: Array(repeating: 0, count: 100)), maximumMessageSize: 100) == nil)
    }

    @Test func fragmentedMessageLargerThanLimitIsRejectedWith1009() {
        let stream =
            rawFrame(0x02, payload: Array(repeating: 0, count: 60))
            + rawFrame(0x80, payload: Array(repeating: 0, count: 41))
        #expect(parseError(stream, maximumMessageSize: 100)?.closeCode == 1009)
    }

    @Test func hugeLengthIsRejectedFromTheHeaderAlone() throws {
        var parser = clientParser()
        // Header only: a binary frame claiming 2^40 bytes; nothing may be buffered or allocated first.
        let header: [UInt8] = [0x82, 0x7F, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00]
        let error = #expect(throws: WebSocketError.self) { _ = try parser.events(from: header) }
        #expect(error?.closeCode == 1009)
        #expect(parser.bufferedByteCount == 0)
    }

    @Test func lengthWithTopBitSetIsRejected() {
        let header: [UInt8] = [0x82, 0x7F, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01]
        #expect(parseError(header, maximumMessageSize: .max)?.closeCode == 1009)
    }

    @Test func nonMinimalLengthEncodingsAreAccepted() throws {
        var parser = clientParser()
        let sixteenBit: [UInt8] = [0x81, 0x7E, 0x00, 0x02, 0x68, 0x69]
        let sixtyFourBit: [UInt8] = [0x82, 0x7F, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x2A]
        #expect(try parser.events(from: sixteenBit + sixtyFourBit) == [.text("hi"), .binary([0x2A])])
    }

    // MARK: Parser lifecycle

    @Test func parserKeepsFailingAfterAnError() throws {
        var parser = clientParser()
        #expect(throws: WebSocketError.self) { _ = try parser.events(from: [0xC1, 0x00]) }
        let error = #expect(throws: WebSocketError.self) { _ = try parser.events(from: RFC6455Examples.unmaskedHello) }
        #expect(error?.detail.contains("reserved bits") == true)
    }

    @Test func callbackErrorsPropagateUnchanged() throws {
        struct Stop: Error {}
        var parser = clientParser()
        #expect(throws: Stop.self) {
            try RFC6455Examples.unmaskedHello.withUnsafeBytes { raw in
                try parser.parse(raw) { _ in throw Stop() }
            }
        }
    }

    @Test func bufferedByteCountTracksPartialFramesAndShrinks() throws {
        var parser = clientParser(limit: 1 << 22)
        let frame = rawFrame(0x82, payload: RFC6455Examples.binaryPayload(count: 1 << 20))
        #expect(try parser.events(from: Array(frame[..<5])).isEmpty)
        #expect(parser.bufferedByteCount == 5)
        #expect(try parser.events(from: Array(frame[5..<500_000])).isEmpty)
        #expect(parser.bufferedByteCount == 500_000 - 10)
        #expect(
            try parser.events(from: Array(frame[500_000...])) == [
                .binary(RFC6455Examples.binaryPayload(count: 1 << 20))
            ])
        #expect(parser.bufferedByteCount == 0)
        parser.shrinkBuffers()
        #expect(parser.bufferedByteCount == 0)
        #expect(try parser.events(from: RFC6455Examples.fragmentHel + RFC6455Examples.fragmentLo) == [.text("Hello")])
    }
}
