/// `GUILD_CREATE`'s data: a full guild, or an unavailable one during an outage (Discord docs: "Guild Create").
///
/// **Threading:** an immutable value; `Sendable`.
public enum GuildCreate: Hashable, Sendable, Codable {
    /// The guild became available (joined, or loaded after READY).
    case available(Guild)
    /// The guild is unavailable because of an outage (`unavailable: true`).
    case unavailable(UnavailableGuild)

    /// The guild's id.
    public var id: Snowflake {
        switch self {
        case .available(let guild): guild.id
        case .unavailable(let guild): guild.id
        }
    }

    /// The keys read to choose the case.
    private enum CodingKeys: String, CodingKey {
        case unavailable
    }

    /// Decodes an unavailable guild when `unavailable` is true, otherwise a full guild.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if try container.decodeIfPresent(Bool.self, forKey: .unavailable) == true {
            self = .unavailable(try UnavailableGuild(from: decoder))
        } else {
            self = .available(try Guild(from: decoder))
        }
    }

    /// Encodes the guild as it came.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .available(let guild): try guild.encode(to: encoder)
        case .unavailable(let guild): try guild.encode(to: encoder)
        }
    }
}
