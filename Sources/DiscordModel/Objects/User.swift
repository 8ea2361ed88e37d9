/// A Discord user (Discord docs: "User Object").
///
/// **Threading:** an immutable value; `Sendable`.
public struct User: Codable, Hashable, Sendable, Identifiable {
    /// The user's id.
    public var id: Snowflake
    /// The username (unique for migrated users).
    public var username: String
    /// The legacy discriminator, `"0"` for migrated users.
    public var discriminator: String?
    /// The display name, if set.
    public var globalName: String?
    /// The avatar hash.
    public var avatar: ImageHash?
    /// Whether the user is a bot.
    public var bot: Bool?
    /// Whether the user is an official Discord system user.
    public var system: Bool?
    /// Whether two-factor authentication is on (OAuth2 `identify` only).
    public var mfaEnabled: Bool?
    /// The banner hash.
    public var banner: ImageHash?
    /// The banner color.
    public var accentColor: DiscordColor?
    /// The chosen language (OAuth2 `identify` only).
    public var locale: String?
    /// Whether the email is verified (OAuth2 `email` only).
    public var verified: Bool?
    /// The email address (OAuth2 `email` only).
    public var email: String?
    /// The account flags.
    public var flags: UserFlags?
    /// The Nitro type.
    public var premiumType: PremiumType?
    /// The public account flags.
    public var publicFlags: UserFlags?
    /// The avatar decoration.
    public var avatarDecorationData: AvatarDecorationData?
    /// The user's primary guild tag.
    public var primaryGuild: PrimaryGuild?
    /// Collectibles such as nameplates, kept as JSON.
    public var collectibles: JSONValue?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, username, discriminator, avatar, bot, system, banner, locale, verified, email, flags, collectibles
        /// `global_name`.
        case globalName = "global_name"
        /// `mfa_enabled`.
        case mfaEnabled = "mfa_enabled"
        /// `accent_color`.
        case accentColor = "accent_color"
        /// `premium_type`.
        case premiumType = "premium_type"
        /// `public_flags`.
        case publicFlags = "public_flags"
        /// `avatar_decoration_data`.
        case avatarDecorationData = "avatar_decoration_data"
        /// `primary_guild`.
        case primaryGuild = "primary_guild"
    }

    /// Makes a user with the required fields.
    public init(id: Snowflake, username: String, globalName: String? = nil, bot: Bool? = nil) {
        self.id = id
        self.username = username
        self.globalName = globalName
        self.bot = bot
    }

    /// User flags (Discord docs: "User Flags"); unknown bits are kept.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct UserFlags: OptionSet, Hashable, Sendable, Codable {
        /// The bits.
        public let rawValue: UInt64
        /// Wraps bits.
        public init(rawValue: UInt64) { self.rawValue = rawValue }
        /// Discord employee.
        public static let staff = Self(rawValue: 1 << 0)
        /// Partnered server owner.
        public static let partner = Self(rawValue: 1 << 1)
        /// HypeSquad Events member.
        public static let hypeSquad = Self(rawValue: 1 << 2)
        /// Bug Hunter level 1.
        public static let bugHunterLevel1 = Self(rawValue: 1 << 3)
        /// House Bravery member.
        public static let hypeSquadOnlineHouse1 = Self(rawValue: 1 << 6)
        /// House Brilliance member.
        public static let hypeSquadOnlineHouse2 = Self(rawValue: 1 << 7)
        /// House Balance member.
        public static let hypeSquadOnlineHouse3 = Self(rawValue: 1 << 8)
        /// Early Nitro supporter.
        public static let premiumEarlySupporter = Self(rawValue: 1 << 9)
        /// The user is a team.
        public static let teamPseudoUser = Self(rawValue: 1 << 10)
        /// Bug Hunter level 2.
        public static let bugHunterLevel2 = Self(rawValue: 1 << 14)
        /// Verified bot.
        public static let verifiedBot = Self(rawValue: 1 << 16)
        /// Early verified bot developer.
        public static let verifiedDeveloper = Self(rawValue: 1 << 17)
        /// Moderator Programs alumni.
        public static let certifiedModerator = Self(rawValue: 1 << 18)
        /// Bot that uses only HTTP interactions.
        public static let botHTTPInteractions = Self(rawValue: 1 << 19)
        /// Active developer.
        public static let activeDeveloper = Self(rawValue: 1 << 22)
    }

    /// The Nitro subscription type (Discord docs: "Premium Types"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct PremiumType: RawRepresentable, Hashable, Sendable, Codable {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `0` none.
        public static let none = Self(rawValue: 0)
        /// `1` Nitro Classic.
        public static let nitroClassic = Self(rawValue: 1)
        /// `2` Nitro.
        public static let nitro = Self(rawValue: 2)
        /// `3` Nitro Basic.
        public static let nitroBasic = Self(rawValue: 3)
    }

    /// An avatar decoration (Discord docs: "Avatar Decoration Data Object").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct AvatarDecorationData: Codable, Hashable, Sendable {
        /// The decoration's image hash.
        public var asset: ImageHash
        /// The decoration's SKU.
        public var skuID: Snowflake?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// `asset`.
            case asset
            /// `sku_id`.
            case skuID = "sku_id"
        }
    }

    /// A user's primary guild tag (Discord docs: "User Primary Guild").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct PrimaryGuild: Codable, Hashable, Sendable {
        /// The guild whose tag is shown.
        public var identityGuildID: Snowflake?
        /// Whether the tag is shown.
        public var identityEnabled: Bool?
        /// The tag text (up to 4 characters).
        public var tag: String?
        /// The badge hash.
        public var badge: ImageHash?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case tag, badge
            /// `identity_guild_id`.
            case identityGuildID = "identity_guild_id"
            /// `identity_enabled`.
            case identityEnabled = "identity_enabled"
        }
    }
}
