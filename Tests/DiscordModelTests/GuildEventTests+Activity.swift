import DiscordModel
import Foundation
import Testing

/// Role, scheduled event, soundboard, presence, voice state, stage instance, channel, thread and user events,
/// and forward compatibility of the guild models.
extension GuildEventTests {
    @Test func roleEventsCarryTheRoleAndItsTags() throws {
        let created = try EventFixtures.data("GUILD_ROLE_CREATE", as: GuildRoleUpdate.self)
        #expect(created.guildID == guild && created.role.name == "new role" && created.role.tags == nil)
        let updated = try EventFixtures.data("GUILD_ROLE_UPDATE", as: GuildRoleUpdate.self)
        #expect(updated.role.id == created.role.id && updated.role.name == "Supporters")
        #expect(updated.role.tags?.availableForPurchase == true && updated.role.tags?.premiumSubscriber == false)
        #expect(updated.role.tags?.subscriptionListingID == 1_160_431_226_884_816_927)
        #expect(updated.role.colors?.secondaryColor == 0xE67E22 && updated.role.unicodeEmoji == "⭐")
        #expect(try roundTrip(updated) == updated)
        let deleted = try EventFixtures.data("GUILD_ROLE_DELETE", as: GuildRoleDelete.self)
        #expect(deleted.guildID == guild && deleted.roleID == created.role.id)
    }

    @Test func scheduledEventsDecodeLocationStatusAndRecurrence() throws {
        let created = try EventFixtures.data("GUILD_SCHEDULED_EVENT_CREATE", as: GuildScheduledEvent.self)
        #expect(created.entityType == .external && created.status == .scheduled && created.channelID == nil)
        #expect(created.entityMetadata?.location == "Kraków, Poland" && created.privacyLevel == .guildOnly)
        #expect(try created.scheduledEndTime == time("2023-11-09T20:00:00Z") && created.image == nil)
        #expect(created.userCount == nil && created.creatorID == owner)
        let rule = try #require(created.recurrenceRule)
        #expect(rule.frequency == .weekly && rule.interval == 2 && rule.byWeekday == [.thursday])
        #expect(try rule.end == time("2024-06-27T17:00:00Z") && rule.byNWeekday == nil && rule.count == nil)

        let updated = try EventFixtures.data("GUILD_SCHEDULED_EVENT_UPDATE", as: GuildScheduledEvent.self)
        #expect(updated.entityType == .voice && updated.status == .active && updated.userCount == 5)
        #expect(updated.channelID == 1_157_683_437_296_254_980 && updated.description == nil)
        #expect(updated.recurrenceRule?.byMonth == [.october] && updated.recurrenceRule?.byMonthDay == [3])
        #expect(updated.recurrenceRule?.frequency == .yearly && updated.recurrenceRule?.count == 5)
        #expect(try roundTrip(updated) == updated)

        let deleted = try EventFixtures.data("GUILD_SCHEDULED_EVENT_DELETE", as: GuildScheduledEvent.self)
        #expect(deleted.id == created.id && deleted.status == .canceled)

        for name in ["GUILD_SCHEDULED_EVENT_USER_ADD", "GUILD_SCHEDULED_EVENT_USER_REMOVE"] {
            let user = try EventFixtures.data(name, as: GuildScheduledEventUser.self)
            #expect(user.guildScheduledEventID == created.id && user.userID == juni && user.guildID == guild)
        }
    }

    @Test func soundboardEventsCarrySoundsAndDeletions() throws {
        let created = try EventFixtures.data("GUILD_SOUNDBOARD_SOUND_CREATE", as: SoundboardSound.self)
        #expect(created.name == "bonk" && created.volume == 1 && created.emojiID == 1_157_692_839_145_988_117)
        #expect(created.emojiName == nil && created.user?.id == tomasz && created.guildID == guild)
        let updated = try EventFixtures.data("GUILD_SOUNDBOARD_SOUND_UPDATE", as: SoundboardSound.self)
        #expect(updated.soundID == 1_160_301_237_701_791_814 && updated.volume == 0.35 && updated.emojiName == "🔊")
        let deleted = try EventFixtures.data("GUILD_SOUNDBOARD_SOUND_DELETE", as: GuildSoundboardSoundDelete.self)
        #expect(deleted.soundID == created.soundID && deleted.guildID == guild)
        let changed = try EventFixtures.data("GUILD_SOUNDBOARD_SOUNDS_UPDATE", as: GuildSoundboardSounds.self)
        #expect(changed.guildID == guild && changed.soundboardSounds.map(\.available) == [false, false])
        let listed = try EventFixtures.data("SOUNDBOARD_SOUNDS", as: GuildSoundboardSounds.self)
        #expect(listed.soundboardSounds.map(\.name) == ["airhorn", "bonk"])
        #expect(try roundTrip(listed) == listed)
    }

    @Test func presenceUpdateDecodesThePartialUserAndActivities() throws {
        let presence = try EventFixtures.data("PRESENCE_UPDATE", as: PresenceUpdate.self)
        #expect(presence.user.id == juni && presence.user.username == nil && presence.guildID == guild)
        #expect(presence.status == .online && presence.clientStatus?.mobile == .online)
        #expect(presence.clientStatus?.desktop == nil)
        let stream = presence.activities[0]
        #expect(stream.type == .streaming && stream.url == "https://www.twitch.tv/juniper_codes")
        #expect(stream.assets?.largeImage == "twitch:juniper_codes" && stream.buttons == nil)
        let custom = presence.activities[1]
        #expect(custom.emoji?.id == 1_157_692_920_913_952_838 && custom.emoji?.animated == true)
        #expect(custom.state == "live now")
        #expect(try roundTrip(presence) == presence)
    }

    @Test func activityButtonsDecodeFromLabelsOrObjects() throws {
        let activity = try decode(
            #"{"name":"Game","type":0,"buttons":["Join",{"label":"Site","url":"https://example.com"}]}"#,
            as: Activity.self)
        #expect(activity.buttons == [.init(label: "Join"), .init(label: "Site", url: "https://example.com")])
        #expect(activity.createdAt == nil && activity.timestamps == nil)
        let encoded = String(decoding: try JSONEncoder().encode(activity.buttons), as: UTF8.self)
        #expect(encoded.hasPrefix(#"["Join",{"#))
        #expect(try roundTrip(activity) == activity)
        #expect(throws: DecodingError.self) { try decode(#"{"name":"G","type":0,"buttons":[7]}"#, as: Activity.self) }
        let own = Activity(name: "Custom Status", type: .custom, state: "Resuming shards")
        #expect(try roundTrip(own) == own)
    }

    @Test func voiceStateUpdateCarriesTheMember() throws {
        let state = try EventFixtures.data("VOICE_STATE_UPDATE", as: VoiceState.self)
        #expect(state.guildID == guild && state.userID == tomasz && state.member?.user?.id == tomasz)
        #expect(state.channelID == 1_157_683_437_296_254_980 && state.sessionID == "0b8f7ac8a3d15c5e9a0e2c3b4d5e6f70")
        #expect(state.selfStream == true && !state.selfVideo && !state.suppress)
        #expect(state.requestToSpeakTimestamp == nil)
        #expect(try roundTrip(state) == state)
        let left = try decode(
            #"""
            {"guild_id":"1","channel_id":null,"user_id":"2","session_id":"s","deaf":false,"mute":false,
             "self_deaf":false,"self_mute":false,"self_video":false,"suppress":false}
            """#, as: VoiceState.self)
        #expect(left.channelID == nil && left.selfStream == nil)
    }

    @Test func stageInstanceEventsDecode() throws {
        let created = try EventFixtures.data("STAGE_INSTANCE_CREATE", as: StageInstance.self)
        #expect(created.id == 1_160_310_488_873_623_572 && created.channelID == 1_157_695_012_289_855_498)
        #expect(created.guildID == guild && created.privacyLevel == .guildOnly)
        #expect(created.discoverableDisabled == false && created.guildScheduledEventID == 1_159_905_432_111_984_731)
        for name in ["STAGE_INSTANCE_UPDATE", "STAGE_INSTANCE_DELETE"] {
            let stage = try EventFixtures.data(name, as: StageInstance.self)
            #expect(stage.id == created.id && stage.topic == "October community call: Q&A", "\(name)")
        }
    }

    @Test func channelEventsDecodeAsChannels() throws {
        let created = try EventFixtures.data("CHANNEL_CREATE", as: Channel.self)
        #expect(created.type == .guildText && created.guildID == guild && created.name == "release-notes")
        #expect(created.permissionOverwrites?.first?.deny == .sendMessages && created.topic == nil)
        let updated = try EventFixtures.data("CHANNEL_UPDATE", as: Channel.self)
        #expect(updated.type == .guildVoice && updated.bitrate == 96_000 && updated.userLimit == 8)
        #expect(updated.videoQualityMode == .full && updated.rtcRegion == "rotterdam")
        let deleted = try EventFixtures.data("CHANNEL_DELETE", as: Channel.self)
        #expect(deleted.id == created.id && deleted.topic == "Changelog")
    }

    @Test func threadEventsDecodeFullAndPartialThreads() throws {
        let created = try EventFixtures.data("THREAD_CREATE", as: Channel.self)
        #expect(created.type == .privateThread && created.newlyCreated == true && created.ownerID == owner)
        #expect(created.threadMetadata?.invitable == false && created.threadMetadata?.autoArchiveDuration == 1440)
        #expect(created.member?.userID == bot && created.member?.id == created.id)
        let updated = try EventFixtures.data("THREAD_UPDATE", as: Channel.self)
        #expect(updated.threadMetadata?.archived == true && updated.threadMetadata?.locked == true)
        #expect(updated.appliedTags?.count == 2 && updated.member == nil && updated.messageCount == 4)
        let deleted = try EventFixtures.data("THREAD_DELETE", as: Channel.self)
        #expect(deleted.id == created.id && deleted.type == .privateThread && deleted.guildID == guild)
        #expect(deleted.parentID == created.parentID && deleted.name == nil && deleted.threadMetadata == nil)
        let member = try EventFixtures.data("THREAD_MEMBER_UPDATE", as: ThreadMember.self)
        #expect(member.id == created.id && member.userID == bot && member.guildID == guild && member.flags == 2)
    }

    @Test func userUpdateDecodesTheCurrentUser() throws {
        let user = try EventFixtures.data("USER_UPDATE", as: User.self)
        #expect(user.id == bot && user.globalName == "Gate Keeper" && user.discriminator == "4821")
        #expect(user.premiumType == User.PremiumType.none && user.locale == "en-US" && user.banner == nil)
    }

    @Test func unknownEnumValuesAreKept() throws {
        var guildJSON = try object("GUILD_UPDATE")
        guildJSON["verification_level"] = 9
        guildJSON["premium_tier"] = 7
        guildJSON["nsfw_level"] = 11
        guildJSON["mfa_level"] = 2
        guildJSON["explicit_content_filter"] = 5
        guildJSON["default_message_notifications"] = 3
        guildJSON["system_channel_flags"] = 1 << 12 | 1
        let strange = try decode(object: guildJSON, as: Guild.self)
        #expect(strange.verificationLevel.rawValue == 9 && strange.premiumTier.rawValue == 7)
        #expect(strange.nsfwLevel.rawValue == 11 && strange.mfaLevel.rawValue == 2)
        #expect(strange.explicitContentFilter.rawValue == 5 && strange.defaultMessageNotifications.rawValue == 3)
        #expect(strange.systemChannelFlags.contains(.suppressJoinNotifications))
        #expect(strange.systemChannelFlags.rawValue == 4097)
        #expect(try roundTrip(strange) == strange)

        var eventJSON = try object("GUILD_SCHEDULED_EVENT_CREATE")
        eventJSON["status"] = 8
        eventJSON["entity_type"] = 6
        eventJSON["privacy_level"] = 3
        let event = try decode(object: eventJSON, as: GuildScheduledEvent.self)
        #expect(event.status.rawValue == 8 && event.entityType.rawValue == 6 && event.privacyLevel.rawValue == 3)

        let activity = try decode(#"{"name":"x","type":9,"status_display_type":5,"flags":1024}"#, as: Activity.self)
        #expect(activity.type.rawValue == 9 && activity.statusDisplayType?.rawValue == 5)
        #expect(activity.flags?.rawValue == 1024)
        let sticker = try decode(
            #"{"id":"1","name":"s","tags":"t","type":3,"format_type":5}"#, as: Sticker.self)
        #expect(sticker.type.rawValue == 3 && sticker.formatType.rawValue == 5)
        let presence = try decode(
            #"{"user":{"id":"1"},"status":"streaming","activities":[],"client_status":{"vr":"online"}}"#,
            as: PresenceUpdate.self)
        #expect(presence.status.rawValue == "streaming" && presence.clientStatus?.web == nil)
        #expect(presence.clientStatus?.desktop == nil && presence.clientStatus?.mobile == nil)
    }

    @Test func wrongTypesInRequiredFieldsThrow() throws {
        var guildJSON = try object("GUILD_UPDATE")
        guildJSON["afk_timeout"] = "300"
        #expect(throws: DecodingError.self) { try decode(object: guildJSON, as: Guild.self) }
        guildJSON = try object("GUILD_UPDATE")
        guildJSON.removeValue(forKey: "owner_id")
        #expect(throws: DecodingError.self) { try decode(object: guildJSON, as: Guild.self) }
        var voiceJSON = try object("VOICE_STATE_UPDATE")
        voiceJSON["self_mute"] = "no"
        #expect(throws: DecodingError.self) { try decode(object: voiceJSON, as: VoiceState.self) }
        #expect(throws: DecodingError.self) {
            try decode(#"{"guild_id":"1","role_id":12.5}"#, as: GuildRoleDelete.self)
        }
        #expect(throws: DecodingError.self) {
            try decode(
                #"{"user":{"id":"x"},"status":"online","activities":[],"client_status":{}}"#, as: PresenceUpdate.self)
        }
    }

    @Test func welcomeScreenDecodesItsChannels() throws {
        let screen = try decode(
            #"""
            {"description":"Welcome!","welcome_channels":[
             {"channel_id":"10","description":"Read first","emoji_id":null,"emoji_name":"📜"},
             {"channel_id":"11","description":"Say hi","emoji_id":"12","emoji_name":"wave"}]}
            """#, as: Guild.WelcomeScreen.self)
        #expect(screen.description == "Welcome!" && screen.welcomeChannels.map(\.channelID) == [10, 11])
        #expect(screen.welcomeChannels[0].emojiName == "📜" && screen.welcomeChannels[1].emojiID == 12)
    }
}
