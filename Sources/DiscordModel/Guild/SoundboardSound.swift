/// A soundboard sound (Discord docs: "Soundboard Sound Object"); the payload of
/// `GUILD_SOUNDBOARD_SOUND_CREATE` and `_UPDATE`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct SoundboardSound: Codable, Hashable, Sendable {
    /// The name.
    public var name: String
    /// The sound id.
    public var soundID: Snowflake
    /// The volume, from 0 to 1.
    public var volume: Double
    /// A custom emoji shown with the sound.
    public var emojiID: Snowflake?
    /// A Unicode emoji shown with the sound.
    public var emojiName: String?
    /// The guild; absent for default sounds.
    public var guildID: Snowflake?
    /// Whether it can be used (false when a boost level is lost).
    public var available: Bool
    /// Who uploaded it.
    public var user: User?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case name, volume, available, user
        /// `sound_id`.
        case soundID = "sound_id"
        /// `emoji_id`.
        case emojiID = "emoji_id"
        /// `emoji_name`.
        case emojiName = "emoji_name"
        /// `guild_id`.
        case guildID = "guild_id"
    }
}
