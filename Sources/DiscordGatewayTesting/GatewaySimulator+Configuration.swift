internal import DiscordGateway
internal import Dispatch

/// The simulator's settings.
extension GatewaySimulator {
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
        /// Whether heartbeats get an ACK; `false` makes every connection a zombie from its first heartbeat on (one
        /// client at a time: ``SimulatedClient/suppressHeartbeatAcks(_:)``).
        public var acknowledgesHeartbeats: Bool = true
        /// How often one guild's whole member list may be requested (`query: ""`, `limit: 0`); a request sooner
        /// gets a RATE_LIMITED dispatch instead of members, as Discord does (§11). `nil` does not limit.
        public var allMembersRequestInterval: Duration? = .seconds(30)
        /// Receives one line per notable event (connection opened or ended, session started or resumed,
        /// violation), on the connection's I/O thread, outside the simulator's lock; for a standalone simulator.
        public var log: (@Sendable (String) -> Void)? = nil

        /// Creates the default configuration: Discord's numbers, three guilds, token `test-token`.
        public init() {}
    }
}
