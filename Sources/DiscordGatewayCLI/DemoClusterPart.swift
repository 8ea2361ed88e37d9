internal import DiscordGateway
internal import DiscordGatewayTesting
internal import Dispatch
internal import Foundation

/// Part 1 of the simulated demo: a ``ShardCluster`` of 8 shards starts under `max_concurrency` 2, shuts down
/// resumably into an ``InMemorySessionStore``, and a second cluster resumes every shard from the store.
///
/// **Threading:** ``run()`` blocks the calling thread (the main thread of `demo`); progress lines are written from
/// the cluster's callback queue through the shared ``DemoLog``.
struct DemoClusterPart {
    /// Shards in the cluster.
    static let shardCount = 8
    /// Identify buckets (`max_concurrency`).
    static let maxConcurrency = 2
    /// The simulator's (and the scheduler's) identify window per bucket.
    static let window = Duration.milliseconds(400)
    /// How long each cluster may take to get every shard connected.
    static let readyTimeout = Duration.seconds(15)

    /// What one cluster run saw.
    struct Startup {
        /// Whether every shard connected before the timeout.
        var isReady: Bool
        /// Time from `start()` until every shard was connected (or the timeout).
        var elapsed: Duration
    }

    /// Where lines go.
    let log: DemoLog

    /// Runs part 1 and prints its verdict line; whether it passed.
    func run() -> Bool {
        log.say(
            "part 1: a cluster of \(Self.shardCount) shards, max_concurrency \(Self.maxConcurrency) (identify "
                + "buckets shard_id % \(Self.maxConcurrency), one identify per bucket per "
                + "\(Self.milliseconds(Self.window)) ms window)", timestamped: false)
        var settings = GatewaySimulator.Configuration()
        settings.heartbeatInterval = .seconds(5)
        settings.recommendedShards = Self.shardCount
        settings.maxConcurrency = Self.maxConcurrency
        settings.identifyWindow = Self.window
        settings.guildCount = Self.shardCount * 2
        let simulator: GatewaySimulator
        do {
            simulator = try GatewaySimulator(configuration: settings)
        } catch {
            printError("demo: could not start the gateway simulator for part 1: \(error)")
            return false
        }
        defer { simulator.stop() }
        log.say("gateway simulator on \(simulator.url) recommends \(Self.shardCount) shards via GET /gateway/bot")

        let store = InMemorySessionStore()
        do {
            let first = try startCluster(on: simulator, store: store, describesIdentifies: true)
            let identifies = simulator.identifyCount
            let saved = first.saved
            log.say("shutdown(resumable: true): \(saved) sessions saved to an InMemorySessionStore")

            log.say("a second cluster starts from the store")
            let second = try startCluster(on: simulator, store: store, describesIdentifies: false)
            let newIdentifies = simulator.identifyCount - identifies
            let resumes = simulator.resumeCount
            if second.startup.isReady {
                log.say(
                    "all \(Self.shardCount) shards resumed in \(Self.milliseconds(second.startup.elapsed)) ms: "
                        + "\(resumes) resumes, \(newIdentifies) new identifies")
            }
            let violations = simulator.violations.filter { $0.kind == .identifyRateLimited }
            for violation in violations { log.say("simulator: \(violation)") }
            let passed =
                first.startup.isReady && identifies == Self.shardCount && saved == Self.shardCount
                && second.startup.isReady && resumes == Self.shardCount && newIdentifies == 0 && violations.isEmpty
            let readyText =
                first.startup.isReady
                ? "\(Self.shardCount) shards ready in \(Self.seconds(first.startup.elapsed)) s"
                : "NOT ALL SHARDS READY"
            log.say(
                "demo part 1: \(readyText), \(identifies) identifies, \(violations.count) bucket violations; "
                    + "restart from the store: \(resumes) resumes, \(newIdentifies) new identifies — "
                    + (passed ? "identify limits respected, every session resumed" : "FAILED"), timestamped: false)
            return passed
        } catch {
            printError("demo: part 1 failed: \(error)")
            return false
        }
    }

    /// Starts a cluster on `simulator` with `store`, waits until every shard is connected, and shuts it down
    /// resumably; what it saw and how many sessions it saved.
    private func startCluster(
        on simulator: GatewaySimulator, store: InMemorySessionStore, describesIdentifies: Bool
    ) throws -> (startup: Startup, saved: Int) {
        var configuration = ShardClusterConfiguration(token: "test-token")
        configuration.shards = .recommended
        configuration.apiBaseURL = simulator.restBaseURL
        configuration.identifyCoordinator = IdentifyScheduler(
            configuration: .init(
                maxConcurrency: Self.maxConcurrency, window: Self.window, safetyMargin: .milliseconds(100)))
        configuration.sessionStore = store
        var template = ShardConfiguration(token: "test-token")
        template.allowsInsecureTransport = true  // ws:// to the loopback simulator, explicitly allowed
        template.intents = .guilds
        configuration.shardTemplate = template
        let callbackQueue = DispatchQueue(label: "discord-gateway.demo.cluster")
        configuration.callbackQueue = callbackQueue

        let cluster = ShardCluster(configuration: configuration)
        let progress = DemoClusterProgress(
            log: log, simulator: simulator, maxConcurrency: Self.maxConcurrency,
            describesIdentifies: describesIdentifies)
        cluster.onStateChange { id, _, new in
            if new == .connected { progress.connected(shard: id) }
        }
        cluster.onStartupProgress { ready, total in progress.update(ready: ready, total: total) }
        let started = ContinuousClock.now
        progress.begin(at: started)
        try blockingAwait { try await cluster.start() }
        let isReady = progress.waitUntilReady(timeout: Self.readyTimeout)
        let elapsed = (progress.readyAt ?? .now) - started
        let saved = try blockingAwait { try await cluster.shutdown(resumable: true) }
        for shard in cluster.shards { drainCallbacks(of: shard, on: callbackQueue) }
        return (Startup(isReady: isReady, elapsed: elapsed), saved.count)
    }

    /// `duration` in seconds with two decimals.
    static func seconds(_ duration: Duration) -> String {
        String(format: "%.2f", DemoObserver.seconds(duration))
    }

    /// `duration` in whole milliseconds.
    static func milliseconds(_ duration: Duration) -> Int {
        Int(DemoObserver.seconds(duration) * 1000)
    }
}

/// Collects shards as they connect and prints one progress line per identify window.
///
/// **Threading:** called on the cluster's callback queue and read from the demo thread; state sits in a `Locked`.
final class DemoClusterProgress: Sendable {
    /// Mutable progress.
    private struct State {
        /// When the cluster started.
        var started = ContinuousClock.now
        /// Shards connected since the last printed line, in order.
        var pending: [Int] = []
        /// Shards connected at least once (a reconnect during startup is not listed twice).
        var seen: Set<Int> = []
        /// When the last shard connected.
        var readyAt: ContinuousClock.Instant?
    }

    /// Where lines go.
    let log: DemoLog
    /// The simulator, for identify arrival times.
    let simulator: GatewaySimulator
    /// Buckets, i.e. shards per line.
    let maxConcurrency: Int
    /// Whether lines name each shard's identify (first start) or only count (resumed start).
    let describesIdentifies: Bool
    /// Mutable progress.
    private let state = Locked(State())
    /// Signalled once every shard is connected.
    private let allReady = DispatchSemaphore(value: 0)

    /// Makes a progress printer.
    init(log: DemoLog, simulator: GatewaySimulator, maxConcurrency: Int, describesIdentifies: Bool) {
        self.log = log
        self.simulator = simulator
        self.maxConcurrency = maxConcurrency
        self.describesIdentifies = describesIdentifies
    }

    /// Records when the cluster started.
    func begin(at instant: ContinuousClock.Instant) {
        state.withLock { $0.started = instant }
    }

    /// When the last shard connected, if all did.
    var readyAt: ContinuousClock.Instant? { state.withLock { $0.readyAt } }

    /// Notes that shard `id` connected.
    func connected(shard id: Int) {
        state.withLock { state in
            if state.seen.insert(id).inserted { state.pending.append(id) }
        }
    }

    /// Prints a line once a window's worth of shards (or the last of them) is connected.
    func update(ready: Int, total: Int) {
        let (shards, started) = state.withLock { state -> ([Int], ContinuousClock.Instant) in
            guard ready % maxConcurrency == 0 || ready == total else { return ([], state.started) }
            defer { state.pending.removeAll() }
            if ready == total { state.readyAt = .now }
            return (state.pending, state.started)
        }
        guard !shards.isEmpty else { return }
        let detail: String
        if describesIdentifies {
            let timeline = simulator.identifyTimeline
            detail = shards.map { id in
                let record = timeline.last { $0.accepted && $0.shard?.first == id }
                let at = record.map { " at +" + DemoClusterPart.seconds($0.arrival - started) + " s" }
                return "bucket \(id % maxConcurrency) identified shard \(id)\(at ?? "")"
            }.joined(separator: ", ")
        } else {
            detail = "resumed shards " + shards.map { "\($0)" }.joined(separator: ", ")
        }
        log.say("shards ready \(ready)/\(total) — \(detail)")
        if ready == total { allReady.signal() }
    }

    /// Waits up to `timeout` for every shard; whether they all connected.
    func waitUntilReady(timeout: Duration) -> Bool {
        allReady.wait(timeout: .now() + dispatchInterval(timeout)) == .success
    }
}

/// Runs `body` on the concurrency pool and blocks the calling thread until it finishes.
/// - Throws: what `body` throws.
func blockingAwait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let result = Locked<Result<T, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
        do {
            let value = try await body()
            result.withLock { $0 = .success(value) }
        } catch {
            result.withLock { $0 = .failure(error) }
        }
        done.signal()
    }
    done.wait()
    guard let outcome = result.withLock({ $0 }) else { preconditionFailure("blockingAwait finished without a result") }
    return try outcome.get()
}
