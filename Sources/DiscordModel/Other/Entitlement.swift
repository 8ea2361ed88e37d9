/// A user's or guild's access to a premium offering of an application (Discord docs: "Entitlement Object").
///
/// The payload of `ENTITLEMENT_CREATE`, `ENTITLEMENT_UPDATE` and `ENTITLEMENT_DELETE`, and the `entitlements` of
/// an interaction.
///
/// **Threading:** an immutable value; `Sendable`.
public struct Entitlement: Codable, Hashable, Sendable, Identifiable {
    /// The entitlement id.
    public var id: Snowflake
    /// The SKU it grants.
    public var skuID: Snowflake
    /// The application the SKU belongs to.
    public var applicationID: Snowflake
    /// The user it was granted to.
    public var userID: Snowflake?
    /// How it was obtained.
    public var type: EntitlementType
    /// Whether it was deleted.
    public var deleted: Bool
    /// When it became valid; `nil` for test entitlements.
    public var startsAt: DiscordTimestamp?
    /// When it stops being valid; `nil` for test entitlements and ones without an end.
    public var endsAt: DiscordTimestamp?
    /// The guild it was granted to.
    public var guildID: Snowflake?
    /// Whether a consumable SKU's entitlement has been consumed.
    public var consumed: Bool?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, type, deleted, consumed
        /// `sku_id`.
        case skuID = "sku_id"
        /// `application_id`.
        case applicationID = "application_id"
        /// `user_id`.
        case userID = "user_id"
        /// `starts_at`.
        case startsAt = "starts_at"
        /// `ends_at`.
        case endsAt = "ends_at"
        /// `guild_id`.
        case guildID = "guild_id"
    }

    /// How an entitlement was obtained (Discord docs: "Entitlement Types"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct EntitlementType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `1` bought by a user.
        public static let purchase = Self(rawValue: 1)
        /// `2` granted by a Discord Nitro subscription.
        public static let premiumSubscription = Self(rawValue: 2)
        /// `3` gifted by the developer.
        public static let developerGift = Self(rawValue: 3)
        /// `4` bought by a developer in application test mode.
        public static let testModePurchase = Self(rawValue: 4)
        /// `5` granted when the SKU was free.
        public static let freePurchase = Self(rawValue: 5)
        /// `6` gifted by another user.
        public static let userGift = Self(rawValue: 6)
        /// `7` claimed by a user for free as a Nitro subscriber.
        public static let premiumPurchase = Self(rawValue: 7)
        /// `8` bought as an application subscription.
        public static let applicationSubscription = Self(rawValue: 8)

        /// The wire number.
        public var description: String { String(rawValue) }
    }
}
