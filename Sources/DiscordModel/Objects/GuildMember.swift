/// A member of a guild (Discord docs: "Guild Member Object").
///
/// Used for `GUILD_MEMBER_ADD` (which adds ``guildID``), the `member` of messages and interactions (which leave
/// out ``user``; interactions add ``permissions``), and member lists in `GUILD_CREATE` and chunks.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GuildMember: Codable, Hashable, Sendable {
    /// The user; absent in the `member` of `MESSAGE_CREATE` and `MESSAGE_UPDATE`.
    public var user: User?
    /// The guild nickname.
    public var nick: String?
    /// The guild avatar hash.
    public var avatar: ImageHash?
    /// The guild banner hash.
    public var banner: ImageHash?
    /// The member's role ids.
    public var roles: [Snowflake]
    /// When the user joined; `nil` for guest members.
    public var joinedAt: DiscordTimestamp?
    /// When the user started boosting.
    public var premiumSince: DiscordTimestamp?
    /// Whether the member is deafened in voice channels.
    public var deaf: Bool?
    /// Whether the member is muted in voice channels.
    public var mute: Bool?
    /// Member flags.
    public var flags: Flags?
    /// Whether the member has not yet passed membership screening.
    public var pending: Bool?
    /// The member's permissions in the interaction's channel (interactions only).
    public var permissions: Permissions?
    /// When the member's timeout ends.
    public var communicationDisabledUntil: DiscordTimestamp?
    /// The guild avatar decoration.
    public var avatarDecorationData: User.AvatarDecorationData?
    /// The guild (`GUILD_MEMBER_ADD` only).
    public var guildID: Snowflake?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case user, nick, avatar, banner, roles, deaf, mute, flags, pending, permissions
        /// `joined_at`.
        case joinedAt = "joined_at"
        /// `premium_since`.
        case premiumSince = "premium_since"
        /// `communication_disabled_until`.
        case communicationDisabledUntil = "communication_disabled_until"
        /// `avatar_decoration_data`.
        case avatarDecorationData = "avatar_decoration_data"
        /// `guild_id`.
        case guildID = "guild_id"
    }

    /// Guild member flags (Discord docs: "Guild Member Flags"); unknown bits are kept.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Flags: OptionSet, Hashable, Sendable, Codable {
        /// The bits.
        public let rawValue: Int
        /// Wraps bits.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// The member left and rejoined.
        public static let didRejoin = Self(rawValue: 1 << 0)
        /// The member completed onboarding.
        public static let completedOnboarding = Self(rawValue: 1 << 1)
        /// The member is exempt from verification requirements.
        public static let bypassesVerification = Self(rawValue: 1 << 2)
        /// The member started onboarding.
        public static let startedOnboarding = Self(rawValue: 1 << 3)
        /// The member is a guest.
        public static let isGuest = Self(rawValue: 1 << 4)
        /// The member started the home actions.
        public static let startedHomeActions = Self(rawValue: 1 << 5)
        /// The member completed the home actions.
        public static let completedHomeActions = Self(rawValue: 1 << 6)
        /// AutoMod quarantined the member's username or nickname.
        public static let automodQuarantinedUsername = Self(rawValue: 1 << 7)
        /// The member acknowledged the DM settings upsell.
        public static let dmSettingsUpsellAcknowledged = Self(rawValue: 1 << 9)
        /// AutoMod quarantined the member's guild tag.
        public static let automodQuarantinedGuildTag = Self(rawValue: 1 << 10)
    }
}
