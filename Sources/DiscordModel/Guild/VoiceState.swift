/// A user's voice connection state (Discord docs: "Voice State Object"); also `VOICE_STATE_UPDATE`'s payload.
///
/// In `GUILD_CREATE`'s `voice_states`, ``guildID`` and ``member`` are left out.
///
/// **Threading:** an immutable value; `Sendable`.
public struct VoiceState: Codable, Hashable, Sendable {
    /// The guild.
    public var guildID: Snowflake?
    /// The connected channel; `nil` when the user left voice.
    public var channelID: Snowflake?
    /// The user.
    public var userID: Snowflake
    /// The guild member.
    public var member: GuildMember?
    /// The voice session id.
    public var sessionID: String
    /// Whether the guild deafened the user.
    public var deaf: Bool
    /// Whether the guild muted the user.
    public var mute: Bool
    /// Whether the user deafened themselves.
    public var selfDeaf: Bool
    /// Whether the user muted themselves.
    public var selfMute: Bool
    /// Whether the user is streaming ("Go Live").
    public var selfStream: Bool?
    /// Whether the user's camera is on.
    public var selfVideo: Bool
    /// Whether the user may not speak (no speak permission, or in a stage audience).
    public var suppress: Bool
    /// When the user asked to speak in a stage channel.
    public var requestToSpeakTimestamp: DiscordTimestamp?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case member, deaf, mute, suppress
        /// `guild_id`.
        case guildID = "guild_id"
        /// `channel_id`.
        case channelID = "channel_id"
        /// `user_id`.
        case userID = "user_id"
        /// `session_id`.
        case sessionID = "session_id"
        /// `self_deaf`.
        case selfDeaf = "self_deaf"
        /// `self_mute`.
        case selfMute = "self_mute"
        /// `self_stream`.
        case selfStream = "self_stream"
        /// `self_video`.
        case selfVideo = "self_video"
        /// `request_to_speak_timestamp`.
        case requestToSpeakTimestamp = "request_to_speak_timestamp"
    }
}
