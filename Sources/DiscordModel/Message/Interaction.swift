/// A user's interaction with the app: a command, a component click, an autocomplete request or a modal submit
/// (Discord docs: "Interaction Object"); the payload of `INTERACTION_CREATE`.
///
/// In a guild, ``member`` is set (with `permissions`) and ``user`` is not; in a DM it is the other way round.
/// Use ``invoker`` for either. Reply through the REST API with ``id`` and ``token`` within 3 seconds.
///
/// **Threading:** an immutable value; `Sendable`.
public struct Interaction: Codable, Hashable, Sendable, Identifiable {
    /// The interaction id.
    public var id: Snowflake
    /// The application it is for.
    public var applicationID: Snowflake
    /// The interaction type.
    public var type: InteractionType
    /// The command, component or modal data; absent for pings.
    public var data: InteractionData?
    /// The guild it was sent from (partial).
    public var guild: PartialGuild?
    /// The guild it was sent from.
    public var guildID: Snowflake?
    /// The channel it was sent from (partial).
    public var channel: Channel?
    /// The channel it was sent from.
    public var channelID: Snowflake?
    /// The invoking member, with `permissions` (guild interactions).
    public var member: GuildMember?
    /// The invoking user (DM interactions).
    public var user: User?
    /// The continuation token for responding (valid for 15 minutes).
    public var token: String
    /// Always `1`.
    public var version: Int
    /// The message a component was attached to (component interactions).
    public var message: Message?
    /// The app's permissions in the channel (includes the app's role overwrites).
    public var appPermissions: Permissions?
    /// The invoking user's locale, such as `en-US` (all interactions but pings).
    public var locale: String?
    /// The guild's preferred locale (guild interactions).
    public var guildLocale: String?
    /// The app's entitlements for the user and guild.
    public var entitlements: [Entitlement]?
    /// The installation context(s) that authorized it: integration type (`"0"` guild install, `"1"` user
    /// install) to the guild id (or `"0"`) or the user id; see ``authorizingOwner(for:)``.
    public var authorizingIntegrationOwners: [String: Snowflake]?
    /// Where it was triggered from.
    public var context: ContextType?
    /// The maximum attachment size in bytes the app may send in its response.
    public var attachmentSizeLimit: Int?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, type, data, guild, channel, member, user, token, version, message, locale, entitlements, context
        /// `application_id`.
        case applicationID = "application_id"
        /// `guild_id`.
        case guildID = "guild_id"
        /// `channel_id`.
        case channelID = "channel_id"
        /// `app_permissions`.
        case appPermissions = "app_permissions"
        /// `guild_locale`.
        case guildLocale = "guild_locale"
        /// `authorizing_integration_owners`.
        case authorizingIntegrationOwners = "authorizing_integration_owners"
        /// `attachment_size_limit`.
        case attachmentSizeLimit = "attachment_size_limit"
    }

    /// The user who triggered the interaction: ``member``'s user in guilds, ``user`` in DMs.
    public var invoker: User? {
        member?.user ?? user
    }

    /// The guild id (guild install) or user id (user install) that authorized the interaction.
    public func authorizingOwner(for integrationType: IntegrationType) -> Snowflake? {
        authorizingIntegrationOwners?[String(integrationType.rawValue)]
    }

    /// The guild of an interaction, as sent with it (partial guild: id, locale, features).
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct PartialGuild: Codable, Hashable, Sendable, Identifiable {
        /// The guild id.
        public var id: Snowflake
        /// The guild's preferred locale.
        public var locale: String?
        /// The guild's feature strings, such as `COMMUNITY`.
        public var features: [String]?
    }

    /// Where an interaction was triggered (Discord docs: "Interaction Context Types"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct ContextType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `0` in a guild.
        public static let guild = Self(rawValue: 0)
        /// `1` in the DM with the app's bot user.
        public static let botDM = Self(rawValue: 1)
        /// `2` in a group DM or a DM other than the bot's.
        public static let privateChannel = Self(rawValue: 2)
        /// The wire number.
        public var description: String { String(rawValue) }
    }

    /// How an app is installed (Discord docs: "Application Integration Types"); the keys of
    /// ``Interaction/authorizingIntegrationOwners``; an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct IntegrationType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `0` installed to a guild.
        public static let guildInstall = Self(rawValue: 0)
        /// `1` installed to a user.
        public static let userInstall = Self(rawValue: 1)
        /// The wire number.
        public var description: String { String(rawValue) }
    }
}

/// An interaction type (Discord docs: "Interaction Type"); an open set.
///
/// **Threading:** an immutable value; `Sendable`.
public struct InteractionType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The wire number.
    public let rawValue: Int
    /// Wraps a wire number.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// `1` a ping (HTTP interactions only).
    public static let ping = Self(rawValue: 1)
    /// `2` an application command.
    public static let applicationCommand = Self(rawValue: 2)
    /// `3` a message component was used.
    public static let messageComponent = Self(rawValue: 3)
    /// `4` an autocomplete request for a command option.
    public static let applicationCommandAutocomplete = Self(rawValue: 4)
    /// `5` a modal was submitted.
    public static let modalSubmit = Self(rawValue: 5)
    /// The wire number.
    public var description: String { String(rawValue) }
}
