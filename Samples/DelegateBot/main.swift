// DelegateBot: a bot as a class conforming to ShardDelegate that answers "!ping".
//
// With DISCORD_TOKEN set it connects to Discord and runs until Ctrl-C. Without it, it starts the package's gateway
// simulator in this process, sends itself a few messages and exits after answering three pings (or 20 seconds).
// A real bot replies through the REST API; this one prints the request it would send.
import DiscordGateway
import DiscordGatewayTesting
import Foundation

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

    /// Answers "!ping" messages; the shard's event filter lets only MESSAGE_CREATE through.
    func shard(_ shard: Shard, didReceive event: GatewayEvent) {
        let decoded: DispatchEvent?
        do {
            decoded = try event.decoded()
        } catch {
            print("could not decode \(error)")  // event name, coding path and reason; the shard carries on
            return
        }
        guard case .messageCreate(let message) = decoded else { return }
        print("\(message.author.username): \(message.content)")
        guard message.content == "!ping", message.author.bot != true else { return }
        let latency = shard.latency.last.map { "\($0)" } ?? "unknown"
        print(
            "  would send: POST /channels/\(message.channelID)/messages {\"content\":\"Pong! (heartbeat \(latency))\"}"
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
// Only MESSAGE_CREATE is copied and delivered; everything else costs the shard an envelope peek.
configuration.eventFilter = GatewayEventFilter(.messageCreate)

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
    let data = #"""
        {"id":"\#(1_100_000_000_000_000_100 + index)","channel_id":"1100000000000000042","guild_id":"1100000000000000001",\#
        "author":{"id":"\#(1_100_000_000_000_000_010 + index % 3)","username":"\#(users[index % 3])","discriminator":"0",\#
        "global_name":null,"avatar":null},"content":"\#(content)","timestamp":"2026-11-29T12:00:0\#(index).000000+00:00",\#
        "edited_timestamp":null,"tts":false,"mention_everyone":false,"mentions":[],"mention_roles":[],"attachments":[],\#
        "embeds":[],"pinned":false,"type":0}
        """#
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
