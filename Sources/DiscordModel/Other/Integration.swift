/// A guild integration: a Twitch or YouTube link, a bot, or role subscriptions (Discord docs: "Integration
/// Object").
///
/// The payload of `INTEGRATION_CREATE` and `INTEGRATION_UPDATE`, which add ``guildID``.
///
/// **Threading:** an immutable value; `Sendable`.
public struct Integration: Codable, Hashable, Sendable, Identifiable {
    /// The integration id.
    public var id: Snowflake
    /// The integration name.
    public var name: String
    /// The kind of integration.
    public var type: IntegrationType
    /// Whether it is enabled.
    public var enabled: Bool
    /// Whether it is syncing (Twitch, YouTube).
    public var syncing: Bool?
    /// The role it uses for subscribers (Twitch, YouTube).
    public var roleID: Snowflake?
    /// Whether emoticons are synced (Twitch only).
    public var enableEmoticons: Bool?
    /// What happens to a subscriber whose subscription expires (Twitch, YouTube).
    public var expireBehavior: ExpireBehavior?
    /// Days of grace before an expired subscriber is affected (Twitch, YouTube).
    public var expireGracePeriod: Int?
    /// The user who added the integration.
    public var user: User?
    /// The linked account.
    public var account: Account
    /// When it last synced (Twitch, YouTube).
    public var syncedAt: DiscordTimestamp?
    /// How many subscribers it has (Twitch, YouTube).
    public var subscriberCount: Int?
    /// Whether it was revoked.
    public var revoked: Bool?
    /// The bot or OAuth2 application (Discord integrations).
    public var application: IntegrationApplication?
    /// The OAuth2 scopes the application was authorized for.
    public var scopes: [String]?
    /// The guild (`INTEGRATION_CREATE` and `INTEGRATION_UPDATE` only).
    public var guildID: Snowflake?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, name, type, enabled, syncing, user, account, revoked, application, scopes
        /// `role_id`.
        case roleID = "role_id"
        /// `enable_emoticons`.
        case enableEmoticons = "enable_emoticons"
        /// `expire_behavior`.
        case expireBehavior = "expire_behavior"
        /// `expire_grace_period`.
        case expireGracePeriod = "expire_grace_period"
        /// `synced_at`.
        case syncedAt = "synced_at"
        /// `subscriber_count`.
        case subscriberCount = "subscriber_count"
        /// `guild_id`.
        case guildID = "guild_id"
    }

    /// The account an integration links (Discord docs: "Integration Account Object").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Account: Codable, Hashable, Sendable, Identifiable {
        /// The account id on its platform (not always a snowflake).
        public var id: String
        /// The account name.
        public var name: String
    }

    /// The kind of integration; an open set of strings.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct IntegrationType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire string.
        public let rawValue: String
        /// Wraps a wire string.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// `twitch`.
        public static let twitch = Self(rawValue: "twitch")
        /// `youtube`.
        public static let youtube = Self(rawValue: "youtube")
        /// `discord`: a bot or OAuth2 application.
        public static let discord = Self(rawValue: "discord")
        /// `guild_subscription`: role subscriptions.
        public static let guildSubscription = Self(rawValue: "guild_subscription")

        /// The wire string.
        public var description: String { rawValue }
    }

    /// What happens to an expired subscriber (Discord docs: "Integration Expire Behaviors"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct ExpireBehavior: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `0` the subscriber role is removed.
        public static let removeRole = Self(rawValue: 0)
        /// `1` the member is kicked.
        public static let kick = Self(rawValue: 1)

        /// The wire number.
        public var description: String { String(rawValue) }
    }
}

/// The application of a Discord integration (Discord docs: "Integration Application Object").
///
/// **Threading:** an immutable value; `Sendable`.
public struct IntegrationApplication: Codable, Hashable, Sendable, Identifiable {
    /// The application id.
    public var id: Snowflake
    /// The application name.
    public var name: String
    /// The icon hash.
    public var icon: ImageHash?
    /// The description (may be empty).
    public var description: String?
    /// The application's bot user.
    public var bot: User?
}

/// An integration was removed from a guild; the payload of `INTEGRATION_DELETE`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct IntegrationDelete: Codable, Hashable, Sendable, Identifiable {
    /// The integration id.
    public var id: Snowflake
    /// The guild.
    public var guildID: Snowflake
    /// The bot or OAuth2 application of a Discord integration.
    public var applicationID: Snowflake?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id
        /// `guild_id`.
        case guildID = "guild_id"
        /// `application_id`.
        case applicationID = "application_id"
    }
}
