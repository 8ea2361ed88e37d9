/// The payload of `MESSAGE_DELETE` (Discord docs: "Message Delete").
///
/// **Threading:** an immutable value; `Sendable`.
public struct MessageDelete: Codable, Hashable, Sendable, Identifiable {
    /// The deleted message.
    public var id: Snowflake
    /// Its channel.
    public var channelID: Snowflake
    /// Its guild (absent for direct messages).
    public var guildID: Snowflake?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id
        /// `channel_id`.
        case channelID = "channel_id"
        /// `guild_id`.
        case guildID = "guild_id"
    }
}

/// The payload of `MESSAGE_DELETE_BULK` (Discord docs: "Message Delete Bulk").
///
/// **Threading:** an immutable value; `Sendable`.
public struct MessageDeleteBulk: Codable, Hashable, Sendable {
    /// The deleted messages.
    public var ids: [Snowflake]
    /// Their channel.
    public var channelID: Snowflake
    /// Their guild.
    public var guildID: Snowflake?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case ids
        /// `channel_id`.
        case channelID = "channel_id"
        /// `guild_id`.
        case guildID = "guild_id"
    }
}

/// The payload of `MESSAGE_REACTION_ADD` (Discord docs: "Message Reaction Add").
///
/// **Threading:** an immutable value; `Sendable`.
public struct MessageReactionAdd: Codable, Hashable, Sendable {
    /// The user who reacted.
    public var userID: Snowflake
    /// The message's channel.
    public var channelID: Snowflake
    /// The message.
    public var messageID: Snowflake
    /// The message's guild (absent for direct messages).
    public var guildID: Snowflake?
    /// The reacting member (guild reactions).
    public var member: GuildMember?
    /// The emoji (partial: `id`, `name`, `animated`).
    public var emoji: Emoji
    /// The author of the message.
    public var messageAuthorID: Snowflake?
    /// Whether this is a super reaction.
    public var burst: Bool
    /// The colors of a super reaction, as `#RRGGBB` strings.
    public var burstColors: [String]?
    /// The kind of reaction.
    public var type: ReactionType

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case member, emoji, burst, type
        /// `user_id`.
        case userID = "user_id"
        /// `channel_id`.
        case channelID = "channel_id"
        /// `message_id`.
        case messageID = "message_id"
        /// `guild_id`.
        case guildID = "guild_id"
        /// `message_author_id`.
        case messageAuthorID = "message_author_id"
        /// `burst_colors`.
        case burstColors = "burst_colors"
    }
}

/// The payload of `MESSAGE_REACTION_REMOVE` (Discord docs: "Message Reaction Remove").
///
/// **Threading:** an immutable value; `Sendable`.
public struct MessageReactionRemove: Codable, Hashable, Sendable {
    /// The user whose reaction was removed.
    public var userID: Snowflake
    /// The message's channel.
    public var channelID: Snowflake
    /// The message.
    public var messageID: Snowflake
    /// The message's guild (absent for direct messages).
    public var guildID: Snowflake?
    /// The emoji (partial: `id`, `name`, `animated`).
    public var emoji: Emoji
    /// Whether it was a super reaction.
    public var burst: Bool
    /// The kind of reaction.
    public var type: ReactionType

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case emoji, burst, type
        /// `user_id`.
        case userID = "user_id"
        /// `channel_id`.
        case channelID = "channel_id"
        /// `message_id`.
        case messageID = "message_id"
        /// `guild_id`.
        case guildID = "guild_id"
    }
}

/// The payload of `MESSAGE_REACTION_REMOVE_ALL` (Discord docs: "Message Reaction Remove All").
///
/// **Threading:** an immutable value; `Sendable`.
public struct MessageReactionRemoveAll: Codable, Hashable, Sendable {
    /// The message's channel.
    public var channelID: Snowflake
    /// The message.
    public var messageID: Snowflake
    /// The message's guild.
    public var guildID: Snowflake?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// `channel_id`.
        case channelID = "channel_id"
        /// `message_id`.
        case messageID = "message_id"
        /// `guild_id`.
        case guildID = "guild_id"
    }
}

/// The payload of `MESSAGE_REACTION_REMOVE_EMOJI` (Discord docs: "Message Reaction Remove Emoji").
///
/// **Threading:** an immutable value; `Sendable`.
public struct MessageReactionRemoveEmoji: Codable, Hashable, Sendable {
    /// The message's channel.
    public var channelID: Snowflake
    /// The message's guild.
    public var guildID: Snowflake?
    /// The message.
    public var messageID: Snowflake
    /// The emoji whose reactions were removed (partial).
    public var emoji: Emoji

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case emoji
        /// `channel_id`.
        case channelID = "channel_id"
        /// `guild_id`.
        case guildID = "guild_id"
        /// `message_id`.
        case messageID = "message_id"
    }
}

/// The payload of `MESSAGE_POLL_VOTE_ADD` and `MESSAGE_POLL_VOTE_REMOVE` (Discord docs: "Message Poll Vote
/// Add", "Message Poll Vote Remove").
///
/// **Threading:** an immutable value; `Sendable`.
public struct MessagePollVote: Codable, Hashable, Sendable {
    /// The voter.
    public var userID: Snowflake
    /// The poll message's channel.
    public var channelID: Snowflake
    /// The poll message.
    public var messageID: Snowflake
    /// The message's guild (absent for direct messages).
    public var guildID: Snowflake?
    /// The ``Poll/Answer/answerID`` voted for or un-voted.
    public var answerID: Int

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// `user_id`.
        case userID = "user_id"
        /// `channel_id`.
        case channelID = "channel_id"
        /// `message_id`.
        case messageID = "message_id"
        /// `guild_id`.
        case guildID = "guild_id"
        /// `answer_id`.
        case answerID = "answer_id"
    }
}

/// The payload of `TYPING_START` (Discord docs: "Typing Start").
///
/// **Threading:** an immutable value; `Sendable`.
public struct TypingStart: Codable, Hashable, Sendable {
    /// The channel.
    public var channelID: Snowflake
    /// The guild (absent for direct messages).
    public var guildID: Snowflake?
    /// The user typing.
    public var userID: Snowflake
    /// When typing started, in Unix seconds.
    public var timestamp: Int
    /// The typing member (guild channels).
    public var member: GuildMember?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case timestamp, member
        /// `channel_id`.
        case channelID = "channel_id"
        /// `guild_id`.
        case guildID = "guild_id"
        /// `user_id`.
        case userID = "user_id"
    }
}
