import CZlib
import DiscordGateway
import Testing

/// Inflates each message with a fresh-per-test inflater and returns the delivered payloads.
private func inflateAll(_ messages: [[UInt8]]) throws -> [[UInt8]] {
    let inflater = try ZlibStreamInflater()
    var payloads: [[UInt8]] = []
    for message in messages {
        try inflater.push(message) { payloads.append(Array($0)) }
    }
    return payloads
}

@Suite struct ZlibStreamDeflaterTests {
    @Test func everyMessageEndsWithTheSyncFlushSuffix() throws {
        let deflater = try ZlibStreamDeflater()
        for text in [#"{"op":10}"#, #"{"op":11}"#, String(repeating: "x", count: 100_000), ""] {
            #expect(deflater.compress(text).suffix(4) == [0x00, 0x00, 0xFF, 0xFF])
        }
    }

    @Test func onlyTheFirstMessageCarriesTheZlibHeader() throws {
        let deflater = try ZlibStreamDeflater()
        let first = deflater.compress(#"{"op":10}"#)
        #expect(first.prefix(2) == [0x78, 0x9C])
        let inflater = try ZlibStreamInflater()
        try inflater.push(first) { _ in }
        // Were a header repeated, the inflater would reject the second message as a bad block.
        var second: [UInt8]?
        try inflater.push(deflater.compress(#"{"op":11}"#)) { second = Array($0) }
        #expect(second == Array(#"{"op":11}"#.utf8))
    }

    @Test func repeatedPayloadReusesTheSharedDictionary() throws {
        let deflater = try ZlibStreamDeflater()
        let payload = (0..<200).map { #"{"id":"\#($0)","name":"member-\#($0 % 17)"}"# }.joined(separator: ",")
        let first = deflater.compress(payload)
        let second = deflater.compress(payload)
        #expect(second.count * 5 < first.count)
        #expect(try inflateAll([first, second]) == [Array(payload.utf8), Array(payload.utf8)])
        #expect(deflater.totalInputBytes == 2 * payload.utf8.count)
        #expect(deflater.totalOutputBytes == first.count + second.count)
    }

    @Test func stringArrayAndPointerOverloadsProduceTheSameStream() throws {
        let texts = [#"{"op":10,"d":{"heartbeat_interval":41250}}"#, #"{"t":"READY","s":1,"op":0,"d":{}}"#]
        let byString = try ZlibStreamDeflater()
        let byArray = try ZlibStreamDeflater()
        let byPointer = try ZlibStreamDeflater()
        for text in texts {
            let bytes = Array(text.utf8)
            let expected = byString.compress(text)
            #expect(byArray.compress(bytes) == expected)
            #expect(bytes.withUnsafeBytes { byPointer.compress($0) } == expected)
        }
    }

    @Test func emptyPayloadsStillProduceDeliverableMessages() throws {
        let deflater = try ZlibStreamDeflater()
        let messages = [deflater.compress(""), deflater.compress(""), deflater.compress("{}"), deflater.compress("")]
        for message in messages {
            #expect(message.suffix(4) == [0x00, 0x00, 0xFF, 0xFF])
        }
        #expect(try inflateAll(messages) == [[], [], Array("{}".utf8), []])
    }

    @Test func incompressiblePayloadRoundTrips() throws {
        var state: UInt64 = 0x1234_5678
        let payload = (0..<(1 << 20)).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let deflater = try ZlibStreamDeflater(level: 9)
        let message = deflater.compress(payload)
        #expect(message.count > payload.count)
        #expect(try inflateAll([message]) == [payload])
    }

    @Test(arguments: [0, 1, 9] as [Int32])
    func everyLevelRoundTrips(level: Int32) throws {
        let deflater = try ZlibStreamDeflater(level: level)
        let texts = [#"{"op":10}"#, String(repeating: #"{"op":0,"t":"TYPING_START"}"#, count: 500)]
        #expect(try inflateAll(texts.map { deflater.compress($0) }) == texts.map { Array($0.utf8) })
    }

    @Test func invalidLevelThrowsTypedError() {
        #expect(throws: ZlibStreamDeflater.Error.initializationFailed(code: Z_STREAM_ERROR, message: nil)) {
            _ = try ZlibStreamDeflater(level: 42)
        }
    }
}
