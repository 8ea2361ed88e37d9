import DiscordModel
import Foundation
import Testing

/// READY, guild, member, role, scheduled event, soundboard, presence, voice state, stage instance, channel,
/// thread and user events.
@Suite struct GuildEventTests {
    /// The guild most fixtures belong to.
    let guild: Snowflake = 1_157_683_437_296_254_976
    /// The guild's owner.
    let owner: Snowflake = 1_048_263_574_218_608_660
    /// The bot user.
    let bot: Snowflake = 1_157_690_219_381_137_509
    /// A member who boosts the guild.
    let tomasz: Snowflake = 905_811_290_372_669_480
    /// A member in the stage channel.
    let juni: Snowflake = 753_927_489_305_034_812

    /// Decodes `json` as `T`.
    func decode<T: Decodable>(_ json: String, as type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    /// Encodes `value` and decodes it again.
    func roundTrip<T: Codable>(_ value: T) throws -> T {
        try JSONDecoder().decode(T.self, from: try JSONEncoder().encode(value))
    }

    /// A timestamp from ISO 8601 text.
    func time(_ text: String) throws -> DiscordTimestamp {
        try #require(DiscordTimestamp(iso8601: text))
    }

    /// The `d` of fixture `name` as a mutable JSON object.
    func object(_ name: String) throws -> [String: Any] {
        let payload = try #require(
            try JSONSerialization.jsonObject(with: EventFixtures.payload(name)) as? [String: Any])
        return try #require(payload["d"] as? [String: Any])
    }

    /// Decodes a JSON object built with `JSONSerialization`.
    func decode<T: Decodable>(object: [String: Any], as type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: try JSONSerialization.data(withJSONObject: object))
    }

    @Test func readyCarriesTheSessionTheResumeURLAndUnavailableGuilds() throws {
        let ready = try EventFixtures.data("READY", as: Ready.self)
        #expect(ready.v == 10)
        #expect(ready.user.id == bot && ready.user.bot == true && ready.user.username == "Gatekeeper")
        #expect(ready.user.email == nil && ready.user.mfaEnabled == true)
        #expect(ready.sessionID == "9f3d6f5a2c0e4b7a8e1d2c3b4a5f6e7d")
        #expect(ready.resumeGatewayURL == "wss://gateway-us-east1-b.discord.gg")
        #expect(ready.shard == [0, 1])
        #expect(ready.guilds.map(\.id) == [guild, 1_021_880_219_302_289_458])
        #expect(ready.guilds.allSatisfy { $0.unavailable == true })
        #expect(ready.application.id == bot)
        #expect(
            ready.application.flags
                == [.gatewayPresenceLimited, .gatewayGuildMembersLimited, .gatewayMessageContentLimited])
        #expect(try roundTrip(ready) == ready)
    }

    @Test func guildCreateDecodesTheGuildAndItsSettings() throws {
        let created = try EventFixtures.data("GUILD_CREATE", as: Guild.self)
        #expect(created.id == guild && created.name == "Swift Gateway Lab" && created.ownerID == owner)
        #expect(created.icon?.isAnimated == true && created.splash == nil && created.banner == nil)
        #expect(created.afkChannelID == nil && created.afkTimeout == 300)
        #expect(created.verificationLevel == .medium)
        #expect(created.defaultMessageNotifications == .onlyMentions)
        #expect(created.explicitContentFilter == .allMembers)
        #expect(created.mfaLevel == .elevated && created.nsfwLevel == .default)
        #expect(created.premiumTier == .tier1 && created.premiumSubscriptionCount == 4)
        #expect(created.systemChannelFlags == [.suppressJoinNotifications, .suppressGuildReminderNotifications])
        #expect(created.systemChannelID == 1_157_683_437_296_254_978)
        #expect(created.rulesChannelID == 1_157_685_502_731_599_952)
        #expect(created.preferredLocale == "en-US" && created.premiumProgressBarEnabled)
        #expect(created.features.contains(.community) && created.features.contains(.soundboard))
        #expect(created.features.last == Guild.Feature(rawValue: "GUILD_ONBOARDING_EVER_ENABLED"))
        #expect(created.maxPresences == nil && created.maxMembers == 500_000)
        #expect(created.maxStageVideoChannelUsers == 300 && created.maxVideoChannelUsers == 25)
        #expect(created.owner == nil && created.permissions == nil && created.region == nil)
        #expect(try created.incidentsData?.raidDetectedAt == time("2023-10-02T21:14:09Z"))
        #expect(created.incidentsData?.invitesDisabledUntil == nil)
        #expect(try created.joinedAt == time("2023-09-30T12:40:44.319Z"))
        #expect(created.large == false && created.unavailable == false && created.memberCount == 4)

        let roles = created.roles
        #expect(roles.map(\.position) == [0, 1, 2, 3] && roles[0].id == guild)
        #expect(roles[1].tags?.premiumSubscriber == true && roles[1].unicodeEmoji == "💎")
        #expect(roles[2].tags?.botID == bot && roles[2].managed)
        #expect(roles[3].color == 0x3498DB && roles[3].colors?.secondaryColor == 0x1ABC9C)
        #expect(roles[3].permissions.contains(.administrator) && roles[3].flags == .inPrompt)
        #expect(created.emojis.map(\.name) == ["swiftbird", "partyparrot"])
        #expect(created.emojis[1].animated == true && created.emojis[1].roles == [1_157_684_550_001_238_047])
        let sticker = try #require(created.stickers?.first)
        #expect(sticker.name == "Ship It" && sticker.type == .guild && sticker.formatType == .png)
        #expect(sticker.guildID == guild && sticker.user == nil && sticker.packID == nil)
    }

    @Test func guildCreateDecodesChannelsThreadsAndMembers() throws {
        let created = try EventFixtures.data("GUILD_CREATE", as: Guild.self)
        let channels = try #require(created.channels)
        #expect(
            channels.map(\.type) == [
                .guildCategory, .guildText, .guildText, .guildForum, .guildCategory, .guildVoice, .guildStageVoice,
            ])
        #expect(channels.allSatisfy { $0.guildID == nil })
        let general = channels[1]
        #expect(general.name == "general" && general.topic == "Say hi 👋")
        #expect(general.permissionOverwrites?.map(\.type) == [0, 1])
        #expect(general.permissionOverwrites?[1].deny == .sendMessages)
        let forum = channels[3]
        #expect(forum.flags == .requireTag && forum.defaultReactionEmoji?.emojiName == "👍")
        #expect(forum.availableTags?.map(\.name) == ["solved", "linux"])
        #expect(forum.availableTags?[1].emojiID == created.emojis[0].id)
        #expect(channels[5].bitrate == 64_000 && channels[5].status == "Pair programming: zlib-stream")
        #expect(channels[6].rtcRegion == "rotterdam" && channels[6].userLimit == 10_000)

        let thread = try #require(created.threads?.first)
        #expect(thread.type == .publicThread && thread.parentID == forum.id && thread.ownerID == tomasz)
        #expect(thread.appliedTags == [forum.availableTags?[1].id].compactMap { $0 })
        #expect(thread.threadMetadata?.autoArchiveDuration == 4320 && thread.threadMetadata?.archived == false)
        #expect(thread.member?.id == nil && thread.member?.userID == nil && thread.member?.flags == 1)

        let members = try #require(created.members)
        #expect(members.compactMap(\.user?.id) == [owner, bot, tomasz, juni])
        #expect(members[0].user?.primaryGuild?.tag == "SWFT")
        #expect(members[1].user?.bot == true)
        #expect(try members[2].nick == "tk" && members[2].premiumSince == time("2023-10-02T09:00:00Z"))
        #expect(members[2].flags == .completedOnboarding)
        #expect(members[3].pending == true && members[3].communicationDisabledUntil != nil)
        #expect(members[3].user?.avatarDecorationData?.skuID == 1_144_058_522_808_614_923)
    }

    @Test func guildCreateDecodesPresencesVoiceStagesEventsAndSounds() throws {
        let created = try EventFixtures.data("GUILD_CREATE", as: Guild.self)
        let presences = try #require(created.presences)
        #expect(presences.map(\.user.id) == [owner, bot, tomasz, juni])
        #expect(presences.allSatisfy { $0.guildID == nil && $0.user.username == nil })
        #expect(presences.map(\.status) == [.online, .online, .doNotDisturb, .idle])
        #expect(presences[0].clientStatus?.desktop == .online && presences[0].clientStatus?.mobile == .idle)
        #expect(presences[0].clientStatus?.web == nil)

        let custom = presences[0].activities[0]
        #expect(custom.type == .custom && custom.state == "shipping v2" && custom.emoji?.name == "🚀")
        #expect(custom.emoji?.id == nil && custom.createdAt == 1_696_346_402_116)
        let game = presences[0].activities[1]
        #expect(game.type == .playing && game.name == "Factorio" && game.details == "Building a megabase")
        #expect(game.timestamps?.start == 1_696_344_912_000 && game.timestamps?.end == nil)
        #expect(game.applicationID == 1_139_246_338_217_787_392)
        #expect(game.assets?.largeImage == "1139246338217787462" && game.assets?.smallText == "Nauvis")
        let song = presences[2].activities[0]
        #expect(song.type == .listening && song.flags == [.sync, .play] && song.statusDisplayType == .details)
        #expect(song.timestamps?.end == 1_696_346_424_512 && song.party?.id == "spotify:905811290372669480")
        let party = presences[3].activities[0]
        #expect(party.party?.size == [2, 4] && party.instance == true && party.flags == [.instance, .join])
        #expect(party.buttons == [Activity.Button(label: "Join Game"), Activity.Button(label: "Watch")])

        let voice = try #require(created.voiceStates)
        #expect(voice.map(\.userID) == [tomasz, juni] && voice.allSatisfy { $0.guildID == nil && $0.member == nil })
        #expect(voice[0].channelID == 1_157_683_437_296_254_980 && voice[0].selfMute && voice[0].selfStream == nil)
        #expect(try voice[1].suppress && voice[1].requestToSpeakTimestamp == time("2023-10-03T15:20:01.412Z"))

        let stage = try #require(created.stageInstances?.first)
        #expect(stage.topic == "October community call" && stage.privacyLevel == .guildOnly)
        let event = try #require(created.guildScheduledEvents?.first)
        #expect(event.entityType == .stageInstance && event.status == .active && event.entityID == stage.id)
        #expect(stage.guildScheduledEventID == event.id && event.creator?.id == owner && event.userCount == 12)
        #expect(event.recurrenceRule?.byNWeekday?.map(\.n) == [1])
        #expect(event.recurrenceRule?.byNWeekday?.map(\.day) == [.tuesday])
        #expect(event.recurrenceRule?.frequency == .monthly && event.entityMetadata == nil)

        let sound = try #require(created.soundboardSounds?.first)
        #expect(sound.name == "airhorn" && sound.volume == 0.8 && sound.emojiName == "📯" && sound.emojiID == nil)
        #expect(sound.user?.id == owner && sound.available)
    }

    @Test func guildRoundTripsThroughJSON() throws {
        let created = try EventFixtures.data("GUILD_CREATE", as: Guild.self)
        #expect(try roundTrip(created) == created)
        let updated = try EventFixtures.data("GUILD_UPDATE", as: Guild.self)
        #expect(try roundTrip(updated) == updated)
        let encoded = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(created)) as? [String: Any])
        #expect(encoded["owner_id"] as? String == "1048263574218608660")
        #expect(encoded["system_channel_flags"] as? Int == 5)
        #expect(encoded["lazy"] == nil)
    }

    @Test func unavailableGuildCreateDecodesAsAnUnavailableGuild() throws {
        let outage = try EventFixtures.data("GUILD_CREATE.unavailable", as: UnavailableGuild.self)
        #expect(outage.id == 1_021_880_219_302_289_458 && outage.unavailable == true)
        #expect(throws: DecodingError.self) { try EventFixtures.data("GUILD_CREATE.unavailable", as: Guild.self) }
    }

    @Test func guildUpdateHasNoGatewayOnlyFieldsAndKeepsUnknownFeatures() throws {
        let updated = try EventFixtures.data("GUILD_UPDATE", as: Guild.self)
        #expect(updated.name == "Swift Gateway Lab (v2)" && updated.icon == nil)
        #expect(updated.premiumTier == .tier2 && updated.vanityURLCode == "swiftgw" && updated.region == "deprecated")
        #expect(updated.features.contains(.vanityURL) && updated.features.contains(.banner))
        #expect(updated.features.contains(Guild.Feature(rawValue: "GUILD_ONBOARDING_EVER_ENABLED")))
        #expect(updated.incidentsData == nil && updated.banner == "9a0364b9e99bb480dd25e1f0284c8555")
        #expect(updated.joinedAt == nil && updated.members == nil && updated.channels == nil)
        #expect(updated.presences == nil && updated.memberCount == nil && updated.soundboardSounds == nil)
    }

    @Test func guildDeleteTellsAnOutageFromARemoval() throws {
        let outage = try EventFixtures.data("GUILD_DELETE", as: UnavailableGuild.self)
        #expect(outage.id == 1_021_880_219_302_289_458 && outage.unavailable == true)
        let removed = try EventFixtures.data("GUILD_DELETE.removed", as: UnavailableGuild.self)
        #expect(removed.id == guild && removed.unavailable == nil)
        #expect(try roundTrip(removed) == removed)
    }

    @Test func bansAndMemberRemovalsCarryTheUser() throws {
        for name in ["GUILD_BAN_ADD", "GUILD_BAN_REMOVE"] {
            let ban = try EventFixtures.data(name, as: GuildBan.self)
            #expect(ban.guildID == guild && ban.user.id == 1_098_716_627_719_409_704, "\(name)")
            #expect(ban.user.username == "free.nitro.giveaway" && ban.user.avatar == nil, "\(name)")
        }
        let removed = try EventFixtures.data("GUILD_MEMBER_REMOVE", as: GuildMemberRemove.self)
        #expect(removed.guildID == guild && removed.user.globalName == "Ola")
        #expect(try roundTrip(removed) == removed)
    }

    @Test func expressionAndIntegrationUpdatesCarryTheWholeLists() throws {
        let emojis = try EventFixtures.data("GUILD_EMOJIS_UPDATE", as: GuildEmojisUpdate.self)
        #expect(emojis.guildID == guild && emojis.emojis.map(\.name) == ["swiftbird", "partyparrot", "ferris"])
        #expect(emojis.emojis[2].user?.id == owner && emojis.emojis[2].requireColons == true)
        let stickers = try EventFixtures.data("GUILD_STICKERS_UPDATE", as: GuildStickersUpdate.self)
        #expect(stickers.guildID == guild && stickers.stickers.count == 2)
        #expect(stickers.stickers[1].formatType == .gif && stickers.stickers[1].description == nil)
        #expect(stickers.stickers[1].tags == "👍" && stickers.stickers[1].user?.id == owner)
        #expect(try roundTrip(stickers) == stickers)
        let integrations = try EventFixtures.data("GUILD_INTEGRATIONS_UPDATE", as: GuildIntegrationsUpdate.self)
        #expect(integrations.guildID == guild)
    }

    @Test func memberAddDecodesAsAGuildMemberWithItsGuild() throws {
        let member = try EventFixtures.data("GUILD_MEMBER_ADD", as: GuildMember.self)
        #expect(member.guildID == guild && member.user?.id == 1_160_425_536_208_347_206)
        #expect(member.pending == true && member.roles.isEmpty && member.nick == nil)
        #expect(try member.joinedAt == time("2023-10-03T16:02:55.917Z"))
    }

    @Test func memberUpdateKeepsAbsentApartFromNull() throws {
        let full = try EventFixtures.data("GUILD_MEMBER_UPDATE", as: GuildMemberUpdate.self)
        #expect(full.guildID == guild && full.user.id == tomasz)
        #expect(full.roles == [1_157_684_550_001_238_047, 1_157_684_011_622_304_862])
        #expect(full.nick == .value("tk 🛠") && full.avatar == .value("d3b07384d113edec49eaa6238ad5ff00"))
        #expect(full.banner == .null)
        #expect(try full.premiumSince == .value(time("2023-10-02T09:00:00Z")))
        #expect(try full.communicationDisabledUntil == .value(time("2023-10-03T18:00:00Z")))
        #expect(full.avatarDecorationData?.value?.skuID == 1_144_058_522_808_614_923)
        #expect(full.flags == [.didRejoin, .completedOnboarding] && full.pending == false && full.deaf == false)

        let cleared = try EventFixtures.data("GUILD_MEMBER_UPDATE.cleared", as: GuildMemberUpdate.self)
        #expect(cleared.nick == .null && cleared.avatar == .null && cleared.communicationDisabledUntil == .null)
        #expect(cleared.banner == nil && cleared.premiumSince == nil && cleared.avatarDecorationData == nil)
        #expect(cleared.deaf == nil && cleared.mute == nil && cleared.flags == nil && cleared.pending == nil)
        #expect(try cleared.joinedAt == time("2023-10-01T07:45:10Z"))

        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(cleared), as: UTF8.self)
        #expect(text.contains(#""nick":null"#) && text.contains(#""avatar":null"#) && !text.contains("banner"))
        #expect(try roundTrip(cleared) == cleared)
        #expect(try roundTrip(full) == full)
    }

    @Test func membersChunkCarriesNotFoundPresencesAndNonce() throws {
        let chunk = try EventFixtures.data("GUILD_MEMBERS_CHUNK", as: GuildMembersChunk.self)
        #expect(chunk.guildID == guild && chunk.chunkIndex == 0 && chunk.chunkCount == 1)
        #expect(chunk.members.compactMap(\.user?.id) == [owner, tomasz])
        #expect(chunk.notFound == [1_041_190_311_218_196_542] && chunk.nonce == "req-7f3a2c")
        #expect(chunk.presences?.map(\.status) == [.online, .doNotDisturb])
        #expect(chunk.presences?[1].activities.first?.name == "Spotify")
        #expect(try roundTrip(chunk) == chunk)
        let bare = try decode(
            #"{"guild_id":"1","members":[],"chunk_index":2,"chunk_count":3}"#, as: GuildMembersChunk.self)
        #expect(bare.notFound == nil && bare.presences == nil && bare.nonce == nil)
    }
}
