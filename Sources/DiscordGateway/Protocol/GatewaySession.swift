/// The gateway protocol of one shard as a pure state machine (Discord docs: "Gateway", "Connection Lifecycle").
///
/// Every input is a mutating method taking the current instant; each returns the ``Action``s the shard must
/// execute, in order. The machine never reads a clock, a socket or a system random generator (random fractions
/// come from the ``Jitter`` given at init), so every rule is testable with explicit instants.
///
/// Connections are numbered by ``generation``, which grows with every ``Action/connect(url:after:resume:)``
/// and with a user close. Connection-scoped inputs take the generation they belong to; inputs from an older
/// connection (a late ACK, a timer of a dropped connection) are ignored. Passing `nil` means "the current one".
///
/// Rules implemented (PROTOCOL §4–§11):
/// - Hello → Resume when a session is held (no identify slot needed), otherwise ``Action/requestIdentify`` and,
///   once the slot is granted, Identify. The first heartbeat fires after `interval × jitter`.
/// - Each heartbeat carries the last non-null sequence. A timer fire with the previous heartbeat still
///   unacknowledged means a zombie connection: drop it without a close handshake and resume.
/// - op 1 → heartbeat at once (timer unchanged). Unrequested ACKs are ignored.
/// - READY stores the ``Session`` (its resume URL gets the gateway URL's query string); dispatches advance the
///   sequence to their `s`; READY and RESUMED reset the backoff.
/// - op 7 and op 9 `true` → close 4000 and resume. op 9 `false` → close 1000, drop the session, wait 1–5 s,
///   connect to the gateway URL and identify.
/// - Close codes 4004, 4010–4014 → stop. 4007, 4009 → identify afresh. Anything else → resume (or identify if
///   no session is held). Connecting to the resume URL fails → the next attempt uses the gateway URL.
/// - User commands are queued and sent in order once READY arrived or Resume was sent, within the rate limit.
///
/// **Threading:** a value type owned by one shard and used only on its queue; no locks inside.
public struct GatewaySession: Sendable {
    /// Where the current connection is in the handshake.
    enum Phase: Hashable, Sendable {
        /// Not started, or closed (see ``GatewaySession/state``).
        case idle
        /// A ``Action/connect(url:after:resume:)`` is pending; the socket is not open yet.
        case connecting
        /// The socket is open; waiting for Hello.
        case awaitingHello
        /// Hello received; ``Action/requestIdentify`` is pending.
        case awaitingIdentifySlot
        /// Identify sent; waiting for READY.
        case identifying
        /// Resume sent; waiting for RESUMED.
        case resuming
        /// READY or RESUMED received.
        case active
    }

    /// How a connection ends when the machine decides to reconnect.
    private enum Ending {
        /// Send a close frame with this code.
        case close(GatewayCloseCode)
        /// Drop without a close handshake.
        case drop
        /// The connection is already gone.
        case alreadyEnded
    }

    /// The configuration (its presence follows the latest presence update sent).
    public private(set) var configuration: Configuration
    /// The user-visible state.
    public private(set) var state = ShardState.disconnected
    /// The resumable session, if one is held. After a user close with a code other than 1000/1001 this is the
    /// value to save and resume from.
    public private(set) var session: Session?
    /// The last non-null sequence received on the current session, or `nil` before the first dispatch.
    public private(set) var lastSequence: Int?
    /// The number of the current connection; see the type's documentation.
    public private(set) var generation = 0
    /// Heartbeat round-trip times.
    public private(set) var latency = Latency()
    /// The reconnect delay schedule.
    public private(set) var backoff: Backoff
    /// The current connection's send limit.
    public private(set) var rateLimiter: CommandRateLimiter
    /// The heartbeat interval from the current connection's Hello.
    public private(set) var heartbeatInterval: Duration?
    /// The handshake phase.
    private(set) var phase = Phase.idle
    /// The random fractions.
    private var jitter: Jitter
    /// User commands not sent yet, oldest first.
    private var pending: [GatewayCommand] = []
    /// Whether user commands may be sent on this connection (READY received or Resume sent).
    private var canSendCommands = false
    /// Whether a ``Action/scheduleSendRetry(after:)`` is outstanding.
    private var sendRetryScheduled = false
    /// Whether the heartbeat timer runs.
    private var heartbeatRunning = false
    /// Whether the last timer heartbeat has not been acknowledged yet (the zombie check).
    private var awaitingAck = false
    /// When the current connection opened.
    private var openedAt: ContinuousClock.Instant?
    /// Whether the shard has paused reading (its delivery buffer is full): an ACK may be sitting unread in the
    /// socket, so a missing ACK is not evidence of a zombie connection.
    public private(set) var isReadingPaused = false
    /// After reading resumes, the next timer fire gets one grace beat for an ACK still queued in the socket.
    private var zombieCheckGrace = false
    /// Whether the pending connection attempt goes to the session's resume URL.
    private var connectingToResumeURL = false
    /// Whether connecting to the resume URL failed, so resumes use the gateway URL until a session is live.
    private var resumeURLFailed = false

    /// Makes a machine in state ``ShardState/disconnected``.
    ///
    /// - Parameters:
    ///   - configuration: the bot, the gateway URL and an optional session to resume first.
    ///   - jitter: the source of random fractions; ``Jitter/random()`` in production.
    public init(configuration: Configuration, jitter: Jitter) {
        self.configuration = configuration
        self.jitter = jitter
        backoff = configuration.backoff
        rateLimiter = CommandRateLimiter(limit: configuration.commandLimit, window: configuration.commandWindow)
        session = configuration.resumeSession
        lastSequence = configuration.resumeSession?.sequence
    }

    /// The number of user commands waiting to be sent.
    public var pendingCommandCount: Int {
        pending.count
    }

    // MARK: - Inputs

    /// Starts the first connection: to the resume URL when a session is configured, else to the gateway URL.
    ///
    /// Does nothing unless the state is ``ShardState/disconnected``, ``ShardState/closed`` or
    /// ``ShardState/fatallyClosed(_:)``.
    public mutating func start(at now: ContinuousClock.Instant) -> [Action] {
        guard phase == .idle else { return [] }
        backoff.reset()
        resumeURLFailed = false
        return setState(.connecting) + beginConnection(after: .zero)
    }

    /// The WebSocket of connection `generation` is open (handshake done); Hello is expected next.
    public mutating func connectionOpened(at now: ContinuousClock.Instant, generation: Int? = nil) -> [Action] {
        guard isCurrent(generation), phase == .connecting else { return [] }
        phase = .awaitingHello
        openedAt = now
        return []
    }

    /// A payload arrived on connection `generation`.
    ///
    /// - Parameters:
    ///   - payload: the classified payload (see ``ReceivedPayload``).
    ///   - now: the arrival instant.
    ///   - generation: the connection it arrived on; `nil` for the current one.
    public mutating func receive(
        _ payload: ReceivedPayload, at now: ContinuousClock.Instant, generation: Int? = nil
    ) -> [Action] {
        guard isCurrent(generation), phase != .idle else { return [] }
        if phase == .connecting {
            phase = .awaitingHello
            openedAt = openedAt ?? now
        }
        switch payload {
        case .hello(let interval):
            return receiveHello(interval: interval, at: now)
        case .dispatch(let name, let sequence, let rawPayload):
            track(sequence)
            return deliver(name: name, sequence: sequence, rawPayload: rawPayload)
        case .ready(let ready, let sequence, let rawPayload):
            track(sequence)
            return receiveReady(ready, sequence: sequence, rawPayload: rawPayload, at: now)
        case .resumed(let sequence, let rawPayload):
            track(sequence)
            phase = .active
            backoff.reset()
            resumeURLFailed = false
            canSendCommands = true
            return setState(.connected) + deliver(name: "RESUMED", sequence: sequence, rawPayload: rawPayload)
                + flush(at: now)
        case .heartbeatRequest:
            return sendHeartbeat(fromTimer: false, at: now)
        case .heartbeatAck:
            // An ACK with no heartbeat outstanding is ignored by `Latency`; it cannot clear `awaitingAck`,
            // which implies an outstanding heartbeat.
            awaitingAck = false
            latency.ackReceived(at: now)
            return []
        case .reconnect:
            return reconnect(ending: .close(.unknownError), at: now)
        case .invalidSession(let resumable):
            if resumable {
                return reconnect(ending: .close(.unknownError), at: now)
            }
            discardSession()
            let wait = configuration.invalidSessionDelay + configuration.invalidSessionExtraDelay * jitter.next()
            return reconnect(ending: .close(.normalClosure), minimumDelay: wait, at: now)
        case .unknown:
            return []
        }
    }

    /// Fast path for an ordinary dispatch (not READY or RESUMED): tracks its sequence and returns the event to
    /// deliver, or `nil` when it is filtered out (no bytes) or stale. Same effect as ``receive(_:at:generation:)``
    /// with ``ReceivedPayload/dispatch(name:sequence:rawPayload:)``, without building an action array.
    public mutating func receiveDispatch(
        name: String?, sequence: Int?, rawPayload: [UInt8]?, generation: Int? = nil
    ) -> GatewayEvent? {
        guard isCurrent(generation), phase != .idle else { return nil }
        if phase == .connecting {
            phase = .awaitingHello
        }
        track(sequence)
        guard let rawPayload else { return nil }
        return GatewayEvent(opcode: .dispatch, name: name, sequence: sequence, rawPayload: rawPayload)
    }

    /// The heartbeat timer of connection `generation` fired.
    ///
    /// Sends a heartbeat, or — if the previous one is still unacknowledged — drops the zombie connection
    /// and resumes.
    public mutating func heartbeatTimerFired(at now: ContinuousClock.Instant, generation: Int? = nil) -> [Action] {
        guard isCurrent(generation), heartbeatRunning else { return [] }
        if awaitingAck {
            if isReadingPaused || zombieCheckGrace {
                zombieCheckGrace = false
                return sendHeartbeat(fromTimer: true, at: now)
            }
            return reconnect(ending: .drop, at: now)
        }
        zombieCheckGrace = false
        return sendHeartbeat(fromTimer: true, at: now)
    }

    /// The shard paused (`true`) or resumed (`false`) reading from the socket because its delivery buffer filled
    /// up or drained.
    ///
    /// While reading is paused, heartbeats keep being sent on time but zombie detection is suspended: the ACK may
    /// be waiting unread behind the backlog, so a late ACK is the shard's fault, not the connection's.
    public mutating func readingPaused(_ paused: Bool) {
        if isReadingPaused && !paused {
            zombieCheckGrace = true
        }
        isReadingPaused = paused
    }

    /// The identify scheduler granted the slot requested by ``Action/requestIdentify``; sends Identify.
    ///
    /// Ignored (the slot is unused) if connection `generation` is gone or no longer waiting.
    public mutating func identifySlotGranted(at now: ContinuousClock.Instant, generation: Int? = nil) -> [Action] {
        guard isCurrent(generation), phase == .awaitingIdentifySlot else { return [] }
        phase = .identifying
        _ = rateLimiter.tryAcquire(.heartbeat, at: now)
        let identify = GatewayCommand.Identify(
            token: configuration.token, intents: configuration.intents, properties: configuration.properties,
            largeThreshold: configuration.largeThreshold, shard: configuration.shard,
            presence: configuration.presence)
        return [.send(.identify(identify))]
    }

    /// Connection `generation` was closed by the server (`code`), or ended without a close frame (`nil`, 1006).
    ///
    /// Fatal codes stop the shard; 4007/4009 start a new session; everything else resumes.
    public mutating func connectionClosed(
        code: GatewayCloseCode?, at now: ContinuousClock.Instant, generation: Int? = nil
    ) -> [Action] {
        guard isCurrent(generation), phase != .idle else { return [] }
        if let code, code.isFatal {
            return stop(fatal: code)
        }
        if let code, code.requiresNewSession {
            discardSession()
        }
        return failedAttempt(at: now)
    }

    /// Connection `generation` failed below the gateway protocol: TCP, TLS or WebSocket error, or EOF.
    ///
    /// Resumes (or identifies) after the backoff; if the connection never opened and was aimed at the resume
    /// URL, later attempts use the gateway URL.
    public mutating func transportFailed(at now: ContinuousClock.Instant, generation: Int? = nil) -> [Action] {
        guard isCurrent(generation), phase != .idle else { return [] }
        return failedAttempt(at: now)
    }

    /// A payload on connection `generation` could not be decoded (inflate error, invalid UTF-8, bad envelope):
    /// close with 4000 and resume on a new connection.
    public mutating func decodeFailed(at now: ContinuousClock.Instant, generation: Int? = nil) -> [Action] {
        guard isCurrent(generation), phase != .idle else { return [] }
        if phase == .connecting {
            return failedAttempt(at: now)
        }
        return reconnect(ending: .close(.unknownError), at: now)
    }

    /// The rate-limit wait from ``Action/scheduleSendRetry(after:)`` is over; sends what the limit allows.
    public mutating func sendRetryTimerFired(at now: ContinuousClock.Instant, generation: Int? = nil) -> [Action] {
        guard isCurrent(generation), phase != .idle else { return [] }
        sendRetryScheduled = false
        return flush(at: now)
    }

    /// Queues a user command and sends what may be sent now.
    ///
    /// Commands wait until READY arrived or Resume was sent on the current connection (Discord closes with 4003
    /// otherwise), survive reconnects, and go out in order within the rate limit. A presence update also
    /// becomes the presence of future Identifies. Ignored once the state is final.
    public mutating func send(_ command: GatewayCommand, at now: ContinuousClock.Instant) -> [Action] {
        guard !state.isFinal else { return [] }
        if case .presenceUpdate(let presence) = command {
            configuration.presence = presence
        }
        pending.append(command)
        return flush(at: now)
    }

    /// The user closes the shard with `code`.
    ///
    /// 1000 and 1001 end the session on Discord's side: ``session`` becomes `nil`. Any other code (by convention
    /// 4000) keeps it resumable: read ``session`` afterwards and configure a new shard with it. Queued commands
    /// are discarded; the state becomes ``ShardState/closed``. A later ``start(at:)`` connects again.
    public mutating func userRequestedClose(code: GatewayCloseCode, at now: ContinuousClock.Instant) -> [Action] {
        guard phase != .idle else { return [] }
        var actions = stopHeartbeat()
        if phase != .connecting {
            actions.append(.closeConnection(code: code))
        }
        if code.invalidatesSession {
            discardSession()
        }
        endConnection()
        generation += 1
        phase = .idle
        pending.removeAll()
        return actions + setState(.closed)
    }

    // MARK: - Rules

    /// Hello: start heartbeating, then resume or ask for an identify slot. A second Hello is ignored.
    private mutating func receiveHello(interval: Duration, at now: ContinuousClock.Instant) -> [Action] {
        guard phase == .awaitingHello else { return [] }
        heartbeatInterval = interval
        heartbeatRunning = true
        rateLimiter.setHeartbeatInterval(interval)
        var actions: [Action] = [.startHeartbeat(interval: interval, firstAfter: interval * jitter.next())]
        if let session {
            phase = .resuming
            _ = rateLimiter.tryAcquire(.heartbeat, at: now)
            canSendCommands = true
            let resume = GatewayCommand.Resume(
                token: configuration.token, sessionID: session.id, sequence: lastSequence ?? session.sequence)
            actions.append(.send(.resume(resume)))
            actions += setState(.resuming)
            actions += flush(at: now)
        } else {
            phase = .awaitingIdentifySlot
            actions += setState(.identifying)
            actions.append(.requestIdentify)
        }
        return actions
    }

    /// READY: store the session, go live, deliver, send queued commands.
    private mutating func receiveReady(
        _ ready: ReadyEvent, sequence: Int?, rawPayload: [UInt8]?, at now: ContinuousClock.Instant
    ) -> [Action] {
        let resumeURL =
            ready.resumeGatewayURL.map {
                Session.makeResumeURL(resumeGatewayURL: $0, gatewayURL: configuration.gatewayURL)
            } ?? configuration.gatewayURL
        session = Session(id: ready.sessionID, sequence: lastSequence ?? 0, resumeURL: resumeURL)
        phase = .active
        backoff.reset()
        resumeURLFailed = false
        canSendCommands = true
        return setState(.connected) + deliver(name: "READY", sequence: sequence, rawPayload: rawPayload)
            + flush(at: now)
    }

    /// Records a dispatch's sequence number.
    private mutating func track(_ sequence: Int?) {
        guard let sequence else { return }
        lastSequence = sequence
        session?.sequence = sequence
    }

    /// A ``Action/deliver(_:)`` for a kept dispatch, or nothing for a filtered one.
    private func deliver(name: String?, sequence: Int?, rawPayload: [UInt8]?) -> [Action] {
        guard let rawPayload else { return [] }
        return [.deliver(GatewayEvent(opcode: .dispatch, name: name, sequence: sequence, rawPayload: rawPayload))]
    }

    /// Sends a heartbeat with the last sequence; a timer heartbeat must be acknowledged before the next fire.
    ///
    /// A heartbeat requested by the server (op 1) is timed for latency but does not arm the zombie check, so a
    /// request arriving just before the timer cannot make a healthy connection look dead.
    private mutating func sendHeartbeat(fromTimer: Bool, at now: ContinuousClock.Instant) -> [Action] {
        _ = rateLimiter.tryAcquire(.heartbeat, at: now)
        if fromTimer {
            awaitingAck = true
        }
        latency.heartbeatSent(at: now)
        return [.send(.heartbeat(sequence: lastSequence))]
    }

    /// Sends queued user commands while the session and the rate limit allow.
    private mutating func flush(at now: ContinuousClock.Instant) -> [Action] {
        guard canSendCommands, !sendRetryScheduled, !pending.isEmpty else { return [] }
        var actions: [Action] = []
        var sent = 0
        loop: while sent < pending.count {
            switch rateLimiter.tryAcquire(.command, at: now) {
            case .granted:
                actions.append(.send(pending[sent]))
                sent += 1
            case .retryAfter(let wait):
                sendRetryScheduled = true
                actions.append(.scheduleSendRetry(after: wait))
                break loop
            }
        }
        pending.removeFirst(sent)
        return actions
    }

    /// A connection attempt or connection ended on its own: count it and reconnect.
    private mutating func failedAttempt(at now: ContinuousClock.Instant) -> [Action] {
        if phase == .connecting, connectingToResumeURL {
            resumeURLFailed = true
        }
        return reconnect(ending: .alreadyEnded, at: now)
    }

    /// Ends the current connection as told and schedules the next one after the backoff.
    private mutating func reconnect(
        ending: Ending, minimumDelay: Duration? = nil, at now: ContinuousClock.Instant
    ) -> [Action] {
        var actions = stopHeartbeat()
        switch ending {
        case .close(let code): actions.append(.closeConnection(code: code))
        case .drop: actions.append(.dropConnection)
        case .alreadyEnded: break
        }
        let lifetime = openedAt.map { now - $0 }
        var delay = backoff.nextDelay(jitter: jitter.next(), connectionLifetime: lifetime)
        if let minimumDelay {
            delay = max(delay, minimumDelay)
        }
        actions += setState(.reconnecting(attempt: backoff.attempt, after: delay))
        return actions + beginConnection(after: delay)
    }

    /// Non-reconnectable close: stop for good.
    private mutating func stop(fatal code: GatewayCloseCode) -> [Action] {
        let actions = stopHeartbeat()
        endConnection()
        generation += 1
        phase = .idle
        pending.removeAll()
        return actions + setState(.fatallyClosed(code)) + [.stop(fatal: code)]
    }

    /// Opens the next connection: a new generation, to the resume URL if resuming.
    private mutating func beginConnection(after delay: Duration) -> [Action] {
        endConnection()
        generation += 1
        phase = .connecting
        let resume = session != nil
        connectingToResumeURL = resume && !resumeURLFailed
        let url = connectingToResumeURL ? session?.resumeURL ?? configuration.gatewayURL : configuration.gatewayURL
        return [.connect(url: url, after: delay, resume: resume)]
    }

    /// Forgets everything scoped to the current connection.
    private mutating func endConnection() {
        zombieCheckGrace = false
        heartbeatRunning = false
        awaitingAck = false
        heartbeatInterval = nil
        canSendCommands = false
        sendRetryScheduled = false
        openedAt = nil
        latency.connectionEnded()
        rateLimiter.reset(heartbeatInterval: nil)
    }

    /// A ``Action/stopHeartbeat`` if the timer runs.
    private mutating func stopHeartbeat() -> [Action] {
        guard heartbeatRunning else { return [] }
        heartbeatRunning = false
        return [.stopHeartbeat]
    }

    /// Drops the session: the next connection identifies.
    private mutating func discardSession() {
        session = nil
        lastSequence = nil
        resumeURLFailed = false
    }

    /// A ``Action/stateChanged(_:)`` if the state differs.
    private mutating func setState(_ newState: ShardState) -> [Action] {
        guard newState != state else { return [] }
        state = newState
        return [.stateChanged(newState)]
    }

    /// Whether an input tagged `generation` belongs to the current connection.
    private func isCurrent(_ generation: Int?) -> Bool {
        generation.map { $0 == self.generation } ?? true
    }
}
