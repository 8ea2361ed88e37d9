/// `GUILD_BAN_ADD` and `GUILD_BAN_REMOVE`: a user was banned or unbanned.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GuildBan: Codable, Hashable, Sendable {
    /// The guild.
    public var guildID: Snowflake
    /// The banned or unbanned user.
    public var user: User

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case user
        /// `guild_id`.
        case guildID = "guild_id"
    }
}

/// `GUILD_EMOJIS_UPDATE`: the guild's custom emojis changed; carries the whole new list.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GuildEmojisUpdate: Codable, Hashable, Sendable {
    /// The guild.
    public var guildID: Snowflake
    /// Every emoji of the guild.
    public var emojis: [Emoji]

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case emojis
        /// `guild_id`.
        case guildID = "guild_id"
    }
}

/// `GUILD_STICKERS_UPDATE`: the guild's stickers changed; carries the whole new list.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GuildStickersUpdate: Codable, Hashable, Sendable {
    /// The guild.
    public var guildID: Snowflake
    /// Every sticker of the guild.
    public var stickers: [Sticker]

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case stickers
        /// `guild_id`.
        case guildID = "guild_id"
    }
}

/// `GUILD_INTEGRATIONS_UPDATE`: an integration of the guild changed.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GuildIntegrationsUpdate: Codable, Hashable, Sendable {
    /// The guild.
    public var guildID: Snowflake

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// `guild_id`.
        case guildID = "guild_id"
    }
}

/// `GUILD_MEMBER_REMOVE`: a user left or was kicked or banned.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GuildMemberRemove: Codable, Hashable, Sendable {
    /// The guild.
    public var guildID: Snowflake
    /// The user who was removed.
    public var user: User

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case user
        /// `guild_id`.
        case guildID = "guild_id"
    }
}

/// `GUILD_MEMBER_UPDATE`: a member changed (Discord docs: "Guild Member Update Event Fields").
///
/// For the `Nullable` fields, `nil` means the key was absent (unchanged or unknown) and `.null` means it was
/// cleared.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GuildMemberUpdate: Codable, Hashable, Sendable {
    /// The guild.
    public var guildID: Snowflake
    /// The member's role ids.
    public var roles: [Snowflake]
    /// The user.
    public var user: User
    /// The nickname: `.null` when removed.
    public var nick: Nullable<String>?
    /// The guild avatar hash: `.null` when removed.
    public var avatar: Nullable<ImageHash>?
    /// The guild banner hash: `.null` when removed.
    public var banner: Nullable<ImageHash>?
    /// When the user joined; `nil` for guest members.
    public var joinedAt: DiscordTimestamp?
    /// When the user started boosting: `.null` when not boosting.
    public var premiumSince: Nullable<DiscordTimestamp>?
    /// Whether the member is deafened in voice channels.
    public var deaf: Bool?
    /// Whether the member is muted in voice channels.
    public var mute: Bool?
    /// Whether the member has not yet passed membership screening.
    public var pending: Bool?
    /// When the member's timeout ends: `.null` when the timeout was lifted.
    public var communicationDisabledUntil: Nullable<DiscordTimestamp>?
    /// Member flags.
    public var flags: GuildMember.Flags?
    /// The guild avatar decoration: `.null` when removed.
    public var avatarDecorationData: Nullable<User.AvatarDecorationData>?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case roles, user, nick, avatar, banner, deaf, mute, pending, flags
        /// `guild_id`.
        case guildID = "guild_id"
        /// `joined_at`.
        case joinedAt = "joined_at"
        /// `premium_since`.
        case premiumSince = "premium_since"
        /// `communication_disabled_until`.
        case communicationDisabledUntil = "communication_disabled_until"
        /// `avatar_decoration_data`.
        case avatarDecorationData = "avatar_decoration_data"
    }
}

/// `GUILD_MEMBERS_CHUNK`: one reply to Request Guild Members (op 8), up to 1000 members.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GuildMembersChunk: Codable, Hashable, Sendable {
    /// The guild.
    public var guildID: Snowflake
    /// The members in this chunk.
    public var members: [GuildMember]
    /// This chunk's index, from 0.
    public var chunkIndex: Int
    /// How many chunks the reply has.
    public var chunkCount: Int
    /// Requested user ids that are not members.
    public var notFound: [Snowflake]?
    /// The members' presences, when requested.
    public var presences: [PresenceUpdate]?
    /// The nonce of the request.
    public var nonce: String?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case members, presences, nonce
        /// `guild_id`.
        case guildID = "guild_id"
        /// `chunk_index`.
        case chunkIndex = "chunk_index"
        /// `chunk_count`.
        case chunkCount = "chunk_count"
        /// `not_found`.
        case notFound = "not_found"
    }
}

/// `GUILD_ROLE_CREATE` and `GUILD_ROLE_UPDATE`: a role was created or changed.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GuildRoleUpdate: Codable, Hashable, Sendable {
    /// The guild.
    public var guildID: Snowflake
    /// The role as it is now.
    public var role: Role

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case role
        /// `guild_id`.
        case guildID = "guild_id"
    }
}

/// `GUILD_ROLE_DELETE`: a role was deleted.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GuildRoleDelete: Codable, Hashable, Sendable {
    /// The guild.
    public var guildID: Snowflake
    /// The deleted role.
    public var roleID: Snowflake

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// `guild_id`.
        case guildID = "guild_id"
        /// `role_id`.
        case roleID = "role_id"
    }
}

/// `GUILD_SCHEDULED_EVENT_USER_ADD` and `_REMOVE`: a user subscribed to or left a scheduled event.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GuildScheduledEventUser: Codable, Hashable, Sendable {
    /// The scheduled event.
    public var guildScheduledEventID: Snowflake
    /// The user.
    public var userID: Snowflake
    /// The guild.
    public var guildID: Snowflake

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// `guild_scheduled_event_id`.
        case guildScheduledEventID = "guild_scheduled_event_id"
        /// `user_id`.
        case userID = "user_id"
        /// `guild_id`.
        case guildID = "guild_id"
    }
}

/// `GUILD_SOUNDBOARD_SOUND_DELETE`: a soundboard sound was deleted.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GuildSoundboardSoundDelete: Codable, Hashable, Sendable {
    /// The deleted sound.
    public var soundID: Snowflake
    /// The guild.
    public var guildID: Snowflake

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// `sound_id`.
        case soundID = "sound_id"
        /// `guild_id`.
        case guildID = "guild_id"
    }
}

/// `GUILD_SOUNDBOARD_SOUNDS_UPDATE` (several sounds changed) and `SOUNDBOARD_SOUNDS` (the reply to Request
/// Soundboard Sounds, op 31): a guild's soundboard sounds.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GuildSoundboardSounds: Codable, Hashable, Sendable {
    /// The sounds.
    public var soundboardSounds: [SoundboardSound]
    /// The guild.
    public var guildID: Snowflake

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// `soundboard_sounds`.
        case soundboardSounds = "soundboard_sounds"
        /// `guild_id`.
        case guildID = "guild_id"
    }
}
