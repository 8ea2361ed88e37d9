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

    @Test func slashCommandInteractionDecodesNestedOptionsAndResolvedData() throws {
        let interaction = try EventFixtures.data("INTERACTION_CREATE", as: Interaction.self)
        #expect(interaction.id == 1_273_026_512_343_361_576 && interaction.applicationID == app)
        #expect(interaction.type == .applicationCommand && interaction.version == 1)
        #expect(interaction.token.hasPrefix("aW50ZXJhY3Rpb24") && interaction.locale == "en-GB")
        #expect(interaction.guildID == guild && interaction.guild?.features == ["COMMUNITY", "NEWS", "SOUNDBOARD"])
        #expect(interaction.guildLocale == "en-US" && interaction.guild?.locale == "en-US")
        #expect(interaction.channelID == channel && interaction.channel?.name == "art-jam")
        #expect(interaction.channel?.permissions?.contains(.sendMessages) == true)
        #expect(interaction.member?.permissions?.contains(.administrator) == true && interaction.user == nil)
        #expect(interaction.invoker?.id == nelly)
        #expect(interaction.appPermissions?.contains(.viewChannel) == true)
        #expect(interaction.context == .guild && interaction.attachmentSizeLimit == 26_214_400)
        #expect(interaction.authorizingOwner(for: .guildInstall) == guild)
        #expect(interaction.entitlements?.first?.id == 1_019_653_849_998_299_136)
        #expect(interaction.entitlements?.first?.userID == nelly)

        let data = try #require(interaction.data)
        #expect(data.type == .chatInput && data.name == "jam" && data.id == 1_273_019_011_312_005_170)
        #expect(data.guildID == guild && data.customID == nil && data.targetID == nil)
        let group = try #require(data.options?.first)
        #expect(group.type == .subCommandGroup && group.name == "judges" && group.value == nil)
        #expect(group.options?.first?.type == .subCommand && group.options?.first?.name == "add")
        let leaves = data.leafOptions
        #expect(leaves.map(\.name) == ["judge", "notify", "channel", "votes", "weight", "anonymous", "note"])
        #expect(leaves.map(\.type) == [.user, .role, .channel, .integer, .number, .boolean, .string])
        #expect(leaves[0].snowflakeValue == mira && leaves[2].snowflakeValue == channel)
        #expect(leaves[3].value == .integer(3) && leaves[4].value == .double(0.75))
        #expect(leaves[5].value == .bool(true) && leaves[6].value?.stringValue == "Please be kind")
        #expect(data.focusedOption == nil)

        let resolved = try #require(data.resolved)
        #expect(resolved.users?[mira]?.username == "mira.dev")
        #expect(resolved.members?[mira]?.permissions != nil && resolved.members?[mira]?.deaf == nil)
        let role = try #require(resolved.roles?[1_181_360_455_017_824_266])
        #expect(role.name == "Artists" && role.unicodeEmoji == "🎨" && role.colors?.secondaryColor == nil)
        #expect(resolved.channels?[channel]?.type == .guildText && resolved.messages == nil)
        #expect(try roundTrip(interaction) == interaction)
    }

    @Test func componentInteractionCarriesTheMessageAndCustomID() throws {
        let interaction = try EventFixtures.data("INTERACTION_CREATE.component", as: Interaction.self)
        #expect(interaction.type == .messageComponent && interaction.context == .botDM)
        #expect(interaction.user?.id == mira && interaction.member == nil && interaction.invoker?.id == mira)
        #expect(interaction.guildID == nil && interaction.guild == nil && interaction.locale == "de")
        #expect(interaction.channel?.type == .dm && interaction.channel?.recipients?.first?.id == mira)
        #expect(interaction.entitlements == [] && interaction.authorizingIntegrationOwners == ["0": 0])
        let data = try #require(interaction.data)
        #expect(data.customID == "jam:confirm:12" && data.componentType == .button && data.values == nil)
        #expect(data.name == nil && data.options == nil)

        let message = try #require(interaction.message)
        #expect(message.type == .chatInputCommand && message.flags == .ephemeral && message.author.bot == true)
        #expect(message.interactionMetadata?.id == 1_273_043_301_722_796_114)
        #expect(message.interactionMetadata?.authorizingOwner(for: .guildInstall) == 0)
        #expect(message.interaction?.name == "jam signup" && message.interaction?.user.id == mira)
        let buttons = try #require(message.components?.first?.components)
        #expect(buttons.map(\.buttonStyle) == [.primary, .secondary, .premium])
        #expect(buttons[2].skuID == 1_019_475_255_913_222_144 && buttons[2].label == nil)
        #expect(try roundTrip(interaction) == interaction)
    }

    @Test func modalSubmitInteractionDecodesLabelledFieldsAndUploads() throws {
        let interaction = try EventFixtures.data("INTERACTION_CREATE.modal", as: Interaction.self)
        #expect(interaction.type == .modalSubmit && interaction.message == nil)
        let data = try #require(interaction.data)
        #expect(data.customID == "jam:submit:12" && data.componentType == nil)
        let fields = try #require(data.components)
        #expect(fields.map(\.type) == [.label, .actionRow, .label, .label, .textDisplay])
        #expect(fields[0].component?.type == .textInput && fields[0].component?.customID == "title")
        #expect(fields[0].component?.value == "Beacon at dusk" && fields[0].components == nil)
        #expect(fields[1].components?.first?.value == "Watercolor on A4.\nTook 3 hours.")
        #expect(fields[2].component?.type == .stringSelect && fields[2].component?.values == ["watercolor"])
        let upload = try #require(fields[3].component)
        #expect(upload.type == .fileUpload && upload.values == ["1273045638220640296"])
        #expect(fields[4].content == nil)
        let attachment = try #require(data.resolved?.attachments?[1_273_045_638_220_640_296])
        #expect(attachment.filename == "beacon.jpg" && attachment.ephemeral == true && attachment.size == 1_532_117)
        #expect(try roundTrip(interaction) == interaction)
    }

    @Test func autocompleteInteractionFindsTheFocusedOption() throws {
        let interaction = try EventFixtures.data("INTERACTION_CREATE.autocomplete", as: Interaction.self)
        #expect(interaction.type == .applicationCommandAutocomplete && interaction.locale == "fr")
        #expect(interaction.guild?.features == [] && interaction.invoker?.id == mira)
        let data = try #require(interaction.data)
        #expect(data.name == "tag" && data.options?.first?.type == .subCommand)
        let focused = try #require(data.focusedOption)
        #expect(focused.name == "name" && focused.value == .string("light") && focused.type == .string)
        #expect(data.leafOptions.map(\.focused) == [true, nil])
        #expect(data.leafOptions[1].value?.integerValue == 5)
    }

    @Test(arguments: ["MESSAGE_CREATE", "MESSAGE_CREATE.componentsV2", "MESSAGE_CREATE.minimal"])
    func messagesSurviveAnEncodeDecodeRoundTrip(fixture: String) throws {
        let message = try EventFixtures.data(fixture, as: Message.self)
        let again = try roundTrip(message)
        #expect(again == message)
        #expect(again.referencedMessage == message.referencedMessage && again.nonce == message.nonce)
        #expect(again.mentions.map(\.member) == message.mentions.map(\.member))
    }

    @Test func openValuesKeepUnknownNumbersAndBits() throws {
        let json = #"""
            {"id":"1","channel_id":"2","author":{"id":"3","username":"x"},"content":"","timestamp":
            "2024-01-01T00:00:00+00:00","edited_timestamp":null,"tts":false,"mention_everyone":false,"mentions":[],
            "mention_roles":[],"attachments":[],"embeds":[{"type":"hologram"}],"pinned":false,"type":77,
            "flags":1048640,"message_reference":{"type":5,"message_id":"9"},"activity":{"type":9}}
            """#
        let message = try decode(json, as: Message.self)
        #expect(message.type == MessageType(rawValue: 77) && message.type.description == "77")
        #expect(message.flags?.contains(.ephemeral) == true && message.flags?.rawValue == 1 << 20 | 1 << 6)
        #expect(message.embeds.first?.type?.rawValue == "hologram")
        #expect(message.messageReference?.type?.rawValue == 5 && message.activity?.type.rawValue == 9)
        #expect(try roundTrip(message) == message)
        let interaction = try decode(
            #"{"id":"1","application_id":"2","type":12,"token":"t","version":1,"context":7}"#, as: Interaction.self)
        #expect(interaction.type.rawValue == 12 && interaction.context?.rawValue == 7 && interaction.data == nil)
        let component = try decode(#"{"type":42,"style":9,"future_field":[1,2]}"#, as: Component.self)
        #expect(component.type.rawValue == 42 && component.buttonStyle?.rawValue == 9)
    }

    @Test func wrongTypesAndBadKeysThrowDecodingErrors() throws {
        let minimal = String(decoding: try EventFixtures.payload("MESSAGE_CREATE.minimal"), as: UTF8.self)
        let broken = minimal.replacingOccurrences(of: #""tts": false"#, with: #""tts": "no""#)
        #expect(broken != minimal)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DataMember<Message>.self, from: Data(broken.utf8))
        }
        #expect(throws: DecodingError.self) {
            try decode(
                #"{"user_id":"1","channel_id":"2","message_id":"3","answer_id":"one"}"#, as: MessagePollVote.self)
        }
        #expect(throws: DecodingError.self) {
            try decode(#"{"users":{"not-an-id":{"id":"1","username":"a"}}}"#, as: ResolvedData.self)
        }
        #expect(throws: DecodingError.self) {
            try decode(#"{"id":"1","channel_id":"2","nonce":1.5}"#, as: MessageUpdate.self)
        }
        #expect(throws: DecodingError.self) { try decode(#"{"components":[{"style":1}]}"#, as: InteractionData.self) }
        let empty = try decode(#"{"users":null}"#, as: ResolvedData.self)
        #expect(empty == ResolvedData())
    }

    @Test func resolvedDataEncodesMapsKeyedByIDStrings() throws {
        var resolved = ResolvedData()
        resolved.users = [42: User(id: 42, username: "answer")]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(resolved), as: UTF8.self)
        #expect(json == #"{"users":{"42":{"id":"42","username":"answer"}}}"#)
        #expect(try roundTrip(resolved) == resolved)
    }

    @Test func publicTypesAreSendable() {
        assertSendable(Message.self)
        assertSendable(MessageUpdate.self)
        assertSendable(Interaction.self)
        assertSendable(InteractionData.self)
        assertSendable(Component.self)
        assertSendable(ResolvedData.self)
        assertSendable(Poll.self)
        assertSendable(Embed.self)
        assertSendable(Attachment.self)
        assertSendable(Reaction.self)
        assertSendable(TypingStart.self)
        assertSendable(MessageReactionAdd.self)
    }
}
