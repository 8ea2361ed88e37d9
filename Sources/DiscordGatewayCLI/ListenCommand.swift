internal import ArgumentParser
internal import DiscordGateway
internal import Dispatch
internal import Foundation

/// `discord-gateway listen`: connects one shard and prints what happens as JSON lines.
///
/// Output contract (one object per line on stdout, flushed per line):
/// - `{"shard":0,"kind":"dispatch","seq":5,"type":"MESSAGE_CREATE","bytes":812}` for every dispatch delivered,
///   READY included; `bytes` is the decompressed size of the whole payload; `--raw` adds `"payload":{…}` (the
///   received JSON spliced in as it is).
/// - `{"shard":0,"kind":"state","state":"resuming"}` for every state change.
/// - `{"shard":0,"kind":"closed","code":4004,"fatal":true}` when the gateway closes the connection, and
///   `{"shard":0,"kind":"error","message":"…"}` when a connection ends otherwise.
/// - `{"shard":0,"kind":"decode-error","seq":S,"type":"EVENT","path":"d.author.id","message":"…"}` with `--decode`
///   for each dispatch whose data does not decode into its typed model (its dispatch line is printed too).
/// - `{"kind":"summary","events":N,"bytes":B,"first_seq":F,"last_seq":L,"gaps":G}` at the end (with `--decode`,
///   also `"decode_errors":N`).
///
/// **Threading:** `run()` blocks the main thread; output is written from the shard's callback queue.
struct ListenCommand: ParsableCommand {
    /// Help and name.
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract: "Connect one shard and print every dispatch and state change as a JSON line.",
        discussion: """
            Lines: {"shard":0,"kind":"dispatch","seq":5,"type":"MESSAGE_CREATE","bytes":812}, \
            {"shard":0,"kind":"state","state":"connected"}, {"shard":0,"kind":"closed","code":4004,"fatal":true}, \
            {"shard":0,"kind":"error","message":"..."}, with --decode \
            {"shard":0,"kind":"decode-error","seq":S,"type":"EVENT","path":"d.author.id","message":"..."}, and \
            finally {"kind":"summary","events":N,"bytes":B,"first_seq":F,"last_seq":L,"gaps":G} (with --decode also \
            "decode_errors":N). \
            "gaps" counts sequence numbers missing between consecutive dispatches; with --events the filtered \
            dispatches' numbers are never seen, so gaps are not counted and reported as 0.
            """
    )

    /// Output formats.
    enum Output: String, ExpressibleByArgument, CaseIterable {
        /// Every line.
        case jsonl
        /// Only state, close and error lines and the summary.
        case summary
    }

    /// Transport compression choices.
    enum Compress: String, ExpressibleByArgument, CaseIterable {
        /// `compress=zlib-stream`.
        case zlibStream = "zlib-stream"
        /// No compression.
        case none
    }

    /// `--shard`.
    @Option(help: "This shard's id.") var shard = 0
    /// `--total`.
    @Option(name: .customLong("total"), help: "The total number of shards (default 1).") var explicitTotal: Int?
    /// The total for a single shard.
    var total: Int { explicitTotal ?? 1 }
    /// `--token`.
    @Option(help: "The bot token (default: the DISCORD_TOKEN environment variable).") var token: String?
    /// `--intents`.
    @Option(help: "Intents: names (GUILDS,GUILD_MESSAGES), groups (nonPrivileged, all) or a number.")
    var intents = "nonPrivileged"
    /// `--gateway-url`.
    @Option(
        name: .customLong("gateway-url"),
        help:
            "Gateway base URL (default wss://gateway.discord.gg, or /gateway/bot's with --shards); ws:// only for loopback addresses unless --insecure."
    )
    var explicitGatewayURL: String?
    /// The gateway URL for a single shard.
    var gatewayURL: String { explicitGatewayURL ?? "wss://gateway.discord.gg" }
    /// `--shards`.
    @Option(
        help:
            "Run a cluster: \"all\" (the recommended count, or 0…N-1 with --total) or an inclusive range A-B of --total."
    )
    var shards: String?
    /// `--api-url`.
    @Option(name: .customLong("api-url"), help: "Discord REST API base, for GET /gateway/bot (with --shards).")
    var apiURL = "https://discord.com/api/v10"
    /// `--max-concurrency`.
    @Option(help: "Override max_concurrency from /gateway/bot (local testing).") var maxConcurrency: Int?
    /// `--insecure`.
    @Flag(help: "Allow unencrypted ws:// to addresses other than loopback.") var insecure = false
    /// `--ca-file`.
    @Option(help: "A PEM file of extra certificate authorities to trust.") var caFile: String?
    /// `--compress`.
    @Option(help: "Transport compression: zlib-stream or none.") var compress = Compress.zlibStream
    /// `--events`.
    @Option(help: "Comma-separated dispatch names to print (READY is always included).") var events: String?
    /// `--exit-after-events`.
    @Option(help: "Close with 1000 and exit 0 after this many dispatches (READY and GUILD_CREATEs included).")
    var exitAfterEvents: Int?
    /// `--duration`.
    @Option(help: "Close with 1000 and exit 0 after this many seconds.") var duration: Double?
    /// `--handler-delay-ms`.
    @Option(help: "Sleep this long in the event handler (simulates a slow handler).") var handlerDelayMs = 0
    /// `--output`.
    @Option(help: "jsonl (every line) or summary (state, close and error lines and the summary).")
    var output = Output.jsonl
    /// `--raw`.
    @Flag(help: "Add each dispatch's payload under \"payload\".") var raw = false

    /// `--decode`.
    @Flag(
        help: """
            Decode every dispatch into its typed model (DiscordModel); print a decode-error line for any that \
            fails and count them in the summary's "decode_errors".
            """)
    var decode = false

    /// Checks the options; failures exit with 64.
    func validate() throws {
        _ = try resolvedToken()
        _ = try parsedIntents()
        _ = try Self.checkGatewayURL(gatewayURL, insecure: insecure)
        if let shards { _ = try Self.parseShards(shards, total: explicitTotal) }
        if let maxConcurrency, maxConcurrency < 1 { throw ValidationError("--max-concurrency must be at least 1") }
        guard total >= 1, shard >= 0, shard < total else {
            throw ValidationError("--shard must be in 0..<--total (got --shard \(shard) --total \(total))")
        }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw ValidationError("--ca-file \(caFile) is not a readable file")
        }
        if let exitAfterEvents, exitAfterEvents < 1 { throw ValidationError("--exit-after-events must be at least 1") }
        if let duration, !(duration > 0 && duration < 1e9) { throw ValidationError("--duration must be positive") }
        if handlerDelayMs < 0 { throw ValidationError("--handler-delay-ms must not be negative") }
        if let names = eventNames, names.isEmpty { throw ValidationError("--events needs at least one name") }
    }

    /// The token from `--token` or `DISCORD_TOKEN`.
    func resolvedToken() throws -> BotToken {
        let text = token ?? ProcessInfo.processInfo.environment["DISCORD_TOKEN"] ?? ""
        let token = BotToken(text)
        guard !token.isEmpty else {
            throw ValidationError("a bot token is required: pass --token or set DISCORD_TOKEN")
        }
        return token
    }

    /// The parsed `--intents`.
    func parsedIntents() throws -> GatewayIntents {
        do {
            return try GatewayIntents(parsing: intents)
        } catch {
            throw ValidationError("--intents: \(error)")
        }
    }

    /// The `--events` names, upper-cased, or `nil` for every event.
    var eventNames: [String]? {
        events.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() } }
    }

    /// Checks a gateway URL; returns whether it is plain `ws://` (so insecure transport must be allowed).
    static func checkGatewayURL(_ text: String, insecure: Bool) throws -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { throw ValidationError("--gateway-url must be a ws:// or wss:// URL (got \(text))") }
        switch scheme {
        case "wss":
            return false
        case "ws":
            guard insecure || isLoopback(host) else {
                throw ValidationError(
                    "--gateway-url \(text) is unencrypted: ws:// is accepted only for loopback addresses "
                        + "(127.0.0.0/8, ::1, localhost) unless --insecure is given")
            }
            return true
        default:
            throw ValidationError("--gateway-url must be a ws:// or wss:// URL (got \(text))")
        }
    }

    /// Whether `host` is a loopback name or address.
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Connects, prints until a stop reason arrives, closes, prints the summary and exits with the right status.
    func run() throws {
        if let shards {
            try runCluster(try Self.parseShards(shards, total: explicitTotal))
            return
        }
        var configuration = ShardConfiguration(token: try resolvedToken())
        configuration.intents = try parsedIntents()
        configuration.shard = ShardInfo(id: shard, count: total)
        configuration.gatewayURL = gatewayURL
        configuration.allowsInsecureTransport = try Self.checkGatewayURL(gatewayURL, insecure: insecure)
        configuration.compression = compress == .zlibStream ? .zlibStream : .none
        if let names = eventNames { configuration.eventFilter = GatewayEventFilter(names: names + ["READY"]) }
        if let caFile { configuration.tls.additionalTrustRootsFile = caFile }
        let callbackQueue = DispatchQueue(label: "discord-gateway.cli.callbacks")
        configuration.callbackQueue = callbackQueue

        let latch = StopLatch()
        let writer = JSONLineWriter()
        let counter = EventCounter(countsGaps: eventNames == nil, reportsDecodeErrors: decode)
        let printer = ListenPrinter(
            shardID: shard, writer: writer, counter: counter, printsDispatches: output == .jsonl,
            includesPayload: raw, decodes: decode, eventLimit: exitAfterEvents,
            handlerDelay: .milliseconds(handlerDelayMs),
            latch: latch)
        let gateway = Shard(configuration: configuration)
        gateway.delegate = printer
        let trap = SignalTrap { latch.complete(.signal($0)) }
        defer { trap.cancel() }
        if let duration {
            DispatchQueue.global().asyncAfter(deadline: .now() + duration) { latch.complete(.durationElapsed) }
        }

        gateway.connect()
        let reason = latch.wait()
        if case .shardStopped = reason {} else { gateway.close(code: .normalClosure) }
        drainCallbacks(of: gateway, on: callbackQueue)
        writer.write(counter.summary())
        withExtendedLifetime(printer) {}

        if case .shardStopped(let error) = reason {
            printError(stopSentence(for: error, url: configuration.connectionURL))
            throw error.closeCode != nil ? ToolExit.fatalClose : ToolExit.connectionError
        }
    }
}

/// The `listen` command's shard delegate: turns callbacks into JSON lines.
///
/// **Threading:** called on the shard's callback queue (serial); the event limit state sits in a `Locked`.
final class ListenPrinter: ShardDelegate {
    /// The shard id printed in each line.
    let shardID: Int
    /// Where lines go.
    let writer: JSONLineWriter
    /// Counts dispatches for the summary.
    let counter: EventCounter
    /// Whether dispatch lines are printed (`--output jsonl`).
    let printsDispatches: Bool
    /// Whether payloads are spliced in (`--raw`).
    let includesPayload: Bool
    /// Whether dispatches are decoded into their typed models (`--decode`).
    let decodes: Bool
    /// `--exit-after-events`.
    let eventLimit: Int?
    /// `--handler-delay-ms`.
    let handlerDelay: Duration
    /// Told when to stop.
    let latch: StopLatch
    /// The description of the last error line printed, to avoid repeating it when the shard stops.
    private let lastError = Locked<String?>(nil)

    /// Makes a printer.
    init(
        shardID: Int, writer: JSONLineWriter, counter: EventCounter, printsDispatches: Bool, includesPayload: Bool,
        decodes: Bool, eventLimit: Int?, handlerDelay: Duration, latch: StopLatch
    ) {
        self.decodes = decodes
        self.shardID = shardID
        self.writer = writer
        self.counter = counter
        self.printsDispatches = printsDispatches
        self.includesPayload = includesPayload
        self.eventLimit = eventLimit
        self.handlerDelay = handlerDelay
        self.latch = latch
    }

    /// A line with `shard` and `kind` set.
    private func line(_ kind: String) -> JSONLineWriter.Object {
        var object = JSONLineWriter.Object()
        object.add("shard", shardID)
        object.add("kind", kind)
        return object
    }

    /// Prints (and counts) a dispatch, until the event limit is reached.
    func shard(_ shard: Shard, didReceive event: GatewayEvent) {
        if let eventLimit, counter.snapshot.events >= eventLimit { return }
        if handlerDelay > .zero { blockingSleep(handlerDelay) }
        let count = counter.record(sequence: event.sequence, bytes: event.rawPayload.count)
        if printsDispatches {
            var object = line("dispatch")
            object.add("seq", event.sequence)
            object.add("type", event.name ?? "")
            object.add("bytes", event.rawPayload.count)
            if includesPayload { object.addRaw("payload", json: event.rawPayload) }
            writer.write(object)
        }
        if decodes { decodeAndReport(event) }
        if let eventLimit, count >= eventLimit { latch.complete(.eventLimitReached) }
    }

    /// Decodes a dispatch into its typed model; prints and counts a `decode-error` line when that fails.
    private func decodeAndReport(_ event: GatewayEvent) {
        do {
            _ = try event.decoded()
        } catch {
            counter.recordDecodeError()
            var object = line("decode-error")
            object.add("seq", event.sequence)
            object.add("type", error.eventName)
            object.add("path", error.codingPath)
            object.add("message", error.message)
            writer.write(object)
        }
    }

    /// Prints a state line.
    func shard(_ shard: Shard, didChangeStateFrom oldState: ShardState, to newState: ShardState) {
        var object = line("state")
        object.add("state", stateName(newState))
        writer.write(object)
    }

    /// Prints a closed line (gateway close) or an error line.
    func shard(_ shard: Shard, didDisconnectWith error: ShardError) {
        if let closeCode = error.closeCode {
            var object = line("closed")
            object.add("code", Int(closeCode.rawValue))
            object.add("fatal", closeCode.isFatal)
            writer.write(object)
        } else {
            printErrorLine(error)
        }
    }

    /// Records the stop; prints its error unless the disconnect already did.
    func shard(_ shard: Shard, didStopWith error: ShardError) {
        if error.closeCode == nil, lastError.withLock({ $0 }) != error.description { printErrorLine(error) }
        latch.complete(.shardStopped(error))
    }

    /// Prints an error line.
    private func printErrorLine(_ error: ShardError) {
        lastError.withLock { $0 = error.description }
        var object = line("error")
        object.add("message", error.description)
        writer.write(object)
    }
}
