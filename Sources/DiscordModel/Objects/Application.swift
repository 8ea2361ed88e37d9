/// An application as it appears inside other objects (Discord docs: "Application Object"): READY's
/// `application`, a message's `application`, an invite's `target_application`.
///
/// Only ``id`` is always present; READY sends ``id`` and ``flags``.
///
/// **Threading:** an immutable value; `Sendable`.
public struct Application: Codable, Hashable, Sendable, Identifiable {
    /// The application id.
    public var id: Snowflake
    /// The name.
    public var name: String?
    /// The icon hash.
    public var icon: ImageHash?
    /// The description.
    public var description: String?
    /// The bot user.
    public var bot: User?
    /// Whether anyone can add the bot.
    public var botPublic: Bool?
    /// Whether adding the bot needs the full OAuth2 code grant.
    public var botRequireCodeGrant: Bool?
    /// The cover image hash.
    public var coverImage: ImageHash?
    /// Application flags.
    public var flags: Flags?
    /// The guild linked to the application.
    public var guildID: Snowflake?
    /// The Game SKU, for games sold on Discord.
    public var primarySKUID: Snowflake?
    /// The store page slug.
    public var slug: String?
    /// Tags describing the application (up to 5).
    public var tags: [String]?
    /// Approximate guilds the app is in.
    public var approximateGuildCount: Int?
    /// Approximate users who installed the app.
    public var approximateUserInstallCount: Int?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, name, icon, description, bot, flags, slug, tags
        /// `bot_public`.
        case botPublic = "bot_public"
        /// `bot_require_code_grant`.
        case botRequireCodeGrant = "bot_require_code_grant"
        /// `cover_image`.
        case coverImage = "cover_image"
        /// `guild_id`.
        case guildID = "guild_id"
        /// `primary_sku_id`.
        case primarySKUID = "primary_sku_id"
        /// `approximate_guild_count`.
        case approximateGuildCount = "approximate_guild_count"
        /// `approximate_user_install_count`.
        case approximateUserInstallCount = "approximate_user_install_count"
    }

    /// Makes a partial application.
    public init(id: Snowflake, flags: Flags? = nil) {
        self.id = id
        self.flags = flags
    }

    /// Application flags (Discord docs: "Application Flags"); unknown bits are kept.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Flags: OptionSet, Hashable, Sendable, Codable {
        /// The bits.
        public let rawValue: Int
        /// Wraps bits.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Uses the auto moderation API (pending approval).
        public static let applicationAutoModerationRuleCreateBadge = Self(rawValue: 1 << 6)
        /// May receive presence updates in over 100 guilds.
        public static let gatewayPresence = Self(rawValue: 1 << 12)
        /// May receive presence updates in under 100 guilds (not yet approved).
        public static let gatewayPresenceLimited = Self(rawValue: 1 << 13)
        /// May receive member events in over 100 guilds.
        public static let gatewayGuildMembers = Self(rawValue: 1 << 14)
        /// May receive member events in under 100 guilds (not yet approved).
        public static let gatewayGuildMembersLimited = Self(rawValue: 1 << 15)
        /// Verification is blocked by unusual growth.
        public static let verificationPendingGuildLimit = Self(rawValue: 1 << 16)
        /// Embedded in the Discord client.
        public static let embedded = Self(rawValue: 1 << 17)
        /// May read message content in over 100 guilds.
        public static let gatewayMessageContent = Self(rawValue: 1 << 18)
        /// May read message content in under 100 guilds (not yet approved).
        public static let gatewayMessageContentLimited = Self(rawValue: 1 << 19)
        /// Has registered global application commands.
        public static let applicationCommandBadge = Self(rawValue: 1 << 23)
    }
}
