import DiscordModel
import Foundation
import Testing

/// Interaction events, forward compatibility of the message models and their encoding.
extension MessageEventTests {
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

    @Test func messageCommandResolvesAPartialMessage() throws {
        // Discord calls resolved messages partial: this one has no tts, pinned, mention or embed fields.
        let interaction = try EventFixtures.data("INTERACTION_CREATE.messageCommand", as: Interaction.self)
        let data = try #require(interaction.data)
        #expect(data.type == .message && data.targetID == jamMessage && data.name == "Add to jam gallery")
        let message = try #require(data.resolved?.messages?[jamMessage])
        #expect(message.id == jamMessage && message.channelID == channel && message.author.id == mira)
        #expect(message.content == "my entry for the jam 🎨" && message.attachments.map(\.filename) == ["entry.png"])
        #expect(!message.tts && !message.pinned && !message.mentionEveryone)
        #expect(message.mentions.isEmpty && message.mentionRoles.isEmpty && message.embeds.isEmpty)
        #expect(message.guildID == nil && message.member == nil)
        // The defaults are written back out, so a re-encoded message is a full one.
        #expect(try roundTrip(message) == message)
        let encoded = try #require(
            try JSONSerialization.jsonObject(with: try JSONEncoder().encode(message)) as? [String: Any])
        #expect(encoded["pinned"] as? Bool == false && (encoded["mention_roles"] as? [Any])?.isEmpty == true)
    }

    @Test func absentDefaultsStillRejectAWrongType() throws {
        let base =
            #""id":"1","channel_id":"2","author":{"id":"3","username":"x"},"timestamp":"2024-08-12T14:03:18Z","type":0"#
        let minimal = try decode("{\(base)}", as: Message.self)
        #expect(minimal.content.isEmpty && !minimal.pinned && minimal.attachments.isEmpty)
        #expect(try decode(#"{\#(base),"pinned":null,"embeds":null}"#, as: Message.self) == minimal)
        for bad in [#""pinned":"yes""#, #""mentions":{}"#, #""content":7"#] {
            #expect(throws: DecodingError.self, "\(bad)") { try decode("{\(base),\(bad)}", as: Message.self) }
        }
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
