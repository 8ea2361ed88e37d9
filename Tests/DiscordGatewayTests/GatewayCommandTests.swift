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
            try text(.voiceStateUpdate(.init(guildID: 1, channelID: nil, selfMute: true)))
                == #"{"op":4,"d":{"guild_id":"1","channel_id":null,"self_mute":true,"self_deaf":false}}"#)
        #expect(
            try text(.requestGuildMembers(.all(guildID: 1, nonce: "n")))
                == #"{"op":8,"d":{"guild_id":"1","query":"","limit":0,"presences":false,"nonce":"n"}}"#)
        #expect(
            try text(.requestGuildMembers(.init(guildID: 1, selection: .userIDs([2, 3]), presences: true)))
                == #"{"op":8,"d":{"guild_id":"1","user_ids":["2","3"],"presences":true}}"#)
        #expect(
            try text(.requestSoundboardSounds(guildIDs: [613425648685547541]))
                == #"{"op":31,"d":{"guild_ids":["613425648685547541"]}}"#)
        #expect(
            try text(.requestChannelInfo(guildID: 1))
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
        let request = GatewayCommand.requestGuildMembers(.all(guildID: 1, nonce: String(repeating: "é", count: 17)))
        #expect(throws: GatewayCommandError.invalidField("nonce is 34 bytes, limit 32")) {
            try request.encode()
        }
        #expect(
            (try? GatewayCommand.requestGuildMembers(.all(guildID: 1, nonce: String(repeating: "n", count: 32)))
                .encode()) != nil)
    }

    @Test(arguments: [
        GatewayCommand.requestGuildMembers(.init(guildID: 1, selection: .userIDs(Array(repeating: 1, count: 101)))),
        .requestGuildMembers(.init(guildID: 1, selection: .query("a", limit: -1))),
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

    /// One command of every kind, with optional fields both set and left out.
    static let everyCommand: [GatewayCommand] = [
        .identify(
            .init(
                token: "TOKEN", intents: [.guilds, .guildMessages, .messageContent], largeThreshold: 100,
                shard: ShardInfo(id: 3, count: 8),
                presence: .init(status: .idle, activities: [.init(name: "x", type: .custom, state: "hi")], since: 5))),
        .identify(.init(token: "TOKEN", intents: .guilds)),
        .resume(.init(token: "TOKEN", sessionID: "abc", sequence: 1337)),
        .heartbeat(sequence: 251), .heartbeat(sequence: nil),
        .presenceUpdate(
            .init(status: .online, activities: [.init(name: "Live", type: .streaming, url: "https://twitch.tv/x")])),
        .voiceStateUpdate(.init(guildID: 41_771_983_423_143_937, channelID: 127_121_515_262_115_840, selfDeaf: true)),
        .voiceStateUpdate(.init(guildID: 41_771_983_423_143_937, channelID: nil)),
        .requestGuildMembers(.all(guildID: 1, presences: true, nonce: "n")),
        .requestGuildMembers(.init(guildID: 1, selection: .query("ab", limit: 10))),
        .requestGuildMembers(.init(guildID: 1, selection: .userIDs([2, 3]))),
        .requestSoundboardSounds(guildIDs: [613_425_648_685_547_541, 1]),
        .requestChannelInfo(guildID: 9), .requestChannelInfo(guildID: 9, fields: ["status"]),
    ]

    /// Decodes the `d` of a command's wire bytes back into the model type the command carries.
    func decodedAgain(_ command: GatewayCommand, from bytes: Data) throws -> GatewayCommand {
        func data<T: Decodable>(_ type: T.Type) throws -> T {
            try JSONDecoder().decode(WireEnvelope<T>.self, from: bytes).d
        }
        return switch command {
        case .identify: .identify(try data(Identify.self))
        case .resume: .resume(try data(Resume.self))
        case .heartbeat: .heartbeat(sequence: try data(Heartbeat.self).sequence)
        case .presenceUpdate: .presenceUpdate(try data(UpdatePresence.self))
        case .voiceStateUpdate: .voiceStateUpdate(try data(UpdateVoiceState.self))
        case .requestGuildMembers: .requestGuildMembers(try data(RequestGuildMembers.self))
        case .requestSoundboardSounds: .requestSoundboardSounds(try data(RequestSoundboardSounds.self))
        case .requestChannelInfo: .requestChannelInfo(try data(RequestChannelInfo.self))
        case .raw: command
        }
    }

    @Test(arguments: everyCommand)
    func wireBytesDecodeBackIntoTheSameModel(command: GatewayCommand) throws {
        let wire = Data(try command.encode())
        #expect(try decodedAgain(command, from: wire) == command)
        let opcode = try JSONDecoder().decode(WireEnvelope<JSONValue>.self, from: wire).op
        #expect(opcode == command.opcode.rawValue)
    }

    @Test(arguments: everyCommand)
    func codableEncodingDecodesBackIntoTheSameModel(command: GatewayCommand) throws {
        func roundTrip<T: Codable & Equatable>(_ value: T) throws -> T {
            try JSONDecoder().decode(T.self, from: try JSONEncoder().encode(value))
        }
        switch command {
        case .identify(let value): #expect(try roundTrip(value) == value)
        case .resume(let value): #expect(try roundTrip(value) == value)
        case .heartbeat(let sequence): #expect(try roundTrip(Heartbeat(sequence: sequence)).sequence == sequence)
        case .presenceUpdate(let value): #expect(try roundTrip(value) == value)
        case .voiceStateUpdate(let value): #expect(try roundTrip(value) == value)
        case .requestGuildMembers(let value): #expect(try roundTrip(value) == value)
        case .requestSoundboardSounds(let value): #expect(try roundTrip(value) == value)
        case .requestChannelInfo(let value): #expect(try roundTrip(value) == value)
        case .raw: Issue.record("raw commands are not models")
        }
    }

    @Test func modelDecodingAcceptsDiscordsLenientForms() throws {
        let single = try JSONDecoder().decode(
            RequestGuildMembers.self, from: Data(#"{"guild_id":"1","user_ids":"7"}"#.utf8))
        #expect(single.selection == .userIDs([7]) && !single.presences)
        let identify = try JSONDecoder().decode(
            Identify.self,
            from: Data(#"{"token":"Bot T","properties":{"os":"a","browser":"b","device":"c"},"intents":513}"#.utf8))
        #expect(identify.largeThreshold == 50 && identify.intents == [.guilds, .guildMessages])
        #expect(identify.token == BotToken("T"))
    }
}

/// A payload envelope as sent: `op` and `d`.
private struct WireEnvelope<T: Decodable>: Decodable {
    /// The opcode.
    let op: Int
    /// The data.
    let d: T
}
