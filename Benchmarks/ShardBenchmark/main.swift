// Shard benchmark: a flood of realistic zlib-stream dispatches (the mix a busy bot sees) into one Shard over
// loopback TLS, delivered to a delegate with no event decoded, against a plain inflate-and-scan loop over the
// same compressed bytes in the same run. The gateway runs in a child process so the CPU time measured
// (getrusage, all threads of this process) is the shard's alone. Also reports the resident memory of one
// connected idle shard.
//
// swift run -c release ShardBenchmark [--messages 100000] [--size 750] [--rounds 3] [--plain]
import BenchmarkSupport
import DiscordGateway
import DiscordGatewayTesting
import Dispatch
import Foundation
import Synchronization

/// Command-line options.
struct Options {
    var messages = 100_000
    var size = 750
    var rounds = 3
    var usesTLS = true
    var serve = false

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--messages": messages = iterator.next().flatMap(Int.init) ?? messages
            case "--size": size = iterator.next().flatMap(Int.init) ?? size
            case "--rounds": rounds = iterator.next().flatMap(Int.init) ?? rounds
            case "--plain": usesTLS = false
            case "--serve": serve = true
            default:
                print("usage: ShardBenchmark [--messages N] [--size BYTES] [--rounds R] [--plain]")
                exit(64)
            }
        }
    }

    var arguments: [String] {
        ["--messages", "\(messages)", "--size", "\(size)"] + (usesTLS ? [] : ["--plain"])
    }
}

/// The compressed stream one connection receives: Hello, READY, then the flood, sharing one zlib context.
struct Stream {
    let hello: [UInt8]
    let ready: [UInt8]
    let flood: [UInt8]
    /// Every compressed message in stream order: Hello, READY, then the flood.
    let compressedMessages: [[UInt8]]
    /// Uncompressed bytes of all of them.
    let payloadBytes: Int

    init(options: Options) throws {
        var fixtures = GatewayFixtures(seed: 750)
        let deflater = try ZlibStreamDeflater()
        let helloJSON = #"{"op":10,"d":{"heartbeat_interval":41250}}"#
        let readyJSON =
            #"{"t":"READY","s":1,"op":0,"d":{"v":10,"user":{"id":"1","username":"bench"},"guilds":[],"session_id":"bench","resume_gateway_url":"wss://localhost","application":{"id":"1","flags":0}}}"#
        var messages: [[UInt8]] = [deflater.compress(helloJSON), deflater.compress(readyJSON)]
        func framed(_ compressed: [UInt8]) -> [UInt8] {
            var out: [UInt8] = []
            WebSocketFrameEncoder.appendFrame(opcode: .binary, fin: true, payload: compressed, role: .server, to: &out)
            return out
        }
        hello = framed(messages[0])
        ready = framed(messages[1])
        var flood: [UInt8] = []
        var bytes = helloJSON.utf8.count + readyJSON.utf8.count
        for sequence in 2..<(options.messages + 2) {
            let json = fixtures.busyBotDispatch(sequence: sequence, targetSize: options.size)
            bytes += json.utf8.count
            let compressed = deflater.compress(json)
            messages.append(compressed)
            WebSocketFrameEncoder.appendFrame(
                opcode: .binary, fin: true, payload: compressed, role: .server, to: &flood)
        }
        self.flood = flood
        compressedMessages = messages
        payloadBytes = bytes
    }
}

/// CPU ticks per thread name (from /proc/self/task), for the per-thread breakdown.
func threadTicks() -> [String: Int] {
    var result: [String: Int] = [:]
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
    for task in tasks {
        guard let stat = try? String(contentsOfFile: "/proc/self/task/\(task)/stat", encoding: .utf8),
            let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
        else { continue }
        let name = String(stat[stat.index(after: open)..<close])
        let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { continue }
        result[name, default: 0] += user + system
    }
    return result
}

/// The floor: inflate each message with one bare zlib stream and peek at its envelope.
func inflateAndScan(_ messages: [[UInt8]], expectedBytes: Int) -> Duration {
    let inflater = PlainInflater()
    var produced = 0
    var sequences = 0
    let start = Measure.threadCPUTime()
    for message in messages {
        inflater.inflate(message) { output in
            produced += output.count
            if let peek = try? PayloadPeek(parsing: output), peek.sequence != nil { sequences += 1 }
        }
    }
    let elapsed = Measure.threadCPUTime() - start
    precondition(produced == expectedBytes, "floor inflated \(produced) B, expected \(expectedBytes) (benchmark bug)")
    precondition(sequences == messages.count - 1, "floor peeked \(sequences) sequences (benchmark bug)")
    return elapsed
}

/// Counts delivered events and notes CPU time at READY and at the last event.
///
/// The per-event work is two atomic additions, so the figure measures the shard, not the benchmark's delegate.
final class CountingDelegate: ShardDelegate {
    struct Progress {
        var startCPU: Duration?
        var endCPU: Duration?
    }
    let expected: Int
    let count = Atomic<Int>(0)
    let bytes = Atomic<Int>(0)
    let progress = Locked(Progress())
    let ready = DispatchSemaphore(value: 0)
    let finished = DispatchSemaphore(value: 0)

    init(expected: Int) { self.expected = expected }

    func shard(_ shard: Shard, didReceive event: GatewayEvent) {
        if event.name == "READY" {
            progress.withLock { $0.startCPU = Measure.processCPUTime() }
            ready.signal()
            return
        }
        bytes.add(event.rawPayload.count, ordering: .relaxed)
        if count.add(1, ordering: .relaxed).newValue == expected {
            progress.withLock { $0.endCPU = Measure.processCPUTime() }
            finished.signal()
        }
    }

    func shard(_ shard: Shard, didStopWith error: ShardError) {
        FileHandle.standardError.write(Data("shard stopped: \(error)\n".utf8))
        ready.signal()
        finished.signal()
    }
}

/// The child process: a gateway that floods every non-idle connection after Identify.
func serve(_ options: Options) async throws -> Never {
    let stream = try Stream(options: options)
    let authority = try TestCertificateAuthority()
    let certificate = try authority.makeServerCertificate(dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"])
    let directory = try TestCertificateAuthority.makeTemporaryDirectory()
    let caFile = try authority.writeCertificate(to: directory)
    let gateway = try FakeGateway(configuration: .init(tlsCertificate: options.usesTLS ? certificate : nil))
    FileHandle.standardOutput.write(Data("PORT \(gateway.port) CA \(caFile) BYTES \(stream.payloadBytes)\n".utf8))
    DispatchQueue.global().async {
        _ = FileHandle.standardInput.readDataToEndOfFile()
        exit(0)
    }
    while true {
        let connection = try await gateway.nextConnection(timeout: .seconds(3600))
        Task {
            connection.sendRawBytes(stream.hello)
            _ = try await connection.nextMessage(timeout: .seconds(30))  // Identify
            connection.sendRawBytes(stream.ready)
            if connection.query["idle"] == nil {
                connection.sendRawBytes(stream.flood)
            }
            while let message = try? await connection.nextMessage(timeout: .seconds(3600)) {
                if message.text.hasPrefix(#"{"op":1"#) { connection.send(#"{"op":11}"#) }
            }
        }
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
if options.serve { try await serve(options) }

print("Generating \(options.messages) dispatches of ~\(options.size) B (busy-bot mix)…")
let stream = try Stream(options: options)
print(
    "JSON \(stream.payloadBytes / options.messages) B/event, compressed "
        + "\(stream.flood.count / options.messages) B/event framed, "
        + "\(options.usesTLS ? "TLS" : "plain TCP") loopback, gateway in a child process")

let child = try ChildProcess(arguments: ["--serve"] + options.arguments)
let line = child.readLine()
let fields = line.split(separator: " ")
guard fields.count >= 6, let port = Int(fields[1]) else {
    print("the gateway process did not start: \(line)")
    exit(1)
}
let caFile = String(fields[3])
let scheme = options.usesTLS ? "wss://localhost" : "ws://127.0.0.1"

/// A shard configuration for the child gateway.
func configuration(idle: Bool) -> ShardConfiguration {
    var configuration = ShardConfiguration(token: "bench-token")
    configuration.gatewayURL = "\(scheme):\(port)/?v=10&encoding=json&compress=zlib-stream\(idle ? "&idle=1" : "")"
    configuration.tls = TLSConfiguration(additionalTrustRootsFile: caFile)
    configuration.allowsInsecureTransport = !options.usesTLS
    configuration.deliveryBufferCapacity = 1 << 20
    return configuration
}

// Memory of one connected idle shard: warm up once (TLS context, trust store), then measure a second shard.
for attempt in 0..<2 {
    let before = Measure.residentKiB()
    let shard = Shard(configuration: configuration(idle: true))
    let delegate = CountingDelegate(expected: 0)
    shard.delegate = delegate
    shard.connect()
    delegate.ready.wait()
    usleep(500_000)
    let after = Measure.residentKiB()
    if attempt == 1 { print("idle connected shard: \(after - before) KiB resident (RSS \(before) → \(after) KiB)") }
    shard.close()
    withExtendedLifetime(delegate) {}
}

var floors: [Double] = []
var shards: [Double] = []
for round in 1...max(options.rounds, 1) {
    let floor = Measure.nanoseconds(inflateAndScan(stream.compressedMessages, expectedBytes: stream.payloadBytes))
    let perEventFloor = floor / Double(options.messages)
    let shard = Shard(configuration: configuration(idle: false))
    let delegate = CountingDelegate(expected: options.messages)
    shard.delegate = delegate
    let ticksBefore = threadTicks()
    shard.connect()
    delegate.finished.wait()
    let ticksAfter = threadTicks()
    let breakdown = ticksAfter.map { ($0.key, $0.value - (ticksBefore[$0.key] ?? 0)) }.filter { $0.1 > 0 }
        .sorted { $0.1 > $1.1 }.map { "\($0.0) \($0.1 * 10) ms" }.joined(separator: ", ")
    print("  CPU by thread: \(breakdown)")
    let progress = delegate.progress.withLock { $0 }
    let received = delegate.count.load(ordering: .relaxed)
    shard.close()
    guard received == options.messages, let start = progress.startCPU, let end = progress.endCPU else {
        print("round \(round): received \(received) of \(options.messages) events")
        exit(1)
    }
    let perEvent = Measure.nanoseconds(end - start) / Double(options.messages)
    floors.append(perEventFloor)
    shards.append(perEvent)
    print(
        String(
            format: "round %d: inflate+scan floor %.0f ns/event, shard (all threads) %.0f ns/event, ratio %.2f×",
            round, perEventFloor, perEvent, perEvent / perEventFloor))
}
let bestFloor = floors.min() ?? 0
let bestShard = shards.min() ?? 0
print(
    String(
        format: "best: floor %.0f ns/event, shard %.0f ns/event, ratio %.2f× (goal ≤ 1.35×)", bestFloor, bestShard,
        bestShard / bestFloor))
child.finish()
