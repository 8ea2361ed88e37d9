import DiscordGateway
import Testing

@Suite struct WebSocketFrameTests {
    /// Encodes one frame and returns the bytes.
    private func encode(_ opcode: WebSocketOpcode, fin: Bool = true, _ payload: [UInt8], role: WebSocketRole) -> [UInt8]
    {
        var buffer: [UInt8] = []
        WebSocketFrameEncoder.appendFrame(opcode: opcode, fin: fin, payload: payload, role: role, to: &buffer)
        return buffer
    }

    @Test func encodesRFCSingleFrameUnmaskedText() {
        #expect(encode(.text, Array("Hello".utf8), role: .server) == RFC6455Examples.unmaskedHello)
    }

    @Test func encodesRFCFragmentedText() {
        #expect(encode(.text, fin: false, Array("Hel".utf8), role: .server) == RFC6455Examples.fragmentHel)
        #expect(encode(.continuation, Array("lo".utf8), role: .server) == RFC6455Examples.fragmentLo)
    }

    @Test func encodesRFCPingAndPong() {
        #expect(encode(.ping, Array("Hello".utf8), role: .server) == RFC6455Examples.unmaskedPing)
        #expect(encode(.pong, Array("Hello".utf8), role: .server) == RFC6455Examples.unmaskedPong)
    }

    @Test func encodesRFC16BitAnd64BitLengths() {
        #expect(encode(.binary, RFC6455Examples.binaryPayload(count: 256), role: .server) == RFC6455Examples.binary256)
        #expect(
            encode(.binary, RFC6455Examples.binaryPayload(count: 65536), role: .server) == RFC6455Examples.binary64K)
    }

    @Test(arguments: [(0, 2), (125, 2), (126, 4), (65535, 4), (65536, 10)])
    func usesMinimalLengthEncoding(payloadSize: Int, headerSize: Int) {
        let server = encode(.binary, RFC6455Examples.binaryPayload(count: payloadSize), role: .server)
        #expect(server.count == headerSize + payloadSize)
        let client = encode(.binary, RFC6455Examples.binaryPayload(count: payloadSize), role: .client)
        #expect(client.count == headerSize + 4 + payloadSize)
        #expect(client[1] & 0x80 == 0x80)
    }

    @Test func clientFramesAreMaskedWithTheirKey() {
        let frame = encode(.text, Array("Hello".utf8), role: .client)
        #expect(frame[0] == 0x81)
        #expect(frame[1] == 0x85)
        let key = Array(frame[2..<6])
        let unmasked = frame[6...].enumerated().map { $0.element ^ key[$0.offset % 4] }
        #expect(unmasked == Array("Hello".utf8))
    }

    @Test func clientFramesUseDifferingMaskKeys() {
        let keys = (0..<16).map { _ in Array(encode(.text, Array("Hello".utf8), role: .client)[2..<6]) }
        #expect(Set(keys.map { $0.description }).count > 1)
    }

    @Test(arguments: [1, 3, 7, 8, 9, 15, 16, 17, 125, 1000, 70000])
    func clientFramesRoundTripThroughServerParser(size: Int) throws {
        let payload = RFC6455Examples.binaryPayload(count: size)
        var parser = WebSocketParser(role: .server, maximumMessageSize: 1 << 20)
        #expect(try parser.events(from: encode(.binary, payload, role: .client)) == [.binary(payload)])
    }

    @Test func appendsToExistingBufferContents() {
        var buffer: [UInt8] = [0xAA]
        WebSocketFrameEncoder.appendFrame(
            opcode: .text, fin: true, payload: Array("Hello".utf8), role: .server, to: &buffer)
        Array("Hi".utf8).withUnsafeBytes { raw in
            WebSocketFrameEncoder.appendFrame(opcode: .text, fin: true, payload: raw, role: .server, to: &buffer)
        }
        #expect(buffer == [0xAA] + RFC6455Examples.unmaskedHello + [0x81, 0x02, 0x48, 0x69])
    }

    @Test func encodesCloseFrameWithCodeAndReason() {
        var buffer: [UInt8] = []
        WebSocketFrameEncoder.appendCloseFrame(code: 1000, reason: "bye", role: .server, to: &buffer)
        #expect(buffer == [0x88, 0x05, 0x03, 0xE8, 0x62, 0x79, 0x65])
    }

    @Test func encodesEmptyCloseFrameWithoutCode() {
        var buffer: [UInt8] = []
        WebSocketFrameEncoder.appendCloseFrame(code: nil, reason: "ignored", role: .server, to: &buffer)
        #expect(buffer == [0x88, 0x00])
    }

    @Test func truncatesLongCloseReasonAtACharacterBoundary() throws {
        var buffer: [UInt8] = []
        // 100 × "é" is 200 bytes; only 123 fit, and the cut may not split a character.
        WebSocketFrameEncoder.appendCloseFrame(
            code: 4000, reason: String(repeating: "é", count: 100), role: .server, to: &buffer)
        #expect(buffer[1] == 2 + 122)
        var parser = WebSocketParser(role: .client, maximumMessageSize: 1024)
        #expect(try parser.events(from: buffer) == [.close(4000, String(repeating: "é", count: 61))])
    }

    @Test func maskedCloseFrameRoundTrips() throws {
        var buffer: [UInt8] = []
        WebSocketFrameEncoder.appendCloseFrame(code: 1001, reason: "going away", role: .client, to: &buffer)
        var parser = WebSocketParser(role: .server, maximumMessageSize: 1024)
        #expect(try parser.events(from: buffer) == [.close(1001, "going away")])
    }

    @Test func controlOpcodesAreRecognised() {
        #expect(WebSocketOpcode.close.isControl && WebSocketOpcode.ping.isControl && WebSocketOpcode.pong.isControl)
        #expect(
            !WebSocketOpcode.text.isControl && !WebSocketOpcode.binary.isControl
                && !WebSocketOpcode.continuation.isControl)
    }
}
