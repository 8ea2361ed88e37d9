extension GatewaySession {
    /// What the shard must do after feeding an input to ``GatewaySession``; executed in array order.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public enum Action: Hashable, Sendable {
        /// Open a WebSocket to `url` after waiting `after`, as connection ``GatewaySession/generation``.
        ///
        /// Any previous connection has already been closed or dropped by an earlier action. When the socket is
        /// open call ``GatewaySession/connectionOpened(at:generation:)``; when it cannot be opened call
        /// ``GatewaySession/transportFailed(at:generation:)``. `resume` says whether Resume will be sent.
        case connect(url: String, after: Duration, resume: Bool)
        /// Encode and send the command on the current connection (the rate limit is already applied).
        case send(GatewayCommand)
        /// Start the repeating heartbeat timer: first fire after `firstAfter`, then every `interval`; each fire
        /// calls ``GatewaySession/heartbeatTimerFired(at:generation:)``. Replaces any running timer.
        case startHeartbeat(interval: Duration, firstAfter: Duration)
        /// Cancel the heartbeat timer.
        case stopHeartbeat
        /// Ask the identify scheduler for a slot; when granted call
        /// ``GatewaySession/identifySlotGranted(at:generation:)``.
        case requestIdentify
        /// Hand the event to the user.
        case deliver(GatewayEvent)
        /// Send a close frame with this code and end the connection.
        case closeConnection(code: GatewayCloseCode)
        /// End the connection without a close handshake (zombie connection).
        case dropConnection
        /// Commands are waiting for the rate limit; call ``GatewaySession/sendRetryTimerFired(at:generation:)``
        /// after this long.
        case scheduleSendRetry(after: Duration)
        /// Stop for good: Discord closed with a non-reconnectable code. Report it to the user.
        case stop(fatal: GatewayCloseCode)
        /// The user-visible state changed to this value.
        case stateChanged(ShardState)
    }

    /// What the protocol core needs to know about the bot and the connection.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Configuration: Hashable, Sendable {
        /// The bot token.
        public var token: BotToken
        /// The intents sent in Identify.
        public var intents: GatewayIntents
        /// The shard pair sent in Identify; `nil` leaves it out.
        public var shard: ShardInfo?
        /// The gateway URL with its query string, such as `wss://gateway.discord.gg/?v=10&encoding=json`.
        public var gatewayURL: String
        /// Identify's `properties`.
        public var properties: GatewayCommand.ConnectionProperties
        /// Identify's `large_threshold` (50...250).
        public var largeThreshold: Int
        /// Identify's initial presence; replaced by the latest presence update sent, so re-identifying keeps it.
        public var presence: GatewayCommand.PresenceUpdate?
        /// A session to resume on the first connection (for example one saved by a previous process).
        public var resumeSession: Session?
        /// The reconnect delay schedule.
        public var backoff: Backoff
        /// Payloads allowed per rate-limit window (Discord: 120).
        public var commandLimit: Int
        /// The rate-limit window (Discord: 60 s).
        public var commandWindow: Duration
        /// The least wait before identifying again after Invalid Session `false`; a random extra up to
        /// ``invalidSessionExtraDelay`` is added.
        public var invalidSessionDelay: Duration
        /// The largest random extra wait after Invalid Session `false`.
        public var invalidSessionExtraDelay: Duration

        /// The default gateway URL: JSON encoding, API v10, no compression.
        public static let defaultGatewayURL = "wss://gateway.discord.gg/?v=10&encoding=json"

        /// Makes a configuration with Discord's documented defaults.
        public init(
            token: BotToken, intents: GatewayIntents, shard: ShardInfo? = nil,
            gatewayURL: String = Configuration.defaultGatewayURL,
            properties: GatewayCommand.ConnectionProperties = .default, largeThreshold: Int = 250,
            presence: GatewayCommand.PresenceUpdate? = nil, resumeSession: Session? = nil,
            backoff: Backoff = Backoff(), commandLimit: Int = 120, commandWindow: Duration = .seconds(60),
            invalidSessionDelay: Duration = .seconds(1), invalidSessionExtraDelay: Duration = .seconds(4)
        ) {
            self.token = token
            self.intents = intents
            self.shard = shard
            self.gatewayURL = gatewayURL
            self.properties = properties
            self.largeThreshold = largeThreshold
            self.presence = presence
            self.resumeSession = resumeSession
            self.backoff = backoff
            self.commandLimit = commandLimit
            self.commandWindow = commandWindow
            self.invalidSessionDelay = invalidSessionDelay
            self.invalidSessionExtraDelay = invalidSessionExtraDelay
        }
    }
}
