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
    let accepted = TimedMailbox<SimulatedClient>(label: "a client of the gateway simulator")

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
}
