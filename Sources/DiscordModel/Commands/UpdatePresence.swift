/// Presence Update's data, op 3; also Identify's `presence` (Discord docs: "Update Presence").
///
/// **Threading:** an immutable value; `Sendable`.
public struct UpdatePresence: Hashable, Sendable, Codable {
    /// Unix time in milliseconds when the client went idle, or `nil`.
    public var since: Int?
    /// The activities; bots may set only name, type, state and url.
    public var activities: [Activity]
    /// The status.
    public var status: PresenceStatus
    /// Whether the client is AFK.
    public var isAFK: Bool

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        case since, activities, status
        case isAFK = "afk"
    }

    /// Makes presence data.
    public init(status: PresenceStatus = .online, activities: [Activity] = [], since: Int? = nil, isAFK: Bool = false) {
        self.status = status
        self.activities = activities
        self.since = since
        self.isAFK = isAFK
    }

    /// Decodes presence data; `since` may be absent or `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        since = try container.decodeIfPresent(Int.self, forKey: .since)
        activities = try container.decode([Activity].self, forKey: .activities)
        status = try container.decode(PresenceStatus.self, forKey: .status)
        isAFK = try container.decode(Bool.self, forKey: .isAFK)
    }

    /// Encodes presence data with `since` as a number or `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let since { try container.encode(since, forKey: .since) } else { try container.encodeNil(forKey: .since) }
        try container.encode(activities, forKey: .activities)
        try container.encode(status, forKey: .status)
        try container.encode(isAFK, forKey: .isAFK)
    }

    /// One activity a bot may set (Discord docs: "Activity Object", bot-settable fields only).
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Activity: Hashable, Sendable, Codable {
        /// The activity name.
        public var name: String
        /// The activity type.
        public var type: ActivityType
        /// The state text (the custom status text for ``ActivityType/custom``).
        public var state: String?
        /// The stream URL (twitch.tv or youtube.com) for ``ActivityType/streaming``.
        public var url: String?

        /// Makes an activity.
        public init(name: String, type: ActivityType = .playing, state: String? = nil, url: String? = nil) {
            self.name = name
            self.type = type
            self.state = state
            self.url = url
        }
    }
}

/// Voice State Update's data, op 4 (Discord docs: "Update Voice State").
///
/// **Threading:** an immutable value; `Sendable`.
public struct UpdateVoiceState: Hashable, Sendable, Codable {
    /// The guild.
    public var guildID: Snowflake
    /// The voice channel to join, or `nil` (JSON `null`) to disconnect.
    public var channelID: Snowflake?
    /// Whether the bot is muted.
    public var selfMute: Bool
    /// Whether the bot is deafened.
    public var selfDeaf: Bool

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        case guildID = "guild_id"
        case channelID = "channel_id"
        case selfMute = "self_mute"
        case selfDeaf = "self_deaf"
    }

    /// Makes voice state data.
    public init(guildID: Snowflake, channelID: Snowflake?, selfMute: Bool = false, selfDeaf: Bool = false) {
        self.guildID = guildID
        self.channelID = channelID
        self.selfMute = selfMute
        self.selfDeaf = selfDeaf
    }

    /// Encodes with `channel_id` as an id or `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(guildID, forKey: .guildID)
        if let channelID {
            try container.encode(channelID, forKey: .channelID)
        } else {
            try container.encodeNil(forKey: .channelID)
        }
        try container.encode(selfMute, forKey: .selfMute)
        try container.encode(selfDeaf, forKey: .selfDeaf)
    }
}

/// Request Soundboard Sounds' data, op 31 (Discord docs: "Request Soundboard Sounds").
///
/// **Threading:** an immutable value; `Sendable`.
public struct RequestSoundboardSounds: Hashable, Sendable, Codable {
    /// The guilds whose sounds to send, one `SOUNDBOARD_SOUNDS` dispatch each.
    public var guildIDs: [Snowflake]

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        case guildIDs = "guild_ids"
    }

    /// Makes request data.
    public init(guildIDs: [Snowflake]) {
        self.guildIDs = guildIDs
    }
}

/// Request Channel Info's data, op 43: asks for a `CHANNEL_INFO` dispatch (see PROTOCOL.md §13.5).
///
/// **Threading:** an immutable value; `Sendable`.
public struct RequestChannelInfo: Hashable, Sendable, Codable {
    /// The guild.
    public var guildID: Snowflake
    /// The channel fields wanted, such as `"status"` and `"voice_start_time"`.
    public var fields: [String]

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        case fields
        case guildID = "guild_id"
    }

    /// Makes request data; by default asks for every documented field.
    public init(guildID: Snowflake, fields: [String] = ["status", "voice_start_time"]) {
        self.guildID = guildID
        self.fields = fields
    }
}
