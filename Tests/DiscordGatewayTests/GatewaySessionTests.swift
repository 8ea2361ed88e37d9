import DiscordGateway
import Testing

/// Rules of the gateway state machine, driven with explicit instants.
@Suite struct GatewaySessionTests {
    /// The base instant of every test.
    let t0 = ContinuousClock.now
    /// A gateway URL with the full query, to check it is carried over to the resume URL.
    static let gatewayURL = "wss://gateway.discord.gg/?v=10&encoding=json&compress=zlib-stream"
    /// The resume URL READY gives in these tests, with the query carried over.
    static let resumeURL = "wss://gateway-us-east1-b.discord.gg/?v=10&encoding=json&compress=zlib-stream"
    /// The token used throughout.
    static let token: BotToken = "secret-token"
    /// The interval Hello announces.
    static let interval = Duration.seconds(40)

    /// A configuration for shard 0 of 1.
    static func configuration(resumeSession: Session? = nil) -> GatewaySession.Configuration {
        GatewaySession.Configuration(
            token: token, intents: [.guilds, .guildMessages], shard: ShardInfo(id: 0, count: 1),
            gatewayURL: gatewayURL, resumeSession: resumeSession)
    }

    /// A fresh machine with a constant jitter.
    static func makeSession(resumeSession: Session? = nil, jitter: Double = 0.5) -> GatewaySession {
        GatewaySession(configuration: configuration(resumeSession: resumeSession), jitter: .constant(jitter))
    }

    /// A READY payload.
    static func ready(
        sessionID: String = "session-1", resumeGatewayURL: String? = "wss://gateway-us-east1-b.discord.gg",
        sequence: Int? = 1
    ) -> ReceivedPayload {
        let event = ReadyEvent(
            user: .init(id: 1, username: "bot"), sessionID: sessionID, resumeGatewayURL: resumeGatewayURL)
        return .ready(event, sequence: sequence, rawPayload: Array(#"{"t":"READY","s":1,"op":0,"d":{}}"#.utf8))
    }

    /// The Identify this configuration sends.
    static var identify: GatewayCommand {
        .identify(
            .init(token: token, intents: [.guilds, .guildMessages], shard: ShardInfo(id: 0, count: 1)))
    }

    /// Starts, opens, receives Hello and grants the identify slot; returns the machine before READY.
    static func identifyingSession(at t0: ContinuousClock.Instant, jitter: Double = 0.5) -> GatewaySession {
        var session = makeSession(jitter: jitter)
        _ = session.start(at: t0)
        _ = session.connectionOpened(at: t0)
        _ = session.receive(.hello(heartbeatInterval: interval), at: t0)
        _ = session.identifySlotGranted(at: t0)
        return session
    }

    /// A machine with a live session (READY received at `t0 + 1 s`).
    static func connectedSession(at t0: ContinuousClock.Instant, jitter: Double = 0.5) -> GatewaySession {
        var session = identifyingSession(at: t0, jitter: jitter)
        _ = session.receive(ready(), at: t0 + .seconds(1))
        return session
    }

    // MARK: Handshake

    @Test func startConnectsToTheGatewayURLWithoutDelay() {
        var session = Self.makeSession()
        #expect(
            session.start(at: t0) == [
                .stateChanged(.connecting), .connect(url: Self.gatewayURL, after: .zero, resume: false),
            ])
        #expect(session.generation == 1)
    }

    @Test func helloWithoutSessionRequestsAnIdentifySlot() {
        var session = Self.makeSession()
        _ = session.start(at: t0)
        #expect(session.connectionOpened(at: t0).isEmpty)
        #expect(
            session.receive(.hello(heartbeatInterval: Self.interval), at: t0) == [
                .startHeartbeat(interval: Self.interval, firstAfter: .seconds(20)),
                .stateChanged(.identifying), .requestIdentify,
            ])
    }

    @Test func grantedIdentifySlotSendsIdentify() {
        var session = Self.makeSession()
        _ = session.start(at: t0)
        _ = session.connectionOpened(at: t0)
        _ = session.receive(.hello(heartbeatInterval: Self.interval), at: t0)
        #expect(session.identifySlotGranted(at: t0) == [.send(Self.identify)])
        #expect(session.identifySlotGranted(at: t0).isEmpty, "a second grant must not send a second Identify")
    }

    @Test func helloWithSessionResumesWithoutWaitingForAnIdentifySlot() {
        var session = Self.connectedSession(at: t0)
        _ = session.connectionClosed(code: .unknownError, at: t0 + .seconds(60))
        _ = session.connectionOpened(at: t0 + .seconds(60))
        let actions = session.receive(.hello(heartbeatInterval: Self.interval), at: t0 + .seconds(60))
        #expect(
            actions == [
                .startHeartbeat(interval: Self.interval, firstAfter: .seconds(20)),
                .send(.resume(.init(token: Self.token, sessionID: "session-1", sequence: 1))),
                .stateChanged(.resuming),
            ])
        #expect(!actions.contains(.requestIdentify))
    }

    @Test func secondHelloOnTheSameConnectionIsIgnored() {
        var session = Self.identifyingSession(at: t0)
        #expect(session.receive(.hello(heartbeatInterval: .seconds(10)), at: t0 + .seconds(1)).isEmpty)
        #expect(session.heartbeatInterval == Self.interval)
    }

    @Test func payloadsBeforeStartAreIgnored() {
        var session = Self.makeSession()
        #expect(session.receive(.hello(heartbeatInterval: Self.interval), at: t0).isEmpty)
        #expect(session.heartbeatTimerFired(at: t0).isEmpty)
        #expect(session.state == .disconnected)
    }

    // MARK: Heartbeats

    @Test(arguments: [0.0, 0.25, 0.999])
    func firstHeartbeatWaitsIntervalTimesJitter(jitter: Double) {
        var session = Self.makeSession(jitter: jitter)
        _ = session.start(at: t0)
        _ = session.connectionOpened(at: t0)
        let actions = session.receive(.hello(heartbeatInterval: Self.interval), at: t0)
        #expect(actions.first == .startHeartbeat(interval: Self.interval, firstAfter: Self.interval * jitter))
    }

    @Test func heartbeatCarriesTheLastNonNullSequence() {
        var session = Self.identifyingSession(at: t0)
        #expect(session.heartbeatTimerFired(at: t0 + .seconds(20)) == [.send(.heartbeat(sequence: nil))])
        _ = session.receive(.heartbeatAck, at: t0 + .seconds(21))
        _ = session.receive(Self.ready(sequence: 1), at: t0 + .seconds(22))
        _ = session.receive(.dispatch(name: "GUILD_CREATE", sequence: 5, rawPayload: nil), at: t0 + .seconds(23))
        _ = session.receive(.dispatch(name: "X", sequence: nil, rawPayload: nil), at: t0 + .seconds(24))
        #expect(session.heartbeatTimerFired(at: t0 + .seconds(60)) == [.send(.heartbeat(sequence: 5))])
    }

    @Test func serverHeartbeatRequestIsAnsweredAtOnceWithoutResettingTheTimer() {
        var session = Self.connectedSession(at: t0)
        let actions = session.receive(.heartbeatRequest, at: t0 + .seconds(5))
        #expect(actions == [.send(.heartbeat(sequence: 1))])
    }

    @Test func serverHeartbeatRequestDoesNotArmTheZombieCheck() {
        var session = Self.connectedSession(at: t0)
        _ = session.receive(.heartbeatRequest, at: t0 + .seconds(19))
        #expect(session.heartbeatTimerFired(at: t0 + .seconds(20)) == [.send(.heartbeat(sequence: 1))])
    }

    @Test func missingAckBeforeNextBeatIsAZombie() {
        var session = Self.connectedSession(at: t0)
        #expect(session.heartbeatTimerFired(at: t0 + .seconds(20)) == [.send(.heartbeat(sequence: 1))])
        #expect(
            session.heartbeatTimerFired(at: t0 + .seconds(60)) == [
                .stopHeartbeat, .dropConnection, .stateChanged(.reconnecting(attempt: 1, after: .zero)),
                .connect(url: Self.resumeURL, after: .zero, resume: true),
            ])
    }

    @Test func acknowledgedHeartbeatKeepsTheConnectionAndMeasuresLatency() {
        var session = Self.connectedSession(at: t0)
        _ = session.heartbeatTimerFired(at: t0 + .seconds(20))
        #expect(session.receive(.heartbeatAck, at: t0 + .milliseconds(20_120)).isEmpty)
        #expect(session.heartbeatTimerFired(at: t0 + .seconds(60)) == [.send(.heartbeat(sequence: 1))])
        #expect(session.latency.last == .milliseconds(120))
    }

    @Test func unrequestedAckIsIgnored() {
        var session = Self.connectedSession(at: t0)
        #expect(session.receive(.heartbeatAck, at: t0 + .seconds(2)).isEmpty)
        #expect(session.latency.sampleCount == 0)
        _ = session.heartbeatTimerFired(at: t0 + .seconds(20))
        _ = session.receive(.heartbeatAck, at: t0 + .milliseconds(20_050))
        _ = session.receive(.heartbeatAck, at: t0 + .milliseconds(20_900))
        #expect(session.latency.sampleCount == 1)
        #expect(session.latency.last == .milliseconds(50))
    }

    @Test func ackFromAnOldConnectionDoesNotCountForTheNewOne() {
        var session = Self.connectedSession(at: t0)
        let old = session.generation
        _ = session.heartbeatTimerFired(at: t0 + .seconds(20))
        _ = session.receive(.reconnect, at: t0 + .seconds(21))
        _ = session.connectionOpened(at: t0 + .seconds(21))
        _ = session.receive(.hello(heartbeatInterval: Self.interval), at: t0 + .seconds(21))
        _ = session.heartbeatTimerFired(at: t0 + .seconds(41))
        #expect(session.receive(.heartbeatAck, at: t0 + .seconds(42), generation: old).isEmpty)
        #expect(session.heartbeatTimerFired(at: t0 + .seconds(81)).contains(.dropConnection))
    }

    @Test func timerOfAnOldConnectionIsIgnored() {
        var session = Self.connectedSession(at: t0)
        let old = session.generation
        _ = session.receive(.reconnect, at: t0 + .seconds(2))
        #expect(session.heartbeatTimerFired(at: t0 + .seconds(20), generation: old).isEmpty)
        #expect(session.connectionClosed(code: .unknownError, at: t0 + .seconds(3), generation: old).isEmpty)
    }

    // MARK: READY, dispatches, RESUMED

    @Test func readyStoresSessionWithTheResumeURLAndOriginalQuery() {
        var session = Self.identifyingSession(at: t0)
        let actions = session.receive(Self.ready(), at: t0 + .seconds(1))
        #expect(session.session == Session(id: "session-1", sequence: 1, resumeURL: Self.resumeURL))
        #expect(actions.first == .stateChanged(.connected))
        #expect(actions.contains { if case .deliver(let event) = $0 { event.name == "READY" } else { false } })
    }

    @Test func readyWithoutResumeURLFallsBackToTheGatewayURL() {
        var session = Self.identifyingSession(at: t0)
        _ = session.receive(Self.ready(resumeGatewayURL: nil), at: t0 + .seconds(1))
        #expect(session.session?.resumeURL == Self.gatewayURL)
    }

    @Test func everyDispatchSetsTheSequenceToItsS() {
        var session = Self.connectedSession(at: t0)
        _ = session.receive(.dispatch(name: "A", sequence: 10, rawPayload: nil), at: t0 + .seconds(2))
        #expect(session.session?.sequence == 10)
        _ = session.receive(.dispatch(name: "B", sequence: 7, rawPayload: nil), at: t0 + .seconds(3))
        #expect(session.lastSequence == 7)
        #expect(session.session?.sequence == 7)
    }

    @Test func filteredDispatchIsNotDeliveredButStillCounts() {
        var session = Self.connectedSession(at: t0)
        #expect(session.receive(.dispatch(name: "TYPING_START", sequence: 2, rawPayload: nil), at: t0).isEmpty)
        let raw = Array(#"{"t":"MESSAGE_CREATE","s":3,"op":0,"d":{}}"#.utf8)
        let actions = session.receive(.dispatch(name: "MESSAGE_CREATE", sequence: 3, rawPayload: raw), at: t0)
        #expect(
            actions == [.deliver(GatewayEvent(opcode: .dispatch, name: "MESSAGE_CREATE", sequence: 3, rawPayload: raw))]
        )
        #expect(session.lastSequence == 3)
    }

    @Test func resumedEndsTheReplayAndResetsBackoff() {
        var session = Self.connectedSession(at: t0)
        _ = session.transportFailed(at: t0 + .seconds(60))
        _ = session.connectionOpened(at: t0 + .seconds(60))
        _ = session.receive(.hello(heartbeatInterval: Self.interval), at: t0 + .seconds(60))
        #expect(session.state == .resuming)
        _ = session.receive(.dispatch(name: "MESSAGE_CREATE", sequence: 2, rawPayload: nil), at: t0 + .seconds(61))
        #expect(session.state == .resuming)
        let actions = session.receive(.resumed(sequence: 3, rawPayload: nil), at: t0 + .seconds(61))
        #expect(actions == [.stateChanged(.connected)])
        #expect(session.backoff.attempt == 0)
        #expect(session.session?.sequence == 3)
    }

    // MARK: Server-initiated reconnects

    @Test func reconnectOpcodeClosesWith4000AndResumesAtTheResumeURL() {
        var session = Self.connectedSession(at: t0)
        #expect(
            session.receive(.reconnect, at: t0 + .seconds(60)) == [
                .stopHeartbeat, .closeConnection(code: .unknownError),
                .stateChanged(.reconnecting(attempt: 1, after: .zero)),
                .connect(url: Self.resumeURL, after: .zero, resume: true),
            ])
    }

    @Test func resumableInvalidSessionResumes() {
        var session = Self.connectedSession(at: t0)
        let actions = session.receive(.invalidSession(resumable: true), at: t0 + .seconds(60))
        #expect(actions.contains(.closeConnection(code: .unknownError)))
        #expect(actions.last == .connect(url: Self.resumeURL, after: .zero, resume: true))
        #expect(session.session != nil)
    }

    @Test func nonResumableInvalidSessionIdentifiesAgainAfterARandomWait() {
        var session = Self.connectedSession(at: t0, jitter: 0.5)
        let actions = session.receive(.invalidSession(resumable: false), at: t0 + .seconds(60))
        #expect(
            actions == [
                .stopHeartbeat, .closeConnection(code: .normalClosure),
                .stateChanged(.reconnecting(attempt: 1, after: .seconds(3))),
                .connect(url: Self.gatewayURL, after: .seconds(3), resume: false),
            ])
        #expect(session.session == nil)
        _ = session.connectionOpened(at: t0 + .seconds(63))
        let hello = session.receive(.hello(heartbeatInterval: Self.interval), at: t0 + .seconds(63))
        #expect(hello.last == .requestIdentify)
        #expect(session.heartbeatTimerFired(at: t0 + .seconds(83)) == [.send(.heartbeat(sequence: nil))])
    }

    @Test(arguments: [4004, 4010, 4011, 4012, 4013, 4014] as [UInt16])
    func fatalCloseCodesStopWithoutReconnecting(rawValue: UInt16) {
        var session = Self.connectedSession(at: t0)
        let code = GatewayCloseCode(rawValue: rawValue)
        let actions = session.connectionClosed(code: code, at: t0 + .seconds(60))
        #expect(actions == [.stopHeartbeat, .stateChanged(.fatallyClosed(code)), .stop(fatal: code)])
        #expect(session.start(at: t0 + .seconds(61)).contains { if case .connect = $0 { true } else { false } })
    }

    @Test(arguments: [4007, 4009] as [UInt16])
    func sessionEndingCloseCodesIdentifyAfresh(rawValue: UInt16) {
        var session = Self.connectedSession(at: t0)
        let actions = session.connectionClosed(code: GatewayCloseCode(rawValue: rawValue), at: t0 + .seconds(60))
        #expect(actions.last == .connect(url: Self.gatewayURL, after: .zero, resume: false))
        #expect(session.session == nil)
    }

    @Test(arguments: [4000, 4001, 4002, 4003, 4005, 4008, 4999, 1000, 1001, 1005, 1006] as [UInt16])
    func otherCloseCodesResume(rawValue: UInt16) {
        var session = Self.connectedSession(at: t0)
        let actions = session.connectionClosed(code: GatewayCloseCode(rawValue: rawValue), at: t0 + .seconds(60))
        #expect(
            actions == [
                .stopHeartbeat, .stateChanged(.reconnecting(attempt: 1, after: .zero)),
                .connect(url: Self.resumeURL, after: .zero, resume: true),
            ])
    }

    @Test func closeWithoutCodeResumes() {
        var session = Self.connectedSession(at: t0)
        let actions = session.connectionClosed(code: nil, at: t0 + .seconds(60))
        #expect(actions.last == .connect(url: Self.resumeURL, after: .zero, resume: true))
    }

    @Test func transportErrorWithoutSessionIdentifies() {
        var session = Self.identifyingSession(at: t0)
        let actions = session.transportFailed(at: t0 + .seconds(60))
        #expect(actions.last == .connect(url: Self.gatewayURL, after: .zero, resume: false))
    }

    @Test func decodeFailureClosesWith4000AndResumes() {
        var session = Self.connectedSession(at: t0)
        let actions = session.decodeFailed(at: t0 + .seconds(60))
        #expect(actions.prefix(2) == [.stopHeartbeat, .closeConnection(code: .unknownError)])
        #expect(actions.last == .connect(url: Self.resumeURL, after: .zero, resume: true))
    }

    @Test func failedConnectToTheResumeURLFallsBackToTheGatewayURL() {
        var session = Self.connectedSession(at: t0, jitter: 0)
        _ = session.transportFailed(at: t0 + .seconds(60))
        let actions = session.transportFailed(at: t0 + .seconds(60))
        #expect(actions.last == .connect(url: Self.gatewayURL, after: .seconds(1), resume: true))
    }

    // MARK: Backoff

    @Test func repeatedFailuresBackOffExponentiallyAfterAnImmediateFirstRetry() {
        var session = Self.connectedSession(at: t0, jitter: 0)
        var delays: [Duration] = []
        for _ in 0..<6 {
            for case .connect(_, let after, _) in session.transportFailed(at: t0 + .seconds(60)) {
                delays.append(after)
            }
        }
        #expect(delays == [.zero, .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16)])
    }

    @Test func connectionDyingRightAfterOpeningStillWaits() {
        var session = Self.connectedSession(at: t0, jitter: 0)
        _ = session.transportFailed(at: t0 + .seconds(60))
        _ = session.connectionOpened(at: t0 + .seconds(60))
        _ = session.receive(.hello(heartbeatInterval: Self.interval), at: t0 + .seconds(60))
        _ = session.receive(.resumed(sequence: nil, rawPayload: nil), at: t0 + .seconds(60))
        let actions = session.connectionClosed(code: .unknownError, at: t0 + .milliseconds(60_500))
        #expect(actions.last == .connect(url: Self.resumeURL, after: .seconds(1), resume: true))
    }

    // MARK: User close

    @Test(arguments: [1000, 1001] as [UInt16])
    func userCloseWithNormalCodeDiscardsTheSession(rawValue: UInt16) {
        var session = Self.connectedSession(at: t0)
        let code = GatewayCloseCode(rawValue: rawValue)
        #expect(
            session.userRequestedClose(code: code, at: t0 + .seconds(2)) == [
                .stopHeartbeat, .closeConnection(code: code), .stateChanged(.closed),
            ])
        #expect(session.session == nil)
        #expect(session.connectionClosed(code: code, at: t0 + .seconds(3)).isEmpty)
        #expect(session.send(.heartbeat(sequence: nil), at: t0 + .seconds(3)).isEmpty)
    }

    @Test func userCloseWith4000KeepsTheSessionResumable() {
        var session = Self.connectedSession(at: t0)
        _ = session.receive(.dispatch(name: "A", sequence: 9, rawPayload: nil), at: t0 + .seconds(2))
        _ = session.userRequestedClose(code: .unknownError, at: t0 + .seconds(2))
        #expect(session.session == Session(id: "session-1", sequence: 9, resumeURL: Self.resumeURL))
        #expect(session.state == .closed)
    }

    @Test func resumingFromAConfiguredSessionGoesToTheResumeURLAndSendsResume() {
        let saved = Session(id: "saved", sequence: 42, resumeURL: Self.resumeURL)
        var session = Self.makeSession(resumeSession: saved)
        #expect(session.start(at: t0).last == .connect(url: Self.resumeURL, after: .zero, resume: true))
        _ = session.connectionOpened(at: t0)
        let actions = session.receive(.hello(heartbeatInterval: Self.interval), at: t0)
        #expect(actions.contains(.send(.resume(.init(token: Self.token, sessionID: "saved", sequence: 42)))))
        #expect(!actions.contains(.requestIdentify))
    }

    // MARK: Commands

    @Test func commandsQueuedBeforeReadyGoOutInOrderAfterReady() {
        var session = Self.makeSession()
        let first = GatewayCommand.presenceUpdate(.init(status: .idle))
        let second = GatewayCommand.requestSoundboardSounds(guildIDs: [1])
        #expect(session.send(first, at: t0).isEmpty)
        _ = session.start(at: t0)
        _ = session.connectionOpened(at: t0)
        _ = session.receive(.hello(heartbeatInterval: Self.interval), at: t0)
        #expect(session.send(second, at: t0).isEmpty)
        _ = session.identifySlotGranted(at: t0)
        #expect(session.pendingCommandCount == 2)
        let actions = session.receive(Self.ready(), at: t0 + .seconds(1))
        #expect(actions.suffix(2) == [.send(first), .send(second)])
        #expect(session.pendingCommandCount == 0)
    }

    @Test(arguments: [
        GatewayCommand.presenceUpdate(.init()),
        .voiceStateUpdate(.init(guildID: 1, channelID: nil)),
        .requestGuildMembers(.all(guildID: 1)),
        .requestSoundboardSounds(guildIDs: [1]),
        .requestChannelInfo(guildID: 1),
    ])
    func sessionCommandsAreNotSentBeforeReady(command: GatewayCommand) {
        var session = Self.identifyingSession(at: t0)
        #expect(session.send(command, at: t0).isEmpty)
    }

    @Test func queuedCommandsGoOutRightAfterResumeIsSent() {
        var session = Self.connectedSession(at: t0)
        _ = session.transportFailed(at: t0 + .seconds(60))
        let command = GatewayCommand.voiceStateUpdate(.init(guildID: 1, channelID: 2))
        #expect(session.send(command, at: t0 + .seconds(60)).isEmpty)
        _ = session.connectionOpened(at: t0 + .seconds(60))
        let actions = session.receive(.hello(heartbeatInterval: Self.interval), at: t0 + .seconds(60))
        #expect(actions.suffix(2) == [.stateChanged(.resuming), .send(command)])
    }

    @Test func commandsOverTheRateLimitWaitForARetry() {
        var session = GatewaySession(
            configuration: {
                var configuration = Self.configuration()
                configuration.commandLimit = 10
                return configuration
            }(), jitter: .constant(0.5))
        _ = session.start(at: t0)
        _ = session.connectionOpened(at: t0)
        _ = session.receive(.hello(heartbeatInterval: Self.interval), at: t0)
        _ = session.identifySlotGranted(at: t0)
        _ = session.receive(Self.ready(), at: t0 + .seconds(1))
        var sent = 0
        var retry: Duration?
        for index in 0..<10 {
            for action in session.send(.requestChannelInfo(guildID: Snowflake(UInt64(index))), at: t0 + .seconds(1)) {
                if case .send = action { sent += 1 }
                if case .scheduleSendRetry(let after) = action { retry = after }
            }
        }
        // 10 slots, 3 reserved for heartbeats (40 s interval), 1 used by Identify.
        #expect(sent == 6)
        #expect(retry == .seconds(59))
        let later = session.sendRetryTimerFired(at: t0 + .seconds(60))
        #expect(later.filter { if case .send = $0 { true } else { false } }.count == 1)
    }

    @Test func presenceUpdateBecomesThePresenceOfTheNextIdentify() {
        var session = Self.connectedSession(at: t0)
        let presence = GatewayCommand.PresenceUpdate(status: .doNotDisturb)
        _ = session.send(.presenceUpdate(presence), at: t0 + .seconds(2))
        _ = session.connectionClosed(code: .sessionTimedOut, at: t0 + .seconds(60))
        _ = session.connectionOpened(at: t0 + .seconds(60))
        _ = session.receive(.hello(heartbeatInterval: Self.interval), at: t0 + .seconds(60))
        guard case .send(.identify(let identify)) = session.identifySlotGranted(at: t0 + .seconds(60)).first else {
            Issue.record("no Identify")
            return
        }
        #expect(identify.presence == presence)
    }

    @Test func publicTypesAreSendable() {
        func assertSendable<T: Sendable>(_: T.Type) {}
        assertSendable(GatewaySession.self)
        assertSendable(GatewaySession.Action.self)
        assertSendable(ShardState.self)
        assertSendable(Session.self)
        assertSendable(GatewayEvent.self)
        assertSendable(GatewayCommand.self)
        assertSendable(BotToken.self)
        assertSendable(Backoff.self)
        assertSendable(Latency.self)
        assertSendable(CommandRateLimiter.self)
        assertSendable(ReceivedPayload.self)
    }
}

@Suite struct GatewaySessionBackpressureTests {
    /// A session that has sent its first heartbeat, unacknowledged.
    private func liveSession(at t0: ContinuousClock.Instant) -> GatewaySession {
        var session = GatewaySession(
            configuration: .init(token: "secret-token", intents: .guilds), jitter: .constant(0.5))
        _ = session.start(at: t0)
        _ = session.connectionOpened(at: t0)
        _ = session.receive(.hello(heartbeatInterval: .seconds(40)), at: t0)
        #expect(session.heartbeatTimerFired(at: t0 + .seconds(20)) == [.send(.heartbeat(sequence: nil))])
        return session
    }

    @Test func missingAckWhileReadingIsPausedIsNotAZombie() {
        let t0 = ContinuousClock.now
        var session = liveSession(at: t0)
        session.readingPaused(true)
        #expect(session.heartbeatTimerFired(at: t0 + .seconds(60)) == [.send(.heartbeat(sequence: nil))])
        #expect(session.heartbeatTimerFired(at: t0 + .seconds(100)) == [.send(.heartbeat(sequence: nil))])
    }

    @Test func afterReadingResumesOneGraceBeatThenZombieDetectionReturns() {
        let t0 = ContinuousClock.now
        var session = liveSession(at: t0)
        session.readingPaused(true)
        _ = session.heartbeatTimerFired(at: t0 + .seconds(60))
        session.readingPaused(false)
        #expect(session.heartbeatTimerFired(at: t0 + .seconds(100)) == [.send(.heartbeat(sequence: nil))])
        let actions = session.heartbeatTimerFired(at: t0 + .seconds(140))
        #expect(actions.contains(.dropConnection))
    }
}

@Suite struct GatewaySessionDispatchFastPathTests {
    @Test func fastPathMatchesTheGeneralPath() {
        let t0 = ContinuousClock.now
        func live() -> GatewaySession {
            var session = GatewaySession(configuration: .init(token: "t", intents: .guilds), jitter: .constant(0.5))
            _ = session.start(at: t0)
            _ = session.connectionOpened(at: t0)
            _ = session.receive(.hello(heartbeatInterval: .seconds(40)), at: t0)
            return session
        }
        var general = live()
        var fast = live()
        let raw = Array(#"{"t":"X","s":7,"op":0,"d":{}}"#.utf8)
        let actions = general.receive(.dispatch(name: "X", sequence: 7, rawPayload: raw), at: t0)
        let event = fast.receiveDispatch(name: "X", sequence: 7, rawPayload: raw)
        #expect(actions == [.deliver(event!)])
        #expect(general.lastSequence == fast.lastSequence)
        #expect(fast.receiveDispatch(name: "Y", sequence: 8, rawPayload: nil) == nil)
        #expect(fast.lastSequence == 8)
        #expect(fast.receiveDispatch(name: "Z", sequence: 9, rawPayload: raw, generation: fast.generation + 1) == nil)
        #expect(fast.lastSequence == 8)
    }
}
