/// A new invite to a channel; the payload of `INVITE_CREATE`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct InviteCreate: Codable, Hashable, Sendable {
    /// The channel the invite is for.
    public var channelID: Snowflake
    /// The unique invite code.
    public var code: String
    /// When the invite was created.
    public var createdAt: DiscordTimestamp
    /// The guild of the invite.
    public var guildID: Snowflake?
    /// The user who created the invite.
    public var inviter: User?
    /// How long the invite is valid, in seconds (0: forever).
    public var maxAge: Int
    /// How many times the invite can be used (0: unlimited).
    public var maxUses: Int
    /// What a voice channel invite targets.
    public var targetType: TargetType?
    /// The user whose stream the invite targets.
    public var targetUser: User?
    /// The embedded application the invite targets.
    public var targetApplication: Application?
    /// Whether the invite grants temporary membership.
    public var temporary: Bool
    /// How many times the invite has been used (always 0).
    public var uses: Int
    /// When the invite expires; `nil` when it never does.
    public var expiresAt: DiscordTimestamp?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case code, inviter, temporary, uses
        /// `channel_id`.
        case channelID = "channel_id"
        /// `created_at`.
        case createdAt = "created_at"
        /// `guild_id`.
        case guildID = "guild_id"
        /// `max_age`.
        case maxAge = "max_age"
        /// `max_uses`.
        case maxUses = "max_uses"
        /// `target_type`.
        case targetType = "target_type"
        /// `target_user`.
        case targetUser = "target_user"
        /// `target_application`.
        case targetApplication = "target_application"
        /// `expires_at`.
        case expiresAt = "expires_at"
    }

    /// What a voice channel invite targets (Discord docs: "Invite Target Types"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct TargetType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `1` a user's stream.
        public static let stream = Self(rawValue: 1)
        /// `2` an embedded application (activity).
        public static let embeddedApplication = Self(rawValue: 2)

        /// The wire number.
        public var description: String { String(rawValue) }
    }
}

/// An invite was deleted; the payload of `INVITE_DELETE`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct InviteDelete: Codable, Hashable, Sendable {
    /// The channel of the invite.
    public var channelID: Snowflake
    /// The guild of the invite.
    public var guildID: Snowflake?
    /// The invite code.
    public var code: String

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case code
        /// `channel_id`.
        case channelID = "channel_id"
        /// `guild_id`.
        case guildID = "guild_id"
    }
}
