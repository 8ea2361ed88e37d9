import DiscordGateway
import DiscordGatewayTesting
import Foundation
import Testing

/// Records a shard's callbacks for tests to await.
final class ShardRecorder: ShardDelegate {
    let events = TimedMailbox<GatewayEvent>(label: "an event")
    let states = TimedMailbox<ShardState>(label: "a state change")
    let disconnects = TimedMailbox<ShardError>(label: "a disconnect")
    let stops = TimedMailbox<ShardError>(label: "a stop")
    let connects = TimedMailbox<Int>(label: "a connection")
    let slowCallbacks = TimedMailbox<Duration>(label: "a slow-callback report")
    let eventDelay = Locked<Duration>(.zero)

    func shardDidConnect(_ shard: Shard) { connects.put(1) }
    func shard(_ shard: Shard, didReceive event: GatewayEvent) {
        let delay = eventDelay.withLock { $0 }
        if delay > .zero {
            Thread.sleep(
                forTimeInterval: Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18)
        }
        events.put(event)
    }
    func shard(_ shard: Shard, didChangeStateFrom oldState: ShardState, to newState: ShardState) {
        states.put(newState)
    }
    func shard(_ shard: Shard, didDisconnectWith error: ShardError) { disconnects.put(error) }
    func shard(_ shard: Shard, didStopWith error: ShardError) { stops.put(error) }
    func shard(_ shard: Shard, callbackRanFor duration: Duration) { slowCallbacks.put(duration) }

    /// Waits for a state satisfying `predicate`.
    func waitForState(_ timeout: Duration = .seconds(10), _ predicate: (ShardState) -> Bool) async throws -> ShardState
    {
        try await states.next(timeout: timeout, where: predicate)
    }
}

/// A shard configuration aimed at a loopback fake gateway.
func loopbackConfiguration(url: String, compression: ShardConfiguration.Compression = .zlibStream) -> ShardConfiguration
{
    var configuration = ShardConfiguration(token: "test-token")
    configuration.gatewayURL = url
    configuration.allowsInsecureTransport = true
    configuration.compression = compression
    configuration.intents = [.guilds, .guildMessages]
    return configuration
}

/// Makes a shard with a recording delegate, connects it to `gateway` and returns the gateway's side too.
func startShard(
    _ configuration: ShardConfiguration, on gateway: FakeGateway
) async throws
    -> (Shard, ShardRecorder, FakeGatewayConnection)
{
    let shard = Shard(configuration: configuration)
    let recorder = ShardRecorder()
    shard.delegate = recorder
    shard.connect()
    let server = try await gateway.nextConnection()
    return (shard, recorder, server)
}

/// Minimal scripted Discord on a raw fake gateway connection.
enum Script {
    static func hello(_ milliseconds: Int) -> String { #"{"op":10,"d":{"heartbeat_interval":\#(milliseconds)}}"# }
    static func ready(session: String = "abc", resumeURL: String) -> String {
        #"{"t":"READY","s":1,"op":0,"d":{"v":10,"user":{"id":"1","username":"bot"},"guilds":[],"session_id":"\#(session)","resume_gateway_url":"\#(resumeURL)","application":{"id":"1","flags":0}}}"#
    }
    static func dispatch(_ name: String, _ seq: Int, _ data: String = "{}") -> String {
        #"{"t":"\#(name)","s":\#(seq),"op":0,"d":\#(data)}"#
    }
}

@Suite(.usesSockets, .timeLimit(.minutes(1))) struct ShardBasicsTests {
    @Test func identifiesAndDeliversDispatchesInOrder() async throws {
        let gateway = try FakeGateway()
        defer { gateway.stop() }
        let (shard, recorder, server) = try await startShard(loopbackConfiguration(url: gateway.url), on: gateway)
        #expect(server.isCompressed)
        #expect(server.query["v"] == "10")
        server.send(Script.hello(45_000))
        let identify = try await server.nextMessage()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(identify.bytes)) as? [String: Any])
        #expect(json["op"] as? Int == 2)
        let data = try #require(json["d"] as? [String: Any])
        #expect(data["token"] as? String == "test-token")
        #expect(data["intents"] as? Int == 513)
        #expect(data["compress"] as? Bool == false)
        #expect(data["shard"] as? [Int] == [0, 1])
        server.send(Script.ready(resumeURL: gateway.url))
        for seq in 2...20 { server.send(Script.dispatch("MESSAGE_CREATE", seq)) }
        #expect(try await recorder.events.next(timeout: .seconds(5)).name == "READY")
        for seq in 2...20 {
            #expect(try await recorder.events.next(timeout: .seconds(5)).sequence == seq)
        }
        #expect(shard.state == .connected)
        #expect(shard.session?.id == "abc")
        #expect(shard.session?.sequence == 20)
        let saved = shard.close(code: .unknownError)
        #expect(saved?.id == "abc")
        #expect(saved?.sequence == 20)
        #expect(saved?.resumeURL.contains("compress=zlib-stream") == true)
        #expect(try await server.closure().code == 4000)
    }

    @Test func nextEventPullsTheSameStreamAndEndsAfterClose() async throws {
        let gateway = try FakeGateway()
        defer { gateway.stop() }
        let shard = Shard(configuration: loopbackConfiguration(url: gateway.url, compression: .none))
        shard.connect()
        let server = try await gateway.nextConnection()
        server.send(Script.hello(45_000))
        _ = try await server.nextMessage()
        server.send(Script.ready(resumeURL: gateway.url))
        server.send(Script.dispatch("TYPING_START", 2))
        let first = await onOwnThread { shard.nextEvent(timeout: .seconds(5)) }
        #expect(first?.name == "READY")
        let second = await onOwnThread { shard.nextEvent(timeout: .seconds(5)) }
        #expect(second?.name == "TYPING_START")
        shard.close()
        let after = await onOwnThread { shard.nextEvent(timeout: .seconds(5)) }
        #expect(after == nil)
        #expect(shard.state == .closed)
        #expect(shard.session == nil)
    }

    @Test func userCodeBlockingLongerThanThreeIntervalsNeverDelaysHeartbeats() async throws {
        // The simulator ACKs on its I/O thread and stamps each heartbeat as it arrives, so a slow test task can
        // neither delay an ACK nor blur a gap.
        let interval = 400
        var settings = GatewaySimulator.Configuration()
        settings.heartbeatInterval = .milliseconds(interval)
        settings.guildCount = 0
        let simulator = try GatewaySimulator(configuration: settings)
        defer { simulator.stop() }
        var configuration = loopbackConfiguration(url: simulator.url)
        configuration.slowCallbackThreshold = .milliseconds(300)
        let shard = Shard(configuration: configuration)
        let recorder = ShardRecorder()
        shard.delegate = recorder
        shard.connect()
        let client = try await simulator.nextClient()
        _ = try await recorder.events.next(timeout: .seconds(5)) { $0.name == "READY" }
        recorder.eventDelay.withLock { $0 = .milliseconds(interval * 4) }
        let sequence = client.dispatch("MESSAGE_CREATE", data: "{}")
        // While the delegate is blocked for 4 intervals, heartbeats must keep arriving on schedule and be ACKed.
        let before = client.heartbeats.count
        let beats = try await client.waitForHeartbeats(count: before + 6).map(\.arrival)
        let gaps = zip(beats.dropFirst(before), beats.dropFirst(before + 1)).map { $1 - $0 }
        // Blocked heartbeats would leave one gap of at least the 4-interval block; 3 intervals leaves room for a
        // slow machine (the thread sanitizer) without letting that through.
        #expect(gaps.count == 5)
        #expect(gaps.allSatisfy { $0 < .milliseconds(interval * 3) }, "heartbeat gaps \(gaps)")
        #expect(try await recorder.events.next(timeout: .seconds(5)).sequence == sequence)
        let slow = try await recorder.slowCallbacks.next(timeout: .seconds(5))
        #expect(slow >= .milliseconds(interval * 4))
        #expect(shard.state == .connected)
        #expect(shard.reconnectCount == 0)
        recorder.eventDelay.withLock { $0 = .zero }
        shard.close()
    }

    @Test func fatalCloseCodeStopsWithoutReconnecting() async throws {
        let gateway = try FakeGateway()
        defer { gateway.stop() }
        let (shard, recorder, server) = try await startShard(loopbackConfiguration(url: gateway.url), on: gateway)
        server.send(Script.hello(45_000))
        _ = try await server.nextMessage()
        server.close(code: 4004, reason: "Authentication failed.")
        let stop = try await recorder.stops.next(timeout: .seconds(5))
        #expect(stop.closeCode == .authenticationFailed)
        #expect(!stop.isRetryable)
        #expect(shard.state == .fatallyClosed(.authenticationFailed))
        #expect(await onOwnThread { shard.nextEvent(timeout: .seconds(1)) } == nil)
        await #expect(throws: FakeGatewayTimeout.self) { try await gateway.nextConnection(timeout: .milliseconds(500)) }
    }

    @Test func zombieConnectionIsDroppedAndResumed() async throws {
        // No ACK ever: the second heartbeat finds the first unacknowledged. The simulator answers Identify on its
        // I/O thread, so READY and the GUILD_CREATEs are processed long before that second beat.
        var settings = GatewaySimulator.Configuration()
        settings.heartbeatInterval = .milliseconds(1000)
        settings.acknowledgesHeartbeats = false
        settings.guildCount = 2
        let simulator = try GatewaySimulator(configuration: settings)
        defer { simulator.stop() }
        let shard = Shard(configuration: loopbackConfiguration(url: simulator.url))
        let recorder = ShardRecorder()
        shard.delegate = recorder
        shard.connect()
        let client = try await simulator.nextClient()
        let disconnect = try await recorder.disconnects.next(timeout: .seconds(5))
        #expect(disconnect.code == .heartbeatTimedOut)
        let sessionID = try #require(simulator.sessionIDs.first)
        let next = try await simulator.nextClient()
        #expect(next.path.hasPrefix("/resume"))
        #expect(next.query["compress"] == "zlib-stream")
        let resume = try await next.expectResume()
        #expect(resume.sessionID == sessionID)
        #expect(resume.sequence == 3)  // READY and two GUILD_CREATEs, the last the shard saw
        let serverSide = try await client.closure()
        #expect(serverSide.code == 1006)
        #expect(client.heartbeats.count == 1, "one unacknowledged heartbeat, then the drop")
        shard.close()
    }

    @Test func certificateFailureStopsWithAClearError() async throws {
        let pki = try #require(TestPKI.shared)
        let gateway = try FakeGateway(configuration: .init(tlsCertificate: pki.wrongHost))
        defer { gateway.stop() }
        var configuration = loopbackConfiguration(url: gateway.url)
        configuration.tls = pki.trustingConfiguration
        let shard = Shard(configuration: configuration)
        let recorder = ShardRecorder()
        shard.delegate = recorder
        shard.connect()
        let stop = try await recorder.stops.next(timeout: .seconds(5))
        #expect(stop.code == .tlsFailed)
        #expect(!stop.isRetryable)
        #expect(stop.description.contains("hostname mismatch"))
        #expect(shard.state == .closed)
    }

    @Test func tokenNeverAppearsInDescriptions() async throws {
        var configuration = ShardConfiguration(token: "super-secret-token-value")
        configuration.gatewayURL = "ws://127.0.0.1:1"
        #expect(!"\(configuration.token)".contains("super-secret"))
        #expect(!String(reflecting: configuration).contains("super-secret"))
        let identify = GatewayCommand.identify(
            .init(
                token: configuration.token, intents: .guilds, properties: .default, largeThreshold: 250, shard: nil,
                presence: nil))
        #expect(!identify.description.contains("super-secret"))
    }
}
