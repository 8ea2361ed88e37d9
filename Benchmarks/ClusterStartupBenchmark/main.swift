// Cluster startup benchmark: N shards at a given max_concurrency against the gateway simulator, which enforces
// Discord's identify buckets (one identify per `shard_id % max_concurrency` per window, measured at arrival) and
// serves /gateway/bot. The cluster uses its default scheduler fed from /gateway/bot (5 s windows plus a 250 ms
// safety margin unless --window is given). Reports the time until every shard is READY against the bound
// ceil(N / max_concurrency) × window + 1 s, and the bucket violations the simulator recorded.
//
// swift run -c release ClusterStartupBenchmark [--shards 32] [--max-concurrency 4] [--window-ms 5000]
import DiscordGateway
import DiscordGatewayTesting
import Dispatch
import Foundation

var shards = 32
var maxConcurrency = 4
var windowMilliseconds = 5000
var iterator = CommandLine.arguments.dropFirst().makeIterator()
while let argument = iterator.next() {
    switch argument {
    case "--shards": shards = iterator.next().flatMap(Int.init) ?? shards
    case "--max-concurrency": maxConcurrency = iterator.next().flatMap(Int.init) ?? maxConcurrency
    case "--window-ms": windowMilliseconds = iterator.next().flatMap(Int.init) ?? windowMilliseconds
    default:
        print("usage: ClusterStartupBenchmark [--shards N] [--max-concurrency M] [--window-ms W]")
        exit(64)
    }
}
let window = Duration.milliseconds(windowMilliseconds)

var settings = GatewaySimulator.Configuration()
settings.heartbeatInterval = .seconds(30)
settings.recommendedShards = shards
settings.maxConcurrency = maxConcurrency
settings.identifyWindow = window
settings.guildCount = shards * 2
let simulator = try GatewaySimulator(configuration: settings)

/// Signals when every shard is ready.
final class ReadyWaiter: ShardClusterDelegate {
    let ready = DispatchSemaphore(value: 0)
    func shardClusterDidBecomeReady(_ cluster: ShardCluster) { ready.signal() }
    func shardCluster(_ cluster: ShardCluster, didUpdateStartupProgress ready: Int, of total: Int) {
        if ready % max(total / 8, 1) == 0 { print("  shards ready \(ready)/\(total)") }
    }
}

var configuration = ShardClusterConfiguration(token: "test-token")
configuration.apiBaseURL = simulator.restBaseURL
configuration.shardTemplate.allowsInsecureTransport = true
if windowMilliseconds != 5000 {
    configuration.identifyCoordinator = IdentifyScheduler(
        configuration: .init(maxConcurrency: maxConcurrency, window: window, safetyMargin: window / 20))
}
let cluster = ShardCluster(configuration: configuration)
let waiter = ReadyWaiter()
cluster.delegate = waiter
print("\(shards) shards at max_concurrency \(maxConcurrency), \(window) identify windows…")
let started = ContinuousClock.now
try await cluster.start()
waiter.ready.wait()
let elapsed = ContinuousClock.now - started
let rounds = (shards + maxConcurrency - 1) / maxConcurrency
let bound = window * rounds + .seconds(1)
let violations = simulator.violations.filter { $0.kind == .identifyRateLimited }.count
print(
    "all \(shards) shards READY in \(elapsed) (bound ceil(\(shards)/\(maxConcurrency))·\(window) + 1 s = \(bound)), "
        + "\(simulator.identifyCount) identifies, \(violations) bucket violations")
try await cluster.shutdown(resumable: false)
simulator.stop()
exit(elapsed <= bound && violations == 0 ? 0 : 1)
