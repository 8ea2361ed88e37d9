import DiscordModel
import Foundation
import Testing

/// Every documented dispatch has a type, a `DispatchEvent` case and a fixture that decodes; unknown names and
/// broken data are reported, not lost.
@Suite struct EventCoverageTests {
    /// PROTOCOL.md §15's names, as of API v10 (kept here so the test also runs without `../shared`).
    static let documentedNames = """
        READY RESUMED RATE_LIMITED APPLICATION_COMMAND_PERMISSIONS_UPDATE AUTO_MODERATION_RULE_CREATE \
        AUTO_MODERATION_RULE_UPDATE AUTO_MODERATION_RULE_DELETE AUTO_MODERATION_ACTION_EXECUTION CHANNEL_CREATE \
        CHANNEL_UPDATE CHANNEL_DELETE CHANNEL_PINS_UPDATE CHANNEL_INFO VOICE_CHANNEL_STATUS_UPDATE \
        VOICE_CHANNEL_START_TIME_UPDATE THREAD_CREATE THREAD_UPDATE THREAD_DELETE THREAD_LIST_SYNC \
        THREAD_MEMBER_UPDATE THREAD_MEMBERS_UPDATE ENTITLEMENT_CREATE ENTITLEMENT_UPDATE ENTITLEMENT_DELETE \
        SUBSCRIPTION_CREATE SUBSCRIPTION_UPDATE SUBSCRIPTION_DELETE GUILD_CREATE GUILD_UPDATE GUILD_DELETE \
        GUILD_AUDIT_LOG_ENTRY_CREATE GUILD_BAN_ADD GUILD_BAN_REMOVE GUILD_EMOJIS_UPDATE GUILD_STICKERS_UPDATE \
        GUILD_INTEGRATIONS_UPDATE GUILD_MEMBER_ADD GUILD_MEMBER_REMOVE GUILD_MEMBER_UPDATE GUILD_MEMBERS_CHUNK \
        GUILD_ROLE_CREATE GUILD_ROLE_UPDATE GUILD_ROLE_DELETE GUILD_SCHEDULED_EVENT_CREATE \
        GUILD_SCHEDULED_EVENT_UPDATE GUILD_SCHEDULED_EVENT_DELETE GUILD_SCHEDULED_EVENT_USER_ADD \
        GUILD_SCHEDULED_EVENT_USER_REMOVE GUILD_SOUNDBOARD_SOUND_CREATE GUILD_SOUNDBOARD_SOUND_UPDATE \
        GUILD_SOUNDBOARD_SOUND_DELETE GUILD_SOUNDBOARD_SOUNDS_UPDATE SOUNDBOARD_SOUNDS INTEGRATION_CREATE \
        INTEGRATION_UPDATE INTEGRATION_DELETE INTERACTION_CREATE INVITE_CREATE INVITE_DELETE MESSAGE_CREATE \
        MESSAGE_UPDATE MESSAGE_DELETE MESSAGE_DELETE_BULK MESSAGE_REACTION_ADD MESSAGE_REACTION_REMOVE \
        MESSAGE_REACTION_REMOVE_ALL MESSAGE_REACTION_REMOVE_EMOJI MESSAGE_POLL_VOTE_ADD MESSAGE_POLL_VOTE_REMOVE \
        PRESENCE_UPDATE TYPING_START USER_UPDATE VOICE_CHANNEL_EFFECT_SEND VOICE_STATE_UPDATE VOICE_SERVER_UPDATE \
        WEBHOOKS_UPDATE STAGE_INSTANCE_CREATE STAGE_INSTANCE_UPDATE STAGE_INSTANCE_DELETE
        """.split(separator: " ").map(String.init)

    /// The names in `../shared/PROTOCOL.md` §15, when that file is next to the repository.
    static func protocolDocumentNames() throws -> [String]? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/PROTOCOL.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8),
            let start = text.range(of: "## 15."),
            let end = text.range(of: "## 16.", range: start.upperBound..<text.endIndex)
        else { return nil }
        let section = text[start.upperBound..<end.lowerBound]
        let regex = try Regex("`([A-Z_]+)`")
        return section.matches(of: regex).compactMap { match in match.output[1].substring.map(String.init) }
    }

    @Test func everyDocumentedNameHasATypeACaseAndAFixtureThatDecodes() throws {
        var names = Set(Self.documentedNames)
        if let fromDocument = try Self.protocolDocumentNames() {
            #expect(fromDocument.count >= 79)
            names.formUnion(fromDocument)
        }
        #expect(Set(GatewayEventType.allDocumented.map(\.rawValue)) == names)
        for name in names.sorted() {
            let payload = [UInt8](try EventFixtures.payload(name))
            let event = try DispatchEvent.decode(name: name, payload: payload)
            #expect(event.type.rawValue == name, "\(name) decoded as \(event.type)")
            if case .unknown = event { Issue.record("\(name) has no DispatchEvent case") }
        }
    }

    @Test func everyFixtureVariantDecodesAsItsEvent() throws {
        let files = try EventFixtures.allNames()
        #expect(files.count > 79)
        for file in files {
            let name = String(file.split(separator: ".")[0])
            do {
                let event = try DispatchEvent.decode(name: name, payload: [UInt8](try EventFixtures.payload(file)))
                #expect(event.type.rawValue == name, "\(file)")
            } catch {
                Issue.record("\(file): \(error)")
            }
        }
    }

    @Test func everyEventSurvivesAnEncodeDecodeRoundTrip() throws {
        for file in try EventFixtures.allNames() {
            let name = String(file.split(separator: ".")[0])
            let event = try DispatchEvent.decode(name: name, payload: [UInt8](try EventFixtures.payload(file)))
            let encoded = try event.payload(sequence: 77)
            let again = try DispatchEvent.decode(name: name, payload: encoded)
            #expect(again == event, "\(file)")
            let envelope = try JSONSerialization.jsonObject(with: Data(encoded)) as? [String: Any]
            #expect(envelope?["t"] as? String == name && envelope?["s"] as? Int == 77 && envelope?["op"] as? Int == 0)
        }
        let unknown = DispatchEvent.unknown(name: "X", payload: Array(#"{"t":"X","s":1,"op":0,"d":null}"#.utf8))
        #expect(try unknown.payload(sequence: 5) == Array(#"{"t":"X","s":1,"op":0,"d":null}"#.utf8))
    }

    @Test func fixturesAreWholePayloadsNamedAfterTheirEvent() throws {
        for file in try EventFixtures.allNames() {
            let object = try JSONSerialization.jsonObject(with: try EventFixtures.payload(file)) as? [String: Any]
            #expect(object?["op"] as? Int == 0, "\(file)")
            #expect(object?["t"] as? String == String(file.split(separator: ".")[0]), "\(file)")
            #expect(object?["s"] is Int, "\(file)")
            #expect(object?["d"] != nil, "\(file)")
        }
    }

    @Test func unknownNamesAreKeptRawWithTheirPayload() throws {
        let payload = Array(#"{"t":"BRAND_NEW_EVENT","s":9,"op":0,"d":{"x":[1,2]}}"#.utf8)
        let event = try DispatchEvent.decode(name: "BRAND_NEW_EVENT", payload: payload)
        #expect(event == .unknown(name: "BRAND_NEW_EVENT", payload: payload))
        #expect(event.type == "BRAND_NEW_EVENT")
    }

    @Test func aDecodeFailureNamesTheEventThePathAndKeepsThePayload() throws {
        let text = String(decoding: try EventFixtures.payload("MESSAGE_CREATE"), as: UTF8.self)
        let data = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        var d = try #require(data["d"] as? [String: Any])
        var author = try #require(d["author"] as? [String: Any])
        author["id"] = "not-a-snowflake"
        d["author"] = author
        var broken = data
        broken["d"] = d
        let payload = [UInt8](try JSONSerialization.data(withJSONObject: broken))
        let error = try #require(throws: EventDecodingError.self) {
            try DispatchEvent.decode(name: "MESSAGE_CREATE", payload: payload)
        }
        #expect(error.eventName == "MESSAGE_CREATE")
        #expect(error.codingPath == "d.author.id")
        #expect(error.message.contains("not-a-snowflake"))
        #expect(error.payload == payload)
        #expect(error.description.hasPrefix("MESSAGE_CREATE at d.author.id: "))

        d.removeValue(forKey: "channel_id")
        broken["d"] = d
        let missing = try #require(throws: EventDecodingError.self) {
            try DispatchEvent.decode(
                name: "MESSAGE_CREATE", payload: [UInt8](try JSONSerialization.data(withJSONObject: broken)))
        }
        #expect(missing.codingPath == "d.channel_id" || missing.codingPath == "d.author.id")

        let embeds = #"{"t":"MESSAGE_DELETE_BULK","s":1,"op":0,"d":{"ids":["1",2,"x"],"channel_id":"5"}}"#
        let nested = try #require(throws: EventDecodingError.self) {
            try DispatchEvent.decode(name: "MESSAGE_DELETE_BULK", payload: Array(embeds.utf8))
        }
        #expect(nested.codingPath == "d.ids[2]")
    }

    @Test func payloadsThatAreNotJSONFailWithAnEmptyPath() {
        for text in ["", "{", "not json", #"{"t":"READY","op":0}"#] {
            let error = #expect(throws: EventDecodingError.self) {
                try DispatchEvent.decode(name: "READY", payload: Array(text.utf8))
            }
            #expect(error?.eventName == "READY")
            if text.hasPrefix("{\"t\"") {
                #expect(error?.codingPath == "d")
            } else {
                #expect(error?.codingPath == "")
            }
        }
    }

    @Test func unknownFieldsAnywhereAreIgnored() throws {
        let payload = try EventFixtures.payload("MESSAGE_CREATE")
        let original = try DispatchEvent.decode(name: "MESSAGE_CREATE", payload: [UInt8](payload))
        var object = try #require(JSONSerialization.jsonObject(with: payload) as? [String: Any])
        var d = try #require(object["d"] as? [String: Any])
        d["a_field_from_2030"] = ["nested": [1, 2, 3]]
        var author = try #require(d["author"] as? [String: Any])
        author["another_new_field"] = NSNull()
        d["author"] = author
        object["d"] = d
        object["_trace"] = ["gateway-prd-1"]
        let extended = [UInt8](try JSONSerialization.data(withJSONObject: object))
        #expect(try DispatchEvent.decode(name: "MESSAGE_CREATE", payload: extended) == original)
    }

    @Test func guildCreateTellsAvailableFromUnavailable() throws {
        let available = try DispatchEvent.decode(
            name: "GUILD_CREATE", payload: [UInt8](try EventFixtures.payload("GUILD_CREATE")))
        let unavailable = try DispatchEvent.decode(
            name: "GUILD_CREATE", payload: [UInt8](try EventFixtures.payload("GUILD_CREATE.unavailable")))
        guard case .guildCreate(.available(let guild)) = available else {
            Issue.record("expected an available guild, got \(available.type)")
            return
        }
        #expect(!(guild.channels ?? []).isEmpty)
        guard case .guildCreate(.unavailable(let outage)) = unavailable else {
            Issue.record("expected an unavailable guild")
            return
        }
        #expect(outage.unavailable == true)
        #expect(outage.id == GuildCreate.unavailable(outage).id)
    }
}
