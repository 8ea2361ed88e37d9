public import DiscordModel

/// One payload the client sends to the gateway (Discord docs: "Gateway Events", "Send Events").
///
/// ``encode()`` produces the exact UTF-8 JSON frame and checks Discord's limits first (4096 bytes per payload,
/// nonce length, user id count), so a bad command fails locally instead of closing the connection with 4002.
/// ``description`` and ``redactedDescription`` never contain the token.
///
/// **Threading:** an immutable value; `Sendable`.
public enum GatewayCommand: Hashable, Sendable, CustomStringConvertible {
    /// op 2: starts a new session.
    case identify(Identify)
    /// op 6: resumes a session.
    case resume(Resume)
    /// op 1: the last sequence number received, or `nil` before any dispatch.
    case heartbeat(sequence: Int?)
    /// op 3: updates the bot's presence.
    case presenceUpdate(PresenceUpdate)
    /// op 4: joins, moves between or leaves voice channels.
    case voiceStateUpdate(VoiceStateUpdate)
    /// op 8: asks for `GUILD_MEMBERS_CHUNK` dispatches.
    case requestGuildMembers(RequestGuildMembers)
    /// op 31: asks for one `SOUNDBOARD_SOUNDS` dispatch per guild.
    case requestSoundboardSounds(RequestSoundboardSounds)
    /// op 43: asks for a `CHANNEL_INFO` dispatch with the given fields of a guild's channels.
    case requestChannelInfo(RequestChannelInfo)
    /// Any opcode with caller-provided JSON for `d` (checked to be one well-formed JSON value).
    case raw(opcode: GatewayOpcode, data: String)

    /// The payload's `op`.
    public var opcode: GatewayOpcode {
        switch self {
        case .identify: .identify
        case .resume: .resume
        case .heartbeat: .heartbeat
        case .presenceUpdate: .presenceUpdate
        case .voiceStateUpdate: .voiceStateUpdate
        case .requestGuildMembers: .requestGuildMembers
        case .requestSoundboardSounds: .requestSoundboardSounds
        case .requestChannelInfo: .requestChannelInfo
        case .raw(let opcode, _): opcode
        }
    }

    /// Whether the command may only be sent once the session is identified (READY received or Resume sent).
    ///
    /// True for everything except Heartbeat, Identify and Resume; Discord closes with 4003 otherwise.
    public var requiresSession: Bool {
        switch self {
        case .heartbeat, .identify, .resume: false
        case .raw(let opcode, _): opcode != .heartbeat && opcode != .identify && opcode != .resume
        default: true
        }
    }

    /// The largest payload Discord accepts, in bytes (Discord docs: "Sending Events").
    public static let maximumPayloadSize = 4096

    /// Identify's data; see ``DiscordModel/Identify``.
    public typealias Identify = DiscordModel.Identify
    /// Identify's `properties`; see ``DiscordModel/Identify/ConnectionProperties``.
    public typealias ConnectionProperties = DiscordModel.Identify.ConnectionProperties
    /// Resume's data; see ``DiscordModel/Resume``.
    public typealias Resume = DiscordModel.Resume
    /// Presence Update's data; see ``DiscordModel/UpdatePresence``.
    public typealias PresenceUpdate = DiscordModel.UpdatePresence
    /// Voice State Update's data; see ``DiscordModel/UpdateVoiceState``.
    public typealias VoiceStateUpdate = DiscordModel.UpdateVoiceState
    /// Request Guild Members' data; see ``DiscordModel/RequestGuildMembers``.
    public typealias RequestGuildMembers = DiscordModel.RequestGuildMembers
    /// Request Soundboard Sounds' data; see ``DiscordModel/RequestSoundboardSounds``.
    public typealias RequestSoundboardSounds = DiscordModel.RequestSoundboardSounds
    /// Request Channel Info's data; see ``DiscordModel/RequestChannelInfo``.
    public typealias RequestChannelInfo = DiscordModel.RequestChannelInfo

    /// op 31 for the given guilds.
    public static func requestSoundboardSounds(guildIDs: [Snowflake]) -> GatewayCommand {
        .requestSoundboardSounds(RequestSoundboardSounds(guildIDs: guildIDs))
    }

    /// op 43 for a guild's channels; by default every documented field.
    public static func requestChannelInfo(
        guildID: Snowflake, fields: [String] = ["status", "voice_start_time"]
    ) -> GatewayCommand {
        .requestChannelInfo(RequestChannelInfo(guildID: guildID, fields: fields))
    }

    /// The JSON with the token replaced by `"<redacted>"`, for logs.
    public var redactedDescription: String {
        String(decoding: makeJSON(redactingToken: true), as: UTF8.self)
    }

    /// Same as ``redactedDescription``.
    public var description: String {
        redactedDescription
    }
}
