import DiscordGateway
import Foundation
import Testing

/// Hand-written JSON for outgoing commands (PROTOCOL §6, §8, §13).
@Suite struct GatewayCommandTests {
    /// The encoded text of a command.
    func text(_ command: GatewayCommand) throws -> String {
        String(decoding: try command.encode(), as: UTF8.self)
    }

    @Test func identifyMatchesTheDocumentedShape() throws {
        let identify = GatewayCommand.identify(
            .init(
                token: "TOKEN", intents: [.guilds, .guildMessages],
                properties: .init(os: "linux", browser: "mylib", device: "mylib"), largeThreshold: 250,
                shard: ShardInfo(id: 0, count: 1),
                presence: .init(
                    status: .doNotDisturb, activities: [.init(name: "Cards", type: .playing)], since: 91_879_201)))
        #expect(
            try text(identify)
                == #"{"op":2,"d":{"token":"TOKEN","properties":{"os":"linux","browser":"mylib","device":"mylib"},"#
                + #""compress":false,"large_threshold":250,"shard":[0,1],"#
                + #""presence":{"since":91879201,"activities":[{"name":"Cards","type":0}],"status":"dnd","afk":false},"#
                + #""intents":513}}"#)
    }

    @Test func resumeAndHeartbeatMatchTheDocumentedShape() throws {
        #expect(
            try text(.resume(.init(token: "Bot TOKEN", sessionID: "abc", sequence: 1337)))
                == #"{"op":6,"d":{"token":"TOKEN","session_id":"abc","seq":1337}}"#)
        #expect(try text(.heartbeat(sequence: 251)) == #"{"op":1,"d":251}"#)
        #expect(try text(.heartbeat(sequence: nil)) == #"{"op":1,"d":null}"#)
    }

    @Test func presenceUpdateWritesOptionalActivityFields() throws {
        let presence = GatewayCommand.presenceUpdate(
            .init(
                status: .online,
                activities: [
                    .init(name: "Custom Status", type: .custom, state: "hi"),
                    .init(name: "Live", type: .streaming, url: "https://twitch.tv/x"),
                ]))
        #expect(
            try text(presence)
                == #"{"op":3,"d":{"since":null,"activities":[{"name":"Custom Status","type":4,"state":"hi"},"#
                + #"{"name":"Live","type":1,"url":"https://twitch.tv/x"}],"status":"online","afk":false}}"#)
    }

    @Test func otherCommandsMatchTheDocumentedShapes() throws {
        #expect(
            try text(.voiceStateUpdate(.init(guildID: "1", channelID: nil, selfMute: true)))
                == #"{"op":4,"d":{"guild_id":"1","channel_id":null,"self_mute":true,"self_deaf":false}}"#)
        #expect(
            try text(.requestGuildMembers(.all(guildID: "1", nonce: "n")))
                == #"{"op":8,"d":{"guild_id":"1","query":"","limit":0,"presences":false,"nonce":"n"}}"#)
        #expect(
            try text(.requestGuildMembers(.init(guildID: "1", selection: .userIDs(["2", "3"]), presences: true)))
                == #"{"op":8,"d":{"guild_id":"1","user_ids":["2","3"],"presences":true}}"#)
        #expect(
            try text(.requestSoundboardSounds(guildIDs: ["613425648685547541"]))
                == #"{"op":31,"d":{"guild_ids":["613425648685547541"]}}"#)
        #expect(
            try text(.requestChannelInfo(guildID: "1"))
                == #"{"op":43,"d":{"guild_id":"1","fields":["status","voice_start_time"]}}"#)
        #expect(
            try text(.raw(opcode: GatewayOpcode(rawValue: 99), data: #" {"a":[1,2.5e3,true,null]} "#))
                == #"{"op":99,"d": {"a":[1,2.5e3,true,null]} }"#)
    }

    @Test func stringsAreEscapedPerRFC8259() throws {
        let tricky = "quote \" backslash \\ newline \n tab \t nul \u{0} bell \u{7} é 🎉 \u{2028}"
        let bytes = try GatewayCommand.presenceUpdate(.init(activities: [.init(name: tricky)])).encode()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#"quote \" backslash \\ newline \n tab \t nul \u0000 bell \u0007 é 🎉"#))
        let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        let data = object?["d"] as? [String: Any]
        let activities = data?["activities"] as? [[String: Any]]
        #expect(activities?.first?["name"] as? String == tricky)
    }

    @Test func payloadOver4096BytesIsRejectedBeforeSending() {
        let name = String(repeating: "x", count: 5000)
        let command = GatewayCommand.presenceUpdate(.init(activities: [.init(name: name)]))
        let size = command.redactedDescription.utf8.count
        #expect(throws: GatewayCommandError.payloadTooLarge(size: size)) {
            try command.encode()
        }
    }

    @Test func payloadOfExactly4096BytesIsAccepted() throws {
        let overhead = try GatewayCommand.raw(opcode: .presenceUpdate, data: #""""#).encode().count
        let data = "\"" + String(repeating: "a", count: 4096 - overhead) + "\""
        #expect(try GatewayCommand.raw(opcode: .presenceUpdate, data: data).encode().count == 4096)
    }

    @Test func nonceOver32BytesIsRejected() {
        let request = GatewayCommand.requestGuildMembers(.all(guildID: "1", nonce: String(repeating: "é", count: 17)))
        #expect(throws: GatewayCommandError.invalidField("nonce is 34 bytes, limit 32")) {
            try request.encode()
        }
        #expect(
            (try? GatewayCommand.requestGuildMembers(.all(guildID: "1", nonce: String(repeating: "n", count: 32)))
                .encode()) != nil)
    }

    @Test(arguments: [
        GatewayCommand.requestGuildMembers(.init(guildID: "1", selection: .userIDs(Array(repeating: "1", count: 101)))),
        .requestGuildMembers(.init(guildID: "1", selection: .query("a", limit: -1))),
        .identify(.init(token: "t", intents: [], largeThreshold: 49)),
        .identify(.init(token: "t", intents: [], shard: ShardInfo(id: 2, count: 2))),
        .requestSoundboardSounds(guildIDs: []),
    ])
    func fieldsOutsideDiscordLimitsAreRejected(command: GatewayCommand) {
        #expect(throws: GatewayCommandError.self) { try command.encode() }
    }

    @Test(arguments: ["", "{", #"{"a":}"#, "[1,]", "01", "nul", #""\x""#, "{} {}", "\"a\nb\""])
    func rawDataMustBeOneWellFormedJSONValue(data: String) {
        #expect(throws: GatewayCommandError.self) {
            try GatewayCommand.raw(opcode: GatewayOpcode(rawValue: 3), data: data).encode()
        }
    }

    @Test func redactedDescriptionHidesTheToken() {
        let identify = GatewayCommand.identify(.init(token: "SECRET", intents: .guilds))
        let resume = GatewayCommand.resume(.init(token: "SECRET", sessionID: "s", sequence: 1))
        for command in [identify, resume] {
            #expect(!command.redactedDescription.contains("SECRET"))
            #expect(command.redactedDescription.contains(#""token":"<redacted>""#))
            #expect(!command.description.contains("SECRET"))
        }
    }

    @Test func userCommandsRequireASession() {
        #expect(GatewayCommand.presenceUpdate(.init()).requiresSession)
        #expect(!GatewayCommand.heartbeat(sequence: 1).requiresSession)
        #expect(GatewayCommand.raw(opcode: .requestChannelInfo, data: "{}").requiresSession)
    }
}
