internal import ArgumentParser
internal import DiscordGateway
internal import DiscordGatewayTesting
internal import Dispatch
internal import Foundation

/// `discord-gateway fake-gateway`: runs the gateway simulator on its own until SIGINT/SIGTERM.
///
/// Prints `url: …`, `token: …` (and `ca-file: …` with `--tls`) on stdout, then streams realistic dispatches to
/// every live session at `--rate` per second.
///
/// **Threading:** `run()` blocks the main thread; dispatches are emitted from a timer on a private queue.
struct FakeGatewayCommand: ParsableCommand {
    /// Help and name.
    static let configuration = CommandConfiguration(
        commandName: "fake-gateway",
        abstract: "Run a local Discord gateway simulator until interrupted.",
        discussion: """
            Prints "url: ws://127.0.0.1:PORT", "api-url: http://127.0.0.1:PORT/api/v10" (GET /gateway/bot for \
            clusters) and "token: test-token" (and "ca-file: PATH" with --tls, the CA certificate to pass to \
            listen --ca-file), then sends a realistic dispatch stream to every session. --shards, \
            --max-concurrency, --identify-window-ms and --session-starts make it enforce Discord's identify \
            buckets and daily budget for testing clusters.
            """
    )

    /// `--port`.
    @Option(help: "Port on 127.0.0.1 (0 picks a free one).") var port = 0
    /// `--heartbeat-ms`.
    @Option(help: "Heartbeat interval sent in Hello, in milliseconds.") var heartbeatMs = 41_250
    /// `--guilds`.
    @Option(help: "Guilds the bot is in (READY lists them, a GUILD_CREATE follows for each).") var guilds = 3
    /// `--tls`.
    @Flag(help: "Serve wss:// with a certificate from a throwaway certificate authority.") var tls = false
    /// `--rate`.
    @Option(help: "Dispatches per second to each session (0: none).") var rate = 5.0
    /// `--shards`.
    @Option(help: "Shard count recommended by GET /gateway/bot.") var shards = 1
    /// `--max-concurrency`.
    @Option(help: "Identify buckets (shard_id % N), enforced like Discord; unset: not enforced.")
    var maxConcurrency: Int?
    /// `--identify-window-ms`.
    @Option(help: "One identify per bucket per this many milliseconds.") var identifyWindowMs = 5000
    /// `--session-starts`.
    @Option(help: "Identifies left in the daily budget (exceeding it resets the token, like Discord).")
    var sessionStarts: Int?

    /// Checks the options; failures exit with 64.
    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be in 0...65535") }
        guard heartbeatMs >= 10 else { throw ValidationError("--heartbeat-ms must be at least 10") }
        guard guilds >= 0 else { throw ValidationError("--guilds must not be negative") }
        guard rate >= 0, rate <= 100_000 else { throw ValidationError("--rate must be in 0...100000") }
        guard shards >= 1 else { throw ValidationError("--shards must be at least 1") }
        if let maxConcurrency, maxConcurrency < 1 { throw ValidationError("--max-concurrency must be at least 1") }
        guard identifyWindowMs >= 1 else { throw ValidationError("--identify-window-ms must be at least 1") }
        if let sessionStarts, sessionStarts < 0 { throw ValidationError("--session-starts must not be negative") }
    }

    /// Starts the simulator, prints how to reach it and serves until a signal arrives.
    func run() throws {
        var configuration = GatewaySimulator.Configuration()
        configuration.port = port
        configuration.heartbeatInterval = .milliseconds(heartbeatMs)
        configuration.guildCount = guilds
        configuration.recommendedShards = shards
        configuration.maxConcurrency = maxConcurrency
        configuration.identifyWindow = .milliseconds(identifyWindowMs)
        if let sessionStarts {
            configuration.sessionStartLimit = SimulatedSessionStartLimit(
                total: max(sessionStarts, 1000), remaining: sessionStarts, resetAfter: .seconds(86_400))
        }
        var caFile: String?
        var directory: String?
        if tls {
            let authority = try TestCertificateAuthority()
            let folder = try TestCertificateAuthority.makeTemporaryDirectory()
            directory = folder
            caFile = try authority.writeCertificate(to: folder)
            configuration.tlsCertificate = try authority.makeServerCertificate(
                dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"])
        }
        defer { if let directory { try? FileManager.default.removeItem(atPath: directory) } }
        let simulator = try GatewaySimulator(configuration: configuration)
        defer { simulator.stop() }

        let writer = JSONLineWriter()
        writer.writeText("url: \(simulator.url)")
        writer.writeText("api-url: \(simulator.restBaseURL)")
        writer.writeText("token: \(configuration.validTokens.sorted().first ?? "")")
        if let caFile { writer.writeText("ca-file: \(caFile)") }

        let latch = StopLatch()
        let trap = SignalTrap { latch.complete(.signal($0)) }
        defer { trap.cancel() }
        let stream = rate > 0 ? DispatchStream(simulator: simulator, rate: rate) : nil
        _ = latch.wait()
        stream?.cancel()
    }
}

/// Emits realistic dispatches (``GatewayFixtures/busyBotDispatch(sequence:targetSize:)``) to every live session
/// of a simulator at a fixed rate.
///
/// **Threading:** make and cancel it on one thread; the timer runs on a private serial queue.
final class DispatchStream {
    /// The timer.
    private let timer: any DispatchSourceTimer

    /// Starts emitting `rate` dispatches per second.
    init(simulator: GatewaySimulator, rate: Double) {
        let queue = DispatchQueue(label: "discord-gateway.cli.dispatch-stream")
        let fixtures = Locked(GatewayFixtures(seed: 0x5EED))
        timer = DispatchSource.makeTimerSource(queue: queue)
        let nanoseconds = Int(1e9 / rate)
        timer.schedule(deadline: .now(), repeating: .nanoseconds(nanoseconds), leeway: .milliseconds(1))
        timer.setEventHandler {
            guard !simulator.sessionIDs.isEmpty else { return }
            let dispatch = fixtures.withLock { $0.nextDispatch() }
            simulator.dispatchToAll(dispatch.name, data: dispatch.data)
        }
        timer.resume()
    }

    /// Stops emitting.
    func cancel() {
        timer.cancel()
    }
}

extension GatewayFixtures {
    /// The next busy-bot dispatch, split into its event name and its `d` JSON for ``GatewaySimulator``, which
    /// numbers dispatches itself.
    mutating func nextDispatch() -> (name: String, data: String) {
        let payload = busyBotDispatch(sequence: 0)
        return Self.split(payload) ?? ("MESSAGE_CREATE", #"{"content":"hello"}"#)
    }

    /// Splits a fixture `{"t":"NAME","s":N,"op":0,"d":{…}}` into `NAME` and `{…}`; `nil` for another shape.
    static func split(_ payload: String) -> (name: String, data: String)? {
        let text = Substring(payload)
        guard text.hasPrefix(#"{"t":""#), text.hasSuffix("}") else { return nil }
        let afterName = text.dropFirst(6)
        guard let quote = afterName.firstIndex(of: "\""), let dataStart = text.range(of: #","op":0,"d":"#)
        else { return nil }
        return (String(afterName[..<quote]), String(text[dataStart.upperBound..<text.index(before: text.endIndex)]))
    }
}
