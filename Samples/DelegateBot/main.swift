// DelegateBot: a bot as a class conforming to ShardDelegate that answers "!ping".
//
// With DISCORD_TOKEN set it connects to Discord and runs until Ctrl-C. Without it, it starts the package's gateway
// simulator in this process, sends itself a few messages and exits after answering three pings (or 20 seconds).
// A real bot replies through the REST API; this one prints the request it would send.
import DiscordGateway
import DiscordGatewayTesting
import Foundation

/// The part of MESSAGE_CREATE's `d` this bot reads.
struct Message: Decodable {
    let content: String
    let channel_id: String
    let author: Author
    /// The message's author.
    struct Author: Decodable { let username: String }
}

/// Answers "!ping" with "Pong!" and the heartbeat latency.
///
/// **Threading:** callbacks arrive one at a time on the shard's callback queue; `pongs` is behind a lock.
final class PingBot: ShardDelegate {
    /// Replies "sent" so far.
    let pongs = Locked(0)
    /// Signalled after each reply.
    let replied = DispatchSemaphore(value: 0)

    /// Prints the new state.
    func shard(_ shard: Shard, didChangeStateFrom oldState: ShardState, to newState: ShardState) {
        print("state: \(newState)")
    }

    /// Answers "!ping" messages.
    func shard(_ shard: Shard, didReceive event: GatewayEvent) {
        guard event.name == "MESSAGE_CREATE", let message = try? event.decodeData(Message.self) else { return }
        print("\(message.author.username): \(message.content)")
        guard message.content == "!ping" else { return }
        let latency = shard.latency.last.map { "\($0)" } ?? "unknown"
        print(
            "  would send: POST /channels/\(message.channel_id)/messages {\"content\":\"Pong! (heartbeat \(latency))\"}"
        )
        pongs.withLock { $0 += 1 }
        replied.signal()
    }

    /// A fatal close (bad token, disallowed intents) ends the program.
    func shard(_ shard: Shard, didStopWith error: ShardError) {
        print("stopped: \(error)")
        exit(1)
    }
}

let bot = PingBot()
let token = ProcessInfo.processInfo.environment["DISCORD_TOKEN"] ?? ""
var configuration = ShardConfiguration(token: BotToken(token))
// MESSAGE_CONTENT is privileged: enable it for your bot in the Developer Portal to read other users' messages.
configuration.intents = [.guilds, .guildMessages, .directMessages]

if !token.isEmpty {
    let shard = Shard(configuration: configuration)
    shard.delegate = bot
    shard.connect()
    dispatchMain()
}

// No token: run against the in-process simulator.
var simulatorConfiguration = GatewaySimulator.Configuration()
simulatorConfiguration.heartbeatInterval = .seconds(1)
let simulator = try GatewaySimulator(configuration: simulatorConfiguration)
configuration.token = "test-token"
configuration.gatewayURL = simulator.url
configuration.allowsInsecureTransport = true  // plain ws:// to 127.0.0.1 only
let shard = Shard(configuration: configuration)
shard.delegate = bot
shard.connect()

let deadline = ContinuousClock.now + .seconds(20)
while simulator.sessionIDs.isEmpty, ContinuousClock.now < deadline { usleep(10_000) }
let users = ["ada", "grace", "linus"]
for (index, content) in ["hello", "!ping", "how is the gateway?", "!ping", "!pong", "!ping"].enumerated() {
    let data =
        #"{"content":"\#(content)","channel_id":"1100000000000000042","author":{"username":"\#(users[index % 3])"}}"#
    simulator.dispatchToAll("MESSAGE_CREATE", data: data)
}
while bot.pongs.withLock({ $0 }) < 3, ContinuousClock.now < deadline {
    _ = bot.replied.wait(timeout: .now() + .milliseconds(100))
}
shard.close()
simulator.stop()
let pongs = bot.pongs.withLock { $0 }
print("answered \(pongs) of 3 pings")
exit(pongs == 3 ? 0 : 1)
