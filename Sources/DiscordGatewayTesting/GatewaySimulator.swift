internal import DiscordGateway
internal import Dispatch

/// A Discord gateway simulator on the loopback interface: a ``FakeGateway`` that answers like Discord does.
///
/// Every accepted connection becomes a ``SimulatedClient`` that gets Hello at once, heartbeat ACKs, READY and
/// GUILD_CREATEs after a valid Identify, replays after a valid Resume, replies to guild member, soundboard and channel
/// info requests, and the close code Discord would send for each protocol mistake (bad token 4004, intents
/// 4013/4014, shard 4010/4011, second Identify 4005, command before Identify 4003, unknown opcode 4001, invalid
/// JSON or a payload over 4096 bytes 4002, over the command limit 4008). Sessions live on when a connection ends
/// (unless the client closed with 1000 or 1001), so a later Resume replays what was dispatched meanwhile.
///
/// For clusters it enforces Discord's identify buckets (``Configuration/maxConcurrency``, key `shard id % N`, one
/// session per ``Configuration/identifyWindow``; see ``identifyTimeline``) and the daily session start budget
/// (``Configuration/sessionStartLimit``), and serves `GET /api/v10/gateway`, `GET /api/v10/gateway/bot` and a
/// twilight-compatible `GET /queue?shard=ID` on the same port (see `GatewaySimulator+REST.swift`).
///
/// ```swift
/// var configuration = GatewaySimulator.Configuration()
/// configuration.heartbeatInterval = .milliseconds(200)
/// let simulator = try GatewaySimulator(configuration: configuration)
/// defer { simulator.stop() }
/// // connect a client to simulator.url + "/?v=10&encoding=json"
/// let client = try await simulator.nextClient()
/// let identify = try await client.expectIdentify()
/// simulator.dispatch("MESSAGE_CREATE", data: #"{"content":"hi"}"#, toSession: client.sessionID!)
/// ```
///
/// **Threading:** safe from any thread. Client payloads are handled on each connection's I/O thread; all protocol
/// state (sessions, per-connection state, records) sits in one `Locked`, and each session's dispatches are numbered
/// and queued under it, so sequence numbers reach the wire in order.
public final class GatewaySimulator: Sendable {
    /// Simulator settings.
    public struct Configuration: Sendable {
        /// The interval sent in Hello (Discord's is 41.25 s; tests use e.g. 200 ms).
        public var heartbeatInterval: Duration = .milliseconds(41_250)
        /// Server certificate for `wss://`; `nil` serves plain `ws://`.
        public var tlsCertificate: TestServerCertificate? = nil
        /// Tokens accepted in Identify and Resume; any other closes with 4004.
        public var validTokens: Set<String> = ["test-token"]
        /// Intents the bot may use: privileged bits outside this set close with 4014 (bits Discord does not
        /// document close with 4013 regardless). Defaults to every documented bit, privileged ones included.
        public var allowedIntents: UInt64 = GatewayIntents.allDocumented.rawValue
        /// Guilds one shard may hold; Identify with `guildCount / shardCount` above it closes with 4011.
        public var maximumGuildsPerShard: Int = 2500
        /// Guilds the bot is in. Each session gets those of its shard (`(id >> 22) % n == shard id`) in READY
        /// (unavailable) and then one GUILD_CREATE each.
        public var guildCount: Int = 3
        /// Whether GUILD_CREATEs follow READY.
        public var sendsGuildCreates: Bool = true
        /// Path of READY's `resume_gateway_url` (`<url><resumePath>`, without a query: clients add their own).
        public var resumePath: String = "/resume"
        /// Dispatches kept per session for replay on Resume; a Resume needing older ones gets Invalid Session.
        public var replayLimit: Int = 10_000
        /// Payloads a connection may send within ``commandWindow`` (§11: 120 per 60 s); the next closes with 4008.
        public var commandLimit: Int = 120
        /// The sliding window of ``commandLimit``.
        public var commandWindow: Duration = .seconds(60)
        /// When set, Identifies per rate-limit key (`shard id % maxConcurrency`) are limited to one per
        /// ``identifyWindow``; one over gets Invalid Session (`false`), as Discord does. `nil` does not limit.
        public var maxConcurrency: Int? = nil
        /// The identify concurrency window (§11: 5 s), measured between Identify arrivals.
        public var identifyWindow: Duration = .seconds(5)
        /// The daily session start budget (§11); `nil` does not limit (and `/gateway/bot` reports 1000 of 1000).
        /// Each accepted Identify uses one start (Resumes do not); an Identify with none left "resets the token":
        /// it is recorded as ``SimulatorViolation/Kind/sessionStartLimitExceeded``, every live session of that token
        /// closes with 4004, and the token is refused (4004, HTTP 401) from then on.
        public var sessionStartLimit: SimulatedSessionStartLimit? = nil
        /// `shards` in `GET /api/v10/gateway/bot`.
        public var recommendedShards: Int = 1
        /// Entries kept in ``GatewaySimulator/identifyTimeline``, ``GatewaySimulator/identifies`` and
        /// ``GatewaySimulator/violations`` (the oldest are dropped), so long runs stay bounded.
        public var historyLimit: Int = 10_000
        /// WebSocket messages each compressed payload is split into (passed to ``FakeGateway``).
        public var messagesPerCompressedPayload: Int = 1
        /// Frames each message is fragmented into (passed to ``FakeGateway``).
        public var framesPerMessage: Int = 1
        /// Address to listen on.
        public var host: String = "127.0.0.1"
        /// Port to listen on; 0 picks a free one.
        public var port: Int = 0
        /// Whether Hello goes out as each connection opens; when `false` the test sends it with
        /// ``SimulatedClient/sendHello(heartbeatInterval:)`` (or sends Reconnect in its place).
        public var sendsHello: Bool = true
        /// How often one guild's whole member list may be requested (`query: ""`, `limit: 0`); a request sooner
        /// gets a RATE_LIMITED dispatch instead of members, as Discord does (§11). `nil` does not limit.
        public var allMembersRequestInterval: Duration? = .seconds(30)
        /// Receives one line per notable event (connection opened or ended, session started or resumed,
        /// violation), on the connection's I/O thread, outside the simulator's lock; for a standalone simulator.
        public var log: (@Sendable (String) -> Void)? = nil

        /// Creates the default configuration: Discord's numbers, three guilds, token `test-token`.
        public init() {}
    }

    /// One session, as Discord keeps it.
    struct Session {
        /// The token that identified it.
        let token: String
        /// `[shard id, shard count]` from Identify, if sent.
        let shard: [Int]?
        /// The identified intents.
        let intents: UInt64
        /// Guilds of this session's shard.
        let guildIDs: [UInt64]
        /// The last sequence number assigned.
        var lastSequence = 0
        /// Dispatches kept for replay, oldest first.
        var log: [(sequence: Int, text: String)] = []
        /// The highest sequence number dropped from ``log`` (0 if none).
        var trimmedThrough = 0
        /// The presence JSON from Identify or the last Presence Update.
        var presence: String?
        /// The client currently carrying the session, if any.
        var clientIndex: Int?
        /// Whether the session can no longer be resumed.
        var isInvalidated = false
    }

    /// Per-connection protocol state.
    struct Link {
        /// The connection.
        let connection: FakeGatewayConnection
        /// The session this connection identified or resumed.
        var sessionID: String?
        /// Whether the connection identified or resumed successfully (a second attempt closes with 4005).
        var isAuthenticated = false
        /// Whether a close was started or the connection ended; later payloads are ignored.
        var isClosing = false
        /// Arrival instants of the payloads in the current command window.
        var commandTimes: [ContinuousClock.Instant] = []
        /// Whether heartbeats go unacknowledged (a zombie connection, seen from the client).
        var suppressesAcks = false
        /// Whether a payload is being dribbled out; other payloads wait in ``held``.
        var isDribbling = false
        /// Payloads waiting for a dribble to finish.
        var held: [[UInt8]] = []
    }

    /// Everything that changes together.
    struct State {
        /// Sessions by id.
        var sessions: [String: Session] = [:]
        /// Session ids in creation order.
        var sessionOrder: [String] = []
        /// Per-connection state by client index.
        var links: [Int: Link] = [:]
        /// Clients in accept order.
        var clients: [SimulatedClient] = []
        /// Recorded violations and notable events.
        var violations: [SimulatorViolation] = []
        /// Successful Identifies, in order.
        var identifies: [IdentifyPayload] = []
        /// Successful Resumes.
        var resumeCount = 0
        /// Identify buckets, session start budget and the identify timeline.
        var identifyGate: IdentifyGate
        /// Tokens revoked after the session start budget ran out.
        var revokedTokens: Set<String> = []
        /// Requests to `/queue` waiting for their bucket, in arrival order.
        var queueWaiters: [QueueWaiter] = []
        /// When the queue is next looked at, if a look is scheduled.
        var nextQueuePump: ContinuousClock.Instant?
        /// The last all-members request per guild id.
        var allMembersRequests: [String: ContinuousClock.Instant] = [:]
        /// Log lines not yet handed to ``Configuration/log``.
        var pendingLog: [String] = []
    }

    /// Holds the simulator weakly for the connection-open hook, which is made before the simulator exists.
    private final class Reference: Sendable {
        /// The simulator, once initialised.
        private let target = Locked<Weak>(Weak())
        /// A weak box.
        private struct Weak {
            /// The referent.
            weak var simulator: GatewaySimulator?
        }
        /// The simulator, if still alive.
        var simulator: GatewaySimulator? {
            get { target.withLock { $0.simulator } }
            set { target.withLock { $0.simulator = newValue } }
        }
    }

    /// The settings.
    public let configuration: Configuration
    /// The underlying scriptable server.
    public let fakeGateway: FakeGateway
    /// Guarded protocol state.
    let state: Locked<State>
    /// Runs the `/queue` pump when a bucket's window ends.
    let queueTimer = DispatchQueue(label: "discord-gateway.simulator.queue")
    /// Accepted clients, for ``nextClient(timeout:)``.
    private let accepted = TimedMailbox<SimulatedClient>(label: "a client of the gateway simulator")

    /// Largest payload a client may send (§2).
    static let maximumPayloadSize = 4096

    /// Starts listening on `127.0.0.1` (an ephemeral port).
    /// - Throws: an error if the socket cannot be bound or the TLS files cannot be written.
    public init(configuration: Configuration = .init()) throws {
        self.configuration = configuration
        let reference = Reference()
        var gatewayConfiguration = FakeGateway.Configuration(
            host: configuration.host, port: configuration.port, tlsCertificate: configuration.tlsCertificate,
            messagesPerCompressedPayload: configuration.messagesPerCompressedPayload,
            framesPerMessage: configuration.framesPerMessage)
        gatewayConfiguration.onConnectionOpen = { connection in
            if let simulator = reference.simulator {
                simulator.attach(connection)
            } else {
                connection.drop()
            }
        }
        gatewayConfiguration.onHTTPRequest = { connection, request in
            guard let simulator = reference.simulator else { return nil }
            return simulator.respond(to: request, on: connection)
        }
        state = Locked(
            State(
                identifyGate: IdentifyGate(
                    maxConcurrency: configuration.maxConcurrency, window: configuration.identifyWindow,
                    sessionStartLimit: configuration.sessionStartLimit, historyLimit: configuration.historyLimit,
                    now: .now)))
        fakeGateway = try FakeGateway(configuration: gatewayConfiguration)
        reference.simulator = self
    }

    /// The URL clients connect to: `ws://127.0.0.1:PORT` (`wss://localhost:PORT` with TLS). Clients append
    /// `/?v=10&encoding=json` and optionally `&compress=zlib-stream`.
    public var url: String { fakeGateway.url }

    /// The listening port.
    public var port: Int { fakeGateway.port }

    /// The REST base on the same port, `http://127.0.0.1:PORT/api/v10` (`https://localhost:PORT/api/v10` with TLS):
    /// append `/gateway` or `/gateway/bot`. The identify queue is at `<scheme>://<host>:PORT/queue?shard=ID`.
    public var restBaseURL: String {
        (url.hasPrefix("wss://") ? "https://" + url.dropFirst(6) : "http://" + url.dropFirst(5)) + "/api/v10"
    }

    /// READY's `resume_gateway_url`: ``url`` plus ``Configuration/resumePath``.
    public var resumeURL: String { url + configuration.resumePath }

    /// Stops listening, drops every connection and waits for the server threads to exit.
    public func stop() {
        fakeGateway.stop()
    }

    /// Waits for the next accepted client (in accept order).
    /// - Throws: ``FakeGatewayTimeout``.
    public func nextClient(timeout: Duration = .seconds(10)) async throws -> SimulatedClient {
        try await accepted.next(timeout: timeout)
    }

    /// Every accepted client connection, in order.
    public var clients: [SimulatedClient] { state.withLock { $0.clients } }

    /// Successful Identifies so far.
    public var identifyCount: Int { state.withLock { $0.identifies.count } }

    /// Every successful Identify, in order (with arrival instants, for identify-spacing assertions).
    public var identifies: [IdentifyPayload] { state.withLock { $0.identifies } }

    /// Successful Resumes so far.
    public var resumeCount: Int { state.withLock { $0.resumeCount } }

    /// Ids of every session created, in order (invalidated ones included).
    public var sessionIDs: [String] { state.withLock { $0.sessionOrder } }

    /// Violations and notable events, in order.
    public var violations: [SimulatorViolation] { state.withLock { $0.violations } }

    /// The last sequence number of a session, or `nil` for an unknown one.
    public func lastSequence(ofSession id: String) -> Int? {
        state.withLock { $0.sessions[id]?.lastSequence }
    }

    /// Whether a Resume of the session would still be accepted (known and not invalidated).
    public func isResumable(session id: String) -> Bool {
        state.withLock { $0.sessions[id].map { !$0.isInvalidated } ?? false }
    }

    /// The session's presence JSON (from Identify or the last Presence Update), if any.
    public func presence(ofSession id: String) -> String? {
        state.withLock { $0.sessions[id]?.presence }
    }

    /// The guild ids a shard gets (all guilds without sharding), in the order READY lists them.
    public func guildIDs(forShard shard: [Int]?) -> [String] {
        Self.guildIDs(count: configuration.guildCount, shard: shard).map { String($0) }
    }

    /// Sends a dispatch on the session's current connection, numbered with the session's next `s` and kept for
    /// replay. With no live connection it is only kept, so a later Resume replays it.
    /// - Returns: the sequence number, or 0 for an unknown session.
    @discardableResult
    public func dispatch(_ name: String, data json: String, toSession id: String) -> Int {
        state.withLock { emit(name, data: json, session: id, in: &$0) }
    }

    /// Dispatches to every session that is not invalidated.
    public func dispatchToAll(_ name: String, data json: String) {
        state.withLock { state in
            for id in state.sessionOrder where state.sessions[id]?.isInvalidated == false {
                _ = emit(name, data: json, session: id, in: &state)
            }
        }
    }

    /// Every Identify that passed validation, accepted or not, oldest first (at most
    /// ``Configuration/historyLimit``): arrival instant, shard, bucket and outcome, for startup-time and
    /// identify-spacing assertions.
    public var identifyTimeline: [IdentifyRecord] { state.withLock { $0.identifyGate.timeline } }

    /// Session starts left in the current period, or `nil` without a ``Configuration/sessionStartLimit``.
    public var sessionStartsRemaining: Int? {
        state.withLock { state in
            state.identifyGate.refreshBudget(at: .now)
            return state.identifyGate.budget?.remaining
        }
    }

    /// Replaces the session start budget at run time (`nil` stops limiting); `resetAfter` counts from now.
    /// Revoked tokens stay revoked.
    public func setSessionStartLimit(_ limit: SimulatedSessionStartLimit?) {
        state.withLock { $0.identifyGate.setSessionStartLimit(limit, at: .now) }
    }

    /// Whether `token` is accepted in Identify, Resume and `Authorization: Bot <token>` (configured and not reset).
    public func isValid(token: String) -> Bool {
        state.withLock { isValid(token: token, in: $0) }
    }

    /// Invalidates a session: later Resumes get Invalid Session (`false`). Its connection, if any, stays open.
    public func invalidate(session id: String) {
        state.withLock { $0.sessions[id]?.isInvalidated = true }
    }

    // MARK: - Connections

    /// Registers a newly opened connection and greets it with Hello. Runs on the connection's I/O thread before
    /// its first message is read.
    private func attach(_ connection: FakeGatewayConnection) {
        let client = state.withLock { state -> SimulatedClient in
            let index = state.clients.count
            let client = SimulatedClient(index: index, connection: connection, simulator: self)
            state.clients.append(client)
            state.links[index] = Link(connection: connection)
            return client
        }
        let index = client.index
        connection.setObserver(
            .init(
                didReceive: { [weak self] message in self?.receive(message, from: index) },
                didClose: { [weak self] closure in self?.connectionEnded(index, closure: closure) }))
        if configuration.sendsHello {
            connection.send(SimulatorPayloads.hello(heartbeatInterval: configuration.heartbeatInterval))
        }
        if configuration.log != nil {
            let line = "client \(index): connected to \(connection.path) \(connection.query)"
            state.withLock { $0.pendingLog.append(line) }
            flushLog()
        }
        accepted.put(client)
    }

    /// Handles one message from a client.
    private func receive(_ message: FakeGatewayConnection.ReceivedMessage, from index: Int) {
        let now = ContinuousClock.now
        let client = state.withLock { state -> SimulatedClient? in
            guard let link = state.links[index], !link.isClosing else { return nil }
            let windowStart = now - configuration.commandWindow
            var times = link.commandTimes.filter { $0 > windowStart }
            if times.count >= configuration.commandLimit {
                closeLink(
                    index, code: 4008, reason: "Rate limited.", kind: .rateLimited,
                    detail: "more than \(configuration.commandLimit) payloads in \(configuration.commandWindow)",
                    in: &state)
                return nil
            }
            times.append(now)
            state.links[index]?.commandTimes = times
            return state.clients.indices.contains(index) ? state.clients[index] : nil
        }
        defer { flushLog() }
        guard let client else { return }
        guard message.bytes.count <= Self.maximumPayloadSize else {
            closeWithViolation(
                index, code: 4002, reason: "Error while decoding payload.", kind: .payloadTooLarge,
                detail: "\(message.bytes.count) bytes")
            return
        }
        let json: SimulatorJSON
        do {
            json = try SimulatorJSON(parsing: message.bytes)
        } catch {
            closeWithViolation(
                index, code: 4002, reason: "Error while decoding payload.", kind: .decodeError,
                detail: "invalid JSON: \(error)")
            return
        }
        guard let opcode = json["op"]?.intValue else {
            closeWithViolation(
                index, code: 4002, reason: "Error while decoding payload.", kind: .decodeError,
                detail: "no integer \"op\"")
            return
        }
        let data = json["d"] ?? .null
        let payload = ClientPayload(op: opcode, data: data, text: message.text, arrival: now)
        client.record(payload)
        state.withLock { handle(payload, from: index, at: now, in: &$0) }
    }

    /// Acts on one decoded payload.
    private func handle(
        _ payload: ClientPayload, from index: Int, at now: ContinuousClock.Instant, in state: inout State
    ) {
        guard let link = state.links[index], !link.isClosing else { return }
        switch payload.op {
        case 1:
            guard payload.data.isNull || payload.data.intValue != nil else {
                closeLink(
                    index, code: 4002, reason: "Error while decoding payload.", kind: .decodeError,
                    detail: "heartbeat d is \(payload.d)", in: &state)
                return
            }
            if !link.suppressesAcks {
                transmit(SimulatorPayloads.control(opcode: 11, data: "null"), to: index, in: &state)
            }
        case 2:
            identify(payload, from: index, at: now, in: &state)
        case 6:
            resume(payload, from: index, in: &state)
        case 3, 4, 8, 31, 43:
            guard let sessionID = link.sessionID, link.isAuthenticated else {
                closeLink(
                    index, code: 4003, reason: "Not authenticated.", kind: .notAuthenticated,
                    detail: "op \(payload.op) before Identify or Resume", in: &state)
                return
            }
            command(payload, session: sessionID, from: index, in: &state)
        default:
            closeLink(
                index, code: 4001, reason: "Unknown opcode.", kind: .unknownOpcode, detail: "op \(payload.op)",
                in: &state)
        }
    }

    /// Validates an Identify and starts a session: READY, then one GUILD_CREATE per guild of the shard.
    private func identify(
        _ payload: ClientPayload, from index: Int, at now: ContinuousClock.Instant, in state: inout State
    ) {
        let data = payload.data
        if state.links[index]?.isAuthenticated == true {
            return closeLink(
                index, code: 4005, reason: "Already authenticated.", kind: .alreadyAuthenticated,
                detail: "second Identify on one connection", in: &state)
        }
        guard let token = data["token"]?.stringValue, isValid(token: token, in: state) else {
            return closeLink(
                index, code: 4004, reason: "Authentication failed.", kind: .invalidToken,
                detail: "identify with invalid token", in: &state)
        }
        guard let intentValue = data["intents"]?.intValue, let intents = UInt64(exactly: intentValue) else {
            return closeLink(
                index, code: 4013, reason: "Invalid intent(s).", kind: .invalidIntents,
                detail: "missing or negative intents", in: &state)
        }
        let undocumented = intents & ~GatewayIntents.allDocumented.rawValue
        guard undocumented == 0 else {
            return closeLink(
                index, code: 4013, reason: "Invalid intent(s).", kind: .invalidIntents,
                detail: "undocumented intent bits \(undocumented)", in: &state)
        }
        let disallowed = intents & GatewayIntents.privileged.rawValue & ~configuration.allowedIntents
        guard disallowed == 0 else {
            return closeLink(
                index, code: 4014, reason: "Disallowed intent(s).", kind: .disallowedIntents,
                detail: "privileged intents not enabled: \(GatewayIntents(rawValue: disallowed))", in: &state)
        }
        var shard: [Int]?
        if let value = data["shard"], !value.isNull {
            guard let pair = value.arrayValue, pair.count == 2, let id = pair[0].intValue, let count = pair[1].intValue,
                count >= 1, id >= 0, id < count
            else {
                return closeLink(
                    index, code: 4010, reason: "Invalid shard.", kind: .invalidShard, detail: "shard \(value)",
                    in: &state)
            }
            shard = [id, count]
        }
        let shardCount = shard?[1] ?? 1
        let (capacity, overflow) = configuration.maximumGuildsPerShard.multipliedReportingOverflow(by: shardCount)
        if !overflow && configuration.guildCount > capacity {
            return closeLink(
                index, code: 4011, reason: "Sharding required.", kind: .shardingRequired,
                detail: "\(configuration.guildCount) guilds over \(shardCount) shard(s)", in: &state)
        }
        switch state.identifyGate.admit(shard: shard, clientIndex: index, at: now) {
        case .accepted:
            break
        case .rateLimited(let bucket, let since):
            note(
                SimulatorViolation(
                    kind: .identifyRateLimited,
                    detail: "shard \(shard.map { "\($0)" } ?? "none") in bucket \(bucket) (shard id % "
                        + "\(configuration.maxConcurrency ?? 1)); the bucket started a session \(since) ago",
                    closeCode: nil, clientIndex: index), in: &state)
            transmit(SimulatorPayloads.control(opcode: 9, data: "false"), to: index, in: &state)
            return
        case .budgetExhausted(let total):
            return resetToken(token, exceededBy: index, shard: shard, total: total, in: &state)
        }
        schedulePumpIfNeeded(in: &state)
        let sessionID = SimulatorPayloads.makeSessionID()
        let guildIDs = Self.guildIDs(count: configuration.guildCount, shard: shard)
        let presence = data["presence"].flatMap { $0.isNull ? nil : $0.description }
        state.sessions[sessionID] = Session(
            token: token, shard: shard, intents: intents, guildIDs: guildIDs, presence: presence, clientIndex: index)
        state.sessionOrder.append(sessionID)
        state.links[index]?.sessionID = sessionID
        state.links[index]?.isAuthenticated = true
        if let identify = IdentifyPayload(payload) {
            state.identifies.append(identify)
            IdentifyGate.trim(&state.identifies, to: configuration.historyLimit)
        }
        let ready = SimulatorPayloads.ready(
            sessionID: sessionID, resumeURL: resumeURL, shard: shard, guildIDs: guildIDs)
        _ = emit("READY", data: ready, session: sessionID, in: &state)
        if configuration.log != nil {
            state.pendingLog.append(
                "client \(index): identified, session \(sessionID), shard \(shard.map { "\($0)" } ?? "none"),"
                    + " \(guildIDs.count) guilds")
        }
        guard configuration.sendsGuildCreates else { return }
        for guildID in guildIDs {
            let guildIndex = Self.guildIndex(of: guildID, count: configuration.guildCount)
            let guild = SimulatorPayloads.guildCreate(guildID: guildID, index: guildIndex)
            _ = emit("GUILD_CREATE", data: guild, session: sessionID, in: &state)
        }
    }

    /// Resumes a session (replay, then RESUMED) or answers Invalid Session (`false`).
    private func resume(_ payload: ClientPayload, from index: Int, in state: inout State) {
        let data = payload.data
        if state.links[index]?.isAuthenticated == true {
            return closeLink(
                index, code: 4005, reason: "Already authenticated.", kind: .alreadyAuthenticated,
                detail: "Resume on an authenticated connection", in: &state)
        }
        guard let token = data["token"]?.stringValue, isValid(token: token, in: state) else {
            return closeLink(
                index, code: 4004, reason: "Authentication failed.", kind: .invalidToken,
                detail: "resume with invalid token", in: &state)
        }
        let sessionID = data["session_id"]?.stringValue ?? ""
        let sequence = data["seq"]?.intValue ?? 0
        let refusal: String?
        if let session = state.sessions[sessionID] {
            if session.isInvalidated {
                refusal = "session \(sessionID) was invalidated"
            } else if session.token != token {
                refusal = "token does not match session \(sessionID)"
            } else if sequence > session.lastSequence || sequence < 0 {
                refusal = "seq \(sequence) is not in 0...\(session.lastSequence)"
            } else if sequence < session.trimmedThrough {
                refusal = "dispatches after seq \(sequence) are no longer kept"
            } else {
                refusal = nil
            }
        } else {
            refusal = "unknown session \(sessionID)"
        }
        if let refusal {
            note(
                SimulatorViolation(kind: .resumeRefused, detail: refusal, closeCode: nil, clientIndex: index),
                in: &state)
            transmit(SimulatorPayloads.control(opcode: 9, data: "false"), to: index, in: &state)
            return
        }
        if let previous = state.sessions[sessionID]?.clientIndex, previous != index {
            state.links[previous]?.sessionID = nil
        }
        state.sessions[sessionID]?.clientIndex = index
        state.links[index]?.sessionID = sessionID
        state.links[index]?.isAuthenticated = true
        state.resumeCount += 1
        let replay = state.sessions[sessionID]?.log.filter { $0.sequence > sequence } ?? []
        for entry in replay { transmit(entry.text, to: index, in: &state) }
        if configuration.log != nil {
            state.pendingLog.append("client \(index): resumed session \(sessionID), replayed \(replay.count)")
        }
        _ = emit("RESUMED", data: SimulatorPayloads.resumed, session: sessionID, logged: false, in: &state)
    }

    /// Answers an authenticated command (op 3, 4, 8, 31, 43).
    private func command(_ payload: ClientPayload, session sessionID: String, from index: Int, in state: inout State) {
        let data = payload.data
        let invalid = {
            (state: inout State, what: String) in
            self.closeLink(
                index, code: 4001, reason: "Unknown opcode.", kind: .invalidPayload,
                detail: "op \(payload.op): \(what)", in: &state)
        }
        switch payload.op {
        case 3:
            state.sessions[sessionID]?.presence = data.description
        case 4:
            guard let guildID = data["guild_id"]?.stringValue else { return invalid(&state, "no guild_id") }
            _ = emit(
                "VOICE_STATE_UPDATE", data: SimulatorPayloads.voiceState(request: data, sessionID: sessionID),
                session: sessionID, in: &state)
            if data["channel_id"]?.stringValue != nil {
                _ = emit(
                    "VOICE_SERVER_UPDATE", data: SimulatorPayloads.voiceServer(guildID: guildID), session: sessionID,
                    in: &state)
            }
        case 8:
            guard let guildID = data["guild_id"]?.stringValue else { return invalid(&state, "no guild_id") }
            let wantsAll = data["user_ids"] == nil && data["query"]?.stringValue == "" && data["limit"]?.intValue == 0
            if wantsAll, let interval = configuration.allMembersRequestInterval {
                let now = payload.arrival
                if let last = state.allMembersRequests[guildID], now - last < interval {
                    let retryAfter = interval - (now - last)
                    let seconds =
                        Double(retryAfter.components.seconds) + Double(retryAfter.components.attoseconds) / 1e18
                    let nonce = data["nonce"]?.stringValue.map { #","nonce":\#(SimulatorPayloads.quoted($0))"# } ?? ""
                    _ = emit(
                        "RATE_LIMITED",
                        data:
                            #"{"opcode":8,"retry_after":\#(seconds),"meta":{"guild_id":\#(SimulatorPayloads.quoted(guildID))\#(nonce)}}"#,
                        session: sessionID, in: &state)
                    return
                }
                state.allMembersRequests[guildID] = now
            }
            _ = emit(
                "GUILD_MEMBERS_CHUNK", data: SimulatorPayloads.membersChunk(request: data), session: sessionID,
                in: &state)
        case 31:
            guard let guilds = data["guild_ids"]?.arrayValue else { return invalid(&state, "no guild_ids") }
            for guild in guilds {
                guard let guildID = guild.stringValue else { continue }
                _ = emit(
                    "SOUNDBOARD_SOUNDS", data: SimulatorPayloads.soundboardSounds(guildID: guildID),
                    session: sessionID, in: &state)
            }
        default:
            guard let guildID = data["guild_id"]?.stringValue else { return invalid(&state, "no guild_id") }
            let fields = data["fields"]?.arrayValue?.compactMap { $0.stringValue } ?? []
            _ = emit(
                "CHANNEL_INFO", data: SimulatorPayloads.channelInfo(guildID: guildID, fields: fields),
                session: sessionID, in: &state)
        }
    }

    /// Records the end of a connection: the session loses its connection, and is invalidated when the client
    /// closed with 1000 or 1001.
    private func connectionEnded(_ index: Int, closure: FakeGatewayConnection.Closure) {
        defer { flushLog() }
        state.withLock { state in
            if configuration.log != nil {
                state.pendingLog.append(
                    "client \(index): ended, code \(closure.code.map(String.init) ?? "none")"
                        + " by \(closure.closedByClient ? "client" : "server")")
            }
            state.links[index]?.isClosing = true
            state.links[index]?.held = []
            guard let sessionID = state.links[index]?.sessionID, state.sessions[sessionID]?.clientIndex == index
            else { return }
            state.sessions[sessionID]?.clientIndex = nil
            if closure.closedByClient, let code = closure.code, code == 1000 || code == 1001 {
                state.sessions[sessionID]?.isInvalidated = true
                note(
                    SimulatorViolation(
                        kind: .sessionClosedByClient, detail: "client closed with \(code); session \(sessionID) ended",
                        closeCode: nil, clientIndex: index), in: &state)
            }
        }
    }

    /// Whether a token is configured and not revoked.
    func isValid(token: String, in state: State) -> Bool {
        configuration.validTokens.contains(token) && !state.revokedTokens.contains(token)
    }

    /// Discord's answer to an Identify with no session starts left: records the violation, revokes the token and
    /// closes every live session of it (and the offending connection) with 4004.
    private func resetToken(_ token: String, exceededBy index: Int, shard: [Int]?, total: Int, in state: inout State) {
        state.revokedTokens.insert(token)
        var closed = 0
        for id in state.sessionOrder {
            guard let session = state.sessions[id], session.token == token else { continue }
            state.sessions[id]?.isInvalidated = true
            guard let clientIndex = session.clientIndex, clientIndex != index,
                let link = state.links[clientIndex], !link.isClosing
            else { continue }
            state.links[clientIndex]?.isClosing = true
            link.connection.close(code: 4004, reason: "Authentication failed.")
            closed += 1
        }
        closeLink(
            index, code: 4004, reason: "Authentication failed.", kind: .sessionStartLimitExceeded,
            detail: "Identify for shard \(shard.map { "\($0)" } ?? "none") with 0 of \(total) session starts left;"
                + " token reset, \(closed) live session(s) closed with 4004", in: &state)
    }

    // MARK: - Sending

    /// Numbers a dispatch with the session's next sequence, keeps it for replay (unless `logged` is false) and
    /// sends it on the session's connection, if any.
    /// - Returns: the sequence number, or 0 for an unknown session.
    func emit(
        _ name: String, data: String, session id: String, logged: Bool = true, in state: inout State
    )
        -> Int
    {
        guard var session = state.sessions.removeValue(forKey: id) else { return 0 }
        session.lastSequence &+= 1
        let sequence = session.lastSequence
        let text = SimulatorPayloads.dispatch(name, sequence: sequence, data: data)
        if logged {
            session.log.append((sequence, text))
            let limit = max(configuration.replayLimit, 0)
            if session.log.count > limit + limit / 4 + 16 || (limit == 0 && !session.log.isEmpty) {
                let excess = session.log.count - limit
                session.trimmedThrough = session.log[excess - 1].sequence
                session.log.removeFirst(excess)
            }
        }
        let clientIndex = session.clientIndex
        state.sessions[id] = session
        if let clientIndex { transmit(text, to: clientIndex, in: &state) }
        return sequence
    }

    /// Sends a payload to a client, or holds it while a slow payload is being dribbled out.
    func transmit(_ text: String, to index: Int, in state: inout State) {
        guard let link = state.links[index] else { return }
        if link.isDribbling {
            state.links[index]?.held.append(Array(text.utf8))
        } else {
            link.connection.send(text)
        }
    }

    /// Records a violation or notable event (and logs it).
    func note(_ violation: SimulatorViolation, in state: inout State) {
        state.violations.append(violation)
        IdentifyGate.trim(&state.violations, to: configuration.historyLimit)
        if configuration.log != nil { state.pendingLog.append("client \(violation.clientIndex): \(violation)") }
    }

    /// Hands pending log lines to ``Configuration/log``, outside the lock.
    func flushLog() {
        guard let log = configuration.log else { return }
        let lines = state.withLock { state -> [String] in
            defer { state.pendingLog.removeAll() }
            return state.pendingLog
        }
        for line in lines { log(line) }
    }

    /// Closes a connection with a Discord close code and records why.
    func closeLink(
        _ index: Int, code: UInt16, reason: String, kind: SimulatorViolation.Kind, detail: String,
        in state: inout State
    ) {
        guard let link = state.links[index], !link.isClosing else { return }
        state.links[index]?.isClosing = true
        note(SimulatorViolation(kind: kind, detail: detail, closeCode: code, clientIndex: index), in: &state)
        link.connection.close(code: code, reason: reason)
    }

    /// ``closeLink(_:code:reason:kind:detail:in:)`` taking the lock.
    private func closeWithViolation(
        _ index: Int, code: UInt16, reason: String, kind: SimulatorViolation.Kind, detail: String
    ) {
        state.withLock { closeLink(index, code: code, reason: reason, kind: kind, detail: detail, in: &$0) }
    }

    /// The index of a guild id made by ``SimulatorPayloads/guildID(index:)`` (0 if it is not one), without a search.
    static func guildIndex(of guildID: UInt64, count: Int) -> Int {
        let index = Int(truncatingIfNeeded: (guildID >> 22) &- 262_000_000_000)
        guard index >= 0, index < count, SimulatorPayloads.guildID(index: index) == guildID else { return 0 }
        return index
    }

    /// Guild ids of a shard, in index order.
    static func guildIDs(count: Int, shard: [Int]?) -> [UInt64] {
        let all = (0..<max(count, 0)).map { SimulatorPayloads.guildID(index: $0) }
        guard let shard, shard.count == 2, shard[1] > 0 else { return all }
        return all.filter { ($0 >> 22) % UInt64(shard[1]) == UInt64(shard[0]) }
    }

    // MARK: - Scripting, called by SimulatedClient

    /// The session a client carries.
    func sessionID(ofClient index: Int) -> String? {
        state.withLock { $0.links[index]?.sessionID }
    }

    /// Sends a payload to a client without sequence bookkeeping.
    func send(_ text: String, toClient index: Int) {
        state.withLock { transmit(text, to: index, in: &$0) }
    }

    /// Sends Hello with `interval` to a client.
    func sendHello(heartbeatInterval interval: Duration?, toClient index: Int) {
        send(SimulatorPayloads.hello(heartbeatInterval: interval ?? configuration.heartbeatInterval), toClient: index)
    }

    /// Sends Invalid Session; `false` also invalidates the client's session.
    func sendInvalidSession(resumable: Bool, toClient index: Int) {
        state.withLock { state in
            if !resumable, let sessionID = state.links[index]?.sessionID {
                state.sessions[sessionID]?.isInvalidated = true
            }
            transmit(SimulatorPayloads.control(opcode: 9, data: resumable ? "true" : "false"), to: index, in: &state)
        }
    }

    /// Turns heartbeat ACKs for a client off or on.
    func setSuppressesAcks(_ on: Bool, client index: Int) {
        state.withLock { $0.links[index]?.suppressesAcks = on }
    }

    /// Closes a client's connection from the script (no violation recorded).
    func close(client index: Int, code: UInt16, reason: String) {
        let connection = state.withLock { state -> FakeGatewayConnection? in
            state.links[index]?.isClosing = true
            return state.links[index]?.connection
        }
        connection?.close(code: code, reason: reason)
    }

    /// Dispatches on the session a client carries.
    /// - Returns: the sequence number, or 0 when the client has no session.
    func dispatch(_ name: String, data: String, client index: Int) -> Int {
        state.withLock { state in
            guard let sessionID = state.links[index]?.sessionID else { return 0 }
            return emit(name, data: data, session: sessionID, in: &state)
        }
    }

    /// Dribbles one payload to a client in raw pieces; payloads sent meanwhile wait until it is complete.
    func sendSlowly(_ text: String, chunkSize: Int, interval: Duration, client index: Int) {
        let started = state.withLock { state -> (frames: [UInt8], connection: FakeGatewayConnection)? in
            guard let link = state.links[index], !link.isDribbling, !link.isClosing else { return nil }
            state.links[index]?.isDribbling = true
            return (link.connection.encodeFrames(Array(text.utf8)), link.connection)
        }
        guard let (frames, connection) = started else {
            send(text, toClient: index)
            return
        }
        let size = max(chunkSize, 1)
        Task { [weak self] in
            var offset = 0
            while offset < frames.count {
                let end = min(frames.count, offset + size)
                connection.sendRawBytes(Array(frames[offset..<end]))
                offset = end
                if offset < frames.count { try? await Task.sleep(for: interval) }
            }
            self?.finishDribble(client: index)
        }
    }

    /// Sends the payloads held during a dribble, in order.
    private func finishDribble(client index: Int) {
        state.withLock { state in
            guard let link = state.links[index] else { return }
            state.links[index]?.isDribbling = false
            state.links[index]?.held = []
            for payload in link.held { link.connection.send(payload) }
        }
    }
}

/// A protocol violation by a client, or a notable event, recorded by the ``GatewaySimulator`` for assertions.
///
/// **Threading:** an immutable value.
public struct SimulatorViolation: Sendable, Equatable, CustomStringConvertible {
    /// What happened; an open set of named kinds.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        /// A short description.
        public let description: String
        /// Creates a kind.
        public init(_ description: String) { self.description = description }

        /// Identify or Resume with a token not in ``GatewaySimulator/Configuration/validTokens`` (4004).
        public static let invalidToken = Kind("invalid token")
        /// Intent bits Discord does not document, or no intents (4013).
        public static let invalidIntents = Kind("invalid intents")
        /// Privileged intents not in ``GatewaySimulator/Configuration/allowedIntents`` (4014).
        public static let disallowedIntents = Kind("disallowed intents")
        /// A `shard` that is not `[id, n]` with `0 <= id < n` (4010).
        public static let invalidShard = Kind("invalid shard")
        /// Too many guilds per shard (4011).
        public static let shardingRequired = Kind("sharding required")
        /// A second Identify or Resume on one connection (4005).
        public static let alreadyAuthenticated = Kind("already authenticated")
        /// A command before Identify or Resume (4003).
        public static let notAuthenticated = Kind("payload before identify")
        /// An opcode clients may not send (4001).
        public static let unknownOpcode = Kind("unknown opcode")
        /// A command whose `d` lacks required fields (4001).
        public static let invalidPayload = Kind("invalid payload for opcode")
        /// Not JSON, or no integer `op` (4002).
        public static let decodeError = Kind("decode error")
        /// A payload over 4096 bytes (4002).
        public static let payloadTooLarge = Kind("payload too large")
        /// Over the command limit (4008).
        public static let rateLimited = Kind("rate limited")
        /// An Identify over `max_concurrency` (answered with Invalid Session `false`, no close).
        public static let identifyRateLimited = Kind("identify over max_concurrency")
        /// An Identify with no session starts left (closed 4004; the token is reset and its live sessions close
        /// with 4004).
        public static let sessionStartLimitExceeded = Kind("session start limit exceeded")
        /// A Resume that was refused (answered with Invalid Session `false`, no close).
        public static let resumeRefused = Kind("resume refused")
        /// The client closed with 1000 or 1001, ending its session (notable, not a mistake).
        public static let sessionClosedByClient = Kind("session closed by client")
    }

    /// What happened.
    public var kind: Kind
    /// Details for failure messages.
    public var detail: String
    /// The close code the simulator answered with; `nil` when it did not close.
    public var closeCode: UInt16?
    /// ``SimulatedClient/index`` of the client concerned.
    public var clientIndex: Int

    /// Creates a record.
    public init(kind: Kind, detail: String, closeCode: UInt16?, clientIndex: Int) {
        self.kind = kind
        self.detail = detail
        self.closeCode = closeCode
        self.clientIndex = clientIndex
    }

    /// One line: kind, close code, detail, client.
    public var description: String {
        "\(kind)" + (closeCode.map { " (closed \($0))" } ?? "") + ": \(detail) [client \(clientIndex)]"
    }
}
