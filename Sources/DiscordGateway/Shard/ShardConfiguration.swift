public import Dispatch
public import Logging

/// Everything a ``Shard`` needs, with documented defaults.
///
/// Only ``token`` is required. The defaults connect shard 0 of 1 to `wss://gateway.discord.gg` with API v10, JSON,
/// zlib-stream transport compression and the non-privileged intents, verifying the server's certificate.
///
/// **Threading:** an immutable value once handed to a shard; `Sendable`.
public struct ShardConfiguration: Sendable {
    /// Transport compression.
    public enum Compression: String, Sendable, Hashable, CaseIterable {
        /// `compress=zlib-stream`: one zlib context per connection (the default; ~5–10× less traffic).
        case zlibStream = "zlib-stream"
        /// No compression: text frames.
        case none
    }

    /// The bot token. Never logged or printed.
    public var token: BotToken
    /// Intents sent in Identify. Default: ``GatewayIntents/nonPrivileged``.
    public var intents: GatewayIntents = .nonPrivileged
    /// This shard's `[id, count]`. Default: `[0, 1]`.
    public var shard: ShardInfo = .single
    /// The gateway base URL; the shard appends `/?v=10&encoding=json[&compress=zlib-stream]`. Default:
    /// `wss://gateway.discord.gg`. A URL that already has a query string is used as it is.
    public var gatewayURL: String = "wss://gateway.discord.gg"
    /// Transport compression. Default: ``Compression/zlibStream``.
    public var compression: Compression = .zlibStream
    /// Which dispatches are decoded and delivered; the others are skipped after a cheap peek at `op`/`t`/`s`.
    /// Default: ``GatewayEventFilter/all``.
    public var eventFilter: GatewayEventFilter = .all
    /// Identify `properties`. Default: this library's name and the OS.
    public var properties: GatewayCommand.ConnectionProperties = .default
    /// Identify `large_threshold` (50–250). Default: 250.
    public var largeThreshold = 250
    /// The presence sent in Identify. Default: none (online).
    public var presence: GatewayCommand.PresenceUpdate?
    /// A session to resume on the first connection, e.g. one returned by ``Shard/close(code:)`` in an earlier
    /// process. Default: none (identify).
    public var resumeSession: Session?
    /// TLS settings. Default: verify the peer against the system trust store.
    public var tls: TLSConfiguration = .default
    /// Allow `ws://` URLs. Default: `false`; only for tests and local proxies.
    public var allowsInsecureTransport = false
    /// Time allowed for TCP connect, and again for the TLS and WebSocket handshakes. Default: 10 s.
    public var connectTimeout: Duration = .seconds(10)
    /// The largest message accepted after inflation. Default: 128 MiB (a big bot's READY can be megabytes).
    public var maximumMessageSize = 128 << 20
    /// Where delegate methods and closure handlers run. Default (`nil`): a serial queue per shard.
    public var callbackQueue: DispatchQueue?
    /// Items (events, state changes) waiting for delivery before the shard stops reading from the socket, so TCP
    /// pushes back on Discord. Heartbeats keep going and zombie detection is suspended meanwhile. Default: 10,000.
    public var deliveryBufferCapacity = 10_000
    /// A callback running longer than this is logged and reported to ``ShardDelegate/shard(_:callbackRanFor:)``.
    /// Default: 2 s.
    public var slowCallbackThreshold: Duration = .seconds(2)
    /// Whether every received message's raw JSON is passed to ``Shard/onRawMessage(_:)`` handlers, including
    /// filtered dispatches and non-dispatch opcodes. Default: `false`.
    public var deliversRawMessages = false
    /// Reconnect delays. Default: immediate, then 1, 2, 4 … 128 s with up to 25 % jitter; a connection that died
    /// within 1 s of opening waits at least 1 s (no tight loops).
    public var backoff = Backoff()
    /// Payloads per rate-limit window (Discord: 120 per 60 s). Default: 120.
    public var commandLimit = 120
    /// The rate-limit window. Default: 60 s.
    public var commandWindow: Duration = .seconds(60)
    /// Least wait before identifying again after Invalid Session `false`. Default: 1 s.
    public var invalidSessionDelay: Duration = .seconds(1)
    /// The largest random extra wait added to ``invalidSessionDelay``. Default: 4 s (so 1–5 s in all).
    public var invalidSessionJitter: Duration = .seconds(4)
    /// Decides when this shard may identify; a ``ShardCluster`` shares one between its shards. Default (`nil`):
    /// identify at once (fine for a single shard).
    public var identifyCoordinator: (any IdentifyCoordinator)?
    /// Where logs go; metadata `shard.id`, `shard.count`, `connection.generation`. Default: discarded.
    public var logger = Logger(label: "discord-gateway", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Makes a configuration with the defaults above.
    public init(token: BotToken) {
        self.token = token
    }

    /// The gateway URL with the query string this configuration needs.
    public var connectionURL: String {
        if gatewayURL.contains("?") { return gatewayURL }
        var base = gatewayURL
        while base.hasSuffix("/") { base.removeLast() }
        let compress = compression == .zlibStream ? "&compress=zlib-stream" : ""
        return "\(base)/?v=10&encoding=json\(compress)"
    }

    /// The protocol core's configuration.
    var sessionConfiguration: GatewaySession.Configuration {
        GatewaySession.Configuration(
            token: token, intents: intents, shard: shard, gatewayURL: connectionURL, properties: properties,
            largeThreshold: largeThreshold, presence: presence, resumeSession: resumeSession, backoff: backoff,
            commandLimit: commandLimit, commandWindow: commandWindow, invalidSessionDelay: invalidSessionDelay,
            invalidSessionExtraDelay: invalidSessionJitter)
    }
}
