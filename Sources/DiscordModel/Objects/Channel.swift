/// A guild channel, thread or direct message channel (Discord docs: "Channel Object").
///
/// Also the payload of `CHANNEL_*` and `THREAD_*` events; `THREAD_DELETE` sends only ``id``, ``guildID``,
/// ``parentID`` and ``type``, so everything but those two is optional.
///
/// **Threading:** an immutable value; `Sendable`.
public struct Channel: Codable, Hashable, Sendable, Identifiable {
    /// The channel id.
    public var id: Snowflake
    /// The channel type.
    public var type: ChannelType
    /// The guild; absent for DMs and in some gateway payloads.
    public var guildID: Snowflake?
    /// The sorting position.
    public var position: Int?
    /// Permission overwrites for members and roles.
    public var permissionOverwrites: [PermissionOverwrite]?
    /// The name (1–100 characters).
    public var name: String?
    /// The topic (forum and media channels: the guidelines).
    public var topic: String?
    /// Whether the channel is age-restricted.
    public var nsfw: Bool?
    /// The latest message (or thread, for forums); it may not exist.
    public var lastMessageID: Snowflake?
    /// Voice bitrate in bits per second.
    public var bitrate: Int?
    /// Voice user limit (0: none).
    public var userLimit: Int?
    /// Slow mode in seconds.
    public var rateLimitPerUser: Int?
    /// The recipients of a DM.
    public var recipients: [User]?
    /// A group DM's icon hash.
    public var icon: ImageHash?
    /// The creator of a group DM or thread.
    public var ownerID: Snowflake?
    /// The application that created a group DM.
    public var applicationID: Snowflake?
    /// Whether an application manages a group DM.
    public var managed: Bool?
    /// The category, or for threads the parent channel.
    public var parentID: Snowflake?
    /// When the last message was pinned.
    public var lastPinTimestamp: DiscordTimestamp?
    /// The voice region id; `nil` means automatic.
    public var rtcRegion: String?
    /// The camera video quality mode.
    public var videoQualityMode: VideoQualityMode?
    /// Approximate message count of a thread (excludes the first message and deleted ones).
    public var messageCount: Int?
    /// Approximate member count of a thread (stops counting at 50).
    public var memberCount: Int?
    /// Thread-specific fields.
    public var threadMetadata: ThreadMetadata?
    /// The bot's thread membership, when it has joined.
    public var member: ThreadMember?
    /// Default auto-archive minutes for new threads.
    public var defaultAutoArchiveDuration: Int?
    /// The invoking user's permissions in the channel (interaction payloads).
    public var permissions: Permissions?
    /// Channel flags.
    public var flags: Flags?
    /// Messages ever sent in a thread (does not decrease on delete).
    public var totalMessageSent: Int?
    /// Tags usable in a forum or media channel.
    public var availableTags: [ForumTag]?
    /// Tags applied to a forum or media thread.
    public var appliedTags: [Snowflake]?
    /// The default reaction on forum posts.
    public var defaultReactionEmoji: DefaultReaction?
    /// Slow mode set on new threads.
    public var defaultThreadRateLimitPerUser: Int?
    /// Default sort order of forum posts.
    public var defaultSortOrder: Int?
    /// Default layout of forum posts.
    public var defaultForumLayout: Int?
    /// Whether `THREAD_CREATE` is for a newly created thread (rather than one the bot was added to).
    public var newlyCreated: Bool?
    /// A voice channel's status text.
    public var status: String?
    /// When the current voice session started, in Unix seconds (as in `VOICE_CHANNEL_START_TIME_UPDATE`).
    public var voiceStartTime: Int?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, type, position, name, topic, nsfw, bitrate, recipients, icon, managed, member, permissions, flags
        /// Wire names as documented.
        case status
        /// `guild_id`.
        case guildID = "guild_id"
        /// `permission_overwrites`.
        case permissionOverwrites = "permission_overwrites"
        /// `last_message_id`.
        case lastMessageID = "last_message_id"
        /// `user_limit`.
        case userLimit = "user_limit"
        /// `rate_limit_per_user`.
        case rateLimitPerUser = "rate_limit_per_user"
        /// `owner_id`.
        case ownerID = "owner_id"
        /// `application_id`.
        case applicationID = "application_id"
        /// `parent_id`.
        case parentID = "parent_id"
        /// `last_pin_timestamp`.
        case lastPinTimestamp = "last_pin_timestamp"
        /// `rtc_region`.
        case rtcRegion = "rtc_region"
        /// `video_quality_mode`.
        case videoQualityMode = "video_quality_mode"
        /// `message_count`.
        case messageCount = "message_count"
        /// `member_count`.
        case memberCount = "member_count"
        /// `thread_metadata`.
        case threadMetadata = "thread_metadata"
        /// `default_auto_archive_duration`.
        case defaultAutoArchiveDuration = "default_auto_archive_duration"
        /// `total_message_sent`.
        case totalMessageSent = "total_message_sent"
        /// `available_tags`.
        case availableTags = "available_tags"
        /// `applied_tags`.
        case appliedTags = "applied_tags"
        /// `default_reaction_emoji`.
        case defaultReactionEmoji = "default_reaction_emoji"
        /// `default_thread_rate_limit_per_user`.
        case defaultThreadRateLimitPerUser = "default_thread_rate_limit_per_user"
        /// `default_sort_order`.
        case defaultSortOrder = "default_sort_order"
        /// `default_forum_layout`.
        case defaultForumLayout = "default_forum_layout"
        /// `newly_created`.
        case newlyCreated = "newly_created"
        /// `voice_start_time`.
        case voiceStartTime = "voice_start_time"
    }

    /// A permission overwrite (Discord docs: "Overwrite Object").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct PermissionOverwrite: Codable, Hashable, Sendable {
        /// The role or user id.
        public var id: Snowflake
        /// `0` role, `1` member.
        public var type: Int
        /// Allowed permissions.
        public var allow: Permissions
        /// Denied permissions.
        public var deny: Permissions
    }

    /// A thread's own fields (Discord docs: "Thread Metadata Object").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct ThreadMetadata: Codable, Hashable, Sendable {
        /// Whether the thread is archived.
        public var archived: Bool
        /// Minutes of inactivity before it archives (60, 1440, 4320, 10080).
        public var autoArchiveDuration: Int
        /// When the archive status last changed.
        public var archiveTimestamp: DiscordTimestamp
        /// Whether only moderators can unarchive it.
        public var locked: Bool
        /// Whether non-moderators can add others (private threads).
        public var invitable: Bool?
        /// When the thread was created (threads made after 2022-01-09).
        public var createTimestamp: DiscordTimestamp?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case archived, locked, invitable
            /// `auto_archive_duration`.
            case autoArchiveDuration = "auto_archive_duration"
            /// `archive_timestamp`.
            case archiveTimestamp = "archive_timestamp"
            /// `create_timestamp`.
            case createTimestamp = "create_timestamp"
        }
    }

    /// A forum or media channel tag (Discord docs: "Forum Tag Object").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct ForumTag: Codable, Hashable, Sendable {
        /// The tag id.
        public var id: Snowflake
        /// The tag name.
        public var name: String
        /// Whether only moderators can apply it.
        public var moderated: Bool
        /// A custom emoji.
        public var emojiID: Snowflake?
        /// A Unicode emoji.
        public var emojiName: String?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case id, name, moderated
            /// `emoji_id`.
            case emojiID = "emoji_id"
            /// `emoji_name`.
            case emojiName = "emoji_name"
        }
    }

    /// The default reaction of a forum (Discord docs: "Default Reaction Object").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct DefaultReaction: Codable, Hashable, Sendable {
        /// A custom emoji.
        public var emojiID: Snowflake?
        /// A Unicode emoji.
        public var emojiName: String?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// `emoji_id`.
            case emojiID = "emoji_id"
            /// `emoji_name`.
            case emojiName = "emoji_name"
        }
    }

    /// Camera video quality (Discord docs: "Video Quality Modes"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct VideoQualityMode: RawRepresentable, Hashable, Sendable, Codable {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `1` automatic.
        public static let auto = Self(rawValue: 1)
        /// `2` 720p.
        public static let full = Self(rawValue: 2)
    }

    /// Channel flags (Discord docs: "Channel Flags"); unknown bits are kept.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Flags: OptionSet, Hashable, Sendable, Codable {
        /// The bits.
        public let rawValue: Int
        /// Wraps bits.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// The thread is pinned to the top of its forum.
        public static let pinned = Self(rawValue: 1 << 1)
        /// A tag is required on new forum posts.
        public static let requireTag = Self(rawValue: 1 << 4)
        /// The download options of media channel embeds are hidden.
        public static let hideMediaDownloadOptions = Self(rawValue: 1 << 15)
    }
}

/// A channel type (Discord docs: "Channel Types"); an open set, so new types decode.
///
/// **Threading:** an immutable value; `Sendable`.
public struct ChannelType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The wire number.
    public let rawValue: Int
    /// Wraps a wire number.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// `0` a guild text channel.
    public static let guildText = Self(rawValue: 0)
    /// `1` a direct message.
    public static let dm = Self(rawValue: 1)
    /// `2` a guild voice channel.
    public static let guildVoice = Self(rawValue: 2)
    /// `3` a group direct message.
    public static let groupDM = Self(rawValue: 3)
    /// `4` a category.
    public static let guildCategory = Self(rawValue: 4)
    /// `5` an announcement channel.
    public static let guildAnnouncement = Self(rawValue: 5)
    /// `10` a thread in an announcement channel.
    public static let announcementThread = Self(rawValue: 10)
    /// `11` a public thread.
    public static let publicThread = Self(rawValue: 11)
    /// `12` a private thread.
    public static let privateThread = Self(rawValue: 12)
    /// `13` a stage channel.
    public static let guildStageVoice = Self(rawValue: 13)
    /// `14` a hub directory.
    public static let guildDirectory = Self(rawValue: 14)
    /// `15` a forum.
    public static let guildForum = Self(rawValue: 15)
    /// `16` a media channel.
    public static let guildMedia = Self(rawValue: 16)

    /// Whether this is a thread type (10, 11, 12).
    public var isThread: Bool {
        (10...12).contains(rawValue)
    }

    /// The wire number.
    public var description: String { String(rawValue) }
}

/// A user's membership of a thread (Discord docs: "Thread Member Object"); also `THREAD_MEMBER_UPDATE`'s
/// payload, which adds ``guildID``.
///
/// **Threading:** an immutable value; `Sendable`.
public struct ThreadMember: Codable, Hashable, Sendable {
    /// The thread (left out in `GUILD_CREATE`'s threads).
    public var id: Snowflake?
    /// The user (left out in `GUILD_CREATE`'s threads).
    public var userID: Snowflake?
    /// When the user last joined.
    public var joinTimestamp: DiscordTimestamp
    /// Notification settings.
    public var flags: Int
    /// The guild member, when requested.
    public var member: GuildMember?
    /// The guild (`THREAD_MEMBER_UPDATE` only).
    public var guildID: Snowflake?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, flags, member
        /// `user_id`.
        case userID = "user_id"
        /// `join_timestamp`.
        case joinTimestamp = "join_timestamp"
        /// `guild_id`.
        case guildID = "guild_id"
    }
}
