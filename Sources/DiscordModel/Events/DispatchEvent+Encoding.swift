import Foundation

extension DispatchEvent {
    /// The event's data (`d`) as its model, for encoding (for example by a test gateway); `nil` for
    /// ``unknown(name:payload:)``.
    public var data: (any Encodable & Sendable)? {
        switch self {
        case .ready(let data): data
        case .resumed(let data): data
        case .rateLimited(let data): data
        case .applicationCommandPermissionsUpdate(let data): data
        case .autoModerationRuleCreate(let data): data
        case .autoModerationRuleUpdate(let data): data
        case .autoModerationRuleDelete(let data): data
        case .autoModerationActionExecution(let data): data
        case .channelCreate(let data): data
        case .channelUpdate(let data): data
        case .channelDelete(let data): data
        case .channelPinsUpdate(let data): data
        case .channelInfo(let data): data
        case .voiceChannelStatusUpdate(let data): data
        case .voiceChannelStartTimeUpdate(let data): data
        case .threadCreate(let data): data
        case .threadUpdate(let data): data
        case .threadDelete(let data): data
        case .threadListSync(let data): data
        case .threadMemberUpdate(let data): data
        case .threadMembersUpdate(let data): data
        case .entitlementCreate(let data): data
        case .entitlementUpdate(let data): data
        case .entitlementDelete(let data): data
        case .subscriptionCreate(let data): data
        case .subscriptionUpdate(let data): data
        case .subscriptionDelete(let data): data
        case .guildCreate(let data): data
        case .guildUpdate(let data): data
        case .guildDelete(let data): data
        case .guildAuditLogEntryCreate(let data): data
        case .guildBanAdd(let data): data
        case .guildBanRemove(let data): data
        case .guildEmojisUpdate(let data): data
        case .guildStickersUpdate(let data): data
        case .guildIntegrationsUpdate(let data): data
        case .guildMemberAdd(let data): data
        case .guildMemberRemove(let data): data
        case .guildMemberUpdate(let data): data
        case .guildMembersChunk(let data): data
        case .guildRoleCreate(let data): data
        case .guildRoleUpdate(let data): data
        case .guildRoleDelete(let data): data
        case .guildScheduledEventCreate(let data): data
        case .guildScheduledEventUpdate(let data): data
        case .guildScheduledEventDelete(let data): data
        case .guildScheduledEventUserAdd(let data): data
        case .guildScheduledEventUserRemove(let data): data
        case .guildSoundboardSoundCreate(let data): data
        case .guildSoundboardSoundUpdate(let data): data
        case .guildSoundboardSoundDelete(let data): data
        case .guildSoundboardSoundsUpdate(let data): data
        case .soundboardSounds(let data): data
        case .integrationCreate(let data): data
        case .integrationUpdate(let data): data
        case .integrationDelete(let data): data
        case .interactionCreate(let data): data
        case .inviteCreate(let data): data
        case .inviteDelete(let data): data
        case .messageCreate(let data): data
        case .messageUpdate(let data): data
        case .messageDelete(let data): data
        case .messageDeleteBulk(let data): data
        case .messageReactionAdd(let data): data
        case .messageReactionRemove(let data): data
        case .messageReactionRemoveAll(let data): data
        case .messageReactionRemoveEmoji(let data): data
        case .messagePollVoteAdd(let data): data
        case .messagePollVoteRemove(let data): data
        case .presenceUpdate(let data): data
        case .typingStart(let data): data
        case .userUpdate(let data): data
        case .voiceChannelEffectSend(let data): data
        case .voiceStateUpdate(let data): data
        case .voiceServerUpdate(let data): data
        case .webhooksUpdate(let data): data
        case .stageInstanceCreate(let data): data
        case .stageInstanceUpdate(let data): data
        case .stageInstanceDelete(let data): data
        case .unknown: nil
        }
    }

    /// The whole payload's JSON for this event with sequence `sequence`: `{"t":…,"s":…,"op":0,"d":…}`.
    ///
    /// - Throws: `EncodingError` if a model cannot be encoded; ``unknown(name:payload:)`` returns its payload as is.
    public func payload(sequence: Int) throws -> [UInt8] {
        guard let data else {
            if case .unknown(_, let payload) = self { return payload }
            return []
        }
        let encoded = try JSONEncoder().encode(data)
        let head = #"{"t":"\#(type.rawValue)","s":\#(sequence),"op":0,"d":"#
        return Array(head.utf8) + Array(encoded) + [UInt8(ascii: "}")]
    }
}
