// Cluster memory benchmark: N connected idle shards in one process (default 1,000) against the gateway simulator
// running in a child process, over loopback TLS with zlib-stream. Reports resident memory per shard, and again
// after every shard received a large GUILD_CREATE-sized message (buffers must shrink back).
//
// swift run -c release ClusterMemoryBenchmark [--shards 1000] [--plain]
import BenchmarkSupport
import DiscordGateway
import DiscordGatewayTesting
import Dispatch
import Foundation

/// Command-line options.
struct Options {
    var shards = 1000
    var usesTLS = true
    var serve = false

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--shards": shards = iterator.next().flatMap(Int.init) ?? shards
            case "--plain": usesTLS = false
            case "--serve": serve = true
            default:
                print("usage: ClusterMemoryBenchmark [--shards N] [--plain]")
                exit(64)
            }
        }
    }
}

/// The child process: the simulator, until stdin closes. A line "big" on stdin sends every session a ~1 MB
/// dispatch.
func serve(_ options: Options) throws -> Never {
    let authority = try TestCertificateAuthority()
    let certificate = try authority.makeServerCertificate(dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"])
    let directory = try TestCertificateAuthority.makeTemporaryDirectory()
    let caFile = try authority.writeCertificate(to: directory)
    var configuration = GatewaySimulator.Configuration()
    configuration.tlsCertificate = options.usesTLS ? certificate : nil
    configuration.guildCount = 0
    configuration.heartbeatInterval = .seconds(41)
    let simulator = try GatewaySimulator(configuration: configuration)
    FileHandle.standardOutput.write(Data("URL \(simulator.url) CA \(caFile)\n".utf8))
    var fixtures = GatewayFixtures(seed: 1)
    var members: [String] = []
    for index in 0..<1200 { members.append(fixtures.messageCreate(sequence: index, targetSize: 900)) }
    let big = "{\"members\":[" + members.joined(separator: ",") + "]}"
    while let line = readLine() {
        if line == "big" {
            simulator.dispatchToAll("GUILD_CREATE", data: big)
            FileHandle.standardOutput.write(Data("SENT\n".utf8))
        }
    }
    exit(0)
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
if options.serve { try serve(options) }

let child = try ChildProcess(arguments: ["--serve"] + (options.usesTLS ? [] : ["--plain"]))
let fields = child.readLine().split(separator: " ").map(String.init)
guard fields.count >= 4 else {
    print("the simulator process did not start")
    exit(1)
}
let url = fields[1].trimmingCharacters(in: .whitespacesAndNewlines)
let caFile = fields[3].trimmingCharacters(in: .whitespacesAndNewlines)

/// Counts shards that reached `connected` and big messages received.
final class Counter: ShardClusterDelegate {
    let ready = DispatchSemaphore(value: 0)
    let bigReceived = Locked(0)
    let target: Int
    init(target: Int) { self.target = target }
    func shardClusterDidBecomeReady(_ cluster: ShardCluster) { ready.signal() }
    func shardCluster(_ cluster: ShardCluster, didReceive event: GatewayEvent, from shard: Shard) {
        if event.name == "GUILD_CREATE" { bigReceived.withLock { $0 += 1 } }
    }
}

var template = ShardConfiguration(token: "test-token")
template.tls = TLSConfiguration(additionalTrustRootsFile: caFile)
template.allowsInsecureTransport = !options.usesTLS
template.intents = .guilds

// Warm up process-wide state (trust store, TLS context, Dispatch) with one shard so it is not counted per shard.
do {
    var configuration = ShardClusterConfiguration(token: "test-token")
    configuration.shards = .total(1)
    configuration.fetchesGatewayInfo = false
    configuration.gatewayURL = url
    configuration.shardTemplate = template
    let cluster = ShardCluster(configuration: configuration)
    let counter = Counter(target: 1)
    cluster.delegate = counter
    try await cluster.start()
    counter.ready.wait()
    try await cluster.shutdown(resumable: false)
}

var configuration = ShardClusterConfiguration(token: "test-token")
configuration.shards = .total(options.shards)
configuration.fetchesGatewayInfo = false
configuration.gatewayURL = url
configuration.shardTemplate = template
configuration.identifyCoordinator = IdentifyScheduler(
    configuration: .init(maxConcurrency: 50, window: .milliseconds(20), safetyMargin: .zero))
let before = Measure.residentKiB()
let heapBefore = FreedMemory.heapInUse
let started = ContinuousClock.now
let cluster = ShardCluster(configuration: configuration)
let counter = Counter(target: options.shards)
cluster.delegate = counter
try await cluster.start()
counter.ready.wait()
let readyAfter = ContinuousClock.now - started
usleep(2_000_000)
let idle = Measure.residentKiB()
let heapIdle = FreedMemory.heapInUse
print(
    "\(options.shards) connected idle shards (\(options.usesTLS ? "TLS" : "plain"), zlib-stream) ready in \(readyAfter): "
        + "RSS \(before) → \(idle) KiB, \((idle - before) / options.shards) KiB per shard (goal ≤ 160 KiB)")

child.send("big")
_ = child.readLine()
let bigSent = ContinuousClock.now
let deadline = ContinuousClock.now + .seconds(120)
while counter.bigReceived.withLock({ $0 }) < options.shards && ContinuousClock.now < deadline { usleep(100_000) }
usleep(2_000_000)
let afterBig = Measure.residentKiB()
print(
    "after a \(1200 * 900 / 1024) KiB GUILD_CREATE on every shard: RSS \(afterBig) KiB, "
        + "\((afterBig - before) / options.shards) KiB per shard (buffers shrink back; the malloc arena may keep some)")
FreedMemory.releaseNow()
usleep(500_000)
let trimmed = Measure.residentKiB()
let heapAfter = FreedMemory.heapInUse
print(
    "heap in use per shard: idle \((heapIdle - heapBefore) / options.shards / 1024) KiB, after the large message \((heapAfter - heapBefore) / options.shards / 1024) KiB"
)
print("after one more malloc_trim: RSS \(trimmed) KiB, \((trimmed - before) / options.shards) KiB per shard")
try await cluster.shutdown(resumable: false)
child.finish()
