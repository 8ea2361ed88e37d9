/// A user's recurring payment for one or more SKUs of an application (Discord docs: "Subscription Object").
///
/// The payload of `SUBSCRIPTION_CREATE`, `SUBSCRIPTION_UPDATE` and `SUBSCRIPTION_DELETE`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct Subscription: Codable, Hashable, Sendable, Identifiable {
    /// The subscription id.
    public var id: Snowflake
    /// The subscribed user.
    public var userID: Snowflake
    /// The SKUs subscribed to.
    public var skuIDs: [Snowflake]
    /// The entitlements the subscription grants.
    public var entitlementIDs: [Snowflake]
    /// The SKUs the subscription renews into at the end of the period; `nil` when unchanged.
    public var renewalSKUIDs: [Snowflake]?
    /// When the current billing period started.
    public var currentPeriodStart: DiscordTimestamp
    /// When the current billing period ends.
    public var currentPeriodEnd: DiscordTimestamp
    /// The subscription's state.
    public var status: Status
    /// When the subscription was canceled.
    public var canceledAt: DiscordTimestamp?
    /// The ISO 3166-1 alpha-2 country code of the payment source (only with the private `country` scope).
    public var country: String?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, status, country
        /// `user_id`.
        case userID = "user_id"
        /// `sku_ids`.
        case skuIDs = "sku_ids"
        /// `entitlement_ids`.
        case entitlementIDs = "entitlement_ids"
        /// `renewal_sku_ids`.
        case renewalSKUIDs = "renewal_sku_ids"
        /// `current_period_start`.
        case currentPeriodStart = "current_period_start"
        /// `current_period_end`.
        case currentPeriodEnd = "current_period_end"
        /// `canceled_at`.
        case canceledAt = "canceled_at"
    }

    /// A subscription's state (Discord docs: "Subscription Statuses"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Status: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `0` active and set to renew.
        public static let active = Self(rawValue: 0)
        /// `1` active but will not renew.
        public static let ending = Self(rawValue: 1)
        /// `2` inactive and not being charged.
        public static let inactive = Self(rawValue: 2)

        /// The wire number.
        public var description: String { String(rawValue) }
    }
}
