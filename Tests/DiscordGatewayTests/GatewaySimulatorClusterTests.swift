import DiscordGateway
import DiscordGatewayTesting
import Dispatch
import Foundation
import Glibc
import Testing

/// A simulator with a short heartbeat interval and the given tweaks.
private func makeClusterSimulator(
    _ configure: (inout GatewaySimulator.Configuration) -> Void = { _ in }
) throws -> GatewaySimulator {
    var configuration = GatewaySimulator.Configuration()
    configuration.heartbeatInterval = .seconds(30)
    configuration.sendsGuildCreates = false
    configure(&configuration)
    return try GatewaySimulator(configuration: configuration)
}

/// One HTTP answer read by ``httpGet(port:path:headers:method:)``.
private struct HTTPAnswer: Sendable {
    /// The status code (0 when the status line was unreadable).
    var status: Int
    /// The body text.
    var body: String
    /// When the first bytes of the answer arrived (taken on the reading thread).
    var receivedAt: ContinuousClock.Instant
    /// The body as JSON.
    func json() throws -> SimulatorJSON { try SimulatorJSON(parsing: Array(body.utf8)) }
}

/// Sends one plain HTTP request to 127.0.0.1 and reads the answer until the server closes, on a dispatch thread
/// (so waiting for a deferred `/queue` answer never blocks the test's executor).
private func httpGet(
    port: Int, path: String, headers: [String] = [], method: String = "GET", timeout: Duration = .seconds(10)
) async throws -> HTTPAnswer {
    let socket = try TCPSocket.connect(host: "127.0.0.1", port: port, timeout: .seconds(5))
    let request =
        (["\(method) \(path) HTTP/1.1", "Host: 127.0.0.1:\(port)"] + headers).joined(separator: "\r\n")
        + "\r\n\r\n"
    // A queue of its own (its own thread): blocking the shared pool could starve the simulator's timers.
    let (raw, receivedAt) = await withCheckedContinuation {
        (continuation: CheckedContinuation<([UInt8], ContinuousClock.Instant), Never>) in
        DispatchQueue(label: "http-test-client").async {
            continuation.resume(returning: exchange(socket: socket, request: Array(request.utf8), timeout: timeout))
        }
    }
    let text = String(decoding: raw, as: UTF8.self)
    guard let split = text.range(of: "\r\n\r\n") else {
        return HTTPAnswer(status: 0, body: text, receivedAt: receivedAt)
    }
    let statusLine = text[..<split.lowerBound].split(separator: "\r\n").first ?? ""
    let parts = statusLine.split(separator: " ")
    let status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    return HTTPAnswer(status: status, body: String(text[split.upperBound...]), receivedAt: receivedAt)
}

/// Writes `request` on a non-blocking socket and reads until EOF or `timeout`; closes the socket.
/// - Returns: the bytes read and when the first of them arrived.
private func exchange(socket: Int32, request: [UInt8], timeout: Duration) -> ([UInt8], ContinuousClock.Instant) {
    defer { close(socket) }
    let deadline = ContinuousClock.now + timeout
    var fds = [pollfd(fd: socket, events: Int16(POLLOUT), revents: 0)]
    var offset = 0
    while offset < request.count, ContinuousClock.now < deadline {
        _ = poll(&fds, 1, 100)
        let sent = request[offset...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if sent > 0 { offset += sent } else if sent < 0 && errno != EAGAIN && errno != EINTR { return ([], .now) }
    }
    var received: [UInt8] = []
    var firstArrival: ContinuousClock.Instant?
    var buffer = [UInt8](repeating: 0, count: 4096)
    fds[0].events = Int16(POLLIN)
    while ContinuousClock.now < deadline {
        fds[0].revents = 0
        _ = poll(&fds, 1, 100)
        let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            firstArrival = firstArrival ?? .now
            received.append(contentsOf: buffer[0..<count])
        } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
            break
        }
    }
    return (received, firstArrival ?? .now)
}

/// Reads Hello, sends an Identify for `shard` and returns the first answer (READY or Invalid Session).
private func identifyAnswer(_ client: ScriptedGatewayClient, shard: [Int]) async throws -> SimulatorJSON {
    #expect(try await client.next()["op"]?.intValue == 10)
    client.send(ScriptedGatewayClient.identifyJSON(shard: shard))
    return try await client.next()
}

@Suite(.usesSockets, .timeLimit(.minutes(1))) struct GatewaySimulatorClusterTests {
    @Test func secondIdentifyOfABucketInsideTheWindowGetsInvalidSession() async throws {
        let simulator = try makeClusterSimulator {
            $0.maxConcurrency = 4
            $0.identifyWindow = .seconds(30)
        }
        defer { simulator.stop() }
        let first = try ScriptedGatewayClient(simulator)
        defer { first.finish() }
        _ = try await first.identify(shard: [0, 8])
        let second = try ScriptedGatewayClient(simulator)
        defer { second.finish() }
        let answer = try await identifyAnswer(second, shard: [4, 8])
        #expect(answer["op"]?.intValue == 9)
        #expect(answer["d"] == .bool(false))

        let violation = try #require(simulator.violations.first)
        #expect(simulator.violations.map(\.kind) == [.identifyRateLimited])
        #expect(violation.detail.contains("shard [4, 8]"))
        #expect(violation.detail.contains("bucket 0"))
        #expect(violation.closeCode == nil)
        let timeline = simulator.identifyTimeline
        #expect(timeline.map(\.shard) == [[0, 8], [4, 8]])
        #expect(timeline.map(\.bucket) == [0, 0])
        #expect(timeline.map(\.accepted) == [true, false])
        #expect(timeline[1].arrival >= timeline[0].arrival)
        #expect(simulator.identifyCount == 1)
    }

    @Test func identifiesOfDifferentBucketsAreAcceptedTogether() async throws {
        let simulator = try makeClusterSimulator {
            $0.maxConcurrency = 4
            $0.identifyWindow = .seconds(30)
        }
        defer { simulator.stop() }
        let clients = try (0..<2).map { _ in try ScriptedGatewayClient(simulator) }
        defer { for client in clients { client.finish() } }
        for client in clients { #expect(try await client.next()["op"]?.intValue == 10) }
        for (shard, client) in clients.enumerated() {
            client.send(ScriptedGatewayClient.identifyJSON(shard: [shard, 8]))
        }
        for client in clients { #expect(try await client.next()["t"]?.stringValue == "READY") }
        #expect(simulator.violations.isEmpty)
        #expect(Set(simulator.identifyTimeline.map(\.bucket)) == [0, 1])
        #expect(simulator.identifyTimeline.allSatisfy { $0.accepted })
    }

    @Test func sixtyFourShardsIdentifyingAtOnceGetOneSessionPerBucket() async throws {
        let simulator = try makeClusterSimulator {
            $0.maxConcurrency = 16
            $0.identifyWindow = .seconds(30)
            $0.guildCount = 64
        }
        defer { simulator.stop() }
        let clients = try (0..<64).map { _ in try ScriptedGatewayClient(simulator) }
        defer { for client in clients { client.finish() } }
        for client in clients { #expect(try await client.next()["op"]?.intValue == 10) }
        for (shard, client) in clients.enumerated() {
            client.send(ScriptedGatewayClient.identifyJSON(shard: [shard, 64]))
        }
        var readyShards: Set<Int> = []
        for (shard, client) in clients.enumerated() {
            let answer = try await client.next()
            if answer["t"]?.stringValue == "READY" {
                readyShards.insert(shard)
            } else {
                #expect(answer["op"]?.intValue == 9)
            }
        }
        #expect(readyShards.count == 16)
        #expect(Set(readyShards.map { $0 % 16 }).count == 16)
        let timeline = simulator.identifyTimeline
        #expect(timeline.count == 64)
        #expect(timeline.filter(\.accepted).count == 16)
        #expect(timeline.allSatisfy { $0.bucket == ($0.shard?[0] ?? -1) % 16 })
        #expect(simulator.violations.count == 48)
        #expect(simulator.violations.allSatisfy { $0.kind == .identifyRateLimited })
    }

    @Test func acceptedIdentifiesUseSessionStartsAndResumesDoNot() async throws {
        let simulator = try makeClusterSimulator {
            $0.sessionStartLimit = SimulatedSessionStartLimit(total: 10, remaining: 3, resetAfter: .seconds(600))
        }
        defer { simulator.stop() }
        #expect(simulator.sessionStartsRemaining == 3)
        let client = try ScriptedGatewayClient(simulator)
        let ready = try await client.identify()
        #expect(simulator.sessionStartsRemaining == 2)
        let sessionID = try #require(ready["d"]?["session_id"]?.stringValue)
        try await client.close(code: 4000)

        let resuming = try ScriptedGatewayClient(simulator)
        defer { resuming.finish() }
        #expect(try await resuming.next()["op"]?.intValue == 10)
        resuming.send(ScriptedGatewayClient.resumeJSON(sessionID: sessionID, sequence: 1))
        _ = try await resuming.nextDispatch("RESUMED")
        #expect(simulator.sessionStartsRemaining == 2)
        #expect(simulator.resumeCount == 1)
    }

    @Test func identifyWithNoSessionStartsLeftResetsTheToken() async throws {
        let simulator = try makeClusterSimulator {
            $0.sessionStartLimit = SimulatedSessionStartLimit(total: 5, remaining: 1, resetAfter: .seconds(600))
        }
        defer { simulator.stop() }
        let live = try ScriptedGatewayClient(simulator)
        defer { live.finish() }
        _ = try await live.identify(shard: [0, 2])
        #expect(simulator.sessionStartsRemaining == 0)

        let over = try ScriptedGatewayClient(simulator)
        defer { over.finish() }
        #expect(try await over.next()["op"]?.intValue == 10)
        over.send(ScriptedGatewayClient.identifyJSON(shard: [1, 2]))
        #expect(try await over.closeCode() == 4004)
        #expect(try await live.closeCode() == 4004)
        let violation = try #require(simulator.violations.first)
        #expect(violation.kind == .sessionStartLimitExceeded)
        #expect(violation.closeCode == 4004)
        #expect(violation.detail.contains("1 live session"))
        #expect(!simulator.isValid(token: "test-token"))
        #expect(simulator.identifyTimeline.map(\.accepted) == [true, false])

        let later = try ScriptedGatewayClient(simulator)
        defer { later.finish() }
        #expect(try await later.next()["op"]?.intValue == 10)
        later.send(ScriptedGatewayClient.identifyJSON(shard: [1, 2]))
        #expect(try await later.closeCode() == 4004)
        #expect(simulator.violations.last?.kind == .invalidToken)
        let rest = try await httpGet(
            port: simulator.port, path: "/api/v10/gateway/bot", headers: ["Authorization: Bot test-token"])
        #expect(rest.status == 401)
    }

    @Test func sessionStartLimitCanBeSetAtRunTime() async throws {
        let simulator = try makeClusterSimulator()
        defer { simulator.stop() }
        #expect(simulator.sessionStartsRemaining == nil)
        simulator.setSessionStartLimit(SimulatedSessionStartLimit(total: 7, remaining: 0, resetAfter: .seconds(60)))
        #expect(simulator.sessionStartsRemaining == 0)
        let answer = try await httpGet(
            port: simulator.port, path: "/api/v10/gateway/bot", headers: ["Authorization: Bot test-token"])
        let limit = try answer.json()["session_start_limit"]
        #expect(limit?["total"]?.intValue == 7)
        #expect(limit?["remaining"]?.intValue == 0)
        simulator.setSessionStartLimit(nil)
        #expect(simulator.sessionStartsRemaining == nil)
    }

    @Test func gatewayBotAnswersFromTheConfigurationWithABotToken() async throws {
        let simulator = try makeClusterSimulator {
            $0.recommendedShards = 8
            $0.maxConcurrency = 4
            $0.sessionStartLimit = SimulatedSessionStartLimit(total: 1000, remaining: 997, resetAfter: .seconds(60))
        }
        defer { simulator.stop() }
        let answer = try await httpGet(
            port: simulator.port, path: "/api/v10/gateway/bot", headers: ["Authorization: Bot test-token"])
        #expect(answer.status == 200)
        let json = try answer.json()
        #expect(json["url"]?.stringValue == simulator.url)
        #expect(json["shards"]?.intValue == 8)
        let limit = try #require(json["session_start_limit"])
        #expect(limit["total"]?.intValue == 1000)
        #expect(limit["remaining"]?.intValue == 997)
        #expect(limit["max_concurrency"]?.intValue == 4)
        let resetAfter = try #require(limit["reset_after"]?.intValue)
        #expect((50_000...60_000).contains(resetAfter))
        #expect(simulator.clients.isEmpty)
    }

    @Test(arguments: [[], ["Authorization: Bot wrong-token"], ["Authorization: Bearer test-token"]])
    func gatewayBotWithoutAValidBotTokenIsUnauthorized(headers: [String]) async throws {
        let simulator = try makeClusterSimulator()
        defer { simulator.stop() }
        let answer = try await httpGet(port: simulator.port, path: "/api/v10/gateway/bot", headers: headers)
        #expect(answer.status == 401)
        let json = try answer.json()
        #expect(json["message"]?.stringValue == "401: Unauthorized")
        #expect(json["code"]?.intValue == 0)
    }

    @Test func gatewayAnswersWithTheURLAndOtherPathsAreRefused() async throws {
        let simulator = try makeClusterSimulator()
        defer { simulator.stop() }
        #expect(simulator.restBaseURL == "http://127.0.0.1:\(simulator.port)/api/v10")
        let gateway = try await httpGet(port: simulator.port, path: "/api/v10/gateway")
        #expect(gateway.status == 200)
        #expect(try gateway.json()["url"]?.stringValue == simulator.url)
        #expect(try await httpGet(port: simulator.port, path: "/api/v10/nothing").status == 404)
        #expect(try await httpGet(port: simulator.port, path: "/api/v10/gateway", method: "POST").status == 405)
        #expect(try await httpGet(port: simulator.port, path: "/queue?shard=x").status == 400)

        // The WebSocket side still works on the same port.
        let client = try ScriptedGatewayClient(simulator)
        defer { client.finish() }
        _ = try await client.identify()
    }

    @Test func plainRequestsToAFakeGatewayWithoutAHandlerAreRefusedWithoutAnAnswer() async throws {
        let gateway = try FakeGateway()
        defer { gateway.stop() }
        let answer = try await httpGet(port: gateway.port, path: "/api/v10/gateway")
        #expect(answer.status == 0)
        #expect(answer.body.isEmpty)
    }

    @Test func queueGrantsEachBucketOncePerWindowAndIdentifiesUseTheGrants() async throws {
        let window = Duration.milliseconds(400)
        let simulator = try makeClusterSimulator {
            $0.maxConcurrency = 2
            $0.identifyWindow = window
        }
        defer { simulator.stop() }
        let start = ContinuousClock.now
        async let shard0 = httpGet(port: simulator.port, path: "/queue/?shard=0")
        async let shard1 = httpGet(port: simulator.port, path: "/queue?shard=1")
        let (first, other) = try await (shard0, shard1)
        #expect(first.status == 200)
        #expect(try first.json()["shard"]?.intValue == 0)
        #expect(other.status == 200)
        #expect(abs((other.receivedAt - first.receivedAt) / window) < 1, "different buckets are granted together")

        let identify0 = try ScriptedGatewayClient(simulator)
        defer { identify0.finish() }
        _ = try await identify0.identify(shard: [0, 4])

        let second = try await httpGet(port: simulator.port, path: "/queue?shard=2")
        #expect(second.status == 200)
        // Bucket 0's second grant waits a window after its first, which came no sooner than `start`.
        #expect(second.receivedAt - start >= window - .milliseconds(20))
        let identify2 = try ScriptedGatewayClient(simulator)
        defer { identify2.finish() }
        _ = try await identify2.identify(shard: [2, 4])

        #expect(simulator.violations.isEmpty)
        #expect(simulator.identifyTimeline.map(\.shard) == [[0, 4], [2, 4]])
        #expect(simulator.identifyTimeline.allSatisfy { $0.accepted })
    }

    @Test func queueRequestsOfOneBucketAreGrantedAWindowApart() async throws {
        let window = Duration.milliseconds(300)
        let simulator = try makeClusterSimulator {
            $0.maxConcurrency = 2
            $0.identifyWindow = window
        }
        defer { simulator.stop() }
        let start = ContinuousClock.now
        let answers = try await withThrowingTaskGroup(of: HTTPAnswer.self) { group in
            for shard in [0, 2, 4] {
                group.addTask { try await httpGet(port: simulator.port, path: "/queue?shard=\(shard)") }
            }
            var answers: [HTTPAnswer] = []
            for try await answer in group { answers.append(answer) }
            return answers.sorted { $0.receivedAt < $1.receivedAt }
        }
        #expect(answers.map(\.status) == [200, 200, 200])
        // The k-th answer cannot arrive before k windows have passed since the requests went out. (Gaps between
        // arrivals are no measure: a slow first answer can land close to the second.)
        for (k, answer) in answers.enumerated() {
            #expect(answer.receivedAt - start >= window * k - .milliseconds(20), "answer \(k)")
        }
    }
}
