import DiscordGateway
import DiscordGatewayTesting
import Foundation
import Testing

/// Pulls a cluster's events with ``ShardCluster/nextEvent(timeout:)`` on a thread of its own (it blocks) and hands
/// them to the test through mailboxes.
///
/// **Threading:** the loop runs on one `Thread`; the mailboxes are safe from any thread.
final class ClusterEventPuller: Sendable {
    /// Every event the loop received, in order.
    let events = TimedMailbox<ClusterEvent>(label: "a pulled cluster event")
    /// Put once when `nextEvent` returned `nil`: how long that last call blocked.
    let ended = TimedMailbox<Duration>(label: "nextEvent to return nil")

    /// Starts the loop on a new thread; it ends when `nextEvent` returns `nil`.
    init(cluster: ShardCluster) {
        let events = self.events
        let ended = self.ended
        let thread = Thread {
            while true {
                let asked = ContinuousClock.now
                guard let event = cluster.nextEvent(timeout: .seconds(50)) else {
                    ended.put(ContinuousClock.now - asked)
                    return
                }
                events.put(event)
            }
        }
        thread.name = "ClusterEventPuller"
        thread.start()
    }
}

@Suite(.usesSockets, .timeLimit(.minutes(1))) struct ShardClusterPullTests {
    @Test func nextEventDeliversEachShardsEventsTaggedWithItsShardWithoutHandlersAndEndsAtShutdown() async throws {
        var settings = GatewaySimulator.Configuration()
        settings.heartbeatInterval = .seconds(5)
        settings.recommendedShards = 3
        settings.maxConcurrency = 2
        settings.identifyWindow = .milliseconds(400)
        settings.guildCount = 6
        let simulator = try GatewaySimulator(configuration: settings)
        defer { simulator.stop() }

        var configuration = ShardClusterConfiguration(token: "test-token")
        configuration.shards = .recommended
        configuration.apiBaseURL = simulator.restBaseURL
        configuration.identifyCoordinator = IdentifyScheduler(
            configuration: .init(maxConcurrency: 2, window: .milliseconds(400), safetyMargin: .milliseconds(20)))
        var template = ShardConfiguration(token: "test-token")
        template.allowsInsecureTransport = true
        template.intents = .guilds
        configuration.shardTemplate = template
        // No delegate and no handlers: events reach only nextEvent(timeout:).
        let cluster = ShardCluster(configuration: configuration)
        let puller = ClusterEventPuller(cluster: cluster)
        try await cluster.start()
        #expect(cluster.total == 3)

        var readyShards: [Int] = []
        while readyShards.count < 3 {
            let event = try await puller.events.next(timeout: .seconds(20)) { $0.event.name == "READY" }
            readyShards.append(event.shardID)
            let sessionID = try #require(cluster.shard(id: event.shardID)?.session?.id)
            #expect(event.event.rawText.contains(sessionID))
            #expect(event.event.rawText.contains(#""shard":[\#(event.shardID),3]"#))
        }
        #expect(readyShards.sorted() == [0, 1, 2])

        let target = 1
        let sessionID = try #require(cluster.shard(id: target)?.session?.id)
        let sequence = simulator.dispatch(
            "MESSAGE_CREATE", data: #"{"id":"42","channel_id":"7","content":"for shard one"}"#, toSession: sessionID)
        #expect(sequence > 0)
        let message = try await puller.events.next(timeout: .seconds(10)) { $0.event.name == "MESSAGE_CREATE" }
        #expect(message.shardID == target)
        #expect(message.event.sequence == sequence)
        #expect(message.event.rawText.contains("for shard one"))

        let saved = try await cluster.shutdown()
        #expect(saved.count == 3)
        let blocked = try await puller.ended.next(timeout: .seconds(10))
        #expect(blocked < .seconds(10))
        #expect(puller.events.all.allSatisfy { (0..<3).contains($0.shardID) })
        #expect(cluster.nextEvent(timeout: .seconds(5)) == nil)
    }

    @Test func aReaderThatFallsBehindPausesTheShardsInsteadOfGrowingOrDroppingEvents() async throws {
        var settings = GatewaySimulator.Configuration()
        settings.heartbeatInterval = .milliseconds(150)
        settings.guildCount = 2
        let simulator = try GatewaySimulator(configuration: settings)
        defer { simulator.stop() }
        var configuration = clusterConfiguration(
            simulator, shards: .total(1), maxConcurrency: 1, window: .milliseconds(50))
        configuration.pullBufferCapacity = 5
        configuration.shardTemplate.deliveryBufferCapacity = 4
        let cluster = ShardCluster(configuration: configuration)
        let states = TimedMailbox<ShardState>(label: "a shard state")
        cluster.onStateChange { _, _, new in states.put(new) }
        // A handler is registered, so events reach the pull buffer only once someone has asked for them.
        #expect(cluster.nextEvent(timeout: .milliseconds(1)) == nil)
        try await cluster.start()
        _ = try await states.next(timeout: .seconds(10)) { $0 == .connected }
        let client = try #require(simulator.clients.first)
        let sessionID = try #require(client.sessionID)

        // Nobody reads: the buffer fills to its capacity and stops there; the shard pauses reading.
        let sent = (1...60).map { index in
            simulator.dispatch("MESSAGE_CREATE", data: #"{"id":"\#(index)","channel_id":"7"}"#, toSession: sessionID)
        }
        let shard = try #require(cluster.shard(id: 0))
        try await waitUntil("a full buffer and a paused shard") {
            cluster.pendingEventCount >= 5 && shard.deliveryStatistics.pauseCount >= 1
        }
        #expect(cluster.pendingEventCount == 5)
        #expect(shard.deliveryStatistics.pauseCount >= 1)
        // Heartbeats go on while it is paused, and nothing reconnects.
        let beats = client.heartbeats.count
        _ = try await client.waitForHeartbeats(count: beats + 3, timeout: .seconds(10))
        #expect(cluster.pendingEventCount == 5)

        // The reader catches up and gets every event, in order, with no gap.
        let puller = ClusterEventPuller(cluster: cluster)
        var received: [Int] = []
        while received.count < sent.count {
            let event = try await puller.events.next(timeout: .seconds(10)) { $0.event.name == "MESSAGE_CREATE" }
            received.append(try #require(event.event.sequence))
        }
        #expect(received == sent)
        #expect(shard.state == .connected)
        #expect(cluster.status.first?.reconnectCount == 0)
        #expect(simulator.resumeCount == 0 && simulator.identifyCount == 1)
        try await cluster.shutdown(resumable: false)
        _ = try await puller.ended.next(timeout: .seconds(10))
    }
}
