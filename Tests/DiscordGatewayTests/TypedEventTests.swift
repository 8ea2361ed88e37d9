import DiscordGateway
import DiscordGatewayTesting
import Foundation
import Testing

/// Typed events end to end: the event filter by type, lazy decoding through `onDispatch`, and decode failures that
/// neither stop the shard nor lose the event.
@Suite(.usesSockets, .timeLimit(.minutes(1))) struct TypedEventTests {
    /// The `d` of a whole payload, as JSON text.
    static func data(of payload: String) throws -> String {
        let object = try #require(JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
        let data = try JSONSerialization.data(withJSONObject: try #require(object["d"]))
        return String(decoding: data, as: UTF8.self)
    }

    @Test func aTypedFilterDeliversOnlyTheChosenEventsAndTheyDecode() async throws {
        let simulator = try makeSimulator { $0.guildCount = 3 }
        defer { simulator.stop() }
        let decoded = TimedMailbox<DispatchEvent>(label: "a decoded dispatch")
        let (shard, recorder) = makeShard(simulator) {
            $0.eventFilter = GatewayEventFilter(.guildCreate, .messageCreate)
        }
        shard.onDispatch {
            decoded.put($0)
        } decodeFailed: { error, _ in
            Issue.record("\(error)")
        }
        shard.connect()
        defer { shard.close() }
        let client = try await simulator.nextClient()
        _ = try await recorder.waitForState { $0 == .connected }

        var guildIDs: [Snowflake] = []
        for _ in 0..<3 {
            guard case .guildCreate(.available(let guild)) = try await decoded.next(timeout: .seconds(5)) else {
                Issue.record("expected an available GUILD_CREATE")
                return
            }
            #expect(!(guild.channels ?? []).isEmpty && !(guild.roles.isEmpty))
            guildIDs.append(guild.id)
        }
        #expect(guildIDs.map(\.description) == simulator.guildIDs(forShard: [0, 1]))

        var fixtures = GatewayFixtures(seed: 7)
        let typing = client.dispatch("TYPING_START", data: try Self.data(of: fixtures.typingStart(sequence: 1)))
        let messagePayload = fixtures.messageCreate(sequence: 2)
        let expected = try GatewayJSONDecoder().decode(DataMember<Message>.self, from: Array(messagePayload.utf8)).data
        let message = try client.dispatch(.messageCreate(expected))  // the model, encoded by the simulator
        guard case .messageCreate(let created) = try await decoded.next(timeout: .seconds(5)) else {
            Issue.record("expected MESSAGE_CREATE")
            return
        }
        #expect(created == expected)
        #expect(!created.content.isEmpty && created.guildID != nil && created.member != nil)
        let raw = recorder.events.all
        #expect(raw.compactMap(\.name) == ["GUILD_CREATE", "GUILD_CREATE", "GUILD_CREATE", "MESSAGE_CREATE"])
        #expect(raw.last?.sequence == message && message == typing + 1)
        #expect(raw.last?.type == .messageCreate)
    }

    @Test func aDispatchThatDoesNotDecodeIsReportedAndTheShardCarriesOn() async throws {
        let simulator = try makeSimulator { $0.guildCount = 0 }
        defer { simulator.stop() }
        let decoded = TimedMailbox<DispatchEvent>(label: "a decoded dispatch")
        let failures = TimedMailbox<EventDecodingError>(label: "a decode failure")
        let failedEvents = TimedMailbox<GatewayEvent>(label: "a failed raw event")
        let (shard, recorder) = makeShard(simulator)
        shard.onDispatch {
            decoded.put($0)
        } decodeFailed: { error, event in
            failures.put(error)
            failedEvents.put(event)
        }
        shard.connect()
        defer { shard.close() }
        let client = try await simulator.nextClient()
        _ = try await recorder.waitForState { $0 == .connected }
        guard case .ready(let ready) = try await decoded.next(timeout: .seconds(5)) else {
            Issue.record("expected READY first")
            return
        }
        #expect(ready.sessionID == simulator.sessionIDs.first)

        let broken = client.dispatch("CHANNEL_PINS_UPDATE", data: #"{"channel_id":"abc","last_pin_timestamp":null}"#)
        let unknown = client.dispatch("SOMETHING_NEW", data: #"{"x":1}"#)
        let good = client.dispatch("CHANNEL_PINS_UPDATE", data: #"{"channel_id":"42","last_pin_timestamp":null}"#)

        let failure = try await failures.next(timeout: .seconds(5))
        #expect(failure.eventName == "CHANNEL_PINS_UPDATE" && failure.codingPath == "d.channel_id")
        #expect(failure.message.contains("abc"))
        let failedEvent = try await failedEvents.next(timeout: .seconds(5))
        #expect(failedEvent.sequence == broken && failure.payload == failedEvent.rawPayload)
        guard case .unknown(let name, let payload) = try await decoded.next(timeout: .seconds(5)) else {
            Issue.record("expected the unknown event")
            return
        }
        #expect(name == "SOMETHING_NEW" && String(decoding: payload, as: UTF8.self).contains(#""x":1"#))
        guard case .channelPinsUpdate(let pins) = try await decoded.next(timeout: .seconds(5)) else {
            Issue.record("expected the good CHANNEL_PINS_UPDATE")
            return
        }
        #expect(pins.channelID == 42 && pins.lastPinTimestamp == .null)
        _ = try await recorder.events.next(timeout: .seconds(5)) { $0.sequence == good }
        #expect(recorder.events.all.compactMap(\.sequence).suffix(3) == [broken, unknown, good])
        #expect(shard.state == .connected)
    }

    @Test func everyDispatchTheSimulatorSendsDecodesIncludingAfterAResume() async throws {
        let simulator = try makeSimulator { $0.guildCount = 4 }
        defer { simulator.stop() }
        let decoded = TimedMailbox<DispatchEvent>(label: "a decoded dispatch")
        let (shard, recorder, client) = try await startConnectedShard(simulator) { _ in }
        shard.onDispatch {
            decoded.put($0)
        } decodeFailed: { error, _ in
            Issue.record("\(error)")
        }
        defer { shard.close() }
        let guild = try #require(simulator.guildIDs(forShard: [0, 1]).first.flatMap { Snowflake($0) })
        try shard.send(.requestGuildMembers(.init(guildID: guild, selection: .userIDs([11, 20]), presences: true)))
        guard case .guildMembersChunk(let chunk) = try await decoded.next(timeout: .seconds(5)) else {
            Issue.record("expected GUILD_MEMBERS_CHUNK")
            return
        }
        #expect(chunk.guildID == guild && chunk.members.count == 1 && chunk.notFound == [20])
        client.drop()
        _ = try await recorder.waitForState { $0 == .resuming }
        guard case .resumed = try await decoded.next(timeout: .seconds(10)) else {
            Issue.record("expected RESUMED")
            return
        }
        #expect(recorder.events.all.compactMap(\.name).contains("GUILD_CREATE"))
    }
}

extension TypedEventTests {
    @Test func aClusterDecodesEveryShardsDispatchesTaggedWithTheShard() async throws {
        var settings = GatewaySimulator.Configuration()
        settings.heartbeatInterval = .seconds(5)
        settings.recommendedShards = 2
        settings.guildCount = 6
        let simulator = try GatewaySimulator(configuration: settings)
        defer { simulator.stop() }
        let cluster = ShardCluster(
            configuration: clusterConfiguration(
                simulator, shards: .total(2), maxConcurrency: 2, window: .milliseconds(50)))
        let decoded = TimedMailbox<(shard: Int, guild: Snowflake)>(label: "a decoded GUILD_CREATE")
        let failures = TimedMailbox<EventDecodingError>(label: "a decode failure")
        cluster.onDispatch { shardID, event in
            if case .guildCreate(let guild) = event { decoded.put((shardID, guild.id)) }
        } decodeFailed: { error, _ in
            failures.put(error)
        }
        try await cluster.start()
        var seen: [Int: Set<String>] = [:]
        for _ in 0..<6 {
            let (shard, guild) = try await decoded.next(timeout: .seconds(10))
            seen[shard, default: []].insert(guild.description)
        }
        #expect(seen[0] == Set(simulator.guildIDs(forShard: [0, 2])))
        #expect(seen[1] == Set(simulator.guildIDs(forShard: [1, 2])))
        #expect(failures.all.isEmpty)
        try await cluster.shutdown(resumable: false)
    }
}
