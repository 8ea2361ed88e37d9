/// A message in a channel (Discord docs: "Message Object"); also the payload of `MESSAGE_CREATE`, which adds
/// ``guildID``, ``member`` and each mention's ``Mention/member``.
///
/// Without the `MESSAGE_CONTENT` intent, ``content``, ``embeds``, ``attachments``, ``components`` and ``poll``
/// are empty for messages not sent by, to or mentioning the bot.
///
/// Partial messages (resolved messages in an interaction, Discord docs: "partial Message objects") decode too:
/// ``content``, ``tts``, ``mentionEveryone``, ``mentions``, ``mentionRoles``, ``attachments``, ``embeds`` and
/// ``pinned`` take `""`, `false` or `[]` when absent.
///
/// **Threading:** an immutable value; `Sendable`.
public struct Message: Codable, Hashable, Sendable, Identifiable {
    /// The message id.
    public var id: Snowflake
    /// The channel it was sent in.
    public var channelID: Snowflake
    /// The author: a user, or for webhook messages the webhook's name and avatar.
    public var author: User
    /// The text (up to 2000 characters).
    @DefaultIfAbsent public var content: String
    /// When it was sent.
    public var timestamp: DiscordTimestamp
    /// When it was last edited; `nil` if never.
    public var editedTimestamp: DiscordTimestamp?
    /// Whether it is text-to-speech.
    @DefaultIfAbsent public var tts: Bool
    /// Whether it mentions `@everyone` (or `@here`).
    @DefaultIfAbsent public var mentionEveryone: Bool
    /// The users mentioned, each with a partial guild member in `MESSAGE_CREATE` and `MESSAGE_UPDATE`.
    @DefaultIfAbsent public var mentions: [Mention]
    /// The roles mentioned.
    @DefaultIfAbsent public var mentionRoles: [Snowflake]
    /// Channels mentioned in crossposted messages.
    public var mentionChannels: [ChannelMention]?
    /// The attached files.
    @DefaultIfAbsent public var attachments: [Attachment]
    /// The embeds.
    @DefaultIfAbsent public var embeds: [Embed]
    /// The reactions.
    public var reactions: [Reaction]?
    /// A value the sender chose to check that the message was sent.
    public var nonce: Nonce?
    /// Whether it is pinned.
    @DefaultIfAbsent public var pinned: Bool
    /// The webhook that sent it.
    public var webhookID: Snowflake?
    /// The message type.
    public var type: MessageType
    /// The Rich Presence activity invitation (Rich Presence embeds).
    public var activity: Activity?
    /// The application of a Rich Presence embed (partial).
    public var application: Application?
    /// The application of an interaction response or a message sent as an application-owned webhook.
    public var applicationID: Snowflake?
    /// Message flags.
    public var flags: MessageFlags?
    /// What the message refers to: the replied-to, crossposted, pinned or forwarded message.
    public var messageReference: Reference?
    /// The forwarded messages (with ``Reference/type`` ``Reference/ReferenceType/forward``).
    public var messageSnapshots: [Snapshot]?
    /// Storage of ``referencedMessage``: boxed because a message may hold a message.
    private var referencedMessageStorage: Nullable<IndirectValue<Message>>?
    /// Storage of ``interactionMetadata``: boxed because the metadata nests itself.
    private var interactionMetadataStorage: IndirectValue<InteractionMetadata>?
    /// The interaction this message responds to (deprecated by Discord; use ``interactionMetadata``).
    public var interaction: MessageInteraction?
    /// The thread started from this message.
    public var thread: Channel?
    /// The components: buttons, selects and layout components.
    public var components: [Component]?
    /// The stickers sent.
    public var stickerItems: [StickerItem]?
    /// The approximate position in a thread (the start message is 0).
    public var position: Int?
    /// The role subscription purchase or renewal this message announces.
    public var roleSubscriptionData: RoleSubscriptionData?
    /// Users, members, channels and roles of the message's auto-populated select menus.
    public var resolved: ResolvedData?
    /// The poll.
    public var poll: Poll?
    /// The call, for call messages.
    public var call: Call?
    /// The guild (gateway only; absent for direct messages).
    public var guildID: Snowflake?
    /// The author's guild member, without `user` (gateway only; absent for DMs and webhooks).
    public var member: GuildMember?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, author, content, timestamp, tts, mentions, attachments, embeds, reactions, nonce, pinned, type
        /// Wire names as documented.
        case activity, application, flags, interaction, thread, components, position, resolved, poll, call, member
        /// `channel_id`.
        case channelID = "channel_id"
        /// `edited_timestamp`.
        case editedTimestamp = "edited_timestamp"
        /// `mention_everyone`.
        case mentionEveryone = "mention_everyone"
        /// `mention_roles`.
        case mentionRoles = "mention_roles"
        /// `mention_channels`.
        case mentionChannels = "mention_channels"
        /// `webhook_id`.
        case webhookID = "webhook_id"
        /// `application_id`.
        case applicationID = "application_id"
        /// `message_reference`.
        case messageReference = "message_reference"
        /// `message_snapshots`.
        case messageSnapshots = "message_snapshots"
        /// `referenced_message`.
        case referencedMessageStorage = "referenced_message"
        /// `interaction_metadata`.
        case interactionMetadataStorage = "interaction_metadata"
        /// `sticker_items`.
        case stickerItems = "sticker_items"
        /// `role_subscription_data`.
        case roleSubscriptionData = "role_subscription_data"
        /// `guild_id`.
        case guildID = "guild_id"
    }

    /// The message a reply, crosspost or pin notice refers to: `nil` when absent (not a reply, or Discord did not
    /// load it), ``Nullable/null`` when it was deleted.
    public var referencedMessage: Nullable<Message>? {
        get { IndirectValue.unbox(referencedMessageStorage) }
        set { referencedMessageStorage = IndirectValue.box(newValue) }
    }

    /// The interaction this message responds to, or that made it.
    public var interactionMetadata: InteractionMetadata? {
        get { interactionMetadataStorage?.value }
        set { interactionMetadataStorage = newValue.map(IndirectValue.boxed) }
    }

    /// A mentioned user with, in gateway messages from guilds, their partial guild member (Discord docs: "Message
    /// Create Extra Fields": "users ... with an additional partial member field").
    ///
    /// On the wire this is a user object with an extra `member` key; the user's fields are reachable directly
    /// (`mention.id`, `mention.username`) through dynamic member lookup.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    @dynamicMemberLookup
    public struct Mention: Codable, Hashable, Sendable, Identifiable {
        /// The mentioned user.
        public var user: User
        /// The user's guild member, without `user`.
        public var member: GuildMember?

        /// Wire name of the extra key.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case member
        }

        /// Makes a mention.
        public init(user: User, member: GuildMember? = nil) {
            self.user = user
            self.member = member
        }

        /// The user id.
        public var id: Snowflake { user.id }

        /// A field of ``user``.
        public subscript<Value>(dynamicMember keyPath: KeyPath<User, Value>) -> Value {
            user[keyPath: keyPath]
        }

        /// Decodes the user and the extra `member` key from the same JSON object (not decoded twice: `User`
        /// ignores `member`, and this reads only `member`).
        public init(from decoder: any Decoder) throws {
            user = try User(from: decoder)
            member = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(
                GuildMember.self, forKey: .member)
        }

        /// Encodes the user's fields and `member` into one object.
        public func encode(to encoder: any Encoder) throws {
            try user.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(member, forKey: .member)
        }
    }
}
