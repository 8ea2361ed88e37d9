/// The payload of `MESSAGE_UPDATE` (Discord docs: "Message Update"): the edited message.
///
/// Usually the whole message, but Discord may send a partial one (for example when an embed unfurls: only
/// ``id``, ``channelID``, ``guildID`` and ``embeds``), so every field but ``id`` and ``channelID`` is optional:
/// `nil` means "not sent". For nullable fields (``editedTimestamp``, ``referencedMessage``) `.null` means the
/// value is cleared. ``applied(to:)`` merges an update into a cached ``Message``.
///
/// **Threading:** an immutable value; `Sendable`.
public struct MessageUpdate: Codable, Hashable, Sendable, Identifiable {
    /// The message id.
    public var id: Snowflake
    /// The channel it is in.
    public var channelID: Snowflake
    /// The author.
    public var author: User?
    /// The text.
    public var content: String?
    /// When it was sent.
    public var timestamp: DiscordTimestamp?
    /// When it was last edited: absent (not sent), ``Nullable/null`` (never edited) or a time.
    public var editedTimestamp: Nullable<DiscordTimestamp>?
    /// Whether it is text-to-speech.
    public var tts: Bool?
    /// Whether it mentions `@everyone` (or `@here`).
    public var mentionEveryone: Bool?
    /// The users mentioned, with partial members.
    public var mentions: [Message.Mention]?
    /// The roles mentioned.
    public var mentionRoles: [Snowflake]?
    /// Channels mentioned in crossposted messages.
    public var mentionChannels: [Message.ChannelMention]?
    /// The attached files.
    public var attachments: [Attachment]?
    /// The embeds.
    public var embeds: [Embed]?
    /// The reactions.
    public var reactions: [Reaction]?
    /// The sender's nonce.
    public var nonce: Message.Nonce?
    /// Whether it is pinned.
    public var pinned: Bool?
    /// The webhook that sent it.
    public var webhookID: Snowflake?
    /// The message type.
    public var type: MessageType?
    /// The Rich Presence activity invitation.
    public var activity: Message.Activity?
    /// The application of a Rich Presence embed (partial).
    public var application: Application?
    /// The application of an interaction response.
    public var applicationID: Snowflake?
    /// Message flags.
    public var flags: MessageFlags?
    /// What the message refers to.
    public var messageReference: Message.Reference?
    /// The forwarded messages.
    public var messageSnapshots: [Message.Snapshot]?
    /// Storage of ``referencedMessage``: boxed because an update holds a message.
    private var referencedMessageStorage: Nullable<IndirectValue<Message>>?
    /// The interaction this message responds to, or that made it.
    public var interactionMetadata: Message.InteractionMetadata?
    /// The interaction this message responds to (deprecated by Discord).
    public var interaction: MessageInteraction?
    /// The thread started from this message.
    public var thread: Channel?
    /// The components.
    public var components: [Component]?
    /// The stickers sent.
    public var stickerItems: [StickerItem]?
    /// The approximate position in a thread.
    public var position: Int?
    /// The role subscription this message announces.
    public var roleSubscriptionData: Message.RoleSubscriptionData?
    /// Data of auto-populated select menus.
    public var resolved: ResolvedData?
    /// The poll.
    public var poll: Poll?
    /// The call, for call messages.
    public var call: Message.Call?
    /// The guild (absent for direct messages).
    public var guildID: Snowflake?
    /// The author's guild member, without `user`.
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
        case interactionMetadata = "interaction_metadata"
        /// `sticker_items`.
        case stickerItems = "sticker_items"
        /// `role_subscription_data`.
        case roleSubscriptionData = "role_subscription_data"
        /// `guild_id`.
        case guildID = "guild_id"
    }

    /// The replied-to message: absent (not sent), ``Nullable/null`` (deleted) or the message.
    public var referencedMessage: Nullable<Message>? {
        get { IndirectValue.unbox(referencedMessageStorage) }
        set { referencedMessageStorage = IndirectValue.box(newValue) }
    }

    /// `message` with every field this update carries replaced; fields the update left out are kept.
    ///
    /// Returns `message` unchanged when its id differs from ``id``.
    public func applied(to message: Message) -> Message {
        guard message.id == id else { return message }
        var result = message
        result.channelID = channelID
        if let author { result.author = author }
        if let content { result.content = content }
        if let timestamp { result.timestamp = timestamp }
        if let editedTimestamp { result.editedTimestamp = editedTimestamp.value }
        if let tts { result.tts = tts }
        if let mentionEveryone { result.mentionEveryone = mentionEveryone }
        if let mentions { result.mentions = mentions }
        if let mentionRoles { result.mentionRoles = mentionRoles }
        if let mentionChannels { result.mentionChannels = mentionChannels }
        if let attachments { result.attachments = attachments }
        if let embeds { result.embeds = embeds }
        if let reactions { result.reactions = reactions }
        if let nonce { result.nonce = nonce }
        if let pinned { result.pinned = pinned }
        if let webhookID { result.webhookID = webhookID }
        if let type { result.type = type }
        if let activity { result.activity = activity }
        if let application { result.application = application }
        if let applicationID { result.applicationID = applicationID }
        if let flags { result.flags = flags }
        if let messageReference { result.messageReference = messageReference }
        if let messageSnapshots { result.messageSnapshots = messageSnapshots }
        if let referencedMessage { result.referencedMessage = referencedMessage }
        if let interactionMetadata { result.interactionMetadata = interactionMetadata }
        if let interaction { result.interaction = interaction }
        if let thread { result.thread = thread }
        if let components { result.components = components }
        if let stickerItems { result.stickerItems = stickerItems }
        if let position { result.position = position }
        if let roleSubscriptionData { result.roleSubscriptionData = roleSubscriptionData }
        if let resolved { result.resolved = resolved }
        if let poll { result.poll = poll }
        if let call { result.call = call }
        if let guildID { result.guildID = guildID }
        if let member { result.member = member }
        return result
    }
}
