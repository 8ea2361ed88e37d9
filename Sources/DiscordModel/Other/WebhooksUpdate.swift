/// A channel's webhooks were created, updated or deleted; the payload of `WEBHOOKS_UPDATE`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct WebhooksUpdate: Codable, Hashable, Sendable {
    /// The guild.
    public var guildID: Snowflake
    /// The channel whose webhooks changed.
    public var channelID: Snowflake

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// `guild_id`.
        case guildID = "guild_id"
        /// `channel_id`.
        case channelID = "channel_id"
    }
}
