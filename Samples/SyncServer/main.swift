// SyncServer: a synchronous, thread-per-request style loop. The main thread pulls events with
// `shard.nextEvent(timeout:)` and hands each one to a pool of worker threads; no callbacks, no async.
//
// With DISCORD_TOKEN set it connects to Discord and runs until Ctrl-C. Without it, it starts the package's gateway
// simulator in this process, streams 40 events to itself and exits once the workers handled them all (or after
// 20 seconds).
import DiscordGateway
import DiscordGatewayTesting
import Foundation

/// A blocking first-in first-out queue of work for the worker threads; `nil` tells a worker to finish.
///
/// **Threading:** safe from any thread.
final class WorkQueue: Sendable {
    /// The waiting items.
    private let items = Locked([GatewayEvent?]())
    /// Counts the waiting items.
    private let available = DispatchSemaphore(value: 0)
    /// Adds an item.
    func put(_ event: GatewayEvent?) {
        items.withLock { $0.append(event) }
        available.signal()
    }
    /// Blocks until an item is there and takes it.
    func take() -> GatewayEvent? {
        available.wait()
        return items.withLock { $0.removeFirst() }
    }
}

let token = ProcessInfo.processInfo.environment["DISCORD_TOKEN"] ?? ""
var configuration = ShardConfiguration(token: BotToken(token.isEmpty ? "test-token" : token))
var simulator: GatewaySimulator?
if token.isEmpty {
    let local = try GatewaySimulator(configuration: GatewaySimulator.Configuration())
    configuration.gatewayURL = local.url
    configuration.allowsInsecureTransport = true  // plain ws:// to 127.0.0.1 only
    simulator = local
}
let shard = Shard(configuration: configuration)
shard.connect()

// The workers: each handles one event at a time, like a request handler.
let work = WorkQueue()
let handled = Locked(0)
let workers = DispatchGroup()
for number in 1...4 {
    workers.enter()
    Thread.detachNewThread {
        while let event = work.take() {
            print("worker \(number) handled \(event)")
            handled.withLock { $0 += 1 }
        }
        workers.leave()
    }
}

// On the simulator, send 40 events once the session exists (READY and the GUILD_CREATEs come first).
let expected = simulator.map { 1 + $0.configuration.guildCount + 40 }
if let simulator {
    Thread.detachNewThread {
        while simulator.sessionIDs.isEmpty { usleep(10_000) }
        for index in 0..<40 {
            simulator.dispatchToAll("MESSAGE_CREATE", data: #"{"content":"request \#(index)","channel_id":"42"}"#)
        }
    }
}

// The request loop: pull, hand over, repeat; stop after the expected count or 20 s on the simulator.
let deadline = ContinuousClock.now + .seconds(20)
var received = 0
while received < (expected ?? .max), expected == nil || ContinuousClock.now < deadline {
    guard let event = shard.nextEvent(timeout: .seconds(1)) else {
        if case .fatallyClosed = shard.state { break }
        continue
    }
    received += 1
    work.put(event)
}
shard.close()
for _ in 1...4 { work.put(nil) }
workers.wait()
simulator?.stop()
let total = handled.withLock { $0 }
print("handled \(total) events on 4 worker threads")
exit(total == expected ? 0 : 1)
