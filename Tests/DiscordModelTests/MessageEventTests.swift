import DiscordModel
import Foundation
import Testing

/// Message, reaction, poll vote, typing and interaction events, and the message parts they carry (embeds,
/// attachments, components, polls, reactions, resolved data).
@Suite struct MessageEventTests {
    /// The guild of the guild fixtures.
    let guild: Snowflake = 1_181_352_296_469_213_214
    /// The channel of the guild fixtures.
    let channel: Snowflake = 1_181_352_297_211_609_160
    /// The DM channel of the DM fixtures.
    let dmChannel: Snowflake = 1_190_006_435_377_512_458
    /// The app (and its bot user).
    let app: Snowflake = 1_156_278_939_367_317_515
    /// The author of most fixtures.
    let nelly: Snowflake = 80_351_110_224_678_912
    /// The other user.
    let mira: Snowflake = 1_133_071_426_829_979_809
    /// The message most events refer to.
    let jamMessage: Snowflake = 1_273_021_484_391_075_870

    /// Decodes `json` as `T`.
    func decode<T: Decodable>(_ json: String, as type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    /// Encodes `value` and decodes it again.
    func roundTrip<T: Codable>(_ value: T) throws -> T {
        try JSONDecoder().decode(T.self, from: try JSONEncoder().encode(value))
    }

    /// Compile-time check that a type is `Sendable`.
    func assertSendable<T: Sendable>(_: T.Type) {}

    @Test func messageCreateDecodesAGuildReplyWithEmbedsAttachmentsReactionsAndAPoll() throws {
        let message = try EventFixtures.data("MESSAGE_CREATE", as: Message.self)
        #expect(message.id == jamMessage && message.channelID == channel && message.guildID == guild)
        #expect(message.type == .reply && message.author.id == nelly && message.author.username == "nelly")
        #expect(message.content.hasPrefix("<@1133071426829979809> count me in!"))
        #expect(message.timestamp == DiscordTimestamp(iso8601: "2024-08-12T14:03:21.512Z"))
        #expect(message.editedTimestamp == nil && !message.tts && !message.mentionEveryone && !message.pinned)
        #expect(message.nonce == .string("1273021479899222016"))
        #expect(message.flags == [] && message.applicationID == nil && message.webhookID == nil)
        #expect(message.mentionRoles == [1_181_360_455_017_824_266])
        #expect(message.member?.nick == "Nelly (mod)" && message.member?.user == nil)
        #expect(message.member?.roles == [1_181_360_120_224_288_808])

        #expect(message.embeds.count == 2)
        let rich = try #require(message.embeds.first)
        #expect(rich.type == .rich && rich.title == "Art jam #12" && rich.color == 0x5865F2)
        #expect(rich.timestamp == DiscordTimestamp(iso8601: "2024-08-16T18:00:00Z"))
        #expect(rich.footer?.text == "Sign up below" && rich.footer?.proxyIconURL?.hasPrefix("https://images") == true)
        #expect(rich.image?.width == 1200 && rich.image?.height == 400 && rich.image?.contentType == "image/png")
        #expect(rich.thumbnail?.url == "https://example.com/jam/12/thumb.png")
        #expect(rich.author?.name == "Nelly" && rich.author?.iconURL != nil)
        #expect(rich.fields?.map(\.name) == ["When", "Where", "Rules"])
        #expect(rich.fields?.map(\.inline) == [true, true, nil])
        let video = message.embeds[1]
        #expect(video.type == .video && video.provider?.name == "YouTube" && video.video?.width == 1280)
        #expect(video.video?.proxyURL == nil && video.footer == nil)

        #expect(message.attachments.map(\.filename) == ["lighthouse_sketch.png", "voice-message.ogg"])
        let image = message.attachments[0]
        #expect(image.id == 1_273_021_483_791_290_428 && image.size == 482_133 && image.width == 1024)
        #expect(image.flags == .isSpoiler && image.description == "A pencil sketch of a lighthouse")
        #expect(image.proxyURL.hasPrefix("https://media.discordapp.net/attachments/"))
        let voice = message.attachments[1]
        #expect(voice.durationSeconds == 4.86 && voice.waveform == "AAAiSWlhYlRQQ0dMTE9SNTU2NjE=")
        #expect(voice.height == nil && voice.width == nil && voice.flags == nil && voice.contentType == "audio/ogg")

        let reactions = try #require(message.reactions)
        #expect(reactions.map(\.count) == [3, 2] && reactions.map(\.me) == [true, false])
        #expect(reactions[0].emoji.name == "🔥" && reactions[0].emoji.id == nil)
        #expect(reactions[0].burstColors == [] && reactions[0].countDetails?.normal == 3)
        #expect(reactions[1].emoji.id == 1_181_371_121_234_567_891 && reactions[1].emoji.animated == true)
        #expect(reactions[1].countDetails?.burst == 1 && reactions[1].meBurst == false)
        #expect(reactions[1].burstColorValues == [0xFFC83D, 0x3D8BFF])

        #expect(message.stickerItems?.first?.id == 749_054_660_769_218_631)
        #expect(message.stickerItems?.first?.formatType == .lottie)

        let poll = try #require(message.poll)
        #expect(poll.question.text == "Which day works?" && poll.question.emoji == nil)
        #expect(poll.answers.map(\.answerID) == [1, 2, 3])
        #expect(poll.answers.map(\.pollMedia.text) == ["Friday", "Saturday", "Sunday"])
        #expect(poll.answers[0].pollMedia.emoji?.name == "🌅" && poll.answers[1].pollMedia.emoji == nil)
        #expect(poll.answers[2].pollMedia.emoji?.id == 1_181_371_121_234_567_892)
        #expect(poll.expiry == DiscordTimestamp(iso8601: "2024-08-13T14:03:21.312Z"))
        #expect(poll.allowMultiselect && poll.layoutType == .default)
        #expect(poll.results?.isFinalized == false)
        #expect(poll.results?.answerCounts.map(\.id) == [1, 3] && poll.results?.answerCounts[0].meVoted == true)
    }

    @Test func messageCreateKeepsMentionMembersAndTheRepliedToMessage() throws {
        let message = try EventFixtures.data("MESSAGE_CREATE", as: Message.self)
        let mention = try #require(message.mentions.first)
        #expect(message.mentions.count == 1)
        #expect(mention.id == mira && mention.username == "mira.dev" && mention.globalName == "Mira")
        #expect(mention.avatar?.isAnimated == true)
        #expect(mention.member?.roles == [1_181_360_455_017_824_266] && mention.member?.user == nil)
        #expect(mention.member?.premiumSince == DiscordTimestamp(iso8601: "2024-03-01T12:00:00Z"))

        let reference = try #require(message.messageReference)
        #expect(reference.type == .default && reference.messageID == 1_273_020_170_026_106_941)
        #expect(reference.channelID == channel && reference.guildID == guild && reference.failIfNotExists == nil)
        guard case .value(let replied) = message.referencedMessage else {
            Issue.record("expected a referenced message, got \(String(describing: message.referencedMessage))")
            return
        }
        #expect(replied.id == reference.messageID && replied.author.id == mira && replied.type == .default)
        #expect(replied.content == "Who is coming to the art jam on Friday?")
        #expect(replied.guildID == nil && replied.member == nil && replied.referencedMessage == nil)
    }

    @Test func messageCreateComponentsDecodeButtonsAndASelectMenu() throws {
        let message = try EventFixtures.data("MESSAGE_CREATE", as: Message.self)
        let rows = try #require(message.components)
        #expect(rows.map(\.type) == [.actionRow, .actionRow] && rows.map(\.id) == [1, 5])
        let buttons = try #require(rows[0].components)
        #expect(buttons.map(\.type) == [.button, .button, .button])
        #expect(buttons.map(\.buttonStyle) == [.success, .link, .danger])
        #expect(buttons[0].customID == "jam:signup:12" && buttons[0].label == "Sign up")
        #expect(buttons[0].emoji?.name == "🖌️" && buttons[0].emoji?.id == nil && buttons[0].url == nil)
        #expect(buttons[1].url == "https://example.com/jam/rules" && buttons[1].customID == nil)
        #expect(buttons[2].disabled == true && buttons[0].disabled == nil)

        let select = try #require(rows[1].components?.first)
        #expect(select.type == .stringSelect && select.type.isSelect && !ComponentType.button.isSelect)
        #expect(select.customID == "jam:medium" && select.placeholder == "Pick your medium")
        #expect(select.minValues == 1 && select.maxValues == 2)
        let options = try #require(select.options)
        #expect(options.map(\.value) == ["digital", "watercolor", "ink"])
        #expect(options.map(\.default) == [nil, true, nil])
        #expect(options[0].description == "Tablet or PC" && options[0].emoji?.id == 1_181_371_121_234_567_890)
        #expect(rows[0].allComponents.count == 4)
    }

    @Test func componentsV2DecodeLayoutAndContentComponentsAndAnUnknownType() throws {
        let message = try EventFixtures.data("MESSAGE_CREATE.componentsV2", as: Message.self)
        #expect(message.flags == .isComponentsV2 && message.content.isEmpty)
        #expect(message.author.bot == true && message.webhookID == app && message.applicationID == app)
        let metadata = try #require(message.interactionMetadata)
        #expect(metadata.type == .applicationCommand && metadata.user.id == nelly)
        #expect(metadata.authorizingOwner(for: .guildInstall) == guild)
        #expect(metadata.authorizingOwner(for: .userInstall) == nil)
        #expect(metadata.triggeringInteractionMetadata == nil && metadata.targetUser == nil)

        let components = try #require(message.components)
        #expect(components.map(\.type) == [.container, ComponentType(rawValue: 99)])
        let container = components[0]
        #expect(container.accentColor == 0x5865F2 && container.spoiler == false)
        let children = try #require(container.components)
        #expect(
            children.map(\.type) == [.textDisplay, .section, .separator, .mediaGallery, .file, .section, .actionRow])
        #expect(children[0].content == "# Art jam #12\nTheme: **lighthouses**")

        let section = children[1]
        #expect(section.components?.compactMap(\.content) == ["Hosted by <@80351110224678912>", "Friday 18:00 UTC"])
        let thumbnail = try #require(section.accessory)
        #expect(thumbnail.type == .thumbnail && thumbnail.id == 6 && thumbnail.description == "Jam banner")
        #expect(thumbnail.media?.url == "https://example.com/jam/12/thumb.png" && thumbnail.media?.width == 128)
        #expect(thumbnail.media?.contentType == "image/png" && thumbnail.accessory == nil)

        let separator = children[2]
        #expect(separator.divider == true && separator.spacing == .small)
        let gallery = try #require(children[3].items)
        #expect(
            gallery.map(\.media.url) == [
                "https://example.com/jam/11/winner.png", "https://example.com/jam/11/runner-up.png",
            ])
        #expect(gallery[0].description == "Last jam's winner" && gallery[0].media.height == 600)
        #expect(gallery.map(\.spoiler) == [nil, true])
        let file = children[4]
        #expect(file.file?.url == "attachment://schedule.pdf" && file.file?.attachmentID == 1_280_093_112_426_827_847)
        #expect(file.name == "schedule.pdf" && file.size == 88_210)
        #expect(children[5].accessory?.buttonStyle == .link && children[5].accessory?.label == "FAQ")
        let userSelect = try #require(children[6].components?.first)
        #expect(userSelect.type == .userSelect && userSelect.maxValues == 3)
        #expect(try userSelect.defaultValues == [decode(#"{"id":"80351110224678912","type":"user"}"#)])
        #expect(userSelect.defaultValues?.first?.type == .user)

        let unknown = components[1]
        #expect(unknown.type.rawValue == 99 && unknown.id == 15)
        #expect(unknown.components?.first?.type == .textDisplay)
        #expect(unknown.components?.first?.content == "inside an unknown component")
        #expect(container.allComponents.count == 14)
        let again = try roundTrip(message)
        #expect(again == message && again.components?[1].type.rawValue == 99)
    }

    @Test func minimalDirectMessageHasNoGuildMemberOrOptionalParts() throws {
        let message = try EventFixtures.data("MESSAGE_CREATE.minimal", as: Message.self)
        #expect(message.id == 1_273_040_792_023_105_597 && message.channelID == dmChannel)
        #expect(message.guildID == nil && message.member == nil && message.author.id == mira)
        #expect(message.content == "hi bot" && message.type == .default)
        #expect(message.nonce == .integer(1_273_040_790_412_570_624))
        #expect(message.nonce?.description == "1273040790412570624")
        #expect(message.mentions.isEmpty && message.mentionRoles.isEmpty && message.attachments.isEmpty)
        #expect(message.embeds.isEmpty && message.components == [] && message.reactions == nil)
        #expect(message.referencedMessage == nil && message.messageReference == nil && message.poll == nil)
        #expect(message.interactionMetadata == nil && message.interaction == nil && message.thread == nil)
        #expect(message.stickerItems == nil && message.resolved == nil && message.call == nil)
    }

    @Test func fullMessageUpdateDecodesTheEditAndADeletedReply() throws {
        let update = try EventFixtures.data("MESSAGE_UPDATE", as: MessageUpdate.self)
        #expect(update.id == jamMessage && update.channelID == channel && update.guildID == guild)
        #expect(update.editedTimestamp == .value(try #require(DiscordTimestamp(iso8601: "2024-08-12T14:05:40.125Z"))))
        #expect(update.content == "<@1133071426829979809> count me in! (edit: bringing ink)")
        #expect(update.pinned == true && update.flags == .suppressEmbeds && update.type == .reply)
        #expect(update.mentionRoles == [] && update.mentions?.first?.member?.roles == [1_181_360_455_017_824_266])
        #expect(update.referencedMessage == .null && update.poll == nil)
        #expect(update.thread?.id == 1_273_018_231_488_520_232 && update.thread?.type == .publicThread)
        #expect(update.thread?.threadMetadata?.autoArchiveDuration == 1440)
        #expect(update.embeds?.count == 1 && update.attachments?.count == 2 && update.components?.count == 2)
        #expect(update.member?.nick == "Nelly (mod)" && update.author?.id == nelly)

        let original = try EventFixtures.data("MESSAGE_CREATE", as: Message.self)
        let edited = update.applied(to: original)
        #expect(edited.content == update.content && edited.pinned && edited.flags == .suppressEmbeds)
        #expect(edited.editedTimestamp == update.editedTimestamp?.value)
        #expect(edited.referencedMessage == .null && edited.thread == update.thread)
        #expect(edited.poll == original.poll && edited.embeds.count == 1)
        #expect(try roundTrip(update) == update)
    }

    @Test func partialMessageUpdateKeepsNullApartFromAbsent() throws {
        let update = try EventFixtures.data("MESSAGE_UPDATE.partial", as: MessageUpdate.self)
        #expect(update.id == jamMessage && update.channelID == channel && update.guildID == guild)
        #expect(update.editedTimestamp == .null)
        #expect(update.referencedMessage == nil)
        #expect(update.content == nil && update.author == nil && update.timestamp == nil && update.mentions == nil)
        #expect(update.attachments == nil && update.components == nil && update.pinned == nil && update.type == nil)
        let embed = try #require(update.embeds?.first)
        #expect(embed.type == .article && embed.provider?.name == "Example Blog" && embed.provider?.url == nil)
        #expect(embed.thumbnail?.width == 400 && embed.color == 0x1C1C1C)

        let original = try EventFixtures.data("MESSAGE_CREATE", as: Message.self)
        let unfurled = update.applied(to: original)
        #expect(unfurled.embeds == update.embeds && unfurled.content == original.content)
        #expect(unfurled.editedTimestamp == nil && unfurled.referencedMessage == original.referencedMessage)
        #expect(unfurled.attachments == original.attachments && unfurled.poll == original.poll)
        let other = try EventFixtures.data("MESSAGE_CREATE.minimal", as: Message.self)
        #expect(update.applied(to: other) == other)

        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(update), as: UTF8.self)
        #expect(json.contains(#""edited_timestamp":null"#) && !json.contains("referenced_message"))
        #expect(!json.contains(#""content""#))
        #expect(try roundTrip(update) == update)
    }

    @Test func deleteEventsCarryTheirIDs() throws {
        let delete = try EventFixtures.data("MESSAGE_DELETE", as: MessageDelete.self)
        #expect(delete.id == jamMessage && delete.channelID == channel && delete.guildID == guild)
        let bulk = try EventFixtures.data("MESSAGE_DELETE_BULK", as: MessageDeleteBulk.self)
        #expect(bulk.ids == [jamMessage, 1_273_020_170_026_106_941, 1_273_019_011_312_005_170])
        #expect(bulk.channelID == channel && bulk.guildID == guild)
        let dm = try decode(#"{"id":"1","channel_id":"2"}"#, as: MessageDelete.self)
        #expect(dm.guildID == nil)
        #expect(try roundTrip(bulk) == bulk && roundTrip(delete) == delete)
    }

    @Test func reactionEventsDecodeEmojiBurstAndType() throws {
        let add = try EventFixtures.data("MESSAGE_REACTION_ADD", as: MessageReactionAdd.self)
        #expect(add.userID == mira && add.channelID == channel && add.messageID == jamMessage && add.guildID == guild)
        #expect(add.messageAuthorID == nelly && add.burst && add.type == .burst)
        #expect(add.emoji == Emoji(id: 1_181_371_121_234_567_891, name: "party_lighthouse", animated: true))
        #expect(add.burstColors == ["#ffc83d", "#3d8bff"])
        #expect(add.member?.user?.id == mira && add.member?.roles == [1_181_360_455_017_824_266])

        let remove = try EventFixtures.data("MESSAGE_REACTION_REMOVE", as: MessageReactionRemove.self)
        #expect(remove.userID == nelly && remove.messageID == jamMessage && remove.guildID == guild)
        #expect(remove.emoji == Emoji(name: "🔥") && !remove.burst && remove.type == .normal)

        let all = try EventFixtures.data("MESSAGE_REACTION_REMOVE_ALL", as: MessageReactionRemoveAll.self)
        #expect(all.channelID == channel && all.messageID == jamMessage && all.guildID == guild)

        let emoji = try EventFixtures.data("MESSAGE_REACTION_REMOVE_EMOJI", as: MessageReactionRemoveEmoji.self)
        #expect(emoji.messageID == jamMessage && emoji.guildID == guild)
        #expect(emoji.emoji.id == 1_181_371_121_234_567_891 && emoji.emoji.name == "party_lighthouse")
        #expect(emoji.emoji.animated == nil)
        #expect(try roundTrip(add) == add && roundTrip(remove) == remove && roundTrip(emoji) == emoji)
    }

    @Test func pollVoteEventsDecodeWithAndWithoutAGuild() throws {
        let added = try EventFixtures.data("MESSAGE_POLL_VOTE_ADD", as: MessagePollVote.self)
        #expect(added.userID == mira && added.messageID == jamMessage && added.channelID == channel)
        #expect(added.guildID == guild && added.answerID == 3)
        let removed = try EventFixtures.data("MESSAGE_POLL_VOTE_REMOVE", as: MessagePollVote.self)
        #expect(removed.guildID == nil && removed.channelID == dmChannel && removed.answerID == 1)
        #expect(removed.messageID == 1_273_040_792_023_105_597)
    }

    @Test func typingStartKeepsUnixSecondsAndTheMember() throws {
        let typing = try EventFixtures.data("TYPING_START", as: TypingStart.self)
        #expect(typing.userID == nelly && typing.channelID == channel && typing.guildID == guild)
        #expect(typing.timestamp == 1_723_471_398)
        #expect(typing.member?.user?.username == "nelly" && typing.member?.nick == "Nelly (mod)")
        let dm = try decode(#"{"channel_id":"5","user_id":"6","timestamp":1723471398}"#, as: TypingStart.self)
        #expect(dm.guildID == nil && dm.member == nil)
    }
}
