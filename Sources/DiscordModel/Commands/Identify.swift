/// Identify's data, op 2 (Discord docs: "Identify Structure").
///
/// `Codable` with Discord's field names; the token encodes as itself, so never log an encoded Identify (the
/// gateway's own encoder and every `description` redact it).
///
/// **Threading:** an immutable value; `Sendable`.
public struct Identify: Hashable, Sendable, Codable {
    /// The bot token.
    public var token: BotToken
    /// The client description sent as `properties`.
    public var properties: ConnectionProperties
    /// Member count above which offline members are left out of `GUILD_CREATE` (50...250).
    public var largeThreshold: Int
    /// The shard pair; `nil` leaves `shard` out.
    public var shard: ShardInfo?
    /// The initial presence; `nil` leaves `presence` out.
    public var presence: UpdatePresence?
    /// The intents.
    public var intents: GatewayIntents

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        case token, properties, shard, presence, intents, compress
        case largeThreshold = "large_threshold"
    }

    /// Makes Identify data. Payload compression is always off (`compress: false`).
    public init(
        token: BotToken, intents: GatewayIntents, properties: ConnectionProperties = .default,
        largeThreshold: Int = 250, shard: ShardInfo? = nil, presence: UpdatePresence? = nil
    ) {
        self.token = token
        self.intents = intents
        self.properties = properties
        self.largeThreshold = largeThreshold
        self.shard = shard
        self.presence = presence
    }

    /// Decodes Identify data; a missing `large_threshold` is Discord's default, 50.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        token = try container.decode(BotToken.self, forKey: .token)
        properties = try container.decode(ConnectionProperties.self, forKey: .properties)
        largeThreshold = try container.decodeIfPresent(Int.self, forKey: .largeThreshold) ?? 50
        shard = try container.decodeIfPresent(ShardInfo.self, forKey: .shard)
        presence = try container.decodeIfPresent(UpdatePresence.self, forKey: .presence)
        intents = try container.decode(GatewayIntents.self, forKey: .intents)
    }

    /// Encodes Identify data in Discord's field order, with `compress: false`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(token, forKey: .token)
        try container.encode(properties, forKey: .properties)
        try container.encode(false, forKey: .compress)
        try container.encode(largeThreshold, forKey: .largeThreshold)
        try container.encodeIfPresent(shard, forKey: .shard)
        try container.encodeIfPresent(presence, forKey: .presence)
        try container.encode(intents, forKey: .intents)
    }

    /// Identify's `properties` (Discord docs: "Identify Connection Properties").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct ConnectionProperties: Hashable, Sendable, Codable {
        /// The operating system, such as `"linux"`.
        public var os: String
        /// The library name.
        public var browser: String
        /// The library name.
        public var device: String

        /// Makes connection properties.
        public init(os: String, browser: String, device: String) {
            self.os = os
            self.browser = browser
            self.device = device
        }

        /// The library's name as Discord sees it in `browser` and `device`.
        public static let libraryName = "swift-discord-gateway"

        /// This platform's name and the library's name.
        public static let `default` = ConnectionProperties(os: currentOS, browser: libraryName, device: libraryName)

        /// The compile-time platform name.
        private static var currentOS: String {
            #if os(Linux)
            "linux"
            #elseif os(macOS)
            "macos"
            #elseif os(Windows)
            "windows"
            #else
            "unknown"
            #endif
        }
    }
}

/// Resume's data, op 6 (Discord docs: "Resume Structure").
///
/// **Threading:** an immutable value; `Sendable`.
public struct Resume: Hashable, Sendable, Codable {
    /// The bot token.
    public var token: BotToken
    /// The session to resume (`session_id`).
    public var sessionID: String
    /// The last sequence number received (`seq`).
    public var sequence: Int

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        case token
        case sessionID = "session_id"
        case sequence = "seq"
    }

    /// Makes Resume data.
    public init(token: BotToken, sessionID: String, sequence: Int) {
        self.token = token
        self.sessionID = sessionID
        self.sequence = sequence
    }
}

/// Heartbeat's data, op 1: the last sequence number received, or `nil` (JSON `null`) before any dispatch.
///
/// **Threading:** an immutable value; `Sendable`.
public struct Heartbeat: Hashable, Sendable, Codable {
    /// The last sequence number.
    public var sequence: Int?

    /// Makes heartbeat data.
    public init(sequence: Int?) {
        self.sequence = sequence
    }

    /// Decodes a number or `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        sequence = container.decodeNil() ? nil : try container.decode(Int.self)
    }

    /// Encodes a number or `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let sequence { try container.encode(sequence) } else { try container.encodeNil() }
    }
}
