extension Message {
    /// A nonce: Discord echoes whatever the sender put there, a string or an integer.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public enum Nonce: Codable, Hashable, Sendable, CustomStringConvertible {
        /// A string nonce (up to 25 characters).
        case string(String)
        /// An integer nonce.
        case integer(Int64)

        /// Decodes a JSON string or integer.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .string(text)
            } else {
                self = .integer(try container.decode(Int64.self))
            }
        }

        /// Encodes the string or integer as it was.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let text): try container.encode(text)
            case .integer(let number): try container.encode(number)
            }
        }

        /// The nonce as text.
        public var description: String {
            switch self {
            case .string(let text): text
            case .integer(let number): String(number)
            }
        }
    }

    /// A channel mentioned in a crossposted message (Discord docs: "Channel Mention Object").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct ChannelMention: Codable, Hashable, Sendable, Identifiable {
        /// The channel id.
        public var id: Snowflake
        /// The channel's guild.
        public var guildID: Snowflake
        /// The channel type.
        public var type: ChannelType
        /// The channel name.
        public var name: String

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case id, type, name
            /// `guild_id`.
            case guildID = "guild_id"
        }
    }

    /// A Rich Presence invitation in a message (Discord docs: "Message Activity Structure").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Activity: Codable, Hashable, Sendable {
        /// The kind of invitation.
        public var type: ActivityType
        /// The party id from the Rich Presence event.
        public var partyID: String?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case type
            /// `party_id`.
            case partyID = "party_id"
        }

        /// The kind of a message activity (Discord docs: "Message Activity Types"); an open set.
        ///
        /// **Threading:** an immutable value; `Sendable`.
        public struct ActivityType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
            /// The wire number.
            public let rawValue: Int
            /// Wraps a wire number.
            public init(rawValue: Int) { self.rawValue = rawValue }
            /// `1` join.
            public static let join = Self(rawValue: 1)
            /// `2` spectate.
            public static let spectate = Self(rawValue: 2)
            /// `3` listen.
            public static let listen = Self(rawValue: 3)
            /// `5` request to join.
            public static let joinRequest = Self(rawValue: 5)
            /// The wire number.
            public var description: String { String(rawValue) }
        }
    }

    /// What a message refers to (Discord docs: "Message Reference Structure"): the replied-to, crossposted,
    /// pinned or forwarded message.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Reference: Codable, Hashable, Sendable {
        /// The kind of reference; absent means ``ReferenceType/default``.
        public var type: ReferenceType?
        /// The referenced message.
        public var messageID: Snowflake?
        /// The referenced message's channel.
        public var channelID: Snowflake?
        /// The referenced message's guild.
        public var guildID: Snowflake?
        /// Whether sending should fail when the referenced message is gone (sending only).
        public var failIfNotExists: Bool?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case type
            /// `message_id`.
            case messageID = "message_id"
            /// `channel_id`.
            case channelID = "channel_id"
            /// `guild_id`.
            case guildID = "guild_id"
            /// `fail_if_not_exists`.
            case failIfNotExists = "fail_if_not_exists"
        }

        /// The kind of a message reference (Discord docs: "Message Reference Types"); an open set.
        ///
        /// **Threading:** an immutable value; `Sendable`.
        public struct ReferenceType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
            /// The wire number.
            public let rawValue: Int
            /// Wraps a wire number.
            public init(rawValue: Int) { self.rawValue = rawValue }
            /// `0` a reply (or crosspost, pin notice).
            public static let `default` = Self(rawValue: 0)
            /// `1` a forward.
            public static let forward = Self(rawValue: 1)
            /// The wire number.
            public var description: String { String(rawValue) }
        }
    }

    /// A forwarded message (Discord docs: "Message Snapshot Object").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Snapshot: Codable, Hashable, Sendable {
        /// The forwarded message's content at the time of forwarding.
        public var message: Content

        /// The subset of a message that a snapshot keeps; every field is optional.
        ///
        /// **Threading:** an immutable value; `Sendable`.
        public struct Content: Codable, Hashable, Sendable {
            /// The message type.
            public var type: MessageType?
            /// The text.
            public var content: String?
            /// The embeds.
            public var embeds: [Embed]?
            /// The attached files.
            public var attachments: [Attachment]?
            /// When it was sent.
            public var timestamp: DiscordTimestamp?
            /// When it was last edited.
            public var editedTimestamp: DiscordTimestamp?
            /// Message flags.
            public var flags: MessageFlags?
            /// The users mentioned.
            public var mentions: [User]?
            /// The roles mentioned.
            public var mentionRoles: [Snowflake]?
            /// The stickers sent.
            public var stickerItems: [StickerItem]?
            /// The components.
            public var components: [Component]?

            /// Wire names.
            private enum CodingKeys: String, CodingKey {
                /// Wire names as documented.
                case type, content, embeds, attachments, timestamp, flags, mentions, components
                /// `edited_timestamp`.
                case editedTimestamp = "edited_timestamp"
                /// `mention_roles`.
                case mentionRoles = "mention_roles"
                /// `sticker_items`.
                case stickerItems = "sticker_items"
            }
        }
    }

    /// A role subscription purchase or renewal (Discord docs: "Role Subscription Data Object").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct RoleSubscriptionData: Codable, Hashable, Sendable {
        /// The SKU and listing the user subscribed to.
        public var roleSubscriptionListingID: Snowflake
        /// The tier's name.
        public var tierName: String
        /// Total months the user has been subscribed.
        public var totalMonthsSubscribed: Int
        /// Whether this is a renewal.
        public var isRenewal: Bool

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// `role_subscription_listing_id`.
            case roleSubscriptionListingID = "role_subscription_listing_id"
            /// `tier_name`.
            case tierName = "tier_name"
            /// `total_months_subscribed`.
            case totalMonthsSubscribed = "total_months_subscribed"
            /// `is_renewal`.
            case isRenewal = "is_renewal"
        }
    }

    /// A call in a private channel (Discord docs: "Message Call Object").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Call: Codable, Hashable, Sendable {
        /// The users who took part.
        public var participants: [Snowflake]
        /// When the call ended; `nil` while it goes on.
        public var endedTimestamp: DiscordTimestamp?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case participants
            /// `ended_timestamp`.
            case endedTimestamp = "ended_timestamp"
        }
    }
}
