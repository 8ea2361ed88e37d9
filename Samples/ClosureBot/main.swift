// ClosureBot: handles a shard's events with closures instead of a delegate class.
//
// With DISCORD_TOKEN set it connects to Discord and prints events until Ctrl-C. Without it, it starts the package's
// gateway simulator in this process, streams 50 events to itself and exits once it has seen them (or after
// 20 seconds), printing how many events of each type arrived.
import DiscordGateway
import DiscordGatewayTesting
import Foundation

let token = ProcessInfo.processInfo.environment["DISCORD_TOKEN"] ?? ""
var configuration = ShardConfiguration(token: BotToken(token.isEmpty ? "test-token" : token))
var simulator: GatewaySimulator?
if token.isEmpty {
    var simulatorConfiguration = GatewaySimulator.Configuration()
    simulatorConfiguration.heartbeatInterval = .seconds(1)
    let local = try GatewaySimulator(configuration: simulatorConfiguration)
    configuration.gatewayURL = local.url
    configuration.allowsInsecureTransport = true  // plain ws:// to 127.0.0.1 only
    simulator = local
}

let shard = Shard(configuration: configuration)
/// Events seen, by name.
let counts = Locked([String: Int]())
/// Signalled after each event.
let arrived = DispatchSemaphore(value: 0)

shard.onStateChange { old, new in
    print("state: \(old) → \(new)")
}
shard.onEvent { event in
    counts.withLock { $0[event.name ?? "?", default: 0] += 1 }
    if event.name == "READY" || event.name == "MESSAGE_CREATE" {
        print("\(event)")  // e.g. "MESSAGE_CREATE #7 (1012 bytes)"
    }
    arrived.signal()
}
shard.onDisconnect { error in
    print("disconnected: \(error) (\(error.isRetryable ? "will reconnect" : "stopping"))")
    if !error.isRetryable { exit(1) }
}
shard.connect()

guard let simulator else {
    dispatchMain()  // live: run until Ctrl-C
}

let deadline = ContinuousClock.now + .seconds(20)
while simulator.sessionIDs.isEmpty, ContinuousClock.now < deadline { usleep(10_000) }
let names = ["MESSAGE_CREATE", "TYPING_START", "MESSAGE_REACTION_ADD", "PRESENCE_UPDATE"]
for index in 0..<50 {
    let data = #"{"content":"message \#(index)","channel_id":"1100000000000000042","guild_id":"1100000000000000001"}"#
    simulator.dispatchToAll(names[index % names.count], data: data)
}
// READY + one GUILD_CREATE per guild + 50 streamed events.
let expected = 1 + simulator.configuration.guildCount + 50
while counts.withLock({ $0.values.reduce(0, +) }) < expected, ContinuousClock.now < deadline {
    _ = arrived.wait(timeout: .now() + .milliseconds(100))
}
shard.close()
simulator.stop()
let seen = counts.withLock { $0 }
for (name, count) in seen.sorted(by: { $0.key < $1.key }) { print("\(name): \(count)") }
let total = seen.values.reduce(0, +)
print("received \(total) of \(expected) events")
exit(total >= expected ? 0 : 1)
