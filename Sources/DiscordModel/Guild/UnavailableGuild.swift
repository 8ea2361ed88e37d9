/// A guild that is not (yet) available (Discord docs: "Unavailable Guild Object").
///
/// READY lists every guild this way; `GUILD_DELETE` sends one: with ``unavailable`` `true` the guild is in an
/// outage, without it the current user left or was removed.
///
/// **Threading:** an immutable value; `Sendable`.
public struct UnavailableGuild: Codable, Hashable, Sendable, Identifiable {
    /// The guild id.
    public var id: Snowflake
    /// `true` during an outage; absent when the user was removed from the guild.
    public var unavailable: Bool?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, unavailable
    }
}
