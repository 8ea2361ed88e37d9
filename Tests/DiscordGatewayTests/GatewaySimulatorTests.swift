import DiscordGateway
import DiscordGatewayTesting
import Testing

/// A hand-scripted gateway client for driving the simulator over a real socket.
struct ScriptedGatewayClient {
    /// The client connection.
    let connection: WebSocketConnection
    /// What the connection reported.
    let recorder: ConnectionRecorder

    /// Connects to the simulator at `path` (the normal gateway path by default).
    init(
        _ simulator: GatewaySimulator, path: String = "/?v=10&encoding=json", compressed: Bool = false,
        tls: TLSConfiguration = .default
    ) throws {
        (connection, recorder) = try connectClient(
            to: simulator.fakeGateway, path: path, compression: compressed ? .zlibStream : .none, tls: tls)
    }

    /// Sends one payload.
    func send(_ json: String) {
        connection.send(text: json)
    }

    /// The next payload from the server, parsed.
    func next(timeout: Duration = .seconds(5)) async throws -> SimulatorJSON {
        try SimulatorJSON(parsing: try await recorder.messages.next(timeout: timeout).text)
    }

    /// Skips payloads until a dispatch named `name` arrives.
    func nextDispatch(_ name: String, timeout: Duration = .seconds(5)) async throws -> SimulatorJSON {
        let message = try await recorder.messages.next(timeout: timeout) {
            (try? SimulatorJSON(parsing: $0.text))?["t"]?.stringValue == name
        }
        return try SimulatorJSON(parsing: message.text)
    }

    /// Waits for the connection to close and returns the close code.
    func closeCode(timeout: Duration = .seconds(5)) async throws -> UInt16? {
        try await recorder.closed.next(timeout: timeout).code
    }

    /// Reads Hello, sends Identify and returns READY.
    func identify(
        token: String = "test-token", intents: UInt64 = 513, shard: [Int]? = nil
    ) async throws -> SimulatorJSON {
        #expect(try await next()["op"]?.intValue == 10)
        send(Self.identifyJSON(token: token, intents: intents, shard: shard))
        let ready = try await next()
        #expect(ready["t"]?.stringValue == "READY")
        return ready
    }

    /// An Identify payload.
    static func identifyJSON(token: String = "test-token", intents: UInt64 = 513, shard: [Int]? = nil) -> String {
        let shardField = shard.map { ",\"shard\":[\($0[0]),\($0[1])]" } ?? ""
        return
            #"{"op":2,"d":{"token":"\#(token)","properties":{"os":"linux","browser":"swift-discord-gateway","device":"swift-discord-gateway"},"compress":false,"large_threshold":250,"presence":{"status":"online","since":null,"activities":[],"afk":false},"intents":\#(intents)\#(shardField)}}"#
    }

    /// A Resume payload.
    static func resumeJSON(sessionID: String, sequence: Int, token: String = "test-token") -> String {
        #"{"op":6,"d":{"token":"\#(token)","session_id":"\#(sessionID)","seq":\#(sequence)}}"#
    }

    /// Closes the connection with a code and waits for the end.
    func close(code: UInt16) async throws {
        connection.close(code: code)
        _ = try await recorder.closed.next(timeout: .seconds(5))
        connection.join()
    }

    /// Drops the connection (no close frame) and waits for the thread to end.
    func finish() {
        connection.abort()
        connection.join()
    }
}

/// A simulator with a short heartbeat interval and the given tweaks.
private func makeSimulator(
    _ configure: (inout GatewaySimulator.Configuration) -> Void = { _ in }
) throws
    -> GatewaySimulator
{
    var configuration = GatewaySimulator.Configuration()
    configuration.heartbeatInterval = .milliseconds(200)
    configure(&configuration)
    return try GatewaySimulator(configuration: configuration)
}

/// An Identify the simulator must refuse, and how.
struct RefusedIdentify: Sendable, CustomTestStringConvertible {
    let name: String
    let json: String
    let code: UInt16
    let kind: SimulatorViolation.Kind
    var allowedIntents: UInt64 = GatewayIntents.allDocumented.rawValue
    var guildCount = 3
    var testDescription: String { name }

    static let all: [RefusedIdentify] = [
        .init(
            name: "bad token", json: ScriptedGatewayClient.identifyJSON(token: "wrong"), code: 4004,
            kind: .invalidToken),
        .init(
            name: "privileged intent not enabled", json: ScriptedGatewayClient.identifyJSON(intents: 1 | 1 << 15),
            code: 4014, kind: .disallowedIntents, allowedIntents: GatewayIntents.nonPrivileged.rawValue),
        .init(
            name: "undocumented intent bit", json: ScriptedGatewayClient.identifyJSON(intents: 1 << 17), code: 4013,
            kind: .invalidIntents),
        .init(
            name: "missing intents", json: #"{"op":2,"d":{"token":"test-token","properties":{}}}"#, code: 4013,
            kind: .invalidIntents),
        .init(
            name: "shard id out of range", json: ScriptedGatewayClient.identifyJSON(shard: [2, 2]), code: 4010,
            kind: .invalidShard),
        .init(
            name: "zero shards", json: ScriptedGatewayClient.identifyJSON(shard: [0, 0]), code: 4010,
            kind: .invalidShard),
        .init(
            name: "too few shards", json: ScriptedGatewayClient.identifyJSON(shard: [0, 1]), code: 4011,
            kind: .shardingRequired, guildCount: 2501),
    ]
}

@Suite(.usesSockets, .timeLimit(.minutes(1))) struct GatewaySimulatorTests {
    @Test func sendsHelloWithTheConfiguredIntervalOnConnect() async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        #expect(simulator.url == "ws://127.0.0.1:\(simulator.port)")
        let client = try ScriptedGatewayClient(simulator)
        defer { client.finish() }
        let hello = try await client.next()
        #expect(hello["op"]?.intValue == 10)
        #expect(hello["d"]?["heartbeat_interval"]?.intValue == 200)
        let server = try await simulator.nextClient()
        #expect(server.path == "/")
        #expect(server.query == ["v": "10", "encoding": "json"])
        #expect(server.sessionID == nil)
    }

    @Test func identifyGetsReadyThenGuildCreatesOfItsShard() async throws {
        let simulator = try makeSimulator { $0.guildCount = 6 }
        defer { simulator.stop() }
        var seen: Set<String> = []
        for shardID in 0..<2 {
            let client = try ScriptedGatewayClient(simulator)
            defer { client.finish() }
            let ready = try await client.identify(shard: [shardID, 2])
            let server = try await simulator.nextClient()
            let identify = try await server.expectIdentify()
            #expect(identify.token == "test-token")
            #expect(identify.intents == 513)
            #expect(identify.shard == [shardID, 2])
            #expect(identify.largeThreshold == 250)
            #expect(identify.compress == false)
            #expect(identify.properties["browser"] == "swift-discord-gateway")
            #expect(identify.presence?.contains("\"status\":\"online\"") == true)

            #expect(ready["s"]?.intValue == 1)
            let data = try #require(ready["d"])
            #expect(data["v"]?.intValue == 10)
            #expect(data["user"]?["bot"]?.boolValue == true)
            #expect(data["application"]?["id"]?.stringValue != nil)
            #expect(data["shard"] == .array([.number(Double(shardID)), .number(2)]))
            #expect(data["resume_gateway_url"]?.stringValue == simulator.url + "/resume")
            let sessionID = try #require(data["session_id"]?.stringValue)
            #expect(server.sessionID == sessionID)
            let guilds = try #require(data["guilds"]?.arrayValue)
            #expect(guilds.count == 3)
            #expect(guilds.allSatisfy { $0["unavailable"]?.boolValue == true })
            let expectedIDs = simulator.guildIDs(forShard: [shardID, 2])
            #expect(guilds.compactMap { $0["id"]?.stringValue } == expectedIDs)

            for (offset, guildID) in expectedIDs.enumerated() {
                let message = try await client.recorder.messages.next(timeout: .seconds(5))
                #expect((1000...5000).contains(message.bytes.count))
                let guildCreate = try SimulatorJSON(parsing: message.text)
                #expect(guildCreate["t"]?.stringValue == "GUILD_CREATE")
                #expect(guildCreate["s"]?.intValue == 2 + offset)
                #expect(guildCreate["d"]?["id"]?.stringValue == guildID)
                let id = try #require(UInt64(guildID))
                #expect((id >> 22) % 2 == UInt64(shardID))
                seen.insert(guildID)
            }
            #expect(simulator.lastSequence(ofSession: sessionID) == 4)
        }
        #expect(seen.count == 6)
        #expect(simulator.identifyCount == 2)
        #expect(simulator.sessionIDs.count == 2)
        #expect(simulator.violations.isEmpty)
    }

    @Test(arguments: RefusedIdentify.all) func refusedIdentifyClosesWithDiscordsCode(
        _ refused: RefusedIdentify
    )
        async throws
    {
        let simulator = try makeSimulator {
            $0.allowedIntents = refused.allowedIntents
            $0.guildCount = refused.guildCount
        }
        defer { simulator.stop() }
        let client = try ScriptedGatewayClient(simulator)
        defer { client.finish() }
        _ = try await client.next()
        client.send(refused.json)
        #expect(try await client.closeCode() == refused.code)
        #expect(simulator.violations.map(\.kind) == [refused.kind])
        #expect(simulator.violations.first?.closeCode == refused.code)
        #expect(simulator.identifyCount == 0)
    }

    @Test func secondIdentifyOnOneConnectionClosesWith4005() async throws {
        let simulator = try makeSimulator { $0.sendsGuildCreates = false }
        defer { simulator.stop() }
        let client = try ScriptedGatewayClient(simulator)
        defer { client.finish() }
        _ = try await client.identify()
        client.send(ScriptedGatewayClient.identifyJSON())
        #expect(try await client.closeCode() == 4005)
        #expect(simulator.violations.map(\.kind) == [.alreadyAuthenticated])
    }

    @Test(arguments: [3, 4, 8, 31, 43]) func commandBeforeIdentifyClosesWith4003(opcode: Int) async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        let client = try ScriptedGatewayClient(simulator)
        defer { client.finish() }
        _ = try await client.next()
        client.send(#"{"op":\#(opcode),"d":{"guild_id":"1"}}"#)
        #expect(try await client.closeCode() == 4003)
        #expect(simulator.violations.map(\.kind) == [.notAuthenticated])
    }

    @Test(arguments: [5, 10, 99]) func unknownOpcodeClosesWith4001(opcode: Int) async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        let client = try ScriptedGatewayClient(simulator)
        defer { client.finish() }
        _ = try await client.next()
        client.send(#"{"op":\#(opcode),"d":null}"#)
        #expect(try await client.closeCode() == 4001)
    }

    @Test func payloadOver4096BytesClosesWith4002() async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        let client = try ScriptedGatewayClient(simulator)
        defer { client.finish() }
        _ = try await client.next()
        let padding = String(repeating: "x", count: 4100)
        client.send(#"{"op":3,"d":{"status":"online","padding":"\#(padding)"}}"#)
        #expect(try await client.closeCode() == 4002)
        #expect(simulator.violations.map(\.kind) == [.payloadTooLarge])
    }

    @Test func invalidJSONClosesWith4002() async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        let client = try ScriptedGatewayClient(simulator)
        defer { client.finish() }
        _ = try await client.next()
        client.send(#"{"op":1,"d":"#)
        #expect(try await client.closeCode() == 4002)
        #expect(simulator.violations.map(\.kind) == [.decodeError])
    }

    @Test func heartbeatsAreAcknowledgedAndRecorded() async throws {
        let simulator = try makeSimulator()
        defer { simulator.stop() }
        let client = try ScriptedGatewayClient(simulator)
        defer { client.finish() }
        _ = try await client.next()
        let server = try await simulator.nextClient()
        client.send(#"{"op":1,"d":null}"#)
        #expect(try await client.next()["op"]?.intValue == 11)
        client.send(#"{"op":1,"d":42}"#)
        #expect(try await client.next()["op"]?.intValue == 11)
        let beats = try await server.waitForHeartbeats(count: 2, timeout: .seconds(5))
        #expect(beats.map(\.sequence) == [nil, 42])
        #expect(beats[0].arrival <= beats[1].arrival)
    }

    @Test func suppressedAcksLeaveHeartbeatsUnanswered() async throws {
        let simulator = try makeSimulator { $0.sendsGuildCreates = false }
        defer { simulator.stop() }
        let client = try ScriptedGatewayClient(simulator)
        defer { client.finish() }
        _ = try await client.identify()
        let server = try await simulator.nextClient()
        server.suppressHeartbeatAcks(true)
        client.send(#"{"op":1,"d":1}"#)
        client.send(#"{"op":8,"d":{"guild_id":"1","query":"","limit":0,"nonce":"after-beat"}}"#)
        let next = try await client.next()
        #expect(next["t"]?.stringValue == "GUILD_MEMBERS_CHUNK")
        #expect(next["d"]?["nonce"]?.stringValue == "after-beat")
        #expect(server.heartbeats.map(\.sequence) == [1])
        server.suppressHeartbeatAcks(false)
        client.send(#"{"op":1,"d":2}"#)
        #expect(try await client.next()["op"]?.intValue == 11)
    }

    @Test func resumeAfterDropReplaysMissedDispatchesThenResumed() async throws {
        let simulator = try makeSimulator { $0.guildCount = 1 }
        defer { simulator.stop() }
        let first = try ScriptedGatewayClient(simulator)
        let ready = try await first.identify()
        let sessionID = try #require(ready["d"]?["session_id"]?.stringValue)
        let resumeURL = try #require(ready["d"]?["resume_gateway_url"]?.stringValue)
        #expect(try await first.nextDispatch("GUILD_CREATE")["s"]?.intValue == 2)
        let firstServer = try await simulator.nextClient()
        #expect(firstServer.dispatch("MESSAGE_CREATE", data: #"{"content":"seen"}"#) == 3)
        #expect(try await first.next()["s"]?.intValue == 3)

        first.finish()
        _ = try await firstServer.closure()
        #expect(simulator.isResumable(session: sessionID))
        let missed = (0..<3).map {
            simulator.dispatch("MESSAGE_CREATE", data: #"{"content":"missed \#($0)"}"#, toSession: sessionID)
        }
        #expect(missed == [4, 5, 6])

        #expect(resumeURL.hasSuffix("/resume"))
        let second = try ScriptedGatewayClient(simulator, path: "/resume?v=10&encoding=json")
        defer { second.finish() }
        #expect(try await second.next()["op"]?.intValue == 10)
        second.send(ScriptedGatewayClient.resumeJSON(sessionID: sessionID, sequence: 3))
        for (offset, sequence) in missed.enumerated() {
            let replayed = try await second.next()
            #expect(replayed["s"]?.intValue == sequence)
            #expect(replayed["d"]?["content"]?.stringValue == "missed \(offset)")
        }
        let resumed = try await second.next()
        #expect(resumed["t"]?.stringValue == "RESUMED")
        #expect(resumed["s"]?.intValue == 7)

        let secondServer = try await simulator.nextClient()
        #expect(secondServer.path == "/resume")
        #expect(secondServer.query["v"] == "10")
        let resume = try await secondServer.expectResume()
        #expect(resume.sessionID == sessionID)
        #expect(resume.sequence == 3)
        #expect(secondServer.sessionID == sessionID)
        #expect(simulator.resumeCount == 1)
        #expect(simulator.identifyCount == 1)
        #expect(simulator.dispatch("TYPING_START", data: "{}", toSession: sessionID) == 8)
        #expect(try await second.next()["s"]?.intValue == 8)
    }

    @Test func resumeOfUnknownOrInvalidatedSessionGetsInvalidSessionFalse() async throws {
        let simulator = try makeSimulator { $0.sendsGuildCreates = false }
        defer { simulator.stop() }
        let first = try ScriptedGatewayClient(simulator)
        let ready = try await first.identify()
        let sessionID = try #require(ready["d"]?["session_id"]?.stringValue)
        first.finish()
        simulator.invalidate(session: sessionID)

        for id in ["no-such-session", sessionID] {
            let client = try ScriptedGatewayClient(simulator)
            defer { client.finish() }
            _ = try await client.next()
            client.send(ScriptedGatewayClient.resumeJSON(sessionID: id, sequence: 1))
            let answer = try await client.next()
            #expect(answer["op"]?.intValue == 9)
            #expect(answer["d"] == .bool(false))
        }
        #expect(simulator.resumeCount == 0)
        #expect(simulator.violations.map(\.kind) == [.resumeRefused, .resumeRefused])
    }

    @Test func resumeWithASequenceAheadOfTheSessionIsRefused() async throws {
        let simulator = try makeSimulator { $0.sendsGuildCreates = false }
        defer { simulator.stop() }
        let first = try ScriptedGatewayClient(simulator)
        let sessionID = try #require(try await first.identify()["d"]?["session_id"]?.stringValue)
        first.finish()
        let client = try ScriptedGatewayClient(simulator)
        defer { client.finish() }
        _ = try await client.next()
        client.send(ScriptedGatewayClient.resumeJSON(sessionID: sessionID, sequence: 2))
        #expect(try await client.next()["d"] == .bool(false))
    }

    @Test(arguments: [(1000, false), (1001, false), (4000, true)] as [(UInt16, Bool)])
    func clientCloseCodeDecidesWhetherTheSessionSurvives(code: UInt16, survives: Bool) async throws {
        let simulator = try makeSimulator { $0.sendsGuildCreates = false }
        defer { simulator.stop() }
        let first = try ScriptedGatewayClient(simulator)
        let sessionID = try #require(try await first.identify()["d"]?["session_id"]?.stringValue)
        let server = try await simulator.nextClient()
        try await first.close(code: code)
        #expect(try await server.closure().code == code)
        #expect(simulator.isResumable(session: sessionID) == survives)

        let second = try ScriptedGatewayClient(simulator)
        defer { second.finish() }
        _ = try await second.next()
        second.send(ScriptedGatewayClient.resumeJSON(sessionID: sessionID, sequence: 1))
        let answer = try await second.next()
        if survives {
            #expect(answer["t"]?.stringValue == "RESUMED")
        } else {
            #expect(answer["op"]?.intValue == 9)
            #expect(answer["d"] == .bool(false))
        }
    }

    @Test func overTheCommandLimitClosesWith4008() async throws {
        let simulator = try makeSimulator { $0.commandLimit = 3 }
        defer { simulator.stop() }
        let client = try ScriptedGatewayClient(simulator)
        defer { client.finish() }
        _ = try await client.next()
        for _ in 0..<4 { client.send(#"{"op":1,"d":null}"#) }
        for _ in 0..<3 { #expect(try await client.next()["op"]?.intValue == 11) }
        #expect(try await client.closeCode() == 4008)
        #expect(simulator.violations.map(\.kind) == [.rateLimited])
    }

    @Test func compressedConnectionCarriesTheWholeExchange() async throws {
        let simulator = try makeSimulator { $0.guildCount = 2 }
        defer { simulator.stop() }
        let client = try ScriptedGatewayClient(
            simulator, path: "/?v=10&encoding=json&compress=zlib-stream", compressed: true)
        defer { client.finish() }
        _ = try await client.identify()
        for sequence in 2...3 {
            let message = try await client.recorder.messages.next(timeout: .seconds(5))
            #expect(message.kind == .inflated)
            #expect(message.wireSize < message.bytes.count)
            #expect(try SimulatorJSON(parsing: message.text)["s"]?.intValue == sequence)
        }
        let server = try await simulator.nextClient()
        #expect(server.connection.isCompressed)
        client.send(#"{"op":1,"d":3}"#)
        #expect(try await client.next()["op"]?.intValue == 11)
    }

    @Test func servesTLSWithTheTestCertificate() async throws {
        let pki = try #require(TestPKI.shared)
        let simulator = try makeSimulator {
            $0.tlsCertificate = pki.localhost
            $0.sendsGuildCreates = false
        }
        defer { simulator.stop() }
        #expect(simulator.url.hasPrefix("wss://localhost:"))
        let client = try ScriptedGatewayClient(simulator, tls: pki.trustingConfiguration)
        defer { client.finish() }
        let ready = try await client.identify()
        #expect(ready["d"]?["resume_gateway_url"]?.stringValue == simulator.url + "/resume")
    }

    @Test func commandsGetTheirReplyDispatches() async throws {
        let simulator = try makeSimulator { $0.sendsGuildCreates = false }
        defer { simulator.stop() }
        let client = try ScriptedGatewayClient(simulator)
        defer { client.finish() }
        let ready = try await client.identify()
        let sessionID = try #require(ready["d"]?["session_id"]?.stringValue)

        client.send(#"{"op":8,"d":{"guild_id":"42","user_ids":["11","20"],"presences":true,"nonce":"n1"}}"#)
        let chunk = try await client.next()
        #expect(chunk["t"]?.stringValue == "GUILD_MEMBERS_CHUNK")
        #expect(chunk["s"]?.intValue == 2)
        #expect(chunk["d"]?["guild_id"]?.stringValue == "42")
        #expect(chunk["d"]?["members"]?.arrayValue?.count == 1)
        #expect(chunk["d"]?["not_found"] == .array([.string("20")]))
        #expect(chunk["d"]?["presences"]?.arrayValue?.count == 1)
        #expect(chunk["d"]?["nonce"]?.stringValue == "n1")

        client.send(#"{"op":31,"d":{"guild_ids":["7","8"]}}"#)
        for guildID in ["7", "8"] {
            let sounds = try await client.next()
            #expect(sounds["t"]?.stringValue == "SOUNDBOARD_SOUNDS")
            #expect(sounds["d"]?["guild_id"]?.stringValue == guildID)
        }

        client.send(#"{"op":43,"d":{"guild_id":"9","fields":["status"]}}"#)
        let info = try await client.next()
        #expect(info["t"]?.stringValue == "CHANNEL_INFO")
        #expect(info["d"]?["channels"]?[0]?["status"]?.stringValue != nil)
        #expect(info["d"]?["channels"]?[0]?["voice_start_time"] == nil)

        client.send(#"{"op":3,"d":{"since":null,"activities":[],"status":"dnd","afk":false}}"#)
        client.send(#"{"op":4,"d":{"guild_id":"9","channel_id":"10","self_mute":false,"self_deaf":true}}"#)
        #expect(try await client.next()["t"]?.stringValue == "VOICE_STATE_UPDATE")
        #expect(try await client.next()["t"]?.stringValue == "VOICE_SERVER_UPDATE")
        #expect(simulator.presence(ofSession: sessionID)?.contains("\"status\":\"dnd\"") == true)
        #expect(simulator.lastSequence(ofSession: sessionID) == 7)
        #expect(simulator.violations.isEmpty)
    }

    @Test func scriptedServerPayloadsReachTheClient() async throws {
        let simulator = try makeSimulator { $0.sendsGuildCreates = false }
        defer { simulator.stop() }
        let client = try ScriptedGatewayClient(simulator)
        defer { client.finish() }
        _ = try await client.identify()
        let server = try await simulator.nextClient()

        server.sendReconnect()
        #expect(try await client.next()["op"]?.intValue == 7)
        server.requestHeartbeat()
        let request = try await client.next()
        #expect(request["op"]?.intValue == 1)
        #expect(request["d"] == .null)
        server.sendUnknownOpcode(99)
        #expect(try await client.next()["op"]?.intValue == 99)
        server.sendMalformedJSON()
        let malformed = try await client.recorder.messages.next(timeout: .seconds(5))
        #expect((try? SimulatorJSON(parsing: malformed.text)) == nil)
        server.sendInvalidSession(resumable: true)
        #expect(try await client.next()["d"] == .bool(true))
        let sessionID = try #require(server.sessionID)
        #expect(simulator.isResumable(session: sessionID))
        server.sendInvalidSession(resumable: false)
        #expect(try await client.next()["d"] == .bool(false))
        #expect(!simulator.isResumable(session: sessionID))
    }

    @Test func slowPayloadArrivesWholeAndPayloadsSentMeanwhileFollowIt() async throws {
        let simulator = try makeSimulator { $0.sendsGuildCreates = false }
        defer { simulator.stop() }
        let client = try ScriptedGatewayClient(
            simulator, path: "/?v=10&encoding=json&compress=zlib-stream", compressed: true)
        defer { client.finish() }
        _ = try await client.identify()
        let server = try await simulator.nextClient()
        var fixtures = GatewayFixtures(seed: 3)
        let slow = fixtures.messageCreate(sequence: 2, targetSize: 600)
        server.sendSlowly(slow, chunkSize: 7, interval: .milliseconds(1))
        #expect(server.dispatch("TYPING_START", data: "{}") == 2)
        #expect(try await client.recorder.messages.next(timeout: .seconds(5)).text == slow)
        let typing = try await client.next()
        #expect(typing["t"]?.stringValue == "TYPING_START")
        #expect(typing["s"]?.intValue == 2)
    }

    @Test func identifiesOverMaxConcurrencyGetInvalidSession() async throws {
        let simulator = try makeSimulator {
            $0.maxConcurrency = 2
            $0.sendsGuildCreates = false
        }
        defer { simulator.stop() }
        for shard in [[0, 4], [1, 4]] {
            let client = try ScriptedGatewayClient(simulator)
            defer { client.finish() }
            _ = try await client.identify(shard: shard)
        }
        let late = try ScriptedGatewayClient(simulator)
        defer { late.finish() }
        _ = try await late.next()
        late.send(ScriptedGatewayClient.identifyJSON(shard: [2, 4]))
        let answer = try await late.next()
        #expect(answer["op"]?.intValue == 9)
        #expect(answer["d"] == .bool(false))
        #expect(simulator.identifyCount == 2)
        #expect(simulator.identifies.map(\.shard) == [[0, 4], [1, 4]])
        #expect(simulator.violations.map(\.kind) == [.identifyRateLimited])
    }

    @Test func dispatchToAllReachesEveryLiveSession() async throws {
        let simulator = try makeSimulator { $0.sendsGuildCreates = false }
        defer { simulator.stop() }
        let clients = try (0..<2).map { _ in try ScriptedGatewayClient(simulator) }
        defer { for client in clients { client.finish() } }
        for (shard, client) in clients.enumerated() { _ = try await client.identify(shard: [shard, 2]) }
        simulator.dispatchToAll("USER_UPDATE", data: #"{"id":"1"}"#)
        for client in clients {
            let update = try await client.next()
            #expect(update["t"]?.stringValue == "USER_UPDATE")
            #expect(update["s"]?.intValue == 2)
        }
    }

    @Test func repeatedAllMembersRequestGetsRateLimited() async throws {
        let simulator = try makeSimulator { $0.sendsGuildCreates = false }
        defer { simulator.stop() }
        let client = try ScriptedGatewayClient(simulator)
        defer { client.finish() }
        _ = try await client.identify()
        let request = #"{"op":8,"d":{"guild_id":"5","query":"","limit":0,"nonce":"all"}}"#
        client.send(request)
        #expect(try await client.next()["t"]?.stringValue == "GUILD_MEMBERS_CHUNK")
        client.send(request)
        let limited = try await client.next()
        #expect(limited["t"]?.stringValue == "RATE_LIMITED")
        #expect(limited["d"]?["opcode"]?.intValue == 8)
        #expect(limited["d"]?["meta"]?["guild_id"]?.stringValue == "5")
        #expect(limited["d"]?["meta"]?["nonce"]?.stringValue == "all")
        if case .number(let retryAfter)? = limited["d"]?["retry_after"] {
            #expect(retryAfter > 29 && retryAfter <= 30)
        } else {
            Issue.record("retry_after is not a number")
        }
    }

    @Test func resumeNeedingTrimmedDispatchesIsRefused() async throws {
        let simulator = try makeSimulator {
            $0.sendsGuildCreates = false
            $0.replayLimit = 0
        }
        defer { simulator.stop() }
        let first = try ScriptedGatewayClient(simulator)
        let sessionID = try #require(try await first.identify()["d"]?["session_id"]?.stringValue)
        first.finish()
        simulator.dispatch("TYPING_START", data: "{}", toSession: sessionID)
        let client = try ScriptedGatewayClient(simulator)
        defer { client.finish() }
        _ = try await client.next()
        client.send(ScriptedGatewayClient.resumeJSON(sessionID: sessionID, sequence: 1))
        #expect(try await client.next()["d"] == .bool(false))
    }

    @Test func helloCanBeLeftToTheScript() async throws {
        let simulator = try makeSimulator { $0.sendsHello = false }
        defer { simulator.stop() }
        let client = try ScriptedGatewayClient(simulator)
        defer { client.finish() }
        let server = try await simulator.nextClient()
        server.sendReconnect()
        #expect(try await client.next()["op"]?.intValue == 7)
        server.sendHello(heartbeatInterval: .milliseconds(1500))
        let hello = try await client.next()
        #expect(hello["op"]?.intValue == 10)
        #expect(hello["d"]?["heartbeat_interval"]?.intValue == 1500)
    }

    @Test func logReceivesALinePerNotableEvent() async throws {
        let lines = TimedMailbox<String>(label: "a log line")
        let simulator = try makeSimulator {
            $0.sendsGuildCreates = false
            $0.log = { lines.put($0) }
        }
        defer { simulator.stop() }
        let client = try ScriptedGatewayClient(simulator)
        _ = try await client.identify()
        client.send(#"{"op":5,"d":null}"#)
        #expect(try await client.closeCode() == 4001)
        client.connection.join()
        #expect(try await lines.next(timeout: .seconds(5)).contains("connected to /"))
        #expect(try await lines.next(timeout: .seconds(5)).contains("identified, session"))
        #expect(try await lines.next(timeout: .seconds(5)).contains("unknown opcode (closed 4001)"))
        #expect(try await lines.next(timeout: .seconds(5)).contains("ended, code 4001 by server"))
    }

    @Test func jsonValuesRoundTripThroughTheParser() throws {
        let value = try SimulatorJSON(parsing: #"{"b":true,"n":1,"f":1.5,"z":null,"s":"x\"y","a":[false,2]}"#)
        #expect(value["b"] == .bool(true))
        #expect(value["n"]?.intValue == 1)
        #expect(value["f"]?.intValue == nil)
        #expect(value["z"]?.isNull == true)
        #expect(value.description == #"{"a":[false,2],"b":true,"f":1.5,"n":1,"s":"x\"y","z":null}"#)
        #expect(throws: SimulatorJSON.ParseError.self) { try SimulatorJSON(parsing: "{") }
    }
}
