/// A message was pinned or unpinned in a channel; the payload of `CHANNEL_PINS_UPDATE` (not sent when a pinned
/// message is deleted).
///
/// **Threading:** an immutable value; `Sendable`.
public struct ChannelPinsUpdate: Codable, Hashable, Sendable {
    /// The guild; absent for DMs.
    public var guildID: Snowflake?
    /// The channel.
    public var channelID: Snowflake
    /// When the most recent pinned message was pinned: `nil` when absent, `.null` when no message is pinned any
    /// more.
    public var lastPinTimestamp: Nullable<DiscordTimestamp>?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// `guild_id`.
        case guildID = "guild_id"
        /// `channel_id`.
        case channelID = "channel_id"
        /// `last_pin_timestamp`.
        case lastPinTimestamp = "last_pin_timestamp"
    }
}

/// Ephemeral fields of a guild's channels, the reply to Request Channel Info (op 43); the payload of
/// `CHANNEL_INFO`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct ChannelInfo: Codable, Hashable, Sendable {
    /// The guild.
    public var guildID: Snowflake
    /// The channels with the requested fields.
    public var channels: [Entry]

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case channels
        /// `guild_id`.
        case guildID = "guild_id"
    }

    /// One channel's ephemeral fields; only the requested ones are present.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Entry: Codable, Hashable, Sendable, Identifiable {
        /// The channel id.
        public var id: Snowflake
        /// The voice channel's status text.
        public var status: String?
        /// When the current voice session started, in Unix seconds.
        public var voiceStartTime: Int?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case id, status
            /// `voice_start_time`.
            case voiceStartTime = "voice_start_time"
        }
    }
}

/// A voice channel's status text changed; the payload of `VOICE_CHANNEL_STATUS_UPDATE`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct VoiceChannelStatusUpdate: Codable, Hashable, Sendable, Identifiable {
    /// The voice channel.
    public var id: Snowflake
    /// The guild.
    public var guildID: Snowflake
    /// The new status text; `nil` when it was cleared.
    public var status: String?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, status
        /// `guild_id`.
        case guildID = "guild_id"
    }
}

/// A voice channel's session start time changed; the payload of `VOICE_CHANNEL_START_TIME_UPDATE`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct VoiceChannelStartTimeUpdate: Codable, Hashable, Sendable, Identifiable {
    /// The voice channel.
    public var id: Snowflake
    /// The guild.
    public var guildID: Snowflake
    /// When the current voice session started, in Unix seconds; `nil` when the channel emptied.
    public var voiceStartTime: Int?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id
        /// `guild_id`.
        case guildID = "guild_id"
        /// `voice_start_time`.
        case voiceStartTime = "voice_start_time"
    }
}

/// The active threads of some channels, sent when the bot gains access to them; the payload of
/// `THREAD_LIST_SYNC`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct ThreadListSync: Codable, Hashable, Sendable {
    /// The guild.
    public var guildID: Snowflake
    /// The parent channels being synced; absent when the whole guild is synced. Threads of these channels that
    /// are not in ``threads`` should be forgotten.
    public var channelIDs: [Snowflake]?
    /// All active threads in those channels that the bot can access.
    public var threads: [Channel]
    /// The bot's memberships of those threads.
    public var members: [ThreadMember]

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case threads, members
        /// `guild_id`.
        case guildID = "guild_id"
        /// `channel_ids`.
        case channelIDs = "channel_ids"
    }
}

/// Members were added to or removed from a thread; the payload of `THREAD_MEMBERS_UPDATE`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct ThreadMembersUpdate: Codable, Hashable, Sendable, Identifiable {
    /// The thread.
    public var id: Snowflake
    /// The guild.
    public var guildID: Snowflake
    /// Approximate member count of the thread (stops counting at 50).
    public var memberCount: Int
    /// The members that were added.
    public var addedMembers: [ThreadMember]?
    /// The users that were removed.
    public var removedMemberIDs: [Snowflake]?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id
        /// `guild_id`.
        case guildID = "guild_id"
        /// `member_count`.
        case memberCount = "member_count"
        /// `added_members`.
        case addedMembers = "added_members"
        /// `removed_member_ids`.
        case removedMemberIDs = "removed_member_ids"
    }
}
