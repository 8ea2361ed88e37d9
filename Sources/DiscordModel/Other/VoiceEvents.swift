/// The voice server to connect to, sent after joining a voice channel or when the server changes; the payload of
/// `VOICE_SERVER_UPDATE`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct VoiceServerUpdate: Codable, Hashable, Sendable {
    /// The voice connection token.
    public var token: String
    /// The guild.
    public var guildID: Snowflake
    /// The voice server host; `nil` while the server is unavailable (wait for another update).
    public var endpoint: String?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case token, endpoint
        /// `guild_id`.
        case guildID = "guild_id"
    }
}

/// Someone sent an emoji reaction or a soundboard sound in a voice channel; the payload of
/// `VOICE_CHANNEL_EFFECT_SEND`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct VoiceChannelEffectSend: Codable, Hashable, Sendable {
    /// The voice channel.
    public var channelID: Snowflake
    /// The guild.
    public var guildID: Snowflake
    /// The user who sent the effect.
    public var userID: Snowflake
    /// The emoji sent, for emoji reactions and soundboard sounds that have one.
    public var emoji: Emoji?
    /// How the emoji reaction is animated.
    public var animationType: AnimationType?
    /// The emoji animation, for emoji reactions and soundboard sounds.
    public var animationID: Int?
    /// The soundboard sound; Discord sends a snowflake string or, for default sounds, an integer, and both decode.
    public var soundID: Snowflake?
    /// The sound's volume, from 0 to 1.
    public var soundVolume: Double?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case emoji
        /// `channel_id`.
        case channelID = "channel_id"
        /// `guild_id`.
        case guildID = "guild_id"
        /// `user_id`.
        case userID = "user_id"
        /// `animation_type`.
        case animationType = "animation_type"
        /// `animation_id`.
        case animationID = "animation_id"
        /// `sound_id`.
        case soundID = "sound_id"
        /// `sound_volume`.
        case soundVolume = "sound_volume"
    }

    /// How a voice channel emoji reaction is animated (Discord docs: "Animation Types"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct AnimationType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `0` a fancy animation, sent by Nitro subscribers.
        public static let premium = Self(rawValue: 0)
        /// `1` the standard animation.
        public static let basic = Self(rawValue: 1)

        /// The wire number.
        public var description: String { String(rawValue) }
    }
}
