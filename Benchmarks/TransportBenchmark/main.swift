// Transport benchmark: a loopback stream of realistic zlib-stream compressed gateway messages through
// TLS + WebSocket + inflate, against a plain inflate loop over the same compressed bytes, in the same run.
//
// swift run -c release TransportBenchmark [--messages 100000] [--rounds 3] [--size 1000] [--plain]
import BenchmarkSupport
import DiscordGateway
import DiscordGatewayTesting
import Dispatch
import Foundation

/// Command-line options.
struct Options {
    var messages = 100_000
    var rounds = 3
    var size = 1000
    var usesTLS = true

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--messages": messages = iterator.next().flatMap(Int.init) ?? messages
            case "--rounds": rounds = iterator.next().flatMap(Int.init) ?? rounds
            case "--size": size = iterator.next().flatMap(Int.init) ?? size
            case "--plain": usesTLS = false
            default:
                print("usage: TransportBenchmark [--messages N] [--rounds R] [--size BYTES] [--plain]")
                exit(64)
            }
        }
    }
}

/// The floor: inflate every message with one bare zlib stream.
func plainInflate(_ messages: [[UInt8]], totalBytes: Int) -> Duration {
    let inflater = PlainInflater()
    var produced = 0
    let start = Measure.threadCPUTime()
    for message in messages {
        produced += inflater.inflate(message) { $0.count }
    }
    let elapsed = Measure.threadCPUTime() - start
    precondition(produced == totalBytes, "baseline inflated \(produced) bytes, expected \(totalBytes) (benchmark bug)")
    return elapsed
}

/// Counts messages on the client's I/O thread and measures that thread's CPU time.
final class CountingDelegate: WebSocketConnectionDelegate {
    /// Progress, written on the I/O thread.
    struct Progress {
        var count = 0
        var bytes = 0
        var start: Duration = .zero
        var elapsed: Duration = .zero
    }
    let expected: Int
    let progress = Locked(Progress())
    let finished = DispatchSemaphore(value: 0)
    let closed = DispatchSemaphore(value: 0)

    init(expected: Int) { self.expected = expected }

    func connectionDidOpen(_ connection: WebSocketConnection) {
        progress.withLock { $0.start = Measure.threadCPUTime() }
    }

    func connection(_ connection: WebSocketConnection, didReceive message: WebSocketConnection.Message) {
        let done = progress.withLock { progress -> Bool in
            progress.count += 1
            progress.bytes += message.bytes.count
            if progress.count == expected {
                progress.elapsed = Measure.threadCPUTime() - progress.start
                return true
            }
            return false
        }
        if done { finished.signal() }
    }

    func connection(_ connection: WebSocketConnection, didCloseWith close: WebSocketConnection.Close) {
        if progress.withLock({ $0.count }) < expected {
            FileHandle.standardError.write(Data("connection ended early: \(close)\n".utf8))
            finished.signal()
        }
        closed.signal()
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
print("Generating \(options.messages) messages of ~\(options.size) B…")
var fixtures = GatewayFixtures(seed: 42)
let payloads = (0..<options.messages).map {
    Array(fixtures.messageCreate(sequence: $0 + 2, targetSize: options.size).utf8)
}
let totalBytes = payloads.reduce(0) { $0 + $1.count }
let deflater = try ZlibStreamDeflater()
let compressed = payloads.map { deflater.compress($0) }
let compressedBytes = compressed.reduce(0) { $0 + $1.count }
var frames: [UInt8] = []
frames.reserveCapacity(compressedBytes + options.messages * 4)
for message in compressed {
    WebSocketFrameEncoder.appendFrame(opcode: .binary, fin: true, payload: message, role: .server, to: &frames)
}
print(
    "JSON \(totalBytes / options.messages) B/message, compressed \(compressedBytes / options.messages) B/message, "
        + "\(options.usesTLS ? "TLS" : "plain TCP") loopback")

let authority = try TestCertificateAuthority()
let certificate = try authority.makeServerCertificate(dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"])
let directory = NSTemporaryDirectory() + "transport-benchmark-\(getpid())"
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
let caFile = try authority.writeCertificate(to: directory)
let gateway = try FakeGateway(configuration: .init(tlsCertificate: options.usesTLS ? certificate : nil))
defer { gateway.stop() }
var tls = TLSConfiguration.default
tls.additionalTrustRootsFile = caFile

var baselines: [Double] = []
var transports: [Double] = []
for round in 1...max(options.rounds, 1) {
    let baseline = Measure.nanoseconds(plainInflate(compressed, totalBytes: totalBytes)) / Double(options.messages)

    var configuration = WebSocketConnection.Configuration()
    configuration.compression = .zlibStream
    configuration.tls = tls
    let url = try WebSocketURL(string: gateway.url + "/?v=10&encoding=json&compress=zlib-stream")
    let client = try WebSocketConnection(endpoint: .client(url), configuration: configuration)
    let delegate = CountingDelegate(expected: options.messages)
    try client.start(delegate: delegate)
    let server = try await gateway.nextConnection()
    server.sendRawBytes(frames)
    delegate.finished.wait()
    let progress = delegate.progress.withLock { $0 }
    client.close(code: 1000)
    delegate.closed.wait()
    client.join()
    guard progress.count == options.messages, progress.bytes == totalBytes else {
        print("round \(round): received \(progress.count) messages / \(progress.bytes) B, expected \(totalBytes) B")
        exit(1)
    }
    let transport = Measure.nanoseconds(progress.elapsed) / Double(options.messages)
    baselines.append(baseline)
    transports.append(transport)
    print(
        String(
            format:
                "round %d: plain inflate %.0f ns/message, transport (I/O thread: %@ + WebSocket + inflate) %.0f ns/message, ratio %.2f×",
            round, baseline, options.usesTLS ? "TLS" : "TCP", transport, transport / baseline))
}
let bestBaseline = baselines.min() ?? 0
let bestTransport = transports.min() ?? 0
print(
    String(
        format: "best: plain inflate %.0f ns/message, transport %.0f ns/message, ratio %.2f× (goal ≤ 1.35×)",
        bestBaseline, bestTransport, bestTransport / bestBaseline))
try? FileManager.default.removeItem(atPath: directory)
