/// A permission bit set (Discord docs: "Permissions"), sent as a decimal string because it exceeds 53 bits.
///
/// Unknown bits are kept, so permissions Discord adds later survive a decode/encode round trip.
///
/// **Threading:** an immutable value; `Sendable`.
public struct Permissions: OptionSet, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The bits.
    public let rawValue: UInt64

    /// Wraps bits.
    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }
    /// Bit 0, `CREATE_INSTANT_INVITE`.
    public static let createInstantInvite = Self(rawValue: 1 << 0)
    /// Bit 1, `KICK_MEMBERS`.
    public static let kickMembers = Self(rawValue: 1 << 1)
    /// Bit 2, `BAN_MEMBERS`.
    public static let banMembers = Self(rawValue: 1 << 2)
    /// Bit 3, `ADMINISTRATOR`.
    public static let administrator = Self(rawValue: 1 << 3)
    /// Bit 4, `MANAGE_CHANNELS`.
    public static let manageChannels = Self(rawValue: 1 << 4)
    /// Bit 5, `MANAGE_GUILD`.
    public static let manageGuild = Self(rawValue: 1 << 5)
    /// Bit 6, `ADD_REACTIONS`.
    public static let addReactions = Self(rawValue: 1 << 6)
    /// Bit 7, `VIEW_AUDIT_LOG`.
    public static let viewAuditLog = Self(rawValue: 1 << 7)
    /// Bit 8, `PRIORITY_SPEAKER`.
    public static let prioritySpeaker = Self(rawValue: 1 << 8)
    /// Bit 9, `STREAM`.
    public static let stream = Self(rawValue: 1 << 9)
    /// Bit 10, `VIEW_CHANNEL`.
    public static let viewChannel = Self(rawValue: 1 << 10)
    /// Bit 11, `SEND_MESSAGES`.
    public static let sendMessages = Self(rawValue: 1 << 11)
    /// Bit 12, `SEND_TTS_MESSAGES`.
    public static let sendTTSMessages = Self(rawValue: 1 << 12)
    /// Bit 13, `MANAGE_MESSAGES`.
    public static let manageMessages = Self(rawValue: 1 << 13)
    /// Bit 14, `EMBED_LINKS`.
    public static let embedLinks = Self(rawValue: 1 << 14)
    /// Bit 15, `ATTACH_FILES`.
    public static let attachFiles = Self(rawValue: 1 << 15)
    /// Bit 16, `READ_MESSAGE_HISTORY`.
    public static let readMessageHistory = Self(rawValue: 1 << 16)
    /// Bit 17, `MENTION_EVERYONE`.
    public static let mentionEveryone = Self(rawValue: 1 << 17)
    /// Bit 18, `USE_EXTERNAL_EMOJIS`.
    public static let useExternalEmojis = Self(rawValue: 1 << 18)
    /// Bit 19, `VIEW_GUILD_INSIGHTS`.
    public static let viewGuildInsights = Self(rawValue: 1 << 19)
    /// Bit 20, `CONNECT`.
    public static let connect = Self(rawValue: 1 << 20)
    /// Bit 21, `SPEAK`.
    public static let speak = Self(rawValue: 1 << 21)
    /// Bit 22, `MUTE_MEMBERS`.
    public static let muteMembers = Self(rawValue: 1 << 22)
    /// Bit 23, `DEAFEN_MEMBERS`.
    public static let deafenMembers = Self(rawValue: 1 << 23)
    /// Bit 24, `MOVE_MEMBERS`.
    public static let moveMembers = Self(rawValue: 1 << 24)
    /// Bit 25, `USE_VAD`.
    public static let useVoiceActivity = Self(rawValue: 1 << 25)
    /// Bit 26, `CHANGE_NICKNAME`.
    public static let changeNickname = Self(rawValue: 1 << 26)
    /// Bit 27, `MANAGE_NICKNAMES`.
    public static let manageNicknames = Self(rawValue: 1 << 27)
    /// Bit 28, `MANAGE_ROLES`.
    public static let manageRoles = Self(rawValue: 1 << 28)
    /// Bit 29, `MANAGE_WEBHOOKS`.
    public static let manageWebhooks = Self(rawValue: 1 << 29)
    /// Bit 30, `MANAGE_GUILD_EXPRESSIONS`.
    public static let manageGuildExpressions = Self(rawValue: 1 << 30)
    /// Bit 31, `USE_APPLICATION_COMMANDS`.
    public static let useApplicationCommands = Self(rawValue: 1 << 31)
    /// Bit 32, `REQUEST_TO_SPEAK`.
    public static let requestToSpeak = Self(rawValue: 1 << 32)
    /// Bit 33, `MANAGE_EVENTS`.
    public static let manageEvents = Self(rawValue: 1 << 33)
    /// Bit 34, `MANAGE_THREADS`.
    public static let manageThreads = Self(rawValue: 1 << 34)
    /// Bit 35, `CREATE_PUBLIC_THREADS`.
    public static let createPublicThreads = Self(rawValue: 1 << 35)
    /// Bit 36, `CREATE_PRIVATE_THREADS`.
    public static let createPrivateThreads = Self(rawValue: 1 << 36)
    /// Bit 37, `USE_EXTERNAL_STICKERS`.
    public static let useExternalStickers = Self(rawValue: 1 << 37)
    /// Bit 38, `SEND_MESSAGES_IN_THREADS`.
    public static let sendMessagesInThreads = Self(rawValue: 1 << 38)
    /// Bit 39, `USE_EMBEDDED_ACTIVITIES`.
    public static let useEmbeddedActivities = Self(rawValue: 1 << 39)
    /// Bit 40, `MODERATE_MEMBERS`.
    public static let moderateMembers = Self(rawValue: 1 << 40)
    /// Bit 41, `VIEW_CREATOR_MONETIZATION_ANALYTICS`.
    public static let viewCreatorMonetizationAnalytics = Self(rawValue: 1 << 41)
    /// Bit 42, `USE_SOUNDBOARD`.
    public static let useSoundboard = Self(rawValue: 1 << 42)
    /// Bit 43, `CREATE_GUILD_EXPRESSIONS`.
    public static let createGuildExpressions = Self(rawValue: 1 << 43)
    /// Bit 44, `CREATE_EVENTS`.
    public static let createEvents = Self(rawValue: 1 << 44)
    /// Bit 45, `USE_EXTERNAL_SOUNDS`.
    public static let useExternalSounds = Self(rawValue: 1 << 45)
    /// Bit 46, `SEND_VOICE_MESSAGES`.
    public static let sendVoiceMessages = Self(rawValue: 1 << 46)
    /// Bit 49, `SEND_POLLS`.
    public static let sendPolls = Self(rawValue: 1 << 49)
    /// Bit 50, `USE_EXTERNAL_APPS`.
    public static let useExternalApps = Self(rawValue: 1 << 50)
    /// Bit 51, `PIN_MESSAGES`.
    public static let pinMessages = Self(rawValue: 1 << 51)
    /// Bit 52, `BYPASS_SLOWMODE`.
    public static let bypassSlowmode = Self(rawValue: 1 << 52)

    /// Every documented bit with its wire name, in bit order.
    public static let documented: [(name: String, permission: Permissions)] = [
        ("CREATE_INSTANT_INVITE", .createInstantInvite),
        ("KICK_MEMBERS", .kickMembers),
        ("BAN_MEMBERS", .banMembers),
        ("ADMINISTRATOR", .administrator),
        ("MANAGE_CHANNELS", .manageChannels),
        ("MANAGE_GUILD", .manageGuild),
        ("ADD_REACTIONS", .addReactions),
        ("VIEW_AUDIT_LOG", .viewAuditLog),
        ("PRIORITY_SPEAKER", .prioritySpeaker),
        ("STREAM", .stream),
        ("VIEW_CHANNEL", .viewChannel),
        ("SEND_MESSAGES", .sendMessages),
        ("SEND_TTS_MESSAGES", .sendTTSMessages),
        ("MANAGE_MESSAGES", .manageMessages),
        ("EMBED_LINKS", .embedLinks),
        ("ATTACH_FILES", .attachFiles),
        ("READ_MESSAGE_HISTORY", .readMessageHistory),
        ("MENTION_EVERYONE", .mentionEveryone),
        ("USE_EXTERNAL_EMOJIS", .useExternalEmojis),
        ("VIEW_GUILD_INSIGHTS", .viewGuildInsights),
        ("CONNECT", .connect),
        ("SPEAK", .speak),
        ("MUTE_MEMBERS", .muteMembers),
        ("DEAFEN_MEMBERS", .deafenMembers),
        ("MOVE_MEMBERS", .moveMembers),
        ("USE_VAD", .useVoiceActivity),
        ("CHANGE_NICKNAME", .changeNickname),
        ("MANAGE_NICKNAMES", .manageNicknames),
        ("MANAGE_ROLES", .manageRoles),
        ("MANAGE_WEBHOOKS", .manageWebhooks),
        ("MANAGE_GUILD_EXPRESSIONS", .manageGuildExpressions),
        ("USE_APPLICATION_COMMANDS", .useApplicationCommands),
        ("REQUEST_TO_SPEAK", .requestToSpeak),
        ("MANAGE_EVENTS", .manageEvents),
        ("MANAGE_THREADS", .manageThreads),
        ("CREATE_PUBLIC_THREADS", .createPublicThreads),
        ("CREATE_PRIVATE_THREADS", .createPrivateThreads),
        ("USE_EXTERNAL_STICKERS", .useExternalStickers),
        ("SEND_MESSAGES_IN_THREADS", .sendMessagesInThreads),
        ("USE_EMBEDDED_ACTIVITIES", .useEmbeddedActivities),
        ("MODERATE_MEMBERS", .moderateMembers),
        ("VIEW_CREATOR_MONETIZATION_ANALYTICS", .viewCreatorMonetizationAnalytics),
        ("USE_SOUNDBOARD", .useSoundboard),
        ("CREATE_GUILD_EXPRESSIONS", .createGuildExpressions),
        ("CREATE_EVENTS", .createEvents),
        ("USE_EXTERNAL_SOUNDS", .useExternalSounds),
        ("SEND_VOICE_MESSAGES", .sendVoiceMessages),
        ("SEND_POLLS", .sendPolls),
        ("USE_EXTERNAL_APPS", .useExternalApps),
        ("PIN_MESSAGES", .pinMessages),
        ("BYPASS_SLOWMODE", .bypassSlowmode),
    ]

    /// Decodes a decimal string (or, leniently, a JSON integer).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let value = Snowflake.parse(text.utf8) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "expected a permission bit set (decimal digits), got \"\(text.prefix(32))\"")
            }
            self.rawValue = value
        } else {
            self.rawValue = try container.decode(UInt64.self)
        }
    }

    /// Encodes a decimal string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(rawValue))
    }

    /// The documented names of the set bits, then any unknown bits as a number: `"VIEW_CHANNEL|SEND_MESSAGES"`.
    public var description: String {
        var names: [String] = []
        var known: UInt64 = 0
        for (name, permission) in Self.documented {
            known |= permission.rawValue
            if contains(permission) { names.append(name) }
        }
        let unknown = rawValue & ~known
        if unknown != 0 { names.append(String(unknown)) }
        return names.isEmpty ? "none" : names.joined(separator: "|")
    }
}
