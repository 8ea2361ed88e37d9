// ClusterMonitor: runs a ShardCluster and prints a live table of shard states and latencies.
//
// With DISCORD_TOKEN set it runs the recommended shard count against Discord (until Ctrl-C). Without it, it starts
// the gateway simulator in process (8 shards, max_concurrency 2, 300 ms identify windows), watches the startup,
// knocks two shards offline, and exits once every shard is back.
import DiscordGateway
import DiscordGatewayTesting
import Foundation

/// Prints one status table.
func printTable(_ cluster: ShardCluster) {
    let rows = cluster.status.map { status -> String in
        let latency =
            status.latency.map {
                String(
                    format: "%.1f ms", Double($0.components.attoseconds) / 1e15 + Double($0.components.seconds) * 1000)
            } ?? "–"
        let state = "\(status.state)".padding(toLength: 36, withPad: " ", startingAt: 0)
        return String(format: "  %3d  %@ %8@  %d", status.id, state, latency, status.reconnectCount)
    }
    print("  id   state                                latency   reconnects")
    rows.forEach { print($0) }
    print("  ready \(cluster.readyCount)/\(cluster.status.count), all connected: \(cluster.isReady)\n")
}

let token = ProcessInfo.processInfo.environment["DISCORD_TOKEN"]
var configuration = ShardClusterConfiguration(token: BotToken(token ?? "test-token"))
var simulator: GatewaySimulator?
if token == nil {
    var settings = GatewaySimulator.Configuration()
    settings.heartbeatInterval = .milliseconds(500)
    settings.maxConcurrency = 2
    settings.identifyWindow = .milliseconds(300)
    settings.recommendedShards = 8
    let server = try GatewaySimulator(configuration: settings)
    simulator = server
    configuration.apiBaseURL = server.url.replacingOccurrences(of: "ws://", with: "http://") + "/api/v10"
    configuration.identifyCoordinator = IdentifyScheduler(
        configuration: .init(maxConcurrency: 2, window: .milliseconds(300), safetyMargin: .milliseconds(20)))
    configuration.shardTemplate.allowsInsecureTransport = true
    print("no DISCORD_TOKEN: gateway simulator on \(server.url), 8 shards, max_concurrency 2")
}
let cluster = ShardCluster(configuration: configuration)
cluster.onStartupProgress { ready, total in print("shards ready \(ready)/\(total)") }
try await cluster.start()

let started = ContinuousClock.now
var knockedOut = false
while true {
    try await Task.sleep(for: .milliseconds(500))
    printTable(cluster)
    guard let simulator else { continue }
    if cluster.isReady && !knockedOut {
        print("dropping two shard connections (they should resume)…\n")
        for client in simulator.clients.filter({ $0.sessionID != nil }).prefix(2) { client.drop() }
        knockedOut = true
    } else if cluster.isReady && knockedOut && cluster.status.reduce(0, { $0 + $1.reconnectCount }) >= 2 {
        print("every shard is connected again; identifies used: \(simulator.identifyCount) for 8 shards")
        break
    }
    if ContinuousClock.now - started > .seconds(60) {
        print("ClusterMonitor: shards did not all come back in time")
        exit(1)
    }
}
try await cluster.shutdown(resumable: false)
simulator?.stop()
