/// A guild role (Discord docs: "Role Object").
///
/// **Threading:** an immutable value; `Sendable`.
public struct Role: Codable, Hashable, Sendable, Identifiable {
    /// The role id (the `@everyone` role has the guild's id).
    public var id: Snowflake
    /// The name.
    public var name: String
    /// The color (deprecated in favour of ``colors``; 0 means none).
    public var color: DiscordColor
    /// The role's colors (primary, and secondary/tertiary for gradients).
    public var colors: Colors?
    /// Whether members are shown separately in the member list.
    public var hoist: Bool
    /// The icon hash.
    public var icon: ImageHash?
    /// The Unicode emoji shown as the icon.
    public var unicodeEmoji: String?
    /// The position in the role list.
    public var position: Int
    /// The permissions.
    public var permissions: Permissions
    /// Whether an integration manages it.
    public var managed: Bool
    /// Whether it can be mentioned.
    public var mentionable: Bool
    /// What the role is tied to (bot, integration, boosts, subscriptions).
    public var tags: Tags?
    /// Role flags.
    public var flags: Flags?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, name, color, colors, hoist, icon, position, permissions, managed, mentionable, tags, flags
        /// `unicode_emoji`.
        case unicodeEmoji = "unicode_emoji"
    }

    /// A role's colors (Discord docs: "Role Colors Object").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Colors: Codable, Hashable, Sendable {
        /// The primary color.
        public var primaryColor: DiscordColor
        /// The gradient's second color.
        public var secondaryColor: DiscordColor?
        /// The holographic style's third color.
        public var tertiaryColor: DiscordColor?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// `primary_color`.
            case primaryColor = "primary_color"
            /// `secondary_color`.
            case secondaryColor = "secondary_color"
            /// `tertiary_color`.
            case tertiaryColor = "tertiary_color"
        }
    }

    /// Role tags (Discord docs: "Role Tags Structure").
    ///
    /// The boolean tags are sent as `null` when true and left out when false, so they decode as "key present".
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Tags: Codable, Hashable, Sendable {
        /// The bot the role belongs to.
        public var botID: Snowflake?
        /// The integration the role belongs to.
        public var integrationID: Snowflake?
        /// Whether this is the guild's booster role.
        public var premiumSubscriber: Bool
        /// The role subscription listing's SKU.
        public var subscriptionListingID: Snowflake?
        /// Whether the role can be purchased.
        public var availableForPurchase: Bool
        /// Whether this is a linked role.
        public var guildConnections: Bool

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// `bot_id`.
            case botID = "bot_id"
            /// `integration_id`.
            case integrationID = "integration_id"
            /// `premium_subscriber`.
            case premiumSubscriber = "premium_subscriber"
            /// `subscription_listing_id`.
            case subscriptionListingID = "subscription_listing_id"
            /// `available_for_purchase`.
            case availableForPurchase = "available_for_purchase"
            /// `guild_connections`.
            case guildConnections = "guild_connections"
        }

        /// Decodes the tags; a boolean tag is true when its key is present (its value is `null`).
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            botID = try container.decodeIfPresent(Snowflake.self, forKey: .botID)
            integrationID = try container.decodeIfPresent(Snowflake.self, forKey: .integrationID)
            subscriptionListingID = try container.decodeIfPresent(Snowflake.self, forKey: .subscriptionListingID)
            premiumSubscriber = container.contains(.premiumSubscriber)
            availableForPurchase = container.contains(.availableForPurchase)
            guildConnections = container.contains(.guildConnections)
        }

        /// Encodes the tags the way Discord does: `null` for a true boolean tag, nothing for false.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(botID, forKey: .botID)
            try container.encodeIfPresent(integrationID, forKey: .integrationID)
            try container.encodeIfPresent(subscriptionListingID, forKey: .subscriptionListingID)
            if premiumSubscriber { try container.encodeNil(forKey: .premiumSubscriber) }
            if availableForPurchase { try container.encodeNil(forKey: .availableForPurchase) }
            if guildConnections { try container.encodeNil(forKey: .guildConnections) }
        }
    }

    /// Role flags (Discord docs: "Role Flags"); unknown bits are kept.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Flags: OptionSet, Hashable, Sendable, Codable {
        /// The bits.
        public let rawValue: Int
        /// Wraps bits.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// The role can be chosen in onboarding.
        public static let inPrompt = Self(rawValue: 1 << 0)
    }
}
