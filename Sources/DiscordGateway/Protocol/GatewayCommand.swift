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
    case requestSoundboardSounds(guildIDs: [String])
    /// op 43: asks for a `CHANNEL_INFO` dispatch with the given fields of a guild's channels.
    case requestChannelInfo(guildID: String, fields: [String] = ["status", "voice_start_time"])
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

    /// Identify's data (Discord docs: "Identify Structure").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Identify: Hashable, Sendable {
        /// The bot token.
        public var token: BotToken
        /// The client description sent as `properties`.
        public var properties: ConnectionProperties
        /// Member count above which offline members are left out of `GUILD_CREATE` (50...250).
        public var largeThreshold: Int
        /// The shard pair; `nil` leaves `shard` out.
        public var shard: ShardInfo?
        /// The initial presence; `nil` leaves `presence` out.
        public var presence: PresenceUpdate?
        /// The intents.
        public var intents: GatewayIntents

        /// Makes Identify data. Payload compression is always off (`compress: false`).
        public init(
            token: BotToken, intents: GatewayIntents, properties: ConnectionProperties = .default,
            largeThreshold: Int = 250, shard: ShardInfo? = nil, presence: PresenceUpdate? = nil
        ) {
            self.token = token
            self.intents = intents
            self.properties = properties
            self.largeThreshold = largeThreshold
            self.shard = shard
            self.presence = presence
        }
    }

    /// Identify's `properties` (Discord docs: "Identify Connection Properties").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct ConnectionProperties: Hashable, Sendable {
        /// The operating system, such as `"linux"`.
        public var os: String
        /// The library name.
        public var browser: String
        /// The library name.
        public var device: String

        /// Makes connection properties.
        public init(os: String, browser: String, device: String) {
            self.os = os
            self.browser = browser
            self.device = device
        }

        /// This platform's name and the library's name.
        public static let `default` = ConnectionProperties(
            os: currentOS, browser: DiscordGatewayLibrary.name, device: DiscordGatewayLibrary.name)

        /// The compile-time platform name.
        private static var currentOS: String {
            #if os(Linux)
            "linux"
            #elseif os(macOS)
            "macos"
            #elseif os(Windows)
            "windows"
            #else
            "unknown"
            #endif
        }
    }

    /// Resume's data (Discord docs: "Resume Structure").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Resume: Hashable, Sendable {
        /// The bot token.
        public var token: BotToken
        /// The session to resume (`session_id`).
        public var sessionID: String
        /// The last sequence number received (`seq`).
        public var sequence: Int

        /// Makes Resume data.
        public init(token: BotToken, sessionID: String, sequence: Int) {
            self.token = token
            self.sessionID = sessionID
            self.sequence = sequence
        }
    }

    /// Presence Update's data, also Identify's `presence` (Discord docs: "Update Presence").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct PresenceUpdate: Hashable, Sendable {
        /// Unix time in milliseconds when the client went idle, or `nil`.
        public var since: Int?
        /// The activities; bots may set only name, type, state and url.
        public var activities: [Activity]
        /// The status.
        public var status: Status
        /// Whether the client is AFK.
        public var isAFK: Bool

        /// Makes presence data.
        public init(status: Status = .online, activities: [Activity] = [], since: Int? = nil, isAFK: Bool = false) {
            self.status = status
            self.activities = activities
            self.since = since
            self.isAFK = isAFK
        }

        /// A presence status (Discord docs: "Status Types"); an open set.
        ///
        /// **Threading:** an immutable value; `Sendable`.
        public struct Status: RawRepresentable, Hashable, Sendable {
            /// The wire string.
            public var rawValue: String
            /// Wraps a status string.
            public init(rawValue: String) { self.rawValue = rawValue }
            /// `online`.
            public static let online = Status(rawValue: "online")
            /// `dnd`: do not disturb.
            public static let doNotDisturb = Status(rawValue: "dnd")
            /// `idle`: AFK.
            public static let idle = Status(rawValue: "idle")
            /// `invisible`: shown as offline.
            public static let invisible = Status(rawValue: "invisible")
            /// `offline`.
            public static let offline = Status(rawValue: "offline")
        }

        /// One activity (Discord docs: "Activity Object"), restricted to what bots may set.
        ///
        /// **Threading:** an immutable value; `Sendable`.
        public struct Activity: Hashable, Sendable {
            /// The activity name.
            public var name: String
            /// The activity type.
            public var type: ActivityType
            /// The state text (the custom status text for ``ActivityType/custom``).
            public var state: String?
            /// The stream URL (twitch.tv or youtube.com) for ``ActivityType/streaming``.
            public var url: String?

            /// Makes an activity.
            public init(name: String, type: ActivityType = .playing, state: String? = nil, url: String? = nil) {
                self.name = name
                self.type = type
                self.state = state
                self.url = url
            }
        }

        /// An activity type (Discord docs: "Activity Types"); an open set.
        ///
        /// **Threading:** an immutable value; `Sendable`.
        public struct ActivityType: RawRepresentable, Hashable, Sendable {
            /// The wire number.
            public var rawValue: Int
            /// Wraps an activity type number.
            public init(rawValue: Int) { self.rawValue = rawValue }
            /// `0` Playing {name}.
            public static let playing = ActivityType(rawValue: 0)
            /// `1` Streaming {details}.
            public static let streaming = ActivityType(rawValue: 1)
            /// `2` Listening to {name}.
            public static let listening = ActivityType(rawValue: 2)
            /// `3` Watching {name}.
            public static let watching = ActivityType(rawValue: 3)
            /// `4` Custom: {emoji} {state}.
            public static let custom = ActivityType(rawValue: 4)
            /// `5` Competing in {name}.
            public static let competing = ActivityType(rawValue: 5)
        }
    }

    /// Voice State Update's data (Discord docs: "Update Voice State").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct VoiceStateUpdate: Hashable, Sendable {
        /// The guild.
        public var guildID: String
        /// The voice channel to join, or `nil` to disconnect.
        public var channelID: String?
        /// Whether the bot is muted.
        public var selfMute: Bool
        /// Whether the bot is deafened.
        public var selfDeaf: Bool

        /// Makes voice state data.
        public init(guildID: String, channelID: String?, selfMute: Bool = false, selfDeaf: Bool = false) {
            self.guildID = guildID
            self.channelID = channelID
            self.selfMute = selfMute
            self.selfDeaf = selfDeaf
        }
    }

    /// Request Guild Members' data (Discord docs: "Request Guild Members").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct RequestGuildMembers: Hashable, Sendable {
        /// Which members to ask for.
        ///
        /// **Threading:** an immutable value; `Sendable`.
        public enum Selection: Hashable, Sendable {
            /// Members whose username starts with `prefix`, at most `limit` (`""` and `0`: all members).
            case query(String, limit: Int)
            /// The given users (at most 100).
            case userIDs([String])
        }

        /// The guild.
        public var guildID: String
        /// Which members.
        public var selection: Selection
        /// Whether to include presences (needs `GUILD_PRESENCES`).
        public var presences: Bool
        /// Echoed in the chunks; at most 32 bytes of UTF-8.
        public var nonce: String?

        /// Makes request data.
        public init(guildID: String, selection: Selection, presences: Bool = false, nonce: String? = nil) {
            self.guildID = guildID
            self.selection = selection
            self.presences = presences
            self.nonce = nonce
        }

        /// Asks for every member (needs `GUILD_MEMBERS`; limited to once per guild per 30 s).
        public static func all(guildID: String, presences: Bool = false, nonce: String? = nil) -> Self {
            Self(guildID: guildID, selection: .query("", limit: 0), presences: presences, nonce: nonce)
        }
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
