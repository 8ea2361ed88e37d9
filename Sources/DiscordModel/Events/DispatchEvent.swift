/// A decoded dispatch event: one case per documented event name, plus ``unknown(name:payload:)`` for names this
/// version does not know (Discord docs: "Receive Events").
///
/// Made by ``decode(name:payload:)`` from a whole payload's JSON, only when asked: a shard hands out raw
/// dispatches, and decoding is the user's choice (see `GatewayEvent.decoded()` in `DiscordGateway`).
///
/// **Threading:** an immutable value; `Sendable`.
public enum DispatchEvent: Hashable, Sendable {
    /// `READY`.
    case ready(Ready)
    /// `RESUMED`.
    case resumed(Resumed)
    /// `RATE_LIMITED`.
    case rateLimited(RateLimited)
    /// `APPLICATION_COMMAND_PERMISSIONS_UPDATE`.
    case applicationCommandPermissionsUpdate(GuildApplicationCommandPermissions)
    /// `AUTO_MODERATION_RULE_CREATE`.
    case autoModerationRuleCreate(AutoModerationRule)
    /// `AUTO_MODERATION_RULE_UPDATE`.
    case autoModerationRuleUpdate(AutoModerationRule)
    /// `AUTO_MODERATION_RULE_DELETE`.
    case autoModerationRuleDelete(AutoModerationRule)
    /// `AUTO_MODERATION_ACTION_EXECUTION`.
    case autoModerationActionExecution(AutoModerationActionExecution)
    /// `CHANNEL_CREATE`.
    case channelCreate(Channel)
    /// `CHANNEL_UPDATE`.
    case channelUpdate(Channel)
    /// `CHANNEL_DELETE`.
    case channelDelete(Channel)
    /// `CHANNEL_PINS_UPDATE`.
    case channelPinsUpdate(ChannelPinsUpdate)
    /// `CHANNEL_INFO`.
    case channelInfo(ChannelInfo)
    /// `VOICE_CHANNEL_STATUS_UPDATE`.
    case voiceChannelStatusUpdate(VoiceChannelStatusUpdate)
    /// `VOICE_CHANNEL_START_TIME_UPDATE`.
    case voiceChannelStartTimeUpdate(VoiceChannelStartTimeUpdate)
    /// `THREAD_CREATE`.
    case threadCreate(Channel)
    /// `THREAD_UPDATE`.
    case threadUpdate(Channel)
    /// `THREAD_DELETE`.
    case threadDelete(Channel)
    /// `THREAD_LIST_SYNC`.
    case threadListSync(ThreadListSync)
    /// `THREAD_MEMBER_UPDATE`.
    case threadMemberUpdate(ThreadMember)
    /// `THREAD_MEMBERS_UPDATE`.
    case threadMembersUpdate(ThreadMembersUpdate)
    /// `ENTITLEMENT_CREATE`.
    case entitlementCreate(Entitlement)
    /// `ENTITLEMENT_UPDATE`.
    case entitlementUpdate(Entitlement)
    /// `ENTITLEMENT_DELETE`.
    case entitlementDelete(Entitlement)
    /// `SUBSCRIPTION_CREATE`.
    case subscriptionCreate(Subscription)
    /// `SUBSCRIPTION_UPDATE`.
    case subscriptionUpdate(Subscription)
    /// `SUBSCRIPTION_DELETE`.
    case subscriptionDelete(Subscription)
    /// `GUILD_CREATE`.
    case guildCreate(GuildCreate)
    /// `GUILD_UPDATE`.
    case guildUpdate(Guild)
    /// `GUILD_DELETE`.
    case guildDelete(UnavailableGuild)
    /// `GUILD_AUDIT_LOG_ENTRY_CREATE`.
    case guildAuditLogEntryCreate(AuditLogEntry)
    /// `GUILD_BAN_ADD`.
    case guildBanAdd(GuildBan)
    /// `GUILD_BAN_REMOVE`.
    case guildBanRemove(GuildBan)
    /// `GUILD_EMOJIS_UPDATE`.
    case guildEmojisUpdate(GuildEmojisUpdate)
    /// `GUILD_STICKERS_UPDATE`.
    case guildStickersUpdate(GuildStickersUpdate)
    /// `GUILD_INTEGRATIONS_UPDATE`.
    case guildIntegrationsUpdate(GuildIntegrationsUpdate)
    /// `GUILD_MEMBER_ADD`.
    case guildMemberAdd(GuildMember)
    /// `GUILD_MEMBER_REMOVE`.
    case guildMemberRemove(GuildMemberRemove)
    /// `GUILD_MEMBER_UPDATE`.
    case guildMemberUpdate(GuildMemberUpdate)
    /// `GUILD_MEMBERS_CHUNK`.
    case guildMembersChunk(GuildMembersChunk)
    /// `GUILD_ROLE_CREATE`.
    case guildRoleCreate(GuildRoleUpdate)
    /// `GUILD_ROLE_UPDATE`.
    case guildRoleUpdate(GuildRoleUpdate)
    /// `GUILD_ROLE_DELETE`.
    case guildRoleDelete(GuildRoleDelete)
    /// `GUILD_SCHEDULED_EVENT_CREATE`.
    case guildScheduledEventCreate(GuildScheduledEvent)
    /// `GUILD_SCHEDULED_EVENT_UPDATE`.
    case guildScheduledEventUpdate(GuildScheduledEvent)
    /// `GUILD_SCHEDULED_EVENT_DELETE`.
    case guildScheduledEventDelete(GuildScheduledEvent)
    /// `GUILD_SCHEDULED_EVENT_USER_ADD`.
    case guildScheduledEventUserAdd(GuildScheduledEventUser)
    /// `GUILD_SCHEDULED_EVENT_USER_REMOVE`.
    case guildScheduledEventUserRemove(GuildScheduledEventUser)
    /// `GUILD_SOUNDBOARD_SOUND_CREATE`.
    case guildSoundboardSoundCreate(SoundboardSound)
    /// `GUILD_SOUNDBOARD_SOUND_UPDATE`.
    case guildSoundboardSoundUpdate(SoundboardSound)
    /// `GUILD_SOUNDBOARD_SOUND_DELETE`.
    case guildSoundboardSoundDelete(GuildSoundboardSoundDelete)
    /// `GUILD_SOUNDBOARD_SOUNDS_UPDATE`.
    case guildSoundboardSoundsUpdate(GuildSoundboardSounds)
    /// `SOUNDBOARD_SOUNDS`.
    case soundboardSounds(GuildSoundboardSounds)
    /// `INTEGRATION_CREATE`.
    case integrationCreate(Integration)
    /// `INTEGRATION_UPDATE`.
    case integrationUpdate(Integration)
    /// `INTEGRATION_DELETE`.
    case integrationDelete(IntegrationDelete)
    /// `INTERACTION_CREATE`.
    case interactionCreate(Interaction)
    /// `INVITE_CREATE`.
    case inviteCreate(InviteCreate)
    /// `INVITE_DELETE`.
    case inviteDelete(InviteDelete)
    /// `MESSAGE_CREATE`.
    case messageCreate(Message)
    /// `MESSAGE_UPDATE`.
    case messageUpdate(MessageUpdate)
    /// `MESSAGE_DELETE`.
    case messageDelete(MessageDelete)
    /// `MESSAGE_DELETE_BULK`.
    case messageDeleteBulk(MessageDeleteBulk)
    /// `MESSAGE_REACTION_ADD`.
    case messageReactionAdd(MessageReactionAdd)
    /// `MESSAGE_REACTION_REMOVE`.
    case messageReactionRemove(MessageReactionRemove)
    /// `MESSAGE_REACTION_REMOVE_ALL`.
    case messageReactionRemoveAll(MessageReactionRemoveAll)
    /// `MESSAGE_REACTION_REMOVE_EMOJI`.
    case messageReactionRemoveEmoji(MessageReactionRemoveEmoji)
    /// `MESSAGE_POLL_VOTE_ADD`.
    case messagePollVoteAdd(MessagePollVote)
    /// `MESSAGE_POLL_VOTE_REMOVE`.
    case messagePollVoteRemove(MessagePollVote)
    /// `PRESENCE_UPDATE`.
    case presenceUpdate(PresenceUpdate)
    /// `TYPING_START`.
    case typingStart(TypingStart)
    /// `USER_UPDATE`.
    case userUpdate(User)
    /// `VOICE_CHANNEL_EFFECT_SEND`.
    case voiceChannelEffectSend(VoiceChannelEffectSend)
    /// `VOICE_STATE_UPDATE`.
    case voiceStateUpdate(VoiceState)
    /// `VOICE_SERVER_UPDATE`.
    case voiceServerUpdate(VoiceServerUpdate)
    /// `WEBHOOKS_UPDATE`.
    case webhooksUpdate(WebhooksUpdate)
    /// `STAGE_INSTANCE_CREATE`.
    case stageInstanceCreate(StageInstance)
    /// `STAGE_INSTANCE_UPDATE`.
    case stageInstanceUpdate(StageInstance)
    /// `STAGE_INSTANCE_DELETE`.
    case stageInstanceDelete(StageInstance)
    /// A dispatch this version has no model for: its name and the whole payload's JSON, untouched.
    case unknown(name: String, payload: [UInt8])

    /// The event's type (wire name).
    public var type: GatewayEventType {
        switch self {
        case .ready: .ready
        case .resumed: .resumed
        case .rateLimited: .rateLimited
        case .applicationCommandPermissionsUpdate: .applicationCommandPermissionsUpdate
        case .autoModerationRuleCreate: .autoModerationRuleCreate
        case .autoModerationRuleUpdate: .autoModerationRuleUpdate
        case .autoModerationRuleDelete: .autoModerationRuleDelete
        case .autoModerationActionExecution: .autoModerationActionExecution
        case .channelCreate: .channelCreate
        case .channelUpdate: .channelUpdate
        case .channelDelete: .channelDelete
        case .channelPinsUpdate: .channelPinsUpdate
        case .channelInfo: .channelInfo
        case .voiceChannelStatusUpdate: .voiceChannelStatusUpdate
        case .voiceChannelStartTimeUpdate: .voiceChannelStartTimeUpdate
        case .threadCreate: .threadCreate
        case .threadUpdate: .threadUpdate
        case .threadDelete: .threadDelete
        case .threadListSync: .threadListSync
        case .threadMemberUpdate: .threadMemberUpdate
        case .threadMembersUpdate: .threadMembersUpdate
        case .entitlementCreate: .entitlementCreate
        case .entitlementUpdate: .entitlementUpdate
        case .entitlementDelete: .entitlementDelete
        case .subscriptionCreate: .subscriptionCreate
        case .subscriptionUpdate: .subscriptionUpdate
        case .subscriptionDelete: .subscriptionDelete
        case .guildCreate: .guildCreate
        case .guildUpdate: .guildUpdate
        case .guildDelete: .guildDelete
        case .guildAuditLogEntryCreate: .guildAuditLogEntryCreate
        case .guildBanAdd: .guildBanAdd
        case .guildBanRemove: .guildBanRemove
        case .guildEmojisUpdate: .guildEmojisUpdate
        case .guildStickersUpdate: .guildStickersUpdate
        case .guildIntegrationsUpdate: .guildIntegrationsUpdate
        case .guildMemberAdd: .guildMemberAdd
        case .guildMemberRemove: .guildMemberRemove
        case .guildMemberUpdate: .guildMemberUpdate
        case .guildMembersChunk: .guildMembersChunk
        case .guildRoleCreate: .guildRoleCreate
        case .guildRoleUpdate: .guildRoleUpdate
        case .guildRoleDelete: .guildRoleDelete
        case .guildScheduledEventCreate: .guildScheduledEventCreate
        case .guildScheduledEventUpdate: .guildScheduledEventUpdate
        case .guildScheduledEventDelete: .guildScheduledEventDelete
        case .guildScheduledEventUserAdd: .guildScheduledEventUserAdd
        case .guildScheduledEventUserRemove: .guildScheduledEventUserRemove
        case .guildSoundboardSoundCreate: .guildSoundboardSoundCreate
        case .guildSoundboardSoundUpdate: .guildSoundboardSoundUpdate
        case .guildSoundboardSoundDelete: .guildSoundboardSoundDelete
        case .guildSoundboardSoundsUpdate: .guildSoundboardSoundsUpdate
        case .soundboardSounds: .soundboardSounds
        case .integrationCreate: .integrationCreate
        case .integrationUpdate: .integrationUpdate
        case .integrationDelete: .integrationDelete
        case .interactionCreate: .interactionCreate
        case .inviteCreate: .inviteCreate
        case .inviteDelete: .inviteDelete
        case .messageCreate: .messageCreate
        case .messageUpdate: .messageUpdate
        case .messageDelete: .messageDelete
        case .messageDeleteBulk: .messageDeleteBulk
        case .messageReactionAdd: .messageReactionAdd
        case .messageReactionRemove: .messageReactionRemove
        case .messageReactionRemoveAll: .messageReactionRemoveAll
        case .messageReactionRemoveEmoji: .messageReactionRemoveEmoji
        case .messagePollVoteAdd: .messagePollVoteAdd
        case .messagePollVoteRemove: .messagePollVoteRemove
        case .presenceUpdate: .presenceUpdate
        case .typingStart: .typingStart
        case .userUpdate: .userUpdate
        case .voiceChannelEffectSend: .voiceChannelEffectSend
        case .voiceStateUpdate: .voiceStateUpdate
        case .voiceServerUpdate: .voiceServerUpdate
        case .webhooksUpdate: .webhooksUpdate
        case .stageInstanceCreate: .stageInstanceCreate
        case .stageInstanceUpdate: .stageInstanceUpdate
        case .stageInstanceDelete: .stageInstanceDelete
        case .unknown(let name, _): GatewayEventType(rawValue: name)
        }
    }

    /// Decodes the `d` of a dispatch payload by its event name.
    ///
    /// - Parameters:
    ///   - name: the payload's `t`.
    ///   - payload: the whole payload's UTF-8 JSON (`{"t":…,"s":…,"op":0,"d":{…}}`).
    /// - Returns: the typed event, or ``unknown(name:payload:)`` for an unknown name.
    /// - Throws: ``EventDecodingError`` with the event name, the coding path and the payload when `d` does not
    ///   match the documented shape.
    public static func decode(name: String, payload: [UInt8]) throws(EventDecodingError) -> DispatchEvent {
        try decode(name: name, payload: payload, backend: .gateway)
    }

    /// ``decode(name:payload:)`` with a chosen JSON decoder, to compare the two.
    package static func decode(
        name: String, payload: [UInt8], backend: PayloadJSONBackend
    ) throws(EventDecodingError)
        -> DispatchEvent
    {
        let decoder = PayloadDataDecoder(name: name, payload: payload, backend: backend)
        switch name {
        case "READY": return .ready(try decoder.decode())
        case "RESUMED": return .resumed(try decoder.decode())
        case "RATE_LIMITED": return .rateLimited(try decoder.decode())
        case "APPLICATION_COMMAND_PERMISSIONS_UPDATE": return .applicationCommandPermissionsUpdate(try decoder.decode())
        case "AUTO_MODERATION_RULE_CREATE": return .autoModerationRuleCreate(try decoder.decode())
        case "AUTO_MODERATION_RULE_UPDATE": return .autoModerationRuleUpdate(try decoder.decode())
        case "AUTO_MODERATION_RULE_DELETE": return .autoModerationRuleDelete(try decoder.decode())
        case "AUTO_MODERATION_ACTION_EXECUTION": return .autoModerationActionExecution(try decoder.decode())
        case "CHANNEL_CREATE": return .channelCreate(try decoder.decode())
        case "CHANNEL_UPDATE": return .channelUpdate(try decoder.decode())
        case "CHANNEL_DELETE": return .channelDelete(try decoder.decode())
        case "CHANNEL_PINS_UPDATE": return .channelPinsUpdate(try decoder.decode())
        case "CHANNEL_INFO": return .channelInfo(try decoder.decode())
        case "VOICE_CHANNEL_STATUS_UPDATE": return .voiceChannelStatusUpdate(try decoder.decode())
        case "VOICE_CHANNEL_START_TIME_UPDATE": return .voiceChannelStartTimeUpdate(try decoder.decode())
        case "THREAD_CREATE": return .threadCreate(try decoder.decode())
        case "THREAD_UPDATE": return .threadUpdate(try decoder.decode())
        case "THREAD_DELETE": return .threadDelete(try decoder.decode())
        case "THREAD_LIST_SYNC": return .threadListSync(try decoder.decode())
        case "THREAD_MEMBER_UPDATE": return .threadMemberUpdate(try decoder.decode())
        case "THREAD_MEMBERS_UPDATE": return .threadMembersUpdate(try decoder.decode())
        case "ENTITLEMENT_CREATE": return .entitlementCreate(try decoder.decode())
        case "ENTITLEMENT_UPDATE": return .entitlementUpdate(try decoder.decode())
        case "ENTITLEMENT_DELETE": return .entitlementDelete(try decoder.decode())
        case "SUBSCRIPTION_CREATE": return .subscriptionCreate(try decoder.decode())
        case "SUBSCRIPTION_UPDATE": return .subscriptionUpdate(try decoder.decode())
        case "SUBSCRIPTION_DELETE": return .subscriptionDelete(try decoder.decode())
        case "GUILD_CREATE": return .guildCreate(try decoder.decode())
        case "GUILD_UPDATE": return .guildUpdate(try decoder.decode())
        case "GUILD_DELETE": return .guildDelete(try decoder.decode())
        case "GUILD_AUDIT_LOG_ENTRY_CREATE": return .guildAuditLogEntryCreate(try decoder.decode())
        case "GUILD_BAN_ADD": return .guildBanAdd(try decoder.decode())
        case "GUILD_BAN_REMOVE": return .guildBanRemove(try decoder.decode())
        case "GUILD_EMOJIS_UPDATE": return .guildEmojisUpdate(try decoder.decode())
        case "GUILD_STICKERS_UPDATE": return .guildStickersUpdate(try decoder.decode())
        case "GUILD_INTEGRATIONS_UPDATE": return .guildIntegrationsUpdate(try decoder.decode())
        case "GUILD_MEMBER_ADD": return .guildMemberAdd(try decoder.decode())
        case "GUILD_MEMBER_REMOVE": return .guildMemberRemove(try decoder.decode())
        case "GUILD_MEMBER_UPDATE": return .guildMemberUpdate(try decoder.decode())
        case "GUILD_MEMBERS_CHUNK": return .guildMembersChunk(try decoder.decode())
        case "GUILD_ROLE_CREATE": return .guildRoleCreate(try decoder.decode())
        case "GUILD_ROLE_UPDATE": return .guildRoleUpdate(try decoder.decode())
        case "GUILD_ROLE_DELETE": return .guildRoleDelete(try decoder.decode())
        case "GUILD_SCHEDULED_EVENT_CREATE": return .guildScheduledEventCreate(try decoder.decode())
        case "GUILD_SCHEDULED_EVENT_UPDATE": return .guildScheduledEventUpdate(try decoder.decode())
        case "GUILD_SCHEDULED_EVENT_DELETE": return .guildScheduledEventDelete(try decoder.decode())
        case "GUILD_SCHEDULED_EVENT_USER_ADD": return .guildScheduledEventUserAdd(try decoder.decode())
        case "GUILD_SCHEDULED_EVENT_USER_REMOVE": return .guildScheduledEventUserRemove(try decoder.decode())
        case "GUILD_SOUNDBOARD_SOUND_CREATE": return .guildSoundboardSoundCreate(try decoder.decode())
        case "GUILD_SOUNDBOARD_SOUND_UPDATE": return .guildSoundboardSoundUpdate(try decoder.decode())
        case "GUILD_SOUNDBOARD_SOUND_DELETE": return .guildSoundboardSoundDelete(try decoder.decode())
        case "GUILD_SOUNDBOARD_SOUNDS_UPDATE": return .guildSoundboardSoundsUpdate(try decoder.decode())
        case "SOUNDBOARD_SOUNDS": return .soundboardSounds(try decoder.decode())
        case "INTEGRATION_CREATE": return .integrationCreate(try decoder.decode())
        case "INTEGRATION_UPDATE": return .integrationUpdate(try decoder.decode())
        case "INTEGRATION_DELETE": return .integrationDelete(try decoder.decode())
        case "INTERACTION_CREATE": return .interactionCreate(try decoder.decode())
        case "INVITE_CREATE": return .inviteCreate(try decoder.decode())
        case "INVITE_DELETE": return .inviteDelete(try decoder.decode())
        case "MESSAGE_CREATE": return .messageCreate(try decoder.decode())
        case "MESSAGE_UPDATE": return .messageUpdate(try decoder.decode())
        case "MESSAGE_DELETE": return .messageDelete(try decoder.decode())
        case "MESSAGE_DELETE_BULK": return .messageDeleteBulk(try decoder.decode())
        case "MESSAGE_REACTION_ADD": return .messageReactionAdd(try decoder.decode())
        case "MESSAGE_REACTION_REMOVE": return .messageReactionRemove(try decoder.decode())
        case "MESSAGE_REACTION_REMOVE_ALL": return .messageReactionRemoveAll(try decoder.decode())
        case "MESSAGE_REACTION_REMOVE_EMOJI": return .messageReactionRemoveEmoji(try decoder.decode())
        case "MESSAGE_POLL_VOTE_ADD": return .messagePollVoteAdd(try decoder.decode())
        case "MESSAGE_POLL_VOTE_REMOVE": return .messagePollVoteRemove(try decoder.decode())
        case "PRESENCE_UPDATE": return .presenceUpdate(try decoder.decode())
        case "TYPING_START": return .typingStart(try decoder.decode())
        case "USER_UPDATE": return .userUpdate(try decoder.decode())
        case "VOICE_CHANNEL_EFFECT_SEND": return .voiceChannelEffectSend(try decoder.decode())
        case "VOICE_STATE_UPDATE": return .voiceStateUpdate(try decoder.decode())
        case "VOICE_SERVER_UPDATE": return .voiceServerUpdate(try decoder.decode())
        case "WEBHOOKS_UPDATE": return .webhooksUpdate(try decoder.decode())
        case "STAGE_INSTANCE_CREATE": return .stageInstanceCreate(try decoder.decode())
        case "STAGE_INSTANCE_UPDATE": return .stageInstanceUpdate(try decoder.decode())
        case "STAGE_INSTANCE_DELETE": return .stageInstanceDelete(try decoder.decode())
        default: return .unknown(name: name, payload: payload)
        }
    }
}
