import DiscordModel
import Foundation
import Testing

/// Connection, auto moderation, channel and thread extras, entitlements, subscriptions, audit log, integration,
/// invite, voice and webhook events.
@Suite struct OtherEventTests {
    /// The guild every fixture belongs to.
    let guild: Snowflake = 1_181_352_296_469_213_214

    /// Decodes `json` as `T`.
    func decode<T: Decodable>(_ json: String, as type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    /// Encodes `value` and decodes it again.
    func roundTrip<T: Codable>(_ value: T) throws -> T {
        try JSONDecoder().decode(T.self, from: try JSONEncoder().encode(value))
    }

    @Test func resumedIgnoresTheTraceAndDecodesFromAnyJSON() throws {
        let resumed = try EventFixtures.data("RESUMED", as: Resumed.self)
        #expect(resumed == Resumed())
        for json in ["null", "{}", "[]", #"{"_trace":"x"}"#] {
            #expect(try decode(json, as: Resumed.self) == Resumed(), "\(json)")
        }
        #expect(String(decoding: try JSONEncoder().encode(resumed), as: UTF8.self) == "{}")
    }

    @Test func rateLimitedReadsGuildAndNonceFromMeta() throws {
        let limited = try EventFixtures.data("RATE_LIMITED", as: RateLimited.self)
        #expect(limited.opcode == 8)
        #expect(limited.retryAfter == 12.513)
        #expect(limited.guildID == guild)
        #expect(limited.nonce == "members-7f3a")
        let numeric = try decode(#"{"opcode":8,"retry_after":1,"meta":{"guild_id":42}}"#, as: RateLimited.self)
        #expect(numeric.guildID == 42 && numeric.nonce == nil && numeric.retryAfter == 1)
        let other = try decode(
            #"{"opcode":3,"retry_after":0.5,"meta":{"guild_id":"x1","nonce":7}}"#, as: RateLimited.self)
        #expect(other.guildID == nil && other.nonce == nil)
        #expect(try roundTrip(limited) == limited)
    }

    @Test func applicationCommandPermissionsUpdateKeepsEveryTarget() throws {
        let update = try EventFixtures.data(
            "APPLICATION_COMMAND_PERMISSIONS_UPDATE", as: GuildApplicationCommandPermissions.self)
        #expect(update.id == 1_183_027_144_380_461_066)
        #expect(update.applicationID == 1_156_278_939_367_317_515)
        #expect(update.guildID == guild)
        #expect(update.permissions.map(\.type) == [.role, .role, .user, .channel, .init(rawValue: 4)])
        #expect(update.permissions[0].id == guild && !update.permissions[0].permission)
        #expect(update.permissions[3].id.rawValue == guild.rawValue - 1)
        #expect(update.permissions[2].permission)
        #expect(try roundTrip(update) == update)
    }

    @Test func autoModerationRulesDecodeTheMetadataOfEachTriggerType() throws {
        let keyword = try EventFixtures.data("AUTO_MODERATION_RULE_CREATE", as: AutoModerationRule.self)
        #expect(keyword.id == 1_183_040_301_396_660_295 && keyword.guildID == guild)
        #expect(keyword.name == "Keyword Filter 1" && keyword.creatorID == 80_351_110_224_678_912)
        #expect(keyword.eventType == .messageSend && keyword.triggerType == .keyword && keyword.enabled)
        #expect(keyword.triggerMetadata.keywordFilter == ["cat*", "*dog", "*ana*", "i like c++"])
        #expect(keyword.triggerMetadata.regexPatterns?.count == 2)
        #expect(keyword.triggerMetadata.allowList == ["catapult", "catch*"])
        #expect(keyword.triggerMetadata.presets == nil && keyword.triggerMetadata.mentionTotalLimit == nil)
        #expect(keyword.actions.map(\.type) == [.blockMessage, .sendAlertMessage, .timeout])
        #expect(keyword.actions[0].metadata?.customMessage?.hasPrefix("Please keep") == true)
        #expect(keyword.actions[1].metadata?.channelID == 1_181_352_297_014_462_547)
        #expect(keyword.actions[2].metadata?.durationSeconds == 60)
        #expect(keyword.exemptRoles.count == 2 && keyword.exemptChannels == [1_181_352_297_014_462_545])

        let mentions = try EventFixtures.data("AUTO_MODERATION_RULE_UPDATE", as: AutoModerationRule.self)
        #expect(mentions.triggerType == .mentionSpam)
        #expect(mentions.triggerMetadata.mentionTotalLimit == 5)
        #expect(mentions.triggerMetadata.mentionRaidProtectionEnabled == true)
        #expect(mentions.actions[0].metadata != nil && mentions.actions[0].metadata?.channelID == nil)
        #expect(mentions.actions[1].type == .blockMemberInteraction && mentions.actions[1].metadata == nil)
        #expect(mentions.exemptRoles.isEmpty)

        let presets = try EventFixtures.data("AUTO_MODERATION_RULE_DELETE", as: AutoModerationRule.self)
        #expect(presets.triggerType == .keywordPreset && !presets.enabled)
        #expect(presets.triggerMetadata.presets == [.profanity, .slurs, .init(rawValue: 9)])
        #expect(presets.triggerMetadata.allowList == [])
        #expect(try roundTrip(keyword) == keyword)
        #expect(try roundTrip(presets) == presets)
    }

    @Test func autoModerationActionExecutionNamesRuleUserAndMatch() throws {
        let execution = try EventFixtures.data(
            "AUTO_MODERATION_ACTION_EXECUTION", as: AutoModerationActionExecution.self)
        #expect(execution.guildID == guild)
        #expect(execution.action.type == .sendAlertMessage)
        #expect(execution.action.metadata?.channelID == 1_181_352_297_014_462_547)
        #expect(execution.ruleID == 1_183_040_301_396_660_295 && execution.ruleTriggerType == .keyword)
        #expect(execution.userID == 438_733_159_748_599_813 && execution.channelID == 1_181_352_297_014_462_545)
        #expect(execution.messageID == 1_183_045_233_201_459_251)
        #expect(execution.alertSystemMessageID == 1_183_045_233_889_325_127)
        #expect(execution.content == "my cat is the best")
        #expect(execution.matchedKeyword == "cat*" && execution.matchedContent == "cat")
        #expect(try roundTrip(execution) == execution)
    }

    @Test func channelPinsUpdateKeepsSetClearedAndAbsentApart() throws {
        let set = try EventFixtures.data("CHANNEL_PINS_UPDATE", as: ChannelPinsUpdate.self)
        #expect(set.guildID == guild && set.channelID == 1_181_352_297_014_462_545)
        #expect(set.lastPinTimestamp?.value == DiscordTimestamp(iso8601: "2024-01-12T17:24:31.817Z"))
        let cleared = try EventFixtures.data("CHANNEL_PINS_UPDATE.cleared", as: ChannelPinsUpdate.self)
        #expect(cleared.lastPinTimestamp == .null)
        let dm = try EventFixtures.data("CHANNEL_PINS_UPDATE.dm", as: ChannelPinsUpdate.self)
        #expect(dm.guildID == nil && dm.lastPinTimestamp == nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(
            String(decoding: try encoder.encode(cleared), as: UTF8.self)
                == #"{"channel_id":"1181352297014462545","guild_id":"1181352296469213214","last_pin_timestamp":null}"#)
        #expect(String(decoding: try encoder.encode(dm), as: UTF8.self) == #"{"channel_id":"1190327452357197825"}"#)
        for update in [set, cleared, dm] { #expect(try roundTrip(update) == update) }
    }

    @Test func channelInfoAndVoiceChannelUpdatesCarryStatusAndUnixStartTime() throws {
        let info = try EventFixtures.data("CHANNEL_INFO", as: ChannelInfo.self)
        #expect(info.guildID == guild && info.channels.count == 3)
        #expect(info.channels[0].id == 1_181_352_297_014_462_546)
        #expect(info.channels[0].status == "Raid night 🐉" && info.channels[0].voiceStartTime == 1_735_689_600)
        #expect(info.channels[1].status == nil && info.channels[1].voiceStartTime == nil)
        #expect(info.channels[2].id == 1_181_352_297_014_462_549)
        #expect(try roundTrip(info) == info)

        let status = try EventFixtures.data("VOICE_CHANNEL_STATUS_UPDATE", as: VoiceChannelStatusUpdate.self)
        #expect(status.id == 1_181_352_297_014_462_546 && status.guildID == guild && status.status == "Raid night 🐉")
        let clearedStatus = try decode(#"{"id":"1","guild_id":"2","status":null}"#, as: VoiceChannelStatusUpdate.self)
        #expect(clearedStatus.status == nil)

        let start = try EventFixtures.data("VOICE_CHANNEL_START_TIME_UPDATE", as: VoiceChannelStartTimeUpdate.self)
        #expect(start.id == 1_181_352_297_014_462_546 && start.guildID == guild)
        #expect(start.voiceStartTime == 1_735_689_600)
        #expect(try decode(#"{"id":"1","guild_id":"2"}"#, as: VoiceChannelStartTimeUpdate.self).voiceStartTime == nil)
    }

    @Test func threadListSyncAndThreadMembersUpdateCarryThreadsAndMembers() throws {
        let sync = try EventFixtures.data("THREAD_LIST_SYNC", as: ThreadListSync.self)
        #expect(sync.guildID == guild && sync.channelIDs == [1_181_352_297_014_462_545])
        #expect(sync.threads.map(\.type) == [.publicThread, .privateThread])
        #expect(sync.threads[0].name == "release planning" && sync.threads[0].parentID == 1_181_352_297_014_462_545)
        #expect(sync.threads[0].threadMetadata?.autoArchiveDuration == 1440)
        #expect(sync.threads[1].threadMetadata?.locked == true && sync.threads[1].lastMessageID == nil)
        #expect(sync.members.count == 1 && sync.members[0].userID == 1_156_278_939_367_317_515)
        #expect(sync.members[0].flags == 1)
        #expect(try roundTrip(sync) == sync)

        let members = try EventFixtures.data("THREAD_MEMBERS_UPDATE", as: ThreadMembersUpdate.self)
        #expect(members.id == 1_183_052_155_924_553_769 && members.guildID == guild && members.memberCount == 2)
        let added = try #require(members.addedMembers?.first)
        #expect(added.userID == 438_733_159_748_599_813)
        #expect(added.member?.user?.username == "ava" && added.member?.roles == [1_181_360_120_224_288_809])
        #expect(members.removedMemberIDs == [80_351_110_224_678_912])
        #expect(try roundTrip(members) == members)
    }

    @Test func entitlementsDecodeForUsersAndGuilds() throws {
        let created = try EventFixtures.data("ENTITLEMENT_CREATE", as: Entitlement.self)
        #expect(created.id == 1_019_653_849_998_299_136 && created.skuID == 1_019_475_255_913_222_144)
        #expect(created.applicationID == 1_156_278_939_367_317_515)
        #expect(created.userID == 80_351_110_224_678_912 && created.guildID == nil)
        #expect(created.type == .applicationSubscription && !created.deleted && created.consumed == false)
        #expect(created.startsAt == DiscordTimestamp(iso8601: "2024-01-15T10:00:00Z"))
        let updated = try EventFixtures.data("ENTITLEMENT_UPDATE", as: Entitlement.self)
        #expect(updated.id == created.id)
        #expect(updated.endsAt == DiscordTimestamp(iso8601: "2024-01-20T08:30:00Z"))
        let deleted = try EventFixtures.data("ENTITLEMENT_DELETE", as: Entitlement.self)
        #expect(deleted.deleted && deleted.type == .testModePurchase && deleted.guildID == guild)
        #expect(deleted.userID == nil && deleted.startsAt == nil && deleted.endsAt == nil && deleted.consumed == nil)
        for entitlement in [created, updated, deleted] { #expect(try roundTrip(entitlement) == entitlement) }
    }

    @Test func subscriptionsFollowTheirStatus() throws {
        let created = try EventFixtures.data("SUBSCRIPTION_CREATE", as: Subscription.self)
        #expect(created.id == 1_278_078_770_116_427_839 && created.userID == 80_351_110_224_678_912)
        #expect(created.skuIDs == [1_158_857_122_189_168_803])
        #expect(created.entitlementIDs == [1_019_653_849_998_299_136])
        #expect(created.renewalSKUIDs == nil && created.canceledAt == nil && created.country == nil)
        #expect(created.status == .active && created.currentPeriodStart < created.currentPeriodEnd)
        let updated = try EventFixtures.data("SUBSCRIPTION_UPDATE", as: Subscription.self)
        #expect(updated.status == .ending && updated.country == "DE")
        #expect(updated.renewalSKUIDs == [1_158_857_122_189_168_804])
        #expect(updated.canceledAt == DiscordTimestamp(iso8601: "2024-09-02T11:12:13Z"))
        let deleted = try EventFixtures.data("SUBSCRIPTION_DELETE", as: Subscription.self)
        #expect(deleted.status == .inactive)
        #expect(try roundTrip(updated) == updated)
    }

    @Test func auditLogEntryKeepsChangesOfEveryJSONType() throws {
        let entry = try EventFixtures.data("GUILD_AUDIT_LOG_ENTRY_CREATE", as: AuditLogEntry.self)
        #expect(entry.id == 1_183_058_373_812_588_604 && entry.guildID == guild)
        #expect(entry.userID == 80_351_110_224_678_912 && entry.targetID == "1181360120224288808")
        #expect(entry.actionType == .roleUpdate && entry.reason == "promotion after review")
        let changes = try #require(entry.changes)
        #expect(changes.map(\.key) == ["name", "color", "hoist", "permissions", "$add", "icon_hash", "position"])
        #expect(changes[0].oldValue == .string("Helpers") && changes[0].newValue == .string("Moderators"))
        #expect(changes[1].oldValue == .integer(0) && changes[1].newValue?.integerValue == 3_447_003)
        #expect(changes[2].newValue?.boolValue == true)
        #expect(changes[3].newValue?.stringValue == "1099511627775")
        #expect(
            changes[4].newValue
                == .array([.object(["id": .string("1181360120224288809"), "name": .string("Trusted")])]))
        #expect(changes[4].oldValue == nil)
        #expect(changes[5].oldValue == nil && changes[5].newValue?.stringValue == "a_1269e74af4df7417b13759eae50c83dc")
        #expect(changes[6].newValue == .double(4.5))
        let options = try #require(entry.options)
        #expect(options.channelID == 1_181_352_297_014_462_545 && options.count == "3" && options.type == "0")
        #expect(options.roleName == "Moderators" && options.id == 1_181_360_120_224_288_808)
        #expect(options.deleteMemberDays == "7" && options.membersRemoved == "12")
        #expect(options.integrationType == "discord" && options.messageID == nil && options.applicationID == nil)
        #expect(try roundTrip(entry) == entry)
    }

    @Test func auditLogEntryKeepsUnknownActionTypesAndNullUser() throws {
        let entry = try EventFixtures.data("GUILD_AUDIT_LOG_ENTRY_CREATE.unknown", as: AuditLogEntry.self)
        #expect(entry.actionType.rawValue == 999 && entry.actionType.description == "999")
        #expect(entry.userID == nil && entry.targetID == nil && entry.changes == nil && entry.reason == nil)
        #expect(entry.options?.autoModerationRuleName == "Keyword Filter 1")
        #expect(entry.options?.autoModerationRuleTriggerType == "1" && entry.options?.status == "Raid night")
        #expect(AuditLogEvent.autoModerationQuarantineUser.rawValue == 146)
        #expect(try roundTrip(entry) == entry)
    }

    @Test func integrationsDecodeBotAndTwitchShapes() throws {
        let bot = try EventFixtures.data("INTEGRATION_CREATE", as: Integration.self)
        #expect(bot.id == 1_183_060_771_855_560_714 && bot.guildID == guild)
        #expect(bot.type == .discord && bot.enabled && bot.name == "modbot")
        #expect(bot.account.id == "1156278939367317515" && bot.account.name == "modbot")
        #expect(bot.application?.id == 1_156_278_939_367_317_515 && bot.application?.bot?.bot == true)
        #expect(bot.application?.description == "Keeps the peace.")
        #expect(bot.scopes == ["bot", "applications.commands"] && bot.user?.username == "nelly")
        #expect(bot.syncing == nil && bot.expireBehavior == nil && bot.roleID == nil)

        let twitch = try EventFixtures.data("INTEGRATION_UPDATE", as: Integration.self)
        #expect(twitch.type == .twitch && twitch.account.id == "40935619")
        #expect(twitch.syncing == false && twitch.enableEmoticons == true && twitch.revoked == false)
        #expect(twitch.expireBehavior == .kick && twitch.expireGracePeriod == 7 && twitch.subscriberCount == 42)
        #expect(twitch.roleID == 1_181_360_120_224_288_810 && twitch.application == nil)
        #expect(twitch.syncedAt == DiscordTimestamp(iso8601: "2024-01-10T12:00:00Z"))
        #expect(try roundTrip(bot) == bot)
        #expect(try roundTrip(twitch) == twitch)

        let removed = try EventFixtures.data("INTEGRATION_DELETE", as: IntegrationDelete.self)
        #expect(removed.id == bot.id && removed.guildID == guild && removed.applicationID == 1_156_278_939_367_317_515)
        #expect(
            try decode(#"{"type":"kick_bot"}"#, as: [String: Integration.IntegrationType].self)["type"]?.rawValue
                == "kick_bot")
    }

    @Test func invitesDecodeTargetsAndExpiry() throws {
        let invite = try EventFixtures.data("INVITE_CREATE", as: InviteCreate.self)
        #expect(invite.channelID == 1_181_352_297_014_462_546 && invite.guildID == guild && invite.code == "a7XyQz3")
        #expect(invite.createdAt == DiscordTimestamp(iso8601: "2024-01-12T18:30:00.123Z"))
        #expect(invite.inviter?.id == 80_351_110_224_678_912)
        #expect(invite.maxAge == 86_400 && invite.maxUses == 0 && invite.uses == 0 && !invite.temporary)
        #expect(invite.targetType == .embeddedApplication && invite.targetUser == nil)
        #expect(invite.targetApplication?.name == "Watch Together")
        #expect(invite.targetApplication?.flags?.contains(.embedded) == true)
        #expect(invite.expiresAt == DiscordTimestamp(iso8601: "2024-01-13T18:30:00.123Z"))
        #expect(try roundTrip(invite) == invite)

        let deleted = try EventFixtures.data("INVITE_DELETE", as: InviteDelete.self)
        #expect(deleted.channelID == 1_181_352_297_014_462_545 && deleted.guildID == guild && deleted.code == "a7XyQz3")
    }

    @Test func voiceEffectsAcceptSnowflakeOrNumberSoundIDs() throws {
        let effect = try EventFixtures.data("VOICE_CHANNEL_EFFECT_SEND", as: VoiceChannelEffectSend.self)
        #expect(effect.channelID == 1_181_352_297_014_462_546 && effect.guildID == guild)
        #expect(effect.userID == 80_351_110_224_678_912)
        #expect(effect.emoji?.name == "🔥" && effect.emoji?.id == nil)
        #expect(effect.animationType == .premium && effect.animationID == 9)
        #expect(effect.soundID == 1_183_065_411_154_153_472 && effect.soundVolume == 0.75)
        let sound = try EventFixtures.data("VOICE_CHANNEL_EFFECT_SEND.default-sound", as: VoiceChannelEffectSend.self)
        #expect(sound.emoji == nil && sound.animationType == .basic && sound.soundID == 3 && sound.soundVolume == 1)
        #expect(try roundTrip(effect) == effect)
        #expect(try roundTrip(sound) == sound)
    }

    @Test func voiceServerUpdateMayHaveNoEndpoint() throws {
        let server = try EventFixtures.data("VOICE_SERVER_UPDATE", as: VoiceServerUpdate.self)
        #expect(server.token == "my_token_7a6e8f" && server.guildID == guild)
        #expect(server.endpoint == "c-fra12-8f2a9c14.discord.media:443")
        let unavailable = try EventFixtures.data("VOICE_SERVER_UPDATE.unavailable", as: VoiceServerUpdate.self)
        #expect(unavailable.endpoint == nil)
        #expect(try roundTrip(server) == server)
    }

    @Test func webhooksUpdateNamesGuildAndChannel() throws {
        let update = try EventFixtures.data("WEBHOOKS_UPDATE", as: WebhooksUpdate.self)
        #expect(update.guildID == guild && update.channelID == 1_181_352_297_014_462_545)
        #expect(try roundTrip(update) == update)
    }

    @Test func openWireValuesKeepUnknownNumbers() throws {
        let entitlement = try decode(
            #"{"id":"1","sku_id":"2","application_id":"3","type":99,"deleted":false}"#, as: Entitlement.self)
        #expect(entitlement.type.rawValue == 99 && entitlement.type.description == "99")
        #expect(try roundTrip(entitlement).type.rawValue == 99)
        #expect(try decode("7", as: Subscription.Status.self).rawValue == 7)
        #expect(try decode("8", as: AutoModerationRule.TriggerType.self).rawValue == 8)
        #expect(try decode("3", as: AutoModerationRule.EventType.self).rawValue == 3)
        #expect(try decode("9", as: AutoModerationAction.ActionType.self).rawValue == 9)
        #expect(try decode("2", as: Integration.ExpireBehavior.self).rawValue == 2)
        #expect(try decode("3", as: InviteCreate.TargetType.self).rawValue == 3)
        #expect(try decode("2", as: VoiceChannelEffectSend.AnimationType.self).rawValue == 2)
        #expect(try decode("31", as: AuditLogEvent.self) == .roleUpdate)
    }

    @Test func aWrongTypeInARequiredFieldThrows() {
        let bad = [
            (
                #"{"id":"1","sku_id":"2","application_id":"3","type":1,"deleted":"no"}"#,
                Entitlement.self as any Decodable.Type
            ),
            (#"{"opcode":8,"retry_after":"soon","meta":{}}"#, RateLimited.self),
            (#"{"id":true,"action_type":1}"#, AuditLogEntry.self),
            (#"{"channel_id":"1","last_pin_timestamp":"yesterday"}"#, ChannelPinsUpdate.self),
            (#"{"id":"1","guild_id":"2","member_count":"many"}"#, ThreadMembersUpdate.self),
            (#"{"token":5,"guild_id":"2"}"#, VoiceServerUpdate.self),
        ]
        for (json, type) in bad {
            #expect(throws: DecodingError.self, "\(type)") { _ = try JSONDecoder().decode(type, from: Data(json.utf8)) }
        }
    }
}
