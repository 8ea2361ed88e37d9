/// A dispatch event name (`t`), such as ``messageCreate`` (`"MESSAGE_CREATE"`); an open set, so names Discord
/// adds later are still representable (Discord docs: "Receive Events").
///
/// Used to pick events (``GatewayEventType/allDocumented``, the gateway's event filter) without spelling strings.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GatewayEventType: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The wire name.
    public let rawValue: String

    /// Wraps a wire name.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Wraps a string literal such as `"MESSAGE_CREATE"`.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// The wire name.
    public var description: String { rawValue }

    /// Orders by wire name.
    public static func < (lhs: GatewayEventType, rhs: GatewayEventType) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
    /// `READY`, carrying ``Ready``.
    public static let ready: GatewayEventType = "READY"
    /// `RESUMED`, carrying ``Resumed``.
    public static let resumed: GatewayEventType = "RESUMED"
    /// `RATE_LIMITED`, carrying ``RateLimited``.
    public static let rateLimited: GatewayEventType = "RATE_LIMITED"
    /// `APPLICATION_COMMAND_PERMISSIONS_UPDATE`, carrying ``GuildApplicationCommandPermissions``.
    public static let applicationCommandPermissionsUpdate: GatewayEventType = "APPLICATION_COMMAND_PERMISSIONS_UPDATE"
    /// `AUTO_MODERATION_RULE_CREATE`, carrying ``AutoModerationRule``.
    public static let autoModerationRuleCreate: GatewayEventType = "AUTO_MODERATION_RULE_CREATE"
    /// `AUTO_MODERATION_RULE_UPDATE`, carrying ``AutoModerationRule``.
    public static let autoModerationRuleUpdate: GatewayEventType = "AUTO_MODERATION_RULE_UPDATE"
    /// `AUTO_MODERATION_RULE_DELETE`, carrying ``AutoModerationRule``.
    public static let autoModerationRuleDelete: GatewayEventType = "AUTO_MODERATION_RULE_DELETE"
    /// `AUTO_MODERATION_ACTION_EXECUTION`, carrying ``AutoModerationActionExecution``.
    public static let autoModerationActionExecution: GatewayEventType = "AUTO_MODERATION_ACTION_EXECUTION"
    /// `CHANNEL_CREATE`, carrying ``Channel``.
    public static let channelCreate: GatewayEventType = "CHANNEL_CREATE"
    /// `CHANNEL_UPDATE`, carrying ``Channel``.
    public static let channelUpdate: GatewayEventType = "CHANNEL_UPDATE"
    /// `CHANNEL_DELETE`, carrying ``Channel``.
    public static let channelDelete: GatewayEventType = "CHANNEL_DELETE"
    /// `CHANNEL_PINS_UPDATE`, carrying ``ChannelPinsUpdate``.
    public static let channelPinsUpdate: GatewayEventType = "CHANNEL_PINS_UPDATE"
    /// `CHANNEL_INFO`, carrying ``ChannelInfo``.
    public static let channelInfo: GatewayEventType = "CHANNEL_INFO"
    /// `VOICE_CHANNEL_STATUS_UPDATE`, carrying ``VoiceChannelStatusUpdate``.
    public static let voiceChannelStatusUpdate: GatewayEventType = "VOICE_CHANNEL_STATUS_UPDATE"
    /// `VOICE_CHANNEL_START_TIME_UPDATE`, carrying ``VoiceChannelStartTimeUpdate``.
    public static let voiceChannelStartTimeUpdate: GatewayEventType = "VOICE_CHANNEL_START_TIME_UPDATE"
    /// `THREAD_CREATE`, carrying ``Channel``.
    public static let threadCreate: GatewayEventType = "THREAD_CREATE"
    /// `THREAD_UPDATE`, carrying ``Channel``.
    public static let threadUpdate: GatewayEventType = "THREAD_UPDATE"
    /// `THREAD_DELETE`, carrying ``Channel``.
    public static let threadDelete: GatewayEventType = "THREAD_DELETE"
    /// `THREAD_LIST_SYNC`, carrying ``ThreadListSync``.
    public static let threadListSync: GatewayEventType = "THREAD_LIST_SYNC"
    /// `THREAD_MEMBER_UPDATE`, carrying ``ThreadMember``.
    public static let threadMemberUpdate: GatewayEventType = "THREAD_MEMBER_UPDATE"
    /// `THREAD_MEMBERS_UPDATE`, carrying ``ThreadMembersUpdate``.
    public static let threadMembersUpdate: GatewayEventType = "THREAD_MEMBERS_UPDATE"
    /// `ENTITLEMENT_CREATE`, carrying ``Entitlement``.
    public static let entitlementCreate: GatewayEventType = "ENTITLEMENT_CREATE"
    /// `ENTITLEMENT_UPDATE`, carrying ``Entitlement``.
    public static let entitlementUpdate: GatewayEventType = "ENTITLEMENT_UPDATE"
    /// `ENTITLEMENT_DELETE`, carrying ``Entitlement``.
    public static let entitlementDelete: GatewayEventType = "ENTITLEMENT_DELETE"
    /// `SUBSCRIPTION_CREATE`, carrying ``Subscription``.
    public static let subscriptionCreate: GatewayEventType = "SUBSCRIPTION_CREATE"
    /// `SUBSCRIPTION_UPDATE`, carrying ``Subscription``.
    public static let subscriptionUpdate: GatewayEventType = "SUBSCRIPTION_UPDATE"
    /// `SUBSCRIPTION_DELETE`, carrying ``Subscription``.
    public static let subscriptionDelete: GatewayEventType = "SUBSCRIPTION_DELETE"
    /// `GUILD_CREATE`, carrying ``GuildCreate``.
    public static let guildCreate: GatewayEventType = "GUILD_CREATE"
    /// `GUILD_UPDATE`, carrying ``Guild``.
    public static let guildUpdate: GatewayEventType = "GUILD_UPDATE"
    /// `GUILD_DELETE`, carrying ``UnavailableGuild``.
    public static let guildDelete: GatewayEventType = "GUILD_DELETE"
    /// `GUILD_AUDIT_LOG_ENTRY_CREATE`, carrying ``AuditLogEntry``.
    public static let guildAuditLogEntryCreate: GatewayEventType = "GUILD_AUDIT_LOG_ENTRY_CREATE"
    /// `GUILD_BAN_ADD`, carrying ``GuildBan``.
    public static let guildBanAdd: GatewayEventType = "GUILD_BAN_ADD"
    /// `GUILD_BAN_REMOVE`, carrying ``GuildBan``.
    public static let guildBanRemove: GatewayEventType = "GUILD_BAN_REMOVE"
    /// `GUILD_EMOJIS_UPDATE`, carrying ``GuildEmojisUpdate``.
    public static let guildEmojisUpdate: GatewayEventType = "GUILD_EMOJIS_UPDATE"
    /// `GUILD_STICKERS_UPDATE`, carrying ``GuildStickersUpdate``.
    public static let guildStickersUpdate: GatewayEventType = "GUILD_STICKERS_UPDATE"
    /// `GUILD_INTEGRATIONS_UPDATE`, carrying ``GuildIntegrationsUpdate``.
    public static let guildIntegrationsUpdate: GatewayEventType = "GUILD_INTEGRATIONS_UPDATE"
    /// `GUILD_MEMBER_ADD`, carrying ``GuildMember``.
    public static let guildMemberAdd: GatewayEventType = "GUILD_MEMBER_ADD"
    /// `GUILD_MEMBER_REMOVE`, carrying ``GuildMemberRemove``.
    public static let guildMemberRemove: GatewayEventType = "GUILD_MEMBER_REMOVE"
    /// `GUILD_MEMBER_UPDATE`, carrying ``GuildMemberUpdate``.
    public static let guildMemberUpdate: GatewayEventType = "GUILD_MEMBER_UPDATE"
    /// `GUILD_MEMBERS_CHUNK`, carrying ``GuildMembersChunk``.
    public static let guildMembersChunk: GatewayEventType = "GUILD_MEMBERS_CHUNK"
    /// `GUILD_ROLE_CREATE`, carrying ``GuildRoleUpdate``.
    public static let guildRoleCreate: GatewayEventType = "GUILD_ROLE_CREATE"
    /// `GUILD_ROLE_UPDATE`, carrying ``GuildRoleUpdate``.
    public static let guildRoleUpdate: GatewayEventType = "GUILD_ROLE_UPDATE"
    /// `GUILD_ROLE_DELETE`, carrying ``GuildRoleDelete``.
    public static let guildRoleDelete: GatewayEventType = "GUILD_ROLE_DELETE"
    /// `GUILD_SCHEDULED_EVENT_CREATE`, carrying ``GuildScheduledEvent``.
    public static let guildScheduledEventCreate: GatewayEventType = "GUILD_SCHEDULED_EVENT_CREATE"
    /// `GUILD_SCHEDULED_EVENT_UPDATE`, carrying ``GuildScheduledEvent``.
    public static let guildScheduledEventUpdate: GatewayEventType = "GUILD_SCHEDULED_EVENT_UPDATE"
    /// `GUILD_SCHEDULED_EVENT_DELETE`, carrying ``GuildScheduledEvent``.
    public static let guildScheduledEventDelete: GatewayEventType = "GUILD_SCHEDULED_EVENT_DELETE"
    /// `GUILD_SCHEDULED_EVENT_USER_ADD`, carrying ``GuildScheduledEventUser``.
    public static let guildScheduledEventUserAdd: GatewayEventType = "GUILD_SCHEDULED_EVENT_USER_ADD"
    /// `GUILD_SCHEDULED_EVENT_USER_REMOVE`, carrying ``GuildScheduledEventUser``.
    public static let guildScheduledEventUserRemove: GatewayEventType = "GUILD_SCHEDULED_EVENT_USER_REMOVE"
    /// `GUILD_SOUNDBOARD_SOUND_CREATE`, carrying ``SoundboardSound``.
    public static let guildSoundboardSoundCreate: GatewayEventType = "GUILD_SOUNDBOARD_SOUND_CREATE"
    /// `GUILD_SOUNDBOARD_SOUND_UPDATE`, carrying ``SoundboardSound``.
    public static let guildSoundboardSoundUpdate: GatewayEventType = "GUILD_SOUNDBOARD_SOUND_UPDATE"
    /// `GUILD_SOUNDBOARD_SOUND_DELETE`, carrying ``GuildSoundboardSoundDelete``.
    public static let guildSoundboardSoundDelete: GatewayEventType = "GUILD_SOUNDBOARD_SOUND_DELETE"
    /// `GUILD_SOUNDBOARD_SOUNDS_UPDATE`, carrying ``GuildSoundboardSounds``.
    public static let guildSoundboardSoundsUpdate: GatewayEventType = "GUILD_SOUNDBOARD_SOUNDS_UPDATE"
    /// `SOUNDBOARD_SOUNDS`, carrying ``GuildSoundboardSounds``.
    public static let soundboardSounds: GatewayEventType = "SOUNDBOARD_SOUNDS"
    /// `INTEGRATION_CREATE`, carrying ``Integration``.
    public static let integrationCreate: GatewayEventType = "INTEGRATION_CREATE"
    /// `INTEGRATION_UPDATE`, carrying ``Integration``.
    public static let integrationUpdate: GatewayEventType = "INTEGRATION_UPDATE"
    /// `INTEGRATION_DELETE`, carrying ``IntegrationDelete``.
    public static let integrationDelete: GatewayEventType = "INTEGRATION_DELETE"
    /// `INTERACTION_CREATE`, carrying ``Interaction``.
    public static let interactionCreate: GatewayEventType = "INTERACTION_CREATE"
    /// `INVITE_CREATE`, carrying ``InviteCreate``.
    public static let inviteCreate: GatewayEventType = "INVITE_CREATE"
    /// `INVITE_DELETE`, carrying ``InviteDelete``.
    public static let inviteDelete: GatewayEventType = "INVITE_DELETE"
    /// `MESSAGE_CREATE`, carrying ``Message``.
    public static let messageCreate: GatewayEventType = "MESSAGE_CREATE"
    /// `MESSAGE_UPDATE`, carrying ``MessageUpdate``.
    public static let messageUpdate: GatewayEventType = "MESSAGE_UPDATE"
    /// `MESSAGE_DELETE`, carrying ``MessageDelete``.
    public static let messageDelete: GatewayEventType = "MESSAGE_DELETE"
    /// `MESSAGE_DELETE_BULK`, carrying ``MessageDeleteBulk``.
    public static let messageDeleteBulk: GatewayEventType = "MESSAGE_DELETE_BULK"
    /// `MESSAGE_REACTION_ADD`, carrying ``MessageReactionAdd``.
    public static let messageReactionAdd: GatewayEventType = "MESSAGE_REACTION_ADD"
    /// `MESSAGE_REACTION_REMOVE`, carrying ``MessageReactionRemove``.
    public static let messageReactionRemove: GatewayEventType = "MESSAGE_REACTION_REMOVE"
    /// `MESSAGE_REACTION_REMOVE_ALL`, carrying ``MessageReactionRemoveAll``.
    public static let messageReactionRemoveAll: GatewayEventType = "MESSAGE_REACTION_REMOVE_ALL"
    /// `MESSAGE_REACTION_REMOVE_EMOJI`, carrying ``MessageReactionRemoveEmoji``.
    public static let messageReactionRemoveEmoji: GatewayEventType = "MESSAGE_REACTION_REMOVE_EMOJI"
    /// `MESSAGE_POLL_VOTE_ADD`, carrying ``MessagePollVote``.
    public static let messagePollVoteAdd: GatewayEventType = "MESSAGE_POLL_VOTE_ADD"
    /// `MESSAGE_POLL_VOTE_REMOVE`, carrying ``MessagePollVote``.
    public static let messagePollVoteRemove: GatewayEventType = "MESSAGE_POLL_VOTE_REMOVE"
    /// `PRESENCE_UPDATE`, carrying ``PresenceUpdate``.
    public static let presenceUpdate: GatewayEventType = "PRESENCE_UPDATE"
    /// `TYPING_START`, carrying ``TypingStart``.
    public static let typingStart: GatewayEventType = "TYPING_START"
    /// `USER_UPDATE`, carrying ``User``.
    public static let userUpdate: GatewayEventType = "USER_UPDATE"
    /// `VOICE_CHANNEL_EFFECT_SEND`, carrying ``VoiceChannelEffectSend``.
    public static let voiceChannelEffectSend: GatewayEventType = "VOICE_CHANNEL_EFFECT_SEND"
    /// `VOICE_STATE_UPDATE`, carrying ``VoiceState``.
    public static let voiceStateUpdate: GatewayEventType = "VOICE_STATE_UPDATE"
    /// `VOICE_SERVER_UPDATE`, carrying ``VoiceServerUpdate``.
    public static let voiceServerUpdate: GatewayEventType = "VOICE_SERVER_UPDATE"
    /// `WEBHOOKS_UPDATE`, carrying ``WebhooksUpdate``.
    public static let webhooksUpdate: GatewayEventType = "WEBHOOKS_UPDATE"
    /// `STAGE_INSTANCE_CREATE`, carrying ``StageInstance``.
    public static let stageInstanceCreate: GatewayEventType = "STAGE_INSTANCE_CREATE"
    /// `STAGE_INSTANCE_UPDATE`, carrying ``StageInstance``.
    public static let stageInstanceUpdate: GatewayEventType = "STAGE_INSTANCE_UPDATE"
    /// `STAGE_INSTANCE_DELETE`, carrying ``StageInstance``.
    public static let stageInstanceDelete: GatewayEventType = "STAGE_INSTANCE_DELETE"

    /// Every event documented in API v10, each with a ``DispatchEvent`` case.
    public static let allDocumented: [GatewayEventType] = [
        .ready, .resumed, .rateLimited,
        .applicationCommandPermissionsUpdate, .autoModerationRuleCreate, .autoModerationRuleUpdate,
        .autoModerationRuleDelete, .autoModerationActionExecution, .channelCreate,
        .channelUpdate, .channelDelete, .channelPinsUpdate,
        .channelInfo, .voiceChannelStatusUpdate, .voiceChannelStartTimeUpdate,
        .threadCreate, .threadUpdate, .threadDelete,
        .threadListSync, .threadMemberUpdate, .threadMembersUpdate,
        .entitlementCreate, .entitlementUpdate, .entitlementDelete,
        .subscriptionCreate, .subscriptionUpdate, .subscriptionDelete,
        .guildCreate, .guildUpdate, .guildDelete,
        .guildAuditLogEntryCreate, .guildBanAdd, .guildBanRemove,
        .guildEmojisUpdate, .guildStickersUpdate, .guildIntegrationsUpdate,
        .guildMemberAdd, .guildMemberRemove, .guildMemberUpdate,
        .guildMembersChunk, .guildRoleCreate, .guildRoleUpdate,
        .guildRoleDelete, .guildScheduledEventCreate, .guildScheduledEventUpdate,
        .guildScheduledEventDelete, .guildScheduledEventUserAdd, .guildScheduledEventUserRemove,
        .guildSoundboardSoundCreate, .guildSoundboardSoundUpdate, .guildSoundboardSoundDelete,
        .guildSoundboardSoundsUpdate, .soundboardSounds, .integrationCreate,
        .integrationUpdate, .integrationDelete, .interactionCreate,
        .inviteCreate, .inviteDelete, .messageCreate,
        .messageUpdate, .messageDelete, .messageDeleteBulk,
        .messageReactionAdd, .messageReactionRemove, .messageReactionRemoveAll,
        .messageReactionRemoveEmoji, .messagePollVoteAdd, .messagePollVoteRemove,
        .presenceUpdate, .typingStart, .userUpdate,
        .voiceChannelEffectSend, .voiceStateUpdate, .voiceServerUpdate,
        .webhooksUpdate, .stageInstanceCreate, .stageInstanceUpdate,
        .stageInstanceDelete,
    ]
}
