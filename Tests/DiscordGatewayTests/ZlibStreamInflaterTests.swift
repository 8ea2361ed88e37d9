import CZlib
import DiscordGateway
import Foundation
import Testing

/// Deterministic random numbers (SplitMix64) so splits and payloads are reproducible.
private struct SeededGenerator: RandomNumberGenerator {
    /// The generator state.
    var state: UInt64

    /// Returns the next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Gateway-like JSON text of exactly `byteCount` bytes (truncated, so not always valid JSON), varied by `seed`.
private func makeJSONLikeBytes(byteCount: Int, seed: UInt64) -> [UInt8] {
    var random = SeededGenerator(state: seed)
    let words = ["general", "voice", "announcements", "rules", "off-topic", "bots", "music", "memes", "help"]
    var bytes = Array(#"{"t":"GUILD_CREATE","s":2,"op":0,"d":{"channels":["#.utf8)
    bytes.reserveCapacity(byteCount + 200)
    var index = 0
    while bytes.count < byteCount {
        let id = UInt64.random(in: 100_000_000_000_000_000...999_999_999_999_999_999, using: &random)
        let name = words.randomElement(using: &random) ?? "general"
        let entry =
            #"{"id":"\#(id)","type":\#(index % 5),"name":"\#(name)-\#(random.next() % 1000)","position":\#(index)},"#
        bytes.append(contentsOf: entry.utf8)
        index += 1
    }
    bytes.removeSubrange(byteCount...)
    return bytes
}

/// Pushes one message and returns the delivered payload, or nil if the bytes were only accumulated.
private func pushCollecting(_ inflater: ZlibStreamInflater, _ message: [UInt8]) throws -> [UInt8]? {
    var delivered: [UInt8]?
    let didDeliver = try inflater.push(message) { delivered = Array($0) }
    #expect(didDeliver == (delivered != nil))
    return delivered
}

/// Reads a file from `Fixtures/zlib-stream` in the test bundle.
private func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/zlib-stream/\(name)", withExtension: nil))
    return Array(try Data(contentsOf: url))
}

@Suite struct ZlibStreamInflaterTests {
    @Test func manyMessagesRoundTripThroughOneSharedDictionary() throws {
        let deflater = try ZlibStreamDeflater()
        let inflater = try ZlibStreamInflater()
        var compressedTotal = 0
        var standaloneTotal = 0
        var payloadTotal = 0
        for index in 0..<200 {
            let payload = makeJSONLikeBytes(byteCount: 200 + index * 37, seed: UInt64(index % 7))
            let message = deflater.compress(payload)
            compressedTotal += message.count
            standaloneTotal += try ZlibStreamDeflater().compress(payload).count
            payloadTotal += payload.count
            #expect(try pushCollecting(inflater, message) == payload)
        }
        #expect(inflater.deliveredPayloadCount == 200)
        #expect(inflater.totalInflatedBytes == payloadTotal)
        #expect(inflater.totalInputBytes == compressedTotal)
        // Repeated content is encoded as references into earlier messages.
        #expect(compressedTotal * 3 < standaloneTotal * 2)
    }

    @Test func laterMessageInflatesOnlyWithEarlierContext() throws {
        let payload = makeJSONLikeBytes(byteCount: 2000, seed: 1)
        let deflater = try ZlibStreamDeflater()
        let first = deflater.compress(payload)
        let second = deflater.compress(payload)
        #expect(second.count < 64)  // almost entirely one back-reference into message 1

        let withContext = try ZlibStreamInflater()
        #expect(try pushCollecting(withContext, first) == payload)
        #expect(try pushCollecting(withContext, second) == payload)

        // Alone, message 2 lacks the zlib header.
        let fresh = try ZlibStreamInflater()
        #expect {
            try fresh.push(second) { _ in }
        } throws: { error in
            guard case .inflateFailed(Z_DATA_ERROR, _)? = error as? ZlibStreamInflater.Error else { return false }
            return true
        }

        // After a different stream's tiny first message, message 2's back-reference points before any history.
        let other = try ZlibStreamDeflater()
        let wrongContext = try ZlibStreamInflater()
        #expect(try pushCollecting(wrongContext, other.compress("{}")) == Array("{}".utf8))
        #expect {
            try wrongContext.push(second) { _ in }
        } throws: { error in
            guard case .inflateFailed(Z_DATA_ERROR, let message)? = error as? ZlibStreamInflater.Error else {
                return false
            }
            return message?.contains("distance") == true
        }
    }

    @Test func messageSplitAcrossFramesAtRandomBoundariesIsDeliveredOnce() throws {
        var random = SeededGenerator(state: 42)
        let deflater = try ZlibStreamDeflater()
        let inflater = try ZlibStreamInflater(retainedCapacity: 1024)
        var cutsInsideSuffix = 0
        for index in 0..<300 {
            let payload = makeJSONLikeBytes(byteCount: Int.random(in: 1...20_000, using: &random), seed: UInt64(index))
            let message = deflater.compress(payload)
            let pieces = min(Int.random(in: 2...5, using: &random), message.count)
            var cuts = Set<Int>()
            if index % 4 == 0 {
                cuts.insert(message.count - Int.random(in: 1...3, using: &random))  // inside 00 00 FF FF
            }
            while cuts.count < pieces - 1 {
                cuts.insert(Int.random(in: 1..<message.count, using: &random))
            }
            cutsInsideSuffix += cuts.contains { $0 > message.count - 4 } ? 1 : 0
            let bounds = [0] + cuts.sorted() + [message.count]
            for (start, end) in zip(bounds, bounds.dropFirst()) {
                let delivered = try pushCollecting(inflater, Array(message[start..<end]))
                if end == message.count {
                    #expect(delivered == payload)
                } else {
                    #expect(delivered == nil)
                }
            }
        }
        #expect(cutsInsideSuffix >= 75)
        #expect(inflater.deliveredPayloadCount == 300)
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func splitAtEachPositionNearTheSuffixWaitsForTheLastByte(bytesInLastFrame: Int) throws {
        let deflater = try ZlibStreamDeflater()
        let inflater = try ZlibStreamInflater()
        let hello = #"{"t":null,"s":null,"op":10,"d":{"heartbeat_interval":41250}}"#
        let message = deflater.compress(hello)
        let cut = message.count - bytesInLastFrame
        #expect(try pushCollecting(inflater, Array(message[..<cut])) == nil)
        #expect(try pushCollecting(inflater, Array(message[cut...])) == Array(hello.utf8))
    }

    @Test func suffixSplitOneByteAtATimeStillDelivers() throws {
        let deflater = try ZlibStreamDeflater()
        let inflater = try ZlibStreamInflater()
        let payload = makeJSONLikeBytes(byteCount: 300, seed: 9)
        let message = deflater.compress(payload)
        var deliveries: [[UInt8]] = []
        for byte in message {
            if let delivered = try pushCollecting(inflater, [byte]) { deliveries.append(delivered) }
        }
        #expect(deliveries == [payload])
    }

    @Test func emptyMessageOnlyAccumulatesNothing() throws {
        let inflater = try ZlibStreamInflater()
        #expect(try inflater.push(UnsafeRawBufferPointer(start: nil, count: 0)) { _ in } == false)
        #expect(try pushCollecting(inflater, []) == nil)
        let deflater = try ZlibStreamDeflater()
        #expect(try pushCollecting(inflater, deflater.compress("{}")) == Array("{}".utf8))
    }

    @Test func backToBackPayloadsInOneMessageComeOutConcatenatedInOneDelivery() throws {
        // Discord never does this; documented behaviour: one delivery holding both payloads' bytes.
        let deflater = try ZlibStreamDeflater()
        let inflater = try ZlibStreamInflater()
        let first = #"{"op":11,"d":null}"#
        let second = #"{"op":1,"d":null}"#
        let message = deflater.compress(first) + deflater.compress(second)
        #expect(try pushCollecting(inflater, message) == Array((first + second).utf8))
        #expect(inflater.deliveredPayloadCount == 1)
    }

    @Test func corruptInputThrowsTypedErrorAndLeavesInflaterUnusable() throws {
        let inflater = try ZlibStreamInflater()
        // A zlib header followed by a block of the reserved type 3.
        let corrupt: [UInt8] = [0x78, 0x9C, 0x06, 0x00, 0x00, 0xFF, 0xFF]
        #expect {
            try inflater.push(corrupt) { _ in Issue.record("corrupt data must not be delivered") }
        } throws: { error in
            guard case .inflateFailed(Z_DATA_ERROR, let message)? = error as? ZlibStreamInflater.Error else {
                return false
            }
            return message == "invalid block type"
        }
        let deflater = try ZlibStreamDeflater()
        #expect(throws: ZlibStreamInflater.Error.unusable) {
            try inflater.push(deflater.compress("{}")) { _ in }
        }
    }

    @Test func garbageWithSuffixFailsHeaderCheck() throws {
        var random = SeededGenerator(state: 7)
        let garbage = (0..<500).map { _ in UInt8.random(in: 0...255, using: &random) } + [0, 0, 0xFF, 0xFF]
        let inflater = try ZlibStreamInflater()
        #expect(throws: ZlibStreamInflater.Error.self) {
            try inflater.push(garbage) { _ in }
        }
    }

    @Test func finishedDeflateStreamThrowsUnexpectedStreamEnd() throws {
        let payload = Array(#"{"op":10,"d":{"heartbeat_interval":41250}}"#.utf8)
        var compressed = [UInt8](repeating: 0, count: 256)
        var compressedCount = uLong(compressed.count)
        let code = compressed.withUnsafeMutableBufferPointer { output in
            payload.withUnsafeBufferPointer { input in
                compress2(output.baseAddress, &compressedCount, input.baseAddress, uLong(input.count), 6)
            }
        }
        #expect(code == Z_OK)
        let message = Array(compressed[..<Int(compressedCount)]) + [0x00, 0x00, 0xFF, 0xFF]
        let inflater = try ZlibStreamInflater()
        #expect(throws: ZlibStreamInflater.Error.unexpectedStreamEnd) {
            try inflater.push(message) { _ in }
        }
    }

    @Test func payloadOverTheCapThrowsWithoutGrowingPastIt() throws {
        let cap = 1 << 20
        let zeros = [UInt8](repeating: 0, count: 10 << 20)
        let message = try ZlibStreamDeflater().compress(zeros)
        #expect(message.count < 20_000)
        let inflater = try ZlibStreamInflater(maximumMessageSize: cap)
        #expect(throws: ZlibStreamInflater.Error.messageTooLarge(limit: cap)) {
            try inflater.push(message) { _ in Issue.record("oversized payload must not be delivered") }
        }
        #expect(inflater.peakRetainedBufferBytes <= cap)
        #expect(throws: ZlibStreamInflater.Error.unusable) {
            try inflater.push(message) { _ in }
        }
    }

    @Test func compressedInputOverTheCapThrowsBeforeBuffering() throws {
        let cap = 4096
        let inflater = try ZlibStreamInflater(maximumMessageSize: cap, retainedCapacity: 1024)
        let chunk = [UInt8](repeating: 0x41, count: 1000)
        #expect(throws: ZlibStreamInflater.Error.messageTooLarge(limit: cap)) {
            for _ in 0..<100 {
                try inflater.push(chunk) { _ in }
            }
        }
        #expect(inflater.peakRetainedBufferBytes <= cap + cap / 256 + 1024 + 1024)
    }

    @Test(arguments: [4095, 4096, 4097, 8191, 8192, 8193, 16_384, 16_385])
    func payloadSizesAroundTheBufferCapacityInflateExactly(size: Int) throws {
        let deflater = try ZlibStreamDeflater()
        let inflater = try ZlibStreamInflater(retainedCapacity: 4096)
        for seed in 0..<3 as Range<UInt64> {
            let payload = makeJSONLikeBytes(byteCount: size, seed: seed)
            #expect(try pushCollecting(inflater, deflater.compress(payload)) == payload)
            #expect(inflater.retainedBufferBytes == 4096)
        }
    }

    @Test(arguments: [4095, 4096])
    func payloadExactlyAtOrBelowTheCapIsDelivered(size: Int) throws {
        let deflater = try ZlibStreamDeflater()
        let inflater = try ZlibStreamInflater(maximumMessageSize: 4096, retainedCapacity: 1024)
        let payload = makeJSONLikeBytes(byteCount: size, seed: 3)
        #expect(try pushCollecting(inflater, deflater.compress(payload)) == payload)
        #expect(try pushCollecting(inflater, deflater.compress(payload)) == payload)
        #expect(inflater.peakRetainedBufferBytes <= 4096)
    }

    @Test func payloadOneByteOverTheCapThrows() throws {
        let deflater = try ZlibStreamDeflater()
        let inflater = try ZlibStreamInflater(maximumMessageSize: 4096, retainedCapacity: 1024)
        let payload = makeJSONLikeBytes(byteCount: 4097, seed: 3)
        #expect(throws: ZlibStreamInflater.Error.messageTooLarge(limit: 4096)) {
            try inflater.push(deflater.compress(payload)) { _ in }
        }
    }

    @Test func buffersShrinkBackAfterALargePayload() throws {
        let retained = 32 << 10
        let deflater = try ZlibStreamDeflater()
        let inflater = try ZlibStreamInflater(retainedCapacity: retained)
        #expect(inflater.retainedBufferBytes == retained)
        let large = makeJSONLikeBytes(byteCount: 5 << 20, seed: 11)
        var heldDuringDelivery = 0
        try inflater.push(deflater.compress(large)) { payload in
            #expect(payload.count == large.count)
            heldDuringDelivery = inflater.retainedBufferBytes
        }
        #expect(heldDuringDelivery >= 5 << 20)
        #expect(inflater.retainedBufferBytes == retained)

        // Split across messages, the input buffer grows too and shrinks back as well.
        let message = deflater.compress(large)
        let half = message.count / 2
        #expect(try pushCollecting(inflater, Array(message[..<half])) == nil)
        #expect(inflater.retainedBufferBytes > half)
        #expect(try pushCollecting(inflater, Array(message[half...])) == large)
        #expect(inflater.retainedBufferBytes == 2 * retained)

        let small = Array(#"{"op":11,"d":null}"#.utf8)
        #expect(try pushCollecting(inflater, deflater.compress(small)) == small)
        #expect(inflater.retainedBufferBytes == 2 * retained)
    }

    @Test func threeMegabyteJSONInflatesToExactlyTheInput() throws {
        let payload = makeJSONLikeBytes(byteCount: 3 << 20, seed: 2024)
        let deflater = try ZlibStreamDeflater()
        let inflater = try ZlibStreamInflater()
        #expect(try pushCollecting(inflater, deflater.compress("{\"op\":10}")) == Array("{\"op\":10}".utf8))
        #expect(try pushCollecting(inflater, deflater.compress(payload)) == payload)
    }

    @Test func errorThrownByTheBodyLeavesTheInflaterUsable() throws {
        /// The error the body throws.
        struct BodyError: Error {}
        let deflater = try ZlibStreamDeflater()
        let inflater = try ZlibStreamInflater()
        #expect(throws: BodyError.self) {
            try inflater.push(deflater.compress("first")) { _ in throw BodyError() }
        }
        #expect(try pushCollecting(inflater, deflater.compress("second")) == Array("second".utf8))
    }

    @Test func goldenFixturesInflateToTheRecordedJSON() throws {
        let manifest = String(decoding: try fixture("manifest.txt"), as: UTF8.self)
        let lines = manifest.split(separator: "\n")
        #expect(lines.count == 9)
        let inflater = try ZlibStreamInflater()
        var delivered: [String] = []
        for line in lines {
            let fields = line.split(separator: " ")
            try #require(fields.count == 2)
            let payload = try pushCollecting(inflater, try fixture(String(fields[0])))
            if fields[1] == "-" {
                #expect(payload == nil, "\(fields[0]) should only accumulate")
            } else {
                #expect(payload == (try fixture(String(fields[1]))), "\(fields[0])")
                delivered.append(String(fields[1]))
            }
        }
        #expect(
            delivered == ["hello.json", "ready.json", "guild-create.json", "message-create.json", "heartbeat-ack.json"])
    }

    @Test func goldenHelloDecodesAsGatewayJSON() throws {
        let inflater = try ZlibStreamInflater()
        var object: [String: Any]?
        try inflater.push(try fixture("frame-01.bin")) { payload in
            object = try JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any]
        }
        #expect(object?["op"] as? Int == 10)
        #expect((object?["d"] as? [String: Any])?["heartbeat_interval"] as? Int == 41250)
    }
}
