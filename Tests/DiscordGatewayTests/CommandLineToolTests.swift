import DiscordGateway
import DiscordGatewayTesting
import Foundation
import Testing

/// Where the built `discord-gateway` executable is.
enum CommandLineTool {
    /// The executable next to the test bundle (the products directory), or under `.build/debug` of the package.
    static let url: URL? = {
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL {
            candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("discord-gateway"))
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("discord-gateway"))
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/discord-gateway"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()
}

/// Runs the built `discord-gateway` executable against an in-process ``GatewaySimulator`` and checks its output
/// contract and exit statuses.
///
/// The executable must be built before the tests run (`swift build --build-tests` builds every product); when it
/// is missing the suite is skipped with a message saying so.
@Suite(
    .usesSockets,
    .enabled(if: CommandLineTool.url != nil, "discord-gateway is not built; run `swift build --build-tests`")
)
struct CommandLineToolTests {
    /// The result of one run.
    struct ToolRun: Sendable {
        /// The exit status.
        var status: Int32
        /// Standard output.
        var standardOutput: String
        /// Standard error.
        var standardError: String

        /// Standard output's lines decoded (lines that are not such objects are skipped).
        var lines: [Line] {
            standardOutput.split(separator: "\n").compactMap {
                try? JSONDecoder().decode(Line.self, from: Data($0.utf8))
            }
        }

        /// The decoded lines of one kind.
        func lines(kind: String) -> [Line] {
            lines.filter { $0.kind == kind }
        }
    }

    /// One line of `listen` output; every member is optional because each kind has its own.
    struct Line: Decodable, Sendable {
        /// The envelope of a `--raw` payload.
        struct Payload: Decodable, Sendable {
            /// `t`.
            var t: String?
            /// `s`.
            var s: Int?
        }
        /// `shard`.
        var shard: Int?
        /// `kind`.
        var kind: String?
        /// `seq` of a dispatch.
        var seq: Int?
        /// `type` of a dispatch.
        var type: String?
        /// `bytes` of a dispatch.
        var bytes: Int?
        /// `payload` with `--raw`.
        var payload: Payload?
        /// `state` of a state line.
        var state: String?
        /// `code` of a closed line.
        var code: Int?
        /// `fatal` of a closed line.
        var fatal: Bool?
        /// `message` of an error line.
        var message: String?
        /// `events` of the summary.
        var events: Int?
        /// `first_seq` of the summary.
        var first_seq: Int?
        /// `last_seq` of the summary.
        var last_seq: Int?
        /// `gaps` of the summary.
        var gaps: Int?
        /// `path` of decode-error lines.
        var path: String?
        /// `decode_errors` of the summary with `--decode`.
        var decode_errors: Int?
        /// `remaining` of a budget-exhausted line.
        var remaining: Int?
        /// `reset_after_ms` of a budget-exhausted line.
        var reset_after_ms: Int?
    }

    /// Runs the executable with `arguments` (without `DISCORD_TOKEN` in its environment); kills it after `timeout`.
    static func run(_ arguments: [String], timeout: Duration = .seconds(60)) async throws -> ToolRun {
        guard let executable = CommandLineTool.url else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DISCORD_TOKEN"] = nil
        process.environment = environment
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let (seconds, _) = timeout.components
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(Int(seconds))) {
            if process.isRunning { process.terminate() }
        }
        return await withCheckedContinuation { continuation in
            // Reading blocks; use threads of our own, not the cooperative pool.
            Thread.detachNewThread {
                let errorData = Locked(Data())
                let errorRead = DispatchGroup()
                errorRead.enter()
                Thread.detachNewThread {
                    let data = error.fileHandleForReading.readDataToEndOfFile()
                    errorData.withLock { $0 = data }
                    errorRead.leave()
                }
                let outputData = output.fileHandleForReading.readDataToEndOfFile()
                errorRead.wait()
                process.waitUntilExit()
                continuation.resume(
                    returning: ToolRun(
                        status: process.terminationStatus,
                        standardOutput: String(decoding: outputData, as: UTF8.self),
                        standardError: String(decoding: errorData.withLock { $0 }, as: UTF8.self)))
            }
        }
    }

    /// A simulator whose READY is followed by six GUILD_CREATEs, so five dispatches arrive without scripting.
    static func makeSimulator(tlsCertificate: TestServerCertificate? = nil) throws -> GatewaySimulator {
        var configuration = GatewaySimulator.Configuration()
        configuration.heartbeatInterval = .seconds(1)
        configuration.guildCount = 6
        configuration.tlsCertificate = tlsCertificate
        return try GatewaySimulator(configuration: configuration)
    }

    /// READY with seq 1, the state lines and a summary with no gaps; exit 0.
    @Test(.timeLimit(.minutes(1)))
    func listenPrintsReadyStateLinesAndAGaplessSummary() async throws {
        let simulator = try Self.makeSimulator()
        defer { simulator.stop() }
        let run = try await Self.run([
            "listen", "--gateway-url", simulator.url, "--token", "test-token", "--exit-after-events", "5",
            "--output", "jsonl",
        ])
        #expect(run.status == 0, "stderr: \(run.standardError)")
        let dispatches = run.lines(kind: "dispatch")
        #expect(dispatches.count == 5)
        #expect(dispatches.first?.type == "READY")
        #expect(dispatches.first?.seq == 1)
        #expect(dispatches.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(dispatches.allSatisfy { ($0.bytes ?? 0) > 0 && $0.shard == 0 })
        #expect(run.lines(kind: "state").map(\.state) == ["connecting", "identifying", "connected", "closed"])
        let summary = try #require(run.lines(kind: "summary").last)
        #expect(summary.events == 5)
        #expect(summary.first_seq == 1)
        #expect(summary.last_seq == 5)
        #expect(summary.gaps == 0)
        #expect(run.standardOutput.split(separator: "\n").last?.contains(#""kind":"summary""#) == true)
    }

    /// `--output summary` hides dispatch lines; `--raw` splices the payload object in.
    @Test(.timeLimit(.minutes(1)))
    func summaryOutputPrintsNoDispatchLinesAndRawSplicesPayloads() async throws {
        let simulator = try Self.makeSimulator()
        defer { simulator.stop() }
        let summary = try await Self.run([
            "listen", "--gateway-url", simulator.url, "--token", "test-token", "--exit-after-events", "3",
            "--output", "summary", "--compress", "none",
        ])
        #expect(summary.status == 0)
        #expect(summary.lines(kind: "dispatch").isEmpty)
        #expect(summary.lines(kind: "summary").first?.events == 3)

        let raw = try await Self.run([
            "listen", "--gateway-url", simulator.url, "--token", "test-token", "--exit-after-events", "2", "--raw",
        ])
        #expect(raw.status == 0)
        let ready = try #require(raw.lines(kind: "dispatch").first)
        #expect(ready.payload?.t == "READY")
        #expect(ready.payload?.s == 1)
    }

    /// `--decode` decodes every simulator dispatch without error, reports a broken one with its path, and still
    /// prints its dispatch line and the ones after it.
    @Test(.timeLimit(.minutes(1)))
    func decodeReportsBrokenDispatchesWithoutLosingAny() async throws {
        var configuration = GatewaySimulator.Configuration()
        configuration.heartbeatInterval = .seconds(1)
        configuration.guildCount = 2
        let simulator = try GatewaySimulator(configuration: configuration)
        defer { simulator.stop() }
        async let running = Self.run([
            "listen", "--gateway-url", simulator.url, "--token", "test-token", "--exit-after-events", "5", "--decode",
        ])
        let client = try await simulator.nextClient()
        _ = try await client.expectIdentify()
        // Payloads are handled in order, so once the next one (a heartbeat) is recorded the session exists.
        _ = try await client.nextPayload()
        let broken = client.dispatch(
            "MESSAGE_DELETE", data: #"{"id":"5","channel_id":"not-an-id","guild_id":"41771983423143937"}"#)
        let good = client.dispatch(
            "MESSAGE_DELETE", data: #"{"id":"6","channel_id":"41771983423143938","guild_id":"41771983423143937"}"#)
        let run = try await running
        #expect(run.status == 0, "stderr: \(run.standardError)")
        let dispatches = run.lines(kind: "dispatch")
        #expect(
            dispatches.map(\.type) == ["READY", "GUILD_CREATE", "GUILD_CREATE", "MESSAGE_DELETE", "MESSAGE_DELETE"])
        #expect(dispatches.last?.seq == good)
        let errors = run.lines(kind: "decode-error")
        #expect(errors.count == 1)
        #expect(errors.first?.seq == broken)
        #expect(errors.first?.type == "MESSAGE_DELETE")
        #expect(errors.first?.path == "d.channel_id")
        #expect(errors.first?.message?.contains("not-an-id") == true)
        #expect(errors.first?.shard == 0)
        let summary = try #require(run.lines(kind: "summary").last)
        #expect(summary.decode_errors == 1)
        #expect(summary.events == 5)
        #expect(summary.gaps == 0)
    }

    /// A rejected token prints the 4004 close as fatal and exits 2.
    @Test(.timeLimit(.minutes(1)))
    func rejectedTokenPrintsAFatalCloseAndExitsWithTwo() async throws {
        let simulator = try Self.makeSimulator()
        defer { simulator.stop() }
        let run = try await Self.run(["listen", "--gateway-url", simulator.url, "--token", "not-the-token"])
        #expect(run.status == 2)
        let closed = try #require(run.lines(kind: "closed").first)
        #expect(closed.code == 4004)
        #expect(closed.fatal == true)
        #expect(run.lines(kind: "state").last?.state == "fatally-closed")
        #expect(run.standardError.contains("4004"))
    }

    /// Invalid options exit 64 (ArgumentParser's validation status) without output.
    @Test(arguments: [
        ["listen", "--gateway-url", "ws://example.com", "--token", "x"],
        ["listen", "--gateway-url", "ws://127.0.0.1:1"],
        ["listen", "--token", "x", "--shard", "2", "--total", "2"],
        ["listen", "--token", "x", "--intents", "GUILDZ"],
        ["listen", "--token", "x", "--no-such-option"],
    ])
    func badUsageExitsWithSixtyFour(arguments: [String]) async throws {
        let run = try await Self.run(arguments, timeout: .seconds(20))
        #expect(run.status == 64, "stderr: \(run.standardError)")
        #expect(run.standardOutput.isEmpty)
    }

    /// `wss://` with an unknown CA exits 1 naming the certificate; with `--ca-file` it works.
    @Test(.timeLimit(.minutes(1)))
    func secureGatewayNeedsTheCertificateAuthority() async throws {
        let authority = try TestCertificateAuthority()
        let directory = try TestCertificateAuthority.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let caFile = try authority.writeCertificate(to: directory)
        let certificate = try authority.makeServerCertificate(dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"])
        let simulator = try Self.makeSimulator(tlsCertificate: certificate)
        defer { simulator.stop() }
        #expect(simulator.url.hasPrefix("wss://"))

        let untrusted = try await Self.run([
            "listen", "--gateway-url", simulator.url, "--token", "test-token", "--exit-after-events", "1",
        ])
        #expect(untrusted.status == 1)
        #expect(untrusted.standardError.contains("certificate"))
        #expect(untrusted.standardError.split(separator: "\n").count == 1)

        let trusted = try await Self.run([
            "listen", "--gateway-url", simulator.url, "--token", "test-token", "--exit-after-events", "1",
            "--ca-file", caFile,
        ])
        #expect(trusted.status == 0, "stderr: \(trusted.standardError)")
        #expect(trusted.lines(kind: "dispatch").first?.type == "READY")
    }

    /// `--shards all` takes the count, URL and limits from /gateway/bot and tags every line with its shard.
    @Test(.timeLimit(.minutes(1)))
    func clusterListenRunsTheRecommendedShardsWithTaggedLines() async throws {
        var configuration = GatewaySimulator.Configuration()
        configuration.heartbeatInterval = .seconds(1)
        configuration.recommendedShards = 4
        configuration.maxConcurrency = 4
        configuration.guildCount = 8
        let simulator = try GatewaySimulator(configuration: configuration)
        defer { simulator.stop() }
        let run = try await Self.run([
            "listen", "--shards", "all", "--api-url", simulator.restBaseURL, "--token", "test-token",
            "--exit-after-events", "12",
        ])
        #expect(run.status == 0, "stderr: \(run.standardError)")
        let ready = run.lines(kind: "dispatch").filter { $0.type == "READY" }
        #expect(Set(ready.compactMap(\.shard)) == [0, 1, 2, 3])
        #expect(simulator.identifies.compactMap { $0.shard?.last } == [4, 4, 4, 4])
        let summary = try #require(run.lines(kind: "summary").last)
        #expect(summary.events == 12)
        #expect(summary.gaps == 0)
    }

    /// `A-B` with `--total` runs exactly those shards; `A-B` without `--total` is bad usage.
    @Test(.timeLimit(.minutes(1)))
    func clusterListenRunsARangeOfTheTotal() async throws {
        var configuration = GatewaySimulator.Configuration()
        configuration.heartbeatInterval = .seconds(1)
        configuration.guildCount = 0
        let simulator = try GatewaySimulator(configuration: configuration)
        defer { simulator.stop() }
        let run = try await Self.run([
            "listen", "--shards", "2-3", "--total", "6", "--api-url", simulator.restBaseURL, "--gateway-url",
            simulator.url, "--token", "test-token", "--max-concurrency", "2", "--exit-after-events", "2",
        ])
        #expect(run.status == 0, "stderr: \(run.standardError)")
        #expect(Set(simulator.identifies.compactMap(\.shard)) == [[2, 6], [3, 6]])
        let usage = try await Self.run(["listen", "--shards", "2-3", "--token", "test-token"])
        #expect(usage.status == 64)
    }

    /// Both parts of the demo pass on a short stream: the cluster part's verdict, then the single shard's; exit 0.
    @Test(.timeLimit(.minutes(1)))
    func demoRunsTheClusterPartThenTheShardPartAndExitsWithZero() async throws {
        let run = try await Self.run(["demo", "--events", "30", "--seconds", "1"])
        #expect(run.status == 0, "stderr: \(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        let clusterVerdict = try #require(lines.firstIndex { $0.hasPrefix("demo part 1:") })
        #expect(lines[clusterVerdict].contains("0 bucket violations"))
        #expect(lines[clusterVerdict].contains("8 resumes, 0 new identifies"))
        #expect(lines.contains { $0.contains("shards ready 8/8") })
        let shardVerdict = try #require(lines.lastIndex { $0.hasPrefix("demo: ") })
        #expect(clusterVerdict < shardVerdict)
        #expect(lines[shardVerdict].hasSuffix("no event lost"))
        #expect(lines[shardVerdict].contains("(0 failures)"))
    }

    /// At the budget's reserve the tool prints a budget-exhausted line and identifies no further.
    @Test(.timeLimit(.minutes(1)))
    func clusterListenStopsIdentifyingAtTheBudgetReserve() async throws {
        var configuration = GatewaySimulator.Configuration()
        configuration.heartbeatInterval = .seconds(1)
        configuration.recommendedShards = 8
        configuration.maxConcurrency = 8
        configuration.guildCount = 0
        configuration.sessionStartLimit = SimulatedSessionStartLimit(
            total: 1000, remaining: 12, resetAfter: .seconds(600))
        let simulator = try GatewaySimulator(configuration: configuration)
        defer { simulator.stop() }
        let run = try await Self.run([
            "listen", "--shards", "all", "--api-url", simulator.restBaseURL, "--token", "test-token", "--duration", "2",
        ])
        #expect(run.status == 0, "stderr: \(run.standardError)")
        let budget = try #require(run.lines(kind: "budget-exhausted").first)
        // The default reserve is 1 % of the daily total, at least 5: 10 here.
        #expect(budget.remaining == 10)
        #expect((budget.reset_after_ms ?? 0) > 500_000)
        #expect(simulator.identifyCount == 2)
        #expect(simulator.sessionStartsRemaining == 10)
    }

    /// `fake-gateway` with cluster options serves /gateway/bot with the recommended count and enforces buckets.
    @Test(.timeLimit(.minutes(1)))
    func standaloneFakeGatewayServesAClusterOfTheRecommendedSize() async throws {
        guard let executable = CommandLineTool.url else { return }
        let server = Process()
        server.executableURL = executable
        server.arguments = [
            "fake-gateway", "--port", "0", "--shards", "3", "--max-concurrency", "3", "--identify-window-ms", "200",
            "--rate", "0", "--guilds", "0",
        ]
        let output = Pipe()
        server.standardOutput = output
        server.standardInput = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let apiURL: String = await onOwnThread {
            var text = ""
            while !text.contains("token:") {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            let line = text.split(separator: "\n").first { $0.hasPrefix("api-url: ") } ?? ""
            return String(line.dropFirst("api-url: ".count))
        }
        #expect(apiURL.hasPrefix("http://127.0.0.1:"))
        let run = try await Self.run([
            "listen", "--shards", "all", "--api-url", apiURL, "--token", "test-token", "--exit-after-events", "3",
        ])
        #expect(run.status == 0, "stderr: \(run.standardError)")
        #expect(Set(run.lines(kind: "dispatch").filter { $0.type == "READY" }.compactMap(\.shard)) == [0, 1, 2])
    }
}
