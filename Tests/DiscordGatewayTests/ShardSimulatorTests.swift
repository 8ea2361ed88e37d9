import DiscordGateway
import DiscordGatewayTesting
import Foundation
import Testing

/// A shard aimed at `simulator`, with fast reconnects for tests.
func makeShard(
    _ simulator: GatewaySimulator, configure: (inout ShardConfiguration) -> Void = { _ in }
) -> (Shard, ShardRecorder) {
    var configuration = loopbackConfiguration(url: simulator.url)
    configuration.backoff = Backoff(
        baseDelay: .milliseconds(20), maximumDelay: .milliseconds(200), jitterFraction: 0,
        shortConnectionThreshold: .zero, minimumDelayAfterShortConnection: .zero)
    configuration.invalidSessionDelay = .milliseconds(20)
    configuration.invalidSessionJitter = .milliseconds(20)
    // Test heartbeats are fast; a 60 s window would reserve most slots for them.
    configuration.commandWindow = .seconds(5)
    configure(&configuration)
    let shard = Shard(configuration: configuration)
    let recorder = ShardRecorder()
    shard.delegate = recorder
    return (shard, recorder)
}

/// Makes a shard for `simulator`, connects it and waits until its session is live.
/// - Returns: the shard, its recorder and the simulator's side of its connection.
func startConnectedShard(
    _ simulator: GatewaySimulator, configure: (inout ShardConfiguration) -> Void = { _ in }
) async throws -> (Shard, ShardRecorder, SimulatedClient) {
    let (shard, recorder) = makeShard(simulator, configure: configure)
    shard.connect()
    let client = try await simulator.nextClient()
    _ = try await recorder.waitForState { $0 == .connected }
    return (shard, recorder, client)
}

/// A simulator with a short heartbeat interval.
func makeSimulator(
    heartbeat: Duration = .milliseconds(500), configure: (inout GatewaySimulator.Configuration) -> Void = { _ in }
)
    throws -> GatewaySimulator
{
    var configuration = GatewaySimulator.Configuration()
    configuration.heartbeatInterval = heartbeat
    configure(&configuration)
    return try GatewaySimulator(configuration: configuration)
}

/// Collects events until one with `sequence` arrives; returns all sequences seen.
func collectSequences(
    _ recorder: ShardRecorder, through last: Int, timeout: Duration = .seconds(10)
) async throws -> [Int] {
    var sequences: [Int] = []
    while sequences.last != last {
        let event = try await recorder.events.next(timeout: timeout)
        if let sequence = event.sequence { sequences.append(sequence) }
    }
    return sequences
}

@Suite(.usesSockets, .timeLimit(.minutes(1))) struct ShardSimulatorTests {
    @Test func abruptDropResumesAndReplaysWithoutLosingAnEvent() async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        let (shard, recorder, first) = try await startConnectedShard(simulator)
        let session = try #require(first.sessionID)
        for index in 0..<10 { first.dispatch("MESSAGE_CREATE", data: #"{"n":\#(index)}"#) }
        first.drop()
        // Sent while the shard is away: the simulator keeps them for the resume.
        var last = 0
        for index in 10..<15 {
            last = simulator.dispatch("MESSAGE_CREATE", data: #"{"n":\#(index)}"#, toSession: session)
        }
        let second = try await simulator.nextClient()
        let resume = try await second.expectResume()
        #expect(resume.sessionID == session)
        #expect(second.path.hasPrefix("/resume"))
        _ = try await recorder.waitForState { $0 == .connected }
        let sequences = try await collectSequences(recorder, through: last + 1)  // + RESUMED
        #expect(sequences == Array(1...(last + 1)))
        #expect(simulator.identifyCount == 1)
        #expect(simulator.resumeCount == 1)
        #expect(shard.reconnectCount == 1)
        shard.close()
    }

    @Test func reconnectOpcodeClosesWith4000AndResumes() async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        let (shard, recorder, first) = try await startConnectedShard(simulator)
        let sessionID = try #require(first.sessionID)
        first.sendReconnect()
        #expect(try await first.closure().code == 4000)
        let second = try await simulator.nextClient()
        #expect(try await second.expectResume().sessionID == sessionID)
        let disconnect = try await recorder.disconnects.next(timeout: .seconds(5))
        #expect(disconnect.code == .reconnectRequested)
        _ = try await recorder.waitForState { $0 == .connected }
        shard.close()
    }

    @Test(arguments: [true, false]) func invalidSessionResumesOrIdentifiesAgain(resumable: Bool) async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        let (shard, recorder, first) = try await startConnectedShard(simulator)
        first.sendInvalidSession(resumable: resumable)
        let second = try await simulator.nextClient()
        if resumable {
            _ = try await second.expectResume()
        } else {
            #expect(try await first.closure().code == 1000)
            _ = try await second.expectIdentify()
            #expect(second.path.hasPrefix("/resume") == false)
        }
        _ = try await recorder.waitForState { $0 == .connected }
        #expect(simulator.identifyCount == (resumable ? 1 : 2))
        shard.close()
    }

    @Test(arguments: [4007, 4009] as [UInt16]) func sessionEndingCloseCodesIdentifyAfresh(code: UInt16) async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        let (shard, recorder, first) = try await startConnectedShard(simulator)
        first.close(code: code)
        let second = try await simulator.nextClient()
        _ = try await second.expectIdentify()
        _ = try await recorder.waitForState { $0 == .connected }
        #expect(simulator.identifyCount == 2)
        shard.close()
    }

    @Test(arguments: [4000, 4001, 4008, 1001, 4999] as [UInt16]) func otherCloseCodesResume(code: UInt16) async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        let (shard, recorder, first) = try await startConnectedShard(simulator)
        first.close(code: code)
        let second = try await simulator.nextClient()
        _ = try await second.expectResume()
        let disconnect = try await recorder.disconnects.next(timeout: .seconds(5))
        #expect(disconnect.closeCode?.rawValue == code)
        #expect(disconnect.isRetryable)
        shard.close()
    }

    @Test func disallowedIntentIsFatal() async throws {
        let simulator = try makeSimulator {
            $0.allowedIntents = GatewayIntents.nonPrivileged.rawValue
        }
        defer { simulator.stop() }
        let (shard, recorder) = makeShard(simulator) { $0.intents = [.guilds, .guildMembers] }
        shard.connect()
        let stop = try await recorder.stops.next(timeout: .seconds(5))
        #expect(stop.closeCode == .disallowedIntents)
        #expect(shard.state == .fatallyClosed(.disallowedIntents))
        await #expect(throws: FakeGatewayTimeout.self) {
            _ = try await simulator.nextClient(timeout: .milliseconds(300))
            _ = try await simulator.nextClient(timeout: .milliseconds(300))
        }
    }

    @Test func corruptCompressedFrameClosesWith4000AndResumes() async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        let (shard, recorder, first) = try await startConnectedShard(simulator)
        first.sendCorruptCompressedFrame()
        #expect(try await first.closure().code == 4000)
        let second = try await simulator.nextClient()
        _ = try await second.expectResume()
        let disconnect = try await recorder.disconnects.next(timeout: .seconds(5))
        #expect(
            disconnect.code == .decompressionFailed || disconnect.code == .decodingFailed,
            "\(disconnect) \(String(describing: disconnect.underlying))")
        shard.close()
    }

    @Test(arguments: [#"{"op":"#, "definitely not json", #"[1,2,3]"#, #"{"t":"X","s":"seven","op":0}"#])
    func malformedEnvelopeClosesWith4000AndResumes(payload: String) async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        let (shard, recorder, first) = try await startConnectedShard(simulator)
        first.sendRaw(json: payload)
        #expect(try await first.closure().code == 4000)
        let second = try await simulator.nextClient()
        _ = try await second.expectResume()
        #expect(try await recorder.disconnects.next(timeout: .seconds(5)).code == .decodingFailed)
        shard.close()
    }

    @Test func brokenDataBehindAValidEnvelopeIsPassedThroughRaw() async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        let (shard, recorder, client) = try await startConnectedShard(simulator)
        client.sendRaw(json: #"{"t":"ODD_EVENT","s":9,"op":0,"d":{"broken":"#)
        let event = try await recorder.events.next(timeout: .seconds(5)) { $0.name == "ODD_EVENT" }
        struct Anything: Decodable {}
        let error = #expect(throws: EventDecodingError.self) { try event.decodeData(Anything.self) }
        #expect(error?.eventName == "ODD_EVENT" && error?.codingPath == "")
        #expect(shard.state == .connected)
        shard.close()
    }

    @Test func unknownOpcodesAndEventsPassThrough() async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        let raw = TimedMailbox<String>(label: "a raw message")
        let (shard, recorder) = makeShard(simulator) { $0.deliversRawMessages = true }
        shard.onRawMessage { raw.put(String(decoding: $0, as: UTF8.self)) }
        shard.connect()
        let client = try await simulator.nextClient()
        _ = try await recorder.waitForState { $0 == .connected }
        client.sendUnknownOpcode(99)
        let sequence = client.dispatch("BRAND_NEW_EVENT_2027", data: #"{"x":1}"#)
        _ = try await raw.next(timeout: .seconds(5)) { $0.contains(#""op":99"#) }
        let event = try await recorder.events.next(timeout: .seconds(5)) { $0.name == "BRAND_NEW_EVENT_2027" }
        #expect(event.sequence == sequence)
        #expect(event.rawText.contains(#""x":1"#))
        #expect(shard.state == .connected)
        #expect(shard.reconnectCount == 0)
        shard.close()
    }

    @Test func eventFilterSkipsUnwantedDispatchesButTracksTheirSequence() async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        let (shard, recorder, client) = try await startConnectedShard(
            simulator, configure: { $0.eventFilter = GatewayEventFilter(names: ["MESSAGE_CREATE"]) })
        client.dispatch("TYPING_START", data: "{}")
        let wanted = client.dispatch("MESSAGE_CREATE", data: "{}")
        let typing = client.dispatch("TYPING_START", data: "{}")
        let event = try await recorder.events.next(timeout: .seconds(5))
        #expect(event.name == "MESSAGE_CREATE")
        #expect(event.sequence == wanted)
        shard.close(code: .unknownError)
        #expect(shard.session?.sequence ?? 0 >= wanted)
        #expect(recorder.events.all.allSatisfy { $0.name == "MESSAGE_CREATE" || $0.name == "READY" })
        _ = typing
    }

    @Test func commandsWaitWhileReconnectingAndGoOutInOrderAfterResume() async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        let (shard, recorder, first) = try await startConnectedShard(simulator)
        first.drop()
        _ = try await recorder.waitForState { if case .reconnecting = $0 { true } else { false } }
        for index in 1...3 {
            try shard.send(.presenceUpdate(.init(status: .online, activities: [.init(name: "game \(index)")])))
        }
        let second = try await simulator.nextClient()
        _ = try await second.expectResume()
        for index in 1...3 {
            guard let presence = try? await second.nextCommand(opcode: 3, timeout: .seconds(3)) else {
                Issue.record(
                    "no presence \(index): second \(second.allPayloads.map(\.text)) first \(first.allPayloads.map(\.text))"
                )
                break
            }
            #expect(
                presence.text.contains("game \(index)"),
                "\(second.allPayloads.map(\.text)) first: \(first.allPayloads.map(\.text))")
        }
        shard.close()
    }

    @Test func oversizeCommandIsRejectedBeforeSending() async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        let (shard, _) = makeShard(simulator)
        let big = "\"" + String(repeating: "a", count: 5000) + "\""
        #expect(throws: GatewayCommandError.self) { try shard.send(.raw(opcode: .presenceUpdate, data: big)) }
        #expect(throws: GatewayCommandError.self) {
            try shard.send(.identify(.init(token: "test-token", intents: .guilds)))
        }
    }

    @Test func rateLimiterKeepsCommandsUnderTheGatewayLimit() async throws {
        let simulator = try makeSimulator(heartbeat: .milliseconds(200)) {
            $0.commandLimit = 12
            $0.commandWindow = .milliseconds(600)
        }
        defer { simulator.stop() }
        let (shard, recorder) = makeShard(simulator) {
            $0.commandLimit = 10
            $0.commandWindow = .milliseconds(600)
        }
        shard.connect()
        let client = try await simulator.nextClient()
        _ = try await recorder.waitForState { $0 == .connected }
        for index in 1...25 {
            try shard.send(.requestSoundboardSounds(guildIDs: [Snowflake(UInt64(index))]))
        }
        for index in 1...25 {
            let command = try await client.nextCommand(opcode: 31)
            #expect(command.text.contains(#""\#(index)""#))
        }
        #expect(simulator.violations.filter { $0.closeCode == 4008 }.isEmpty)
        #expect(shard.reconnectCount == 0)
        shard.close()
    }

    @Test func closeWith4000ReturnsASessionThatANewShardResumesWithoutIdentifying() async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        let (shard, recorder, first) = try await startConnectedShard(simulator)
        let sessionID = try #require(first.sessionID)
        first.dispatch("MESSAGE_CREATE", data: "{}")
        _ = try await recorder.events.next(timeout: .seconds(5)) { $0.name == "MESSAGE_CREATE" }
        let saved = try #require(shard.close(code: .unknownError))
        #expect(saved.id == sessionID)
        #expect(try await first.closure().code == 4000)
        let missed = simulator.dispatch("MESSAGE_CREATE", data: #"{"missed":true}"#, toSession: sessionID)
        // Encode and decode, as a new process would.
        let restored = try JSONDecoder().decode(Session.self, from: JSONEncoder().encode(saved))
        let (next, nextRecorder) = makeShard(simulator) { $0.resumeSession = restored }
        next.connect()
        let second = try await simulator.nextClient()
        let resume = try await second.expectResume()
        #expect(resume.sessionID == sessionID)
        let replayed = try await nextRecorder.events.next(timeout: .seconds(5))
        #expect(replayed.sequence == missed)
        #expect(replayed.rawText.contains("missed"))
        #expect(simulator.identifyCount == 1)
        next.close()
    }

    @Test func latencyIsMeasuredFromHeartbeatToAck() async throws {
        let simulator = try makeSimulator(heartbeat: .milliseconds(100))
        defer { simulator.stop() }
        let (shard, _, client) = try await startConnectedShard(simulator)
        _ = try await client.waitForHeartbeats(count: 3, timeout: .seconds(5))
        let deadline = ContinuousClock.now + .seconds(5)
        while shard.latency.sampleCount < 2 && ContinuousClock.now < deadline {
            _ = try? await client.nextPayload(timeout: .milliseconds(200))
        }
        let latency = shard.latency
        #expect(latency.sampleCount >= 2)
        #expect(try #require(latency.average) < .seconds(1))
        #expect(!latency.recent.isEmpty)
        shard.close()
    }

    @Test func heartbeatsCarryTheLastSequence() async throws {
        let simulator = try makeSimulator(heartbeat: .milliseconds(100))
        defer { simulator.stop() }
        let (shard, recorder, client) = try await startConnectedShard(simulator)
        let sequence = client.dispatch("MESSAGE_CREATE", data: "{}")
        _ = try await recorder.events.next(timeout: .seconds(5)) { $0.sequence == sequence }
        let deadline = ContinuousClock.now + .seconds(5)
        while client.heartbeats.last?.sequence != sequence && ContinuousClock.now < deadline {
            _ = try? await client.nextPayload(timeout: .milliseconds(300))
        }
        #expect(client.heartbeats.last?.sequence == sequence)
        shard.close()
    }

    @Test func closureHandlersRunAfterTheDelegateInRegistrationOrder() async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        let order = Locked<[String]>([])
        let done = TimedMailbox<Bool>(label: "handlers")
        final class OrderDelegate: ShardDelegate {
            let order: Locked<[String]>
            init(order: Locked<[String]>) { self.order = order }
            func shard(_ shard: Shard, didReceive event: GatewayEvent) {
                if event.name == "PING_TEST" { order.withLock { $0.append("delegate") } }
            }
        }
        let delegate = OrderDelegate(order: order)
        let (shard, _) = makeShard(simulator)
        shard.delegate = delegate
        shard.onEvent { event in if event.name == "PING_TEST" { order.withLock { $0.append("first") } } }
        shard.onEvent { event in
            if event.name == "PING_TEST" {
                order.withLock { $0.append("second") }
                done.put(true)
            }
        }
        shard.connect()
        let client = try await simulator.nextClient()
        _ = try await client.expectIdentify()
        _ = try await client.waitForHeartbeats(count: 0, timeout: .seconds(1))
        try await waitUntil("the shard to connect", timeout: .seconds(5)) { shard.state == .connected }
        client.dispatch("PING_TEST", data: "{}")
        _ = try await done.next(timeout: .seconds(5))
        #expect(order.withLock { $0 } == ["delegate", "first", "second"])
        shard.close()
        withExtendedLifetime(delegate) {}
    }

    @Test func asyncSequenceDeliversEventsAndEndsAfterClose() async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        var configuration = loopbackConfiguration(url: simulator.url)
        configuration.compression = .none
        let shard = Shard(configuration: configuration)
        let events = shard.events
        shard.connect()
        let client = try await simulator.nextClient()
        var names: [String] = []
        for await event in events {
            names.append(event.name ?? "")
            if event.name == "READY" { client.dispatch("MESSAGE_CREATE", data: "{}") }
            if event.name == "MESSAGE_CREATE" { shard.close() }
        }
        #expect(names.first == "READY")
        #expect(names.last == "MESSAGE_CREATE")
        #expect(names.filter { $0 == "GUILD_CREATE" }.count == simulator.configuration.guildCount)
    }

    @Test func fullBufferPausesReadingWhileHeartbeatsContinue() async throws {
        let simulator = try makeSimulator(heartbeat: .milliseconds(100))
        defer { simulator.stop() }
        let gate = DispatchSemaphore(value: 0)
        let (shard, recorder, client) = try await startConnectedShard(
            simulator, configure: { $0.deliveryBufferCapacity = 20 })
        let blocked = Locked(true)
        shard.onEvent { event in
            if event.name == "FLOOD", blocked.withLock({ $0 }) { gate.wait() }
        }
        var last = 0
        let payload = "{\"filler\":\"" + String(repeating: "x", count: 2000) + "\"}"
        for _ in 0..<400 { last = client.dispatch("FLOOD", data: payload) }
        // While the callback is blocked the shard stops reading, but keeps heartbeating and does not call the
        // connection a zombie although ACKs sit unread behind the backlog.
        let beatsBefore = client.heartbeats.count
        _ = try await client.waitForHeartbeats(count: beatsBefore + 8, timeout: .seconds(5))
        #expect(shard.deliveryStatistics.pauseCount >= 1)
        #expect(shard.state == .connected)
        blocked.withLock { $0 = false }
        gate.signal()
        let sequences = try await collectSequences(recorder, through: last, timeout: .seconds(20))
        let flood = sequences.filter { $0 > sequences.first! }
        #expect(flood == Array(flood.first!...last))
        #expect(shard.reconnectCount == 0)
        #expect(simulator.identifyCount == 1)
        #expect(shard.deliveryStatistics.maximumLag > .milliseconds(500))
        shard.close()
    }

    @Test func worksOverTLSAgainstTheSimulator() async throws {
        let pki = try #require(TestPKI.shared)
        let simulator = try makeSimulator { $0.tlsCertificate = pki.localhost }
        defer { simulator.stop() }
        let (shard, recorder) = makeShard(simulator) {
            $0.tls = pki.trustingConfiguration
            $0.allowsInsecureTransport = false
        }
        shard.connect()
        _ = try await recorder.waitForState { $0 == .connected }
        #expect(try await recorder.events.next(timeout: .seconds(5)).name == "READY")
        shard.close()
    }
}
