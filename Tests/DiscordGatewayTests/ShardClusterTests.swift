import DiscordGateway
import DiscordGatewayTesting
import Foundation
import Testing

/// Records cluster callbacks.
final class ClusterRecorder: ShardClusterDelegate {
    let ready = TimedMailbox<Bool>(label: "the cluster to become ready")
    let progress = TimedMailbox<Int>(label: "startup progress")
    let budget = TimedMailbox<Int>(label: "a budget event")
    let events = TimedMailbox<ClusterEvent>(label: "a cluster event")

    func shardClusterDidBecomeReady(_ cluster: ShardCluster) { ready.put(true) }
    func shardCluster(_ cluster: ShardCluster, didUpdateStartupProgress ready: Int, of total: Int) {
        progress.put(ready)
    }
    func shardCluster(_ cluster: ShardCluster, didExhaustIdentifyBudget remaining: Int, resetAfter: Duration) {
        budget.put(remaining)
    }
    func shardCluster(_ cluster: ShardCluster, didReceive event: GatewayEvent, from shard: Shard) {
        events.put(ClusterEvent(shardID: shard.id, event: event))
    }
}

/// A cluster configuration aimed at `simulator` (REST and gateway on the same port).
func clusterConfiguration(
    _ simulator: GatewaySimulator, shards: ShardSelection, maxConcurrency: Int, window: Duration,
    margin: Duration = .milliseconds(30)
) -> ShardClusterConfiguration {
    var configuration = ShardClusterConfiguration(token: "test-token")
    configuration.shards = shards
    configuration.apiBaseURL = simulator.url.replacingOccurrences(of: "ws://", with: "http://") + "/api/v10"
    configuration.identifyCoordinator = IdentifyScheduler(
        configuration: .init(maxConcurrency: maxConcurrency, window: window, safetyMargin: margin))
    var template = ShardConfiguration(token: "test-token")
    template.allowsInsecureTransport = true
    template.intents = .guilds
    template.backoff = Backoff(
        baseDelay: .milliseconds(20), maximumDelay: .milliseconds(200), jitterFraction: 0,
        shortConnectionThreshold: .zero, minimumDelayAfterShortConnection: .zero)
    template.commandWindow = .seconds(5)
    configuration.shardTemplate = template
    return configuration
}

@Suite(.usesSockets, .timeLimit(.minutes(2))) struct ShardClusterTests {
    @Test func routingHelpersMatchDiscordsFormula() {
        #expect(ShardCluster.shardID(forGuild: 0, total: 4) == 0)
        let guild: UInt64 = 175_928_847_299_117_063
        #expect(ShardCluster.shardID(forGuild: Snowflake(guild), total: 16) == Int((guild >> 22) % 16))
        #expect(ShardCluster.bucket(ofShard: 17, maxConcurrency: 16) == 1)
        #expect(ShardCluster.shardIDs(inBucket: 1, maxConcurrency: 4, total: 12) == [1, 5, 9])
        #expect(
            ShardCluster.ranges(total: 64, processes: 4, maxConcurrency: 16) == [0...15, 16...31, 32...47, 48...63])
        #expect(ShardCluster.ranges(total: 10, processes: 3) == [0...3, 4...6, 7...9])
    }

    @Test func thirtyTwoShardsAtMaxConcurrencyFourIdentifyBucketsSideBySideWithoutViolations() async throws {
        var settings = GatewaySimulator.Configuration()
        settings.heartbeatInterval = .seconds(5)
        settings.maxConcurrency = 4
        settings.identifyWindow = .milliseconds(300)
        settings.recommendedShards = 32
        settings.guildCount = 64
        let simulator = try GatewaySimulator(configuration: settings)
        defer { simulator.stop() }
        // Discord (and the simulator) measure arrival; a generous margin absorbs scheduling delays on a loaded
        // machine (the thread sanitizer slows everything down several times).
        let configuration = clusterConfiguration(
            simulator, shards: .recommended, maxConcurrency: 4, window: .milliseconds(300), margin: .milliseconds(150))
        let cluster = ShardCluster(configuration: configuration)
        let recorder = ClusterRecorder()
        cluster.delegate = recorder
        let started = ContinuousClock.now
        try await cluster.start()
        _ = try await recorder.ready.next(timeout: .seconds(30))
        let elapsed = ContinuousClock.now - started
        print("32 shards at max_concurrency 4 (300 ms windows + 150 ms margin): ready in \(elapsed)")
        // The buckets identify side by side: every bucket's first Identify arrives before bucket 0's second, which
        // the scheduler holds back a whole window (a serial scheduler would send bucket 0 twice first). Arrival
        // order, not a wall-clock bound, so a slow machine cannot fail it.
        let accepted = simulator.identifyTimeline.filter(\.accepted).sorted { $0.arrival < $1.arrival }
        let bucketZero = accepted.filter { $0.bucket == 0 }
        #expect(bucketZero.count == 8)
        if bucketZero.count >= 2 {
            for bucket in 0..<4 {
                let first = accepted.first { $0.bucket == bucket }
                #expect(first.map { $0.arrival < bucketZero[1].arrival } == true, "bucket \(bucket) waited")
            }
        }
        #expect(cluster.total == 32)
        #expect(cluster.isReady)
        #expect(cluster.readyCount == 32)
        #expect(simulator.identifyCount == 32)
        #expect(simulator.violations.filter { $0.kind == .identifyRateLimited }.isEmpty)
        #expect(recorder.progress.all == Array(1...32))

        // A mass disconnect: every shard resumes; not one identify.
        for client in simulator.clients where client.sessionID != nil { client.drop() }
        try await waitUntil("every shard to resume", timeout: .seconds(20)) {
            cluster.status.allSatisfy { $0.reconnectCount >= 1 } && cluster.isReady
        }
        #expect(simulator.identifyCount == 32)
        #expect(simulator.resumeCount == 32)
        try await cluster.shutdown(resumable: false)
    }

    @Test func restartFromASessionStoreUsesNoIdentify() async throws {
        var settings = GatewaySimulator.Configuration()
        settings.heartbeatInterval = .seconds(5)
        settings.recommendedShards = 4
        let simulator = try GatewaySimulator(configuration: settings)
        defer { simulator.stop() }
        let path = NSTemporaryDirectory() + "sessions-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var configuration = clusterConfiguration(
            simulator, shards: .total(4), maxConcurrency: 4, window: .milliseconds(100))
        configuration.sessionStore = JSONFileSessionStore(path: path)
        let first = ShardCluster(configuration: configuration)
        let firstRecorder = ClusterRecorder()
        first.delegate = firstRecorder
        try await first.start()
        _ = try await firstRecorder.ready.next(timeout: .seconds(10))
        let saved = try await first.shutdown()
        #expect(saved.count == 4)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("test-token") == false)
        #expect(simulator.identifyCount == 4)

        configuration.identifyCoordinator = IdentifyScheduler(
            configuration: .init(maxConcurrency: 4, window: .milliseconds(100), safetyMargin: .zero))
        let second = ShardCluster(configuration: configuration)
        let secondRecorder = ClusterRecorder()
        second.delegate = secondRecorder
        try await second.start()
        _ = try await secondRecorder.ready.next(timeout: .seconds(10))
        #expect(simulator.identifyCount == 4)
        #expect(simulator.resumeCount == 4)
        try await second.shutdown(resumable: false)
    }

    @Test func budgetGuardStopsIdentifyingAtItsReserve() async throws {
        var settings = GatewaySimulator.Configuration()
        settings.heartbeatInterval = .seconds(5)
        settings.recommendedShards = 10
        settings.sessionStartLimit = SimulatedSessionStartLimit(total: 1000, remaining: 8, resetAfter: .seconds(3600))
        let simulator = try GatewaySimulator(configuration: settings)
        defer { simulator.stop() }
        var configuration = clusterConfiguration(
            simulator, shards: .recommended, maxConcurrency: 10, window: .milliseconds(50))
        configuration.identifyCoordinator = nil  // the built-in scheduler, fed by /gateway/bot's budget
        configuration.maxConcurrency = 10
        configuration.identifyBudgetReserve = 5
        let cluster = ShardCluster(configuration: configuration)
        let recorder = ClusterRecorder()
        cluster.delegate = recorder
        let started = ContinuousClock.now
        try await cluster.start()
        let remaining = try await recorder.budget.next(timeout: .seconds(20))
        print("budget event after \(ContinuousClock.now - started)")
        #expect(remaining == 5)
        try await waitUntil("3 shards ready") { cluster.readyCount >= 3 }
        print("3 ready after \(ContinuousClock.now - started)")
        // A quiet period, not a synchronisation: a scheduler that ignored the reserve would start a fourth
        // session within it (a grant, an Identify and a READY take a few milliseconds here).
        try await Task.sleep(for: .milliseconds(300))
        #expect(cluster.readyCount == 3)
        #expect(simulator.identifyCount == 3)
        #expect(simulator.sessionStartsRemaining == 5)
        #expect(simulator.violations.filter { $0.closeCode == 4004 }.isEmpty)
        try await cluster.shutdown(resumable: false)
    }

    @Test func guildCommandsGoToTheOwningShardAndEventsAreTagged() async throws {
        var settings = GatewaySimulator.Configuration()
        settings.heartbeatInterval = .seconds(5)
        settings.recommendedShards = 4
        settings.guildCount = 8
        let simulator = try GatewaySimulator(configuration: settings)
        defer { simulator.stop() }
        let cluster = ShardCluster(
            configuration: clusterConfiguration(
                simulator, shards: .total(4), maxConcurrency: 4, window: .milliseconds(50)))
        let recorder = ClusterRecorder()
        cluster.delegate = recorder
        try await cluster.start()
        _ = try await recorder.ready.next(timeout: .seconds(10))
        let guild = try #require(simulator.guildIDs(forShard: [2, 4]).first.flatMap { Snowflake($0) })
        #expect(cluster.shard(forGuild: guild)?.id == 2)
        try cluster.send(.requestGuildMembers(.all(guildID: guild, nonce: "n1")))
        let chunk = try await recorder.events.next(timeout: .seconds(5)) { $0.event.name == "GUILD_MEMBERS_CHUNK" }
        #expect(chunk.shardID == 2)
        #expect(throws: ShardClusterError.self) { try cluster.send(.presenceUpdate(.init())) }
        try cluster.updatePresence(.init(status: .idle), shard: 1)
        try await cluster.shutdown(resumable: false)
    }

    @Test func rejectedTokenFailsTheStart() async throws {
        let simulator = try GatewaySimulator()
        defer { simulator.stop() }
        var configuration = ShardClusterConfiguration(token: "wrong-token")
        configuration.apiBaseURL = simulator.restBaseURL
        let cluster = ShardCluster(configuration: configuration)
        await #expect(throws: HTTPError.self) { try await cluster.start() }
        #expect(cluster.shards.isEmpty)
    }
}
