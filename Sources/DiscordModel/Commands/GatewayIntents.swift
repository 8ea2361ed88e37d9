/// The intents bitfield sent in Identify: which event groups the session receives (Discord docs: "Gateway Intents").
///
/// Privileged intents (``guildMembers``, ``guildPresences``, ``messageContent``) must be enabled in the Developer
/// Portal, otherwise Discord closes with 4014. Intents can be parsed from configuration text with
/// ``init(parsing:)``: `"GUILDS,GUILD_MESSAGES"`, `"guilds guildMessages"`, `"513"`, `"nonPrivileged"`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GatewayIntents: OptionSet, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The bitfield as sent in Identify's `intents`.
    public let rawValue: UInt64

    /// Wraps a bitfield; undocumented bits are kept (Discord rejects invalid ones with 4013).
    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// Bit 0, `GUILDS`: guild, role, channel, thread and stage instance lifecycle events.
    public static let guilds = Self(rawValue: 1 << 0)
    /// Bit 1, `GUILD_MEMBERS` (privileged): member add, update and remove.
    public static let guildMembers = Self(rawValue: 1 << 1)
    /// Bit 2, `GUILD_MODERATION`: audit log entries and bans.
    public static let guildModeration = Self(rawValue: 1 << 2)
    /// Bit 3, `GUILD_EXPRESSIONS` (formerly `GUILD_EMOJIS_AND_STICKERS`): emojis, stickers, soundboard sounds.
    public static let guildExpressions = Self(rawValue: 1 << 3)
    /// Bit 4, `GUILD_INTEGRATIONS`: integration events.
    public static let guildIntegrations = Self(rawValue: 1 << 4)
    /// Bit 5, `GUILD_WEBHOOKS`: `WEBHOOKS_UPDATE`.
    public static let guildWebhooks = Self(rawValue: 1 << 5)
    /// Bit 6, `GUILD_INVITES`: invite create and delete.
    public static let guildInvites = Self(rawValue: 1 << 6)
    /// Bit 7, `GUILD_VOICE_STATES`: voice state updates and channel effects.
    public static let guildVoiceStates = Self(rawValue: 1 << 7)
    /// Bit 8, `GUILD_PRESENCES` (privileged): `PRESENCE_UPDATE`.
    public static let guildPresences = Self(rawValue: 1 << 8)
    /// Bit 9, `GUILD_MESSAGES`: guild message create, update and delete.
    public static let guildMessages = Self(rawValue: 1 << 9)
    /// Bit 10, `GUILD_MESSAGE_REACTIONS`: guild message reactions.
    public static let guildMessageReactions = Self(rawValue: 1 << 10)
    /// Bit 11, `GUILD_MESSAGE_TYPING`: `TYPING_START` in guilds.
    public static let guildMessageTyping = Self(rawValue: 1 << 11)
    /// Bit 12, `DIRECT_MESSAGES`: direct message create, update and delete.
    public static let directMessages = Self(rawValue: 1 << 12)
    /// Bit 13, `DIRECT_MESSAGE_REACTIONS`: direct message reactions.
    public static let directMessageReactions = Self(rawValue: 1 << 13)
    /// Bit 14, `DIRECT_MESSAGE_TYPING`: `TYPING_START` in direct messages.
    public static let directMessageTyping = Self(rawValue: 1 << 14)
    /// Bit 15, `MESSAGE_CONTENT` (privileged): fills message content fields.
    public static let messageContent = Self(rawValue: 1 << 15)
    /// Bit 16, `GUILD_SCHEDULED_EVENTS`: scheduled event lifecycle and users.
    public static let guildScheduledEvents = Self(rawValue: 1 << 16)
    /// Bit 20, `AUTO_MODERATION_CONFIGURATION`: auto moderation rule changes.
    public static let autoModerationConfiguration = Self(rawValue: 1 << 20)
    /// Bit 21, `AUTO_MODERATION_EXECUTION`: auto moderation actions.
    public static let autoModerationExecution = Self(rawValue: 1 << 21)
    /// Bit 24, `GUILD_MESSAGE_POLLS`: poll votes in guilds.
    public static let guildMessagePolls = Self(rawValue: 1 << 24)
    /// Bit 25, `DIRECT_MESSAGE_POLLS`: poll votes in direct messages.
    public static let directMessagePolls = Self(rawValue: 1 << 25)

    /// The privileged intents: ``guildMembers``, ``guildPresences`` and ``messageContent``.
    public static let privileged: Self = [.guildMembers, .guildPresences, .messageContent]
    /// Every documented intent.
    public static let allDocumented = Self(rawValue: named.reduce(0) { $0 | $1.intent.rawValue })
    /// Every documented intent that needs no approval.
    public static let nonPrivileged = allDocumented.subtracting(privileged)

    /// The documented intents with their Discord names, in bit order.
    public static let named: [(name: String, intent: GatewayIntents)] = [
        ("GUILDS", .guilds), ("GUILD_MEMBERS", .guildMembers), ("GUILD_MODERATION", .guildModeration),
        ("GUILD_EXPRESSIONS", .guildExpressions), ("GUILD_INTEGRATIONS", .guildIntegrations),
        ("GUILD_WEBHOOKS", .guildWebhooks), ("GUILD_INVITES", .guildInvites),
        ("GUILD_VOICE_STATES", .guildVoiceStates), ("GUILD_PRESENCES", .guildPresences),
        ("GUILD_MESSAGES", .guildMessages), ("GUILD_MESSAGE_REACTIONS", .guildMessageReactions),
        ("GUILD_MESSAGE_TYPING", .guildMessageTyping), ("DIRECT_MESSAGES", .directMessages),
        ("DIRECT_MESSAGE_REACTIONS", .directMessageReactions), ("DIRECT_MESSAGE_TYPING", .directMessageTyping),
        ("MESSAGE_CONTENT", .messageContent), ("GUILD_SCHEDULED_EVENTS", .guildScheduledEvents),
        ("AUTO_MODERATION_CONFIGURATION", .autoModerationConfiguration),
        ("AUTO_MODERATION_EXECUTION", .autoModerationExecution), ("GUILD_MESSAGE_POLLS", .guildMessagePolls),
        ("DIRECT_MESSAGE_POLLS", .directMessagePolls),
    ]

    /// A name in the text given to ``init(parsing:)`` that is neither an intent, a group nor a number.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The unrecognised item, as written.
        public let item: String
        /// Makes an error for an unrecognised item.
        public init(item: String) { self.item = item }
        /// `"unknown gateway intent 'GUILDZ'"`.
        public var description: String { "unknown gateway intent '\(item)'" }
    }

    /// Parses intents from configuration text.
    ///
    /// Items are separated by commas, `|`, `+` or whitespace. Each item is a number (decimal or `0x` hex), an
    /// intent name in Discord's spelling (`GUILD_MESSAGES`) or Swift's (`guildMessages`), the old name
    /// `GUILD_EMOJIS_AND_STICKERS`, or a group: `nonPrivileged`, `privileged`, `all` (every documented intent),
    /// `none`. Case and underscores do not matter. Empty text means no intents.
    ///
    /// - Parameter text: for example `"GUILDS,GUILD_MESSAGES"`, `"guilds | guildMessages"` or `"513"`.
    /// - Throws: ``ParseError`` naming the first item that is not understood.
    public init(parsing text: String) throws(ParseError) {
        var result = GatewayIntents()
        let separators: Set<Character> = [",", "|", "+", " ", "\t", "\n", "\r"]
        for item in text.split(whereSeparator: { separators.contains($0) }) {
            guard let intents = Self.intents(forItem: item) else {
                throw ParseError(item: String(item))
            }
            result.formUnion(intents)
        }
        self = result
    }

    /// The intents one item of ``init(parsing:)`` stands for, or `nil`.
    private static func intents(forItem item: Substring) -> GatewayIntents? {
        let lower = item.lowercased()
        if lower.hasPrefix("0x"), let value = UInt64(lower.dropFirst(2), radix: 16) {
            return GatewayIntents(rawValue: value)
        }
        if let value = UInt64(lower) {
            return GatewayIntents(rawValue: value)
        }
        let key = lower.filter { $0 != "_" && $0 != "-" && $0 != "." }
        switch key {
        case "all", "alldocumented": return .allDocumented
        case "nonprivileged", "unprivileged", "default": return .nonPrivileged
        case "privileged": return .privileged
        case "none": return []
        case "guildemojisandstickers": return .guildExpressions
        default: break
        }
        for (name, intent) in named where name.lowercased().filter({ $0 != "_" }) == key {
            return intent
        }
        return nil
    }

    /// The Discord names of the set bits, with unknown bits as a hex number.
    public var names: [String] {
        var names = Self.named.filter { contains($0.intent) }.map(\.name)
        let unknown = rawValue & ~Self.allDocumented.rawValue
        if unknown != 0 {
            names.append("0x" + String(unknown, radix: 16))
        }
        return names
    }

    /// `"GatewayIntents(GUILDS, GUILD_MESSAGES)"`.
    public var description: String {
        "GatewayIntents(\(names.joined(separator: ", ")))"
    }

    /// Decodes the bare number.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(UInt64.self))
    }

    /// Encodes the bare number.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The name Discord's documentation uses for ``GatewayIntents``.
public typealias Intents = GatewayIntents
