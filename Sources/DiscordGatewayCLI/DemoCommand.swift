internal import ArgumentParser
internal import DiscordGateway
internal import DiscordGatewayTesting
internal import Dispatch
internal import Foundation

/// `discord-gateway demo`: shows a cluster starting within its identify limits and resuming from a session store
/// (``DemoClusterPart``), then a shard surviving a reconnect request and a zombied connection without losing an
/// event, against in-process gateway simulators (or, with `DISCORD_TOKEN` set, prints events from Discord).
///
/// **Threading:** `run()` blocks the main thread and drives the simulator from it; the log is written from the
/// shard's callback queue and the main thread through one ``JSONLineWriter``.
struct DemoCommand: ParsableCommand {
    /// Help and name.
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Watch a cluster start within its identify limits, and a shard resume through a reconnect and a zombie "
            + "connection without losing an event.",
        discussion: """
            Without DISCORD_TOKEN, two parts against gateway simulators in this process. Part 1: a cluster of 8 \
            shards at max_concurrency 2 starts (one identify per bucket per 400 ms window), shuts down resumably \
            into an in-memory session store, and a second cluster resumes every shard from it without a new \
            identify. Part 2: one shard (heartbeat every second) receives a few hundred realistic events over \
            about 12 seconds while the gateway asks it to reconnect (op 7) and then stops acknowledging its \
            heartbeats; every sequence number must arrive exactly once. Exits 0 when both parts pass, 1 \
            otherwise. With DISCORD_TOKEN set: connects to Discord and prints events until Ctrl-C.
            """
    )

    /// `--events`.
    @Option(help: "Dispatches to stream on the simulator.") var events = 400
    /// `--seconds`.
    @Option(help: "How long streaming takes on the simulator.") var seconds = 12.0

    /// Checks the options; failures exit with 64.
    func validate() throws {
        guard events >= 10, events <= 1_000_000 else { throw ValidationError("--events must be in 10...1000000") }
        guard seconds > 0, seconds <= 3_600 else { throw ValidationError("--seconds must be in (0, 3600]") }
    }

    /// Runs the simulated demo, or the live one when `DISCORD_TOKEN` is set.
    func run() throws {
        let token = ProcessInfo.processInfo.environment["DISCORD_TOKEN"] ?? ""
        if BotToken(token).isEmpty {
            try runSimulated()
        } else {
            try runLive(token: BotToken(token))
        }
    }

    /// Connects to Discord and prints events until SIGINT/SIGTERM.
    private func runLive(token: BotToken) throws {
        var configuration = ShardConfiguration(token: token)
        let callbackQueue = DispatchQueue(label: "discord-gateway.demo.callbacks")
        configuration.callbackQueue = callbackQueue
        let log = DemoLog()
        let counter = EventCounter(countsGaps: true)
        let latch = StopLatch()
        let observer = DemoObserver(log: log, counter: counter, latch: latch, printsEvents: true)
        let shard = Shard(configuration: configuration)
        shard.delegate = observer
        let trap = SignalTrap { latch.complete(.signal($0)) }
        defer { trap.cancel() }
        log.say("connecting to \(configuration.gatewayURL) (Ctrl-C to stop)")
        shard.connect()
        let reason = latch.wait()
        if case .shardStopped = reason {} else { shard.close(code: .normalClosure) }
        drainCallbacks(of: shard, on: callbackQueue)
        let counts = counter.snapshot
        log.say("\(counts.events) events, \(counts.gaps) gaps, \(shard.reconnectCount) reconnects")
        if case .shardStopped(let error) = reason {
            printError(stopSentence(for: error, url: configuration.connectionURL))
            throw error.closeCode != nil ? ToolExit.fatalClose : ToolExit.connectionError
        }
    }

    /// Runs both parts of the scripted demo against in-process simulators: the cluster (``DemoClusterPart``), then
    /// the single shard; exits 1 unless both pass.
    private func runSimulated() throws {
        let log = DemoLog()
        log.say("no DISCORD_TOKEN set: running against in-process gateway simulators")
        let clusterPassed = DemoClusterPart(log: log).run()
        log.say(
            "part 2: one shard through a Reconnect (op 7) and a zombie connection, every event counted",
            timestamped: false)
        try runSingleShard(log: log)
        if !clusterPassed { throw ExitCode(1) }
    }

    /// Runs the single-shard story against an in-process simulator and prints its verdict.
    private func runSingleShard(log: DemoLog) throws {
        var simulatorConfiguration = GatewaySimulator.Configuration()
        simulatorConfiguration.heartbeatInterval = .seconds(1)
        simulatorConfiguration.guildCount = 3
        let simulator = try GatewaySimulator(configuration: simulatorConfiguration)
        defer { simulator.stop() }

        var configuration = ShardConfiguration(token: "test-token")
        configuration.gatewayURL = simulator.url
        configuration.allowsInsecureTransport = true  // ws:// to the loopback simulator, explicitly allowed
        let callbackQueue = DispatchQueue(label: "discord-gateway.demo.callbacks")
        configuration.callbackQueue = callbackQueue
        let counter = EventCounter(countsGaps: true)
        let latch = StopLatch()
        let observer = DemoObserver(log: log, counter: counter, latch: latch, printsEvents: false)
        let shard = Shard(configuration: configuration)
        shard.delegate = observer
        let trap = SignalTrap { latch.complete(.signal($0)) }
        defer { trap.cancel() }

        log.say("gateway simulator on \(simulator.url), heartbeat every 1 s")
        shard.connect()
        guard let sessionID = observer.waitForSession(of: shard, timeout: .seconds(10)) else {
            shard.close(code: .normalClosure)
            printError("demo: the shard did not connect to the simulator within 10 seconds")
            throw ToolExit.connectionError
        }
        log.say("session \(sessionID) is live; streaming \(events) events over \(Int(seconds)) s")

        var fixtures = GatewayFixtures(seed: 0xD15C0)
        let pause = Duration.seconds(seconds) / events
        let reconnectAt = events / 3
        let zombieAt = events * 2 / 3
        var lastReport = ContinuousClock.now
        for index in 0..<events where !latch.isCompleted {
            if index == reconnectAt, let client = simulator.clients.last {
                log.say("gateway sends Reconnect (op 7)")
                client.sendReconnect()
            }
            if index == zombieAt, let client = simulator.clients.last {
                log.say("gateway stops acknowledging heartbeats (zombie connection)")
                client.suppressHeartbeatAcks(true)
            }
            let dispatch = fixtures.nextDispatch()
            simulator.dispatch(dispatch.name, data: dispatch.data, toSession: sessionID)
            if ContinuousClock.now - lastReport >= .seconds(2) {
                lastReport = .now
                let counts = counter.snapshot
                log.say("\(counts.events) events received, last sequence \(counts.lastSequence ?? 0)")
            }
            blockingSleep(pause)
        }

        // Wait for the tail: every dispatch the simulator numbered, RESUMEDs included, must arrive.
        // A reconnect still under way (a short --seconds) ends with one more (RESUMED): wait for it to finish too.
        let deadline = ContinuousClock.now + .seconds(15)
        let isSettled = {
            shard.state == .connected
                && (counter.snapshot.lastSequence ?? 0) >= simulator.lastSequence(ofSession: sessionID) ?? 0
        }
        while !isSettled(), ContinuousClock.now < deadline, !latch.isCompleted {
            blockingSleep(.milliseconds(20))
        }
        latch.complete(.finished)
        let reason = latch.wait()
        if case .shardStopped(let error) = reason {
            drainCallbacks(of: shard, on: callbackQueue)
            printError("demo: the shard stopped: \(error)")
            throw ToolExit.connectionError
        }
        shard.close(code: .normalClosure)
        drainCallbacks(of: shard, on: callbackQueue)
        if case .signal = reason {
            log.say("interrupted after \(counter.snapshot.events) events")
            return
        }

        let counts = counter.snapshot
        let expected = simulator.lastSequence(ofSession: sessionID) ?? 0
        let complete =
            counts.gaps == 0 && counts.restarts == 0 && counts.firstSequence == 1 && counts.lastSequence == expected
        let identifiesAfterFirst = max(simulator.identifyCount - 1, 0)
        let verdict =
            complete ? "no event lost" : "EVENTS LOST OR REPEATED (the simulator sent sequence 1…\(expected))"
        log.say(
            "demo: \(counts.events) events, sequence \(counts.firstSequence ?? 0)…\(counts.lastSequence ?? 0), "
                + "\(counts.gaps) gaps, \(simulator.resumeCount) resumes, \(identifiesAfterFirst) identifies after "
                + "the first, \(counts.events - counts.decodeErrors) decoded into typed models "
                + "(\(counts.decodeErrors) failures) — \(verdict)", timestamped: false)
        if !complete || counts.decodeErrors > 0 { throw ExitCode(1) }
    }
}

/// The demo's readable log: `[  4.21s] message`, one line per write.
///
/// **Threading:** safe from any thread (writes go through ``JSONLineWriter``).
final class DemoLog: Sendable {
    /// When the demo started.
    private let start = ContinuousClock.now
    /// Serialised output.
    private let writer = JSONLineWriter()

    /// Makes a log starting now.
    init() {}

    /// Writes one line, with the time since the start unless `timestamped` is false.
    func say(_ message: String, timestamped: Bool = true) {
        guard timestamped else { return writer.writeText(message) }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        writer.writeText("[" + String(format: "%6.2f", seconds) + "s] " + message)
    }
}

/// The demo's shard delegate: logs state changes and disconnects, counts events.
///
/// **Threading:** called on the shard's callback queue; shared state sits in `Locked`s.
final class DemoObserver: ShardDelegate {
    /// Where lines go.
    let log: DemoLog
    /// Counts events and gaps.
    let counter: EventCounter
    /// Told when the shard stops for good.
    let latch: StopLatch
    /// Whether each event is printed (live mode).
    let printsEvents: Bool
    /// Signalled on every change to connected.
    private let connected = DispatchSemaphore(value: 0)

    /// Makes an observer.
    init(log: DemoLog, counter: EventCounter, latch: StopLatch, printsEvents: Bool) {
        self.log = log
        self.counter = counter
        self.latch = latch
        self.printsEvents = printsEvents
    }

    /// Waits until the shard is connected and has a session; its id, or `nil` on timeout.
    func waitForSession(of shard: Shard, timeout: Duration) -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let session = shard.session, shard.state == .connected { return session.id }
            _ = connected.wait(timeout: .now() + .milliseconds(100))
        }
        return nil
    }

    /// Counts (and in live mode prints) an event, and decodes it into its typed model.
    func shard(_ shard: Shard, didReceive event: GatewayEvent) {
        counter.record(sequence: event.sequence, bytes: event.rawPayload.count)
        do {
            _ = try event.decoded()
        } catch {
            counter.recordDecodeError()
            log.say("could not decode \(error)")
        }
        if printsEvents { log.say(event.description) }
    }

    /// Logs a state change.
    func shard(_ shard: Shard, didChangeStateFrom oldState: ShardState, to newState: ShardState) {
        let sequence = counter.snapshot.lastSequence ?? 0
        let text =
            switch newState {
            case .reconnecting(let attempt, let after):
                "reconnecting (attempt \(attempt), in \(String(format: "%.1f", Self.seconds(after))) s)"
            default: "\(newState)"
            }
        log.say("shard \(shard.id): \(text) (sequence \(sequence))")
        if newState == .connected { connected.signal() }
    }

    /// `duration` in seconds.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Logs why a connection ended.
    func shard(_ shard: Shard, didDisconnectWith error: ShardError) {
        log.say("shard \(shard.id): connection ended: \(error)")
    }

    /// Records the stop.
    func shard(_ shard: Shard, didStopWith error: ShardError) {
        log.say("shard \(shard.id): stopped: \(error)")
        latch.complete(.shardStopped(error))
    }
}
