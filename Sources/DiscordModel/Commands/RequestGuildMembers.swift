/// Request Guild Members' data, op 8 (Discord docs: "Request Guild Members").
///
/// Replies arrive as `GUILD_MEMBERS_CHUNK` dispatches.
///
/// **Threading:** an immutable value; `Sendable`.
public struct RequestGuildMembers: Hashable, Sendable, Codable {
    /// Which members to ask for.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public enum Selection: Hashable, Sendable {
        /// Members whose username starts with `prefix`, at most `limit` (`""` and `0`: all members).
        case query(String, limit: Int)
        /// The given users (at most 100).
        case userIDs([Snowflake])
    }

    /// The guild.
    public var guildID: Snowflake
    /// Which members.
    public var selection: Selection
    /// Whether to include presences (needs `GUILD_PRESENCES`).
    public var presences: Bool
    /// Echoed in the chunks; at most 32 bytes of UTF-8.
    public var nonce: String?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        case query, limit, presences, nonce
        case guildID = "guild_id"
        case userIDs = "user_ids"
    }

    /// Makes request data.
    public init(guildID: Snowflake, selection: Selection, presences: Bool = false, nonce: String? = nil) {
        self.guildID = guildID
        self.selection = selection
        self.presences = presences
        self.nonce = nonce
    }

    /// Asks for every member (needs `GUILD_MEMBERS`; limited to once per guild per 30 s).
    public static func all(guildID: Snowflake, presences: Bool = false, nonce: String? = nil) -> Self {
        Self(guildID: guildID, selection: .query("", limit: 0), presences: presences, nonce: nonce)
    }

    /// Decodes request data; `user_ids` may be one id or an array, otherwise `query` (default `""`) and `limit`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guildID = try container.decode(Snowflake.self, forKey: .guildID)
        if container.contains(.userIDs) {
            if let many = try? container.decode([Snowflake].self, forKey: .userIDs) {
                selection = .userIDs(many)
            } else {
                selection = .userIDs([try container.decode(Snowflake.self, forKey: .userIDs)])
            }
        } else {
            let query = try container.decodeIfPresent(String.self, forKey: .query) ?? ""
            selection = .query(query, limit: try container.decode(Int.self, forKey: .limit))
        }
        presences = try container.decodeIfPresent(Bool.self, forKey: .presences) ?? false
        nonce = try container.decodeIfPresent(String.self, forKey: .nonce)
    }

    /// Encodes request data in Discord's field order.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(guildID, forKey: .guildID)
        switch selection {
        case .query(let query, let limit):
            try container.encode(query, forKey: .query)
            try container.encode(limit, forKey: .limit)
        case .userIDs(let ids):
            try container.encode(ids, forKey: .userIDs)
        }
        try container.encode(presences, forKey: .presences)
        try container.encodeIfPresent(nonce, forKey: .nonce)
    }
}
