/// A sticker (Discord docs: "Sticker Object"): a guild's own sticker or a standard one from a pack.
///
/// The payload of `GUILD_STICKERS_UPDATE` (as a list) and the `stickers` of a guild.
///
/// **Threading:** an immutable value; `Sendable`.
public struct Sticker: Codable, Hashable, Sendable, Identifiable {
    /// The sticker id.
    public var id: Snowflake
    /// The pack of a standard sticker.
    public var packID: Snowflake?
    /// The name (2–30 characters).
    public var name: String
    /// The description.
    public var description: String?
    /// Autocomplete/suggestion tags, comma-separated (for guild stickers: the name of a Unicode emoji).
    public var tags: String
    /// Standard or guild sticker.
    public var type: StickerType
    /// The file format.
    public var formatType: StickerFormatType
    /// Whether a guild sticker can be used (false when a boost level is lost).
    public var available: Bool?
    /// The guild that owns it.
    public var guildID: Snowflake?
    /// Who uploaded a guild sticker (needs `MANAGE_GUILD_EXPRESSIONS`).
    public var user: User?
    /// A standard sticker's position in its pack.
    public var sortValue: Int?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, name, description, tags, type, available, user
        /// `pack_id`.
        case packID = "pack_id"
        /// `format_type`.
        case formatType = "format_type"
        /// `guild_id`.
        case guildID = "guild_id"
        /// `sort_value`.
        case sortValue = "sort_value"
    }
}

/// A sticker's kind (Discord docs: "Sticker Types"); an open set.
///
/// **Threading:** an immutable value; `Sendable`.
public struct StickerType: RawRepresentable, Hashable, Sendable, Codable {
    /// The wire number.
    public let rawValue: Int
    /// Wraps a wire number.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// `1` an official sticker in a pack.
    public static let standard = Self(rawValue: 1)
    /// `2` a sticker uploaded to a guild.
    public static let guild = Self(rawValue: 2)
}
