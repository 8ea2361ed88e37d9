/// A user's presence in a guild (Discord docs: "Presence Update Event Fields"); the payload of
/// `PRESENCE_UPDATE`, and the presences in `GUILD_CREATE` (without ``guildID``) and member chunks.
///
/// **Threading:** an immutable value; `Sendable`.
public struct PresenceUpdate: Codable, Hashable, Sendable {
    /// The user; only ``PartialUser/id`` is certain.
    public var user: PartialUser
    /// The guild; absent in `GUILD_CREATE`'s presences.
    public var guildID: Snowflake?
    /// The overall status.
    public var status: PresenceStatus
    /// The current activities.
    public var activities: [Activity]
    /// The status on each platform (left out in some member-chunk presences).
    public var clientStatus: ClientStatus?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case user, status, activities
        /// `guild_id`.
        case guildID = "guild_id"
        /// `client_status`.
        case clientStatus = "client_status"
    }

    /// The user of a presence: only ``id`` is always sent, the rest when it changed.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct PartialUser: Codable, Hashable, Sendable, Identifiable {
        /// The user's id.
        public var id: Snowflake
        /// The username.
        public var username: String?
        /// The legacy discriminator, `"0"` for migrated users.
        public var discriminator: String?
        /// The display name.
        public var globalName: String?
        /// The avatar hash.
        public var avatar: ImageHash?
        /// Whether the user is a bot.
        public var bot: Bool?
        /// Whether the user is an official Discord system user.
        public var system: Bool?
        /// The public account flags.
        public var publicFlags: User.UserFlags?
        /// The avatar decoration.
        public var avatarDecorationData: User.AvatarDecorationData?
        /// The user's primary guild tag.
        public var primaryGuild: User.PrimaryGuild?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case id, username, discriminator, avatar, bot, system
            /// `global_name`.
            case globalName = "global_name"
            /// `public_flags`.
            case publicFlags = "public_flags"
            /// `avatar_decoration_data`.
            case avatarDecorationData = "avatar_decoration_data"
            /// `primary_guild`.
            case primaryGuild = "primary_guild"
        }
    }

    /// The status on each platform (Discord docs: "Client Status Object"); a platform is absent when the user
    /// is not active there.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct ClientStatus: Codable, Hashable, Sendable {
        /// The desktop app's status.
        public var desktop: PresenceStatus?
        /// The mobile app's status.
        public var mobile: PresenceStatus?
        /// The web or bot status.
        public var web: PresenceStatus?
        /// The status on an embedded platform (consoles).
        public var embedded: PresenceStatus?
    }
}
