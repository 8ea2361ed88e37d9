/// A live stage (Discord docs: "Stage Instance Object"); the payload of `STAGE_INSTANCE_CREATE`, `_UPDATE` and
/// `_DELETE`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct StageInstance: Codable, Hashable, Sendable, Identifiable {
    /// The stage instance id.
    public var id: Snowflake
    /// The guild.
    public var guildID: Snowflake
    /// The stage channel.
    public var channelID: Snowflake
    /// The topic (1–120 characters).
    public var topic: String
    /// Who can see the stage.
    public var privacyLevel: PrivacyLevel
    /// Whether Stage Discovery is off (deprecated).
    public var discoverableDisabled: Bool?
    /// The scheduled event that started it.
    public var guildScheduledEventID: Snowflake?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, topic
        /// `guild_id`.
        case guildID = "guild_id"
        /// `channel_id`.
        case channelID = "channel_id"
        /// `privacy_level`.
        case privacyLevel = "privacy_level"
        /// `discoverable_disabled`.
        case discoverableDisabled = "discoverable_disabled"
        /// `guild_scheduled_event_id`.
        case guildScheduledEventID = "guild_scheduled_event_id"
    }

    /// Who can see a stage (Discord docs: "Privacy Level"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct PrivacyLevel: RawRepresentable, Hashable, Sendable, Codable {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `1` public (deprecated).
        public static let `public` = Self(rawValue: 1)
        /// `2` guild members only.
        public static let guildOnly = Self(rawValue: 2)
    }
}
