/// A scheduled event in a guild (Discord docs: "Guild Scheduled Event Object"); the payload of
/// `GUILD_SCHEDULED_EVENT_CREATE`, `_UPDATE` and `_DELETE`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GuildScheduledEvent: Codable, Hashable, Sendable, Identifiable {
    /// The event id.
    public var id: Snowflake
    /// The guild.
    public var guildID: Snowflake
    /// The stage or voice channel; `nil` for external events.
    public var channelID: Snowflake?
    /// Who created it (`nil` for events made before October 2021).
    public var creatorID: Snowflake?
    /// The name (1–100 characters).
    public var name: String
    /// The description (up to 1000 characters).
    public var description: String?
    /// When it starts.
    public var scheduledStartTime: DiscordTimestamp
    /// When it ends (required for external events).
    public var scheduledEndTime: DiscordTimestamp?
    /// Who can see it.
    public var privacyLevel: PrivacyLevel
    /// Scheduled, active, completed or canceled.
    public var status: Status
    /// Where it happens.
    public var entityType: EntityType
    /// The stage instance of a running stage event.
    public var entityID: Snowflake?
    /// Extra data about where it happens (the location of external events).
    public var entityMetadata: EntityMetadata?
    /// Who created it.
    public var creator: User?
    /// How many users subscribed.
    public var userCount: Int?
    /// The cover image hash.
    public var image: ImageHash?
    /// How the event repeats.
    public var recurrenceRule: RecurrenceRule?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, name, description, status, creator, image
        /// `guild_id`.
        case guildID = "guild_id"
        /// `channel_id`.
        case channelID = "channel_id"
        /// `creator_id`.
        case creatorID = "creator_id"
        /// `scheduled_start_time`.
        case scheduledStartTime = "scheduled_start_time"
        /// `scheduled_end_time`.
        case scheduledEndTime = "scheduled_end_time"
        /// `privacy_level`.
        case privacyLevel = "privacy_level"
        /// `entity_type`.
        case entityType = "entity_type"
        /// `entity_id`.
        case entityID = "entity_id"
        /// `entity_metadata`.
        case entityMetadata = "entity_metadata"
        /// `user_count`.
        case userCount = "user_count"
        /// `recurrence_rule`.
        case recurrenceRule = "recurrence_rule"
    }

    /// Who can see an event (Discord docs: "Guild Scheduled Event Privacy Level"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct PrivacyLevel: RawRepresentable, Hashable, Sendable, Codable {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `2` guild members only.
        public static let guildOnly = Self(rawValue: 2)
    }

    /// An event's state (Discord docs: "Guild Scheduled Event Status"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Status: RawRepresentable, Hashable, Sendable, Codable {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `1` not started yet.
        public static let scheduled = Self(rawValue: 1)
        /// `2` running.
        public static let active = Self(rawValue: 2)
        /// `3` ended.
        public static let completed = Self(rawValue: 3)
        /// `4` called off.
        public static let canceled = Self(rawValue: 4)
    }

    /// Where an event happens (Discord docs: "Guild Scheduled Event Entity Types"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct EntityType: RawRepresentable, Hashable, Sendable, Codable {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `1` a stage channel.
        public static let stageInstance = Self(rawValue: 1)
        /// `2` a voice channel.
        public static let voice = Self(rawValue: 2)
        /// `3` somewhere outside Discord.
        public static let external = Self(rawValue: 3)
    }

    /// Extra data about where an event happens (Discord docs: "Guild Scheduled Event Entity Metadata").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct EntityMetadata: Codable, Hashable, Sendable {
        /// The location of an external event (1–100 characters).
        public var location: String?
    }
}
