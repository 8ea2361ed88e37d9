import DiscordGateway
import Testing

/// Envelope scanning without a full parse, and payload classification.
@Suite struct PayloadPeekTests {
    /// Peeks a text payload.
    func peek(_ text: String) throws(PayloadPeek.Error) -> PayloadPeek {
        try PayloadPeek(parsing: Array(text.utf8))
    }

    @Test func readsDiscordKeyOrder() throws {
        let peeked = try peek(#"{"t":"MESSAGE_CREATE","s":42,"op":0,"d":{"content":"hi"}}"#)
        #expect(peeked == PayloadPeek(opcode: .dispatch, sequence: 42, eventName: "MESSAGE_CREATE"))
    }

    @Test(arguments: [
        #"{"op":0,"d":{"x":[1,{"op":5,"s":9}]},"s":7,"t":"A"}"#,
        #"{"d":{"t":"B","s":1,"op":3},"t":"A","op":0,"s":7}"#,
        #" { "s" : 7 , "d" : "}\"{" , "t" : "A" , "op" : 0 } "#,
        "{\n\"d\":[\"\\\\\",\"\\\"\"],\r\n\"s\":7,\t\"t\":\"A\",\"op\":0}",
        #"{"d":null,"extra":true,"n":-1.5e3,"op":0,"s":7,"t":"A"}"#,
    ])
    func findsTopLevelKeysInAnyOrder(text: String) throws {
        #expect(try peek(text) == PayloadPeek(opcode: .dispatch, sequence: 7, eventName: "A"))
    }

    @Test func nullSequenceAndNameAreNil() throws {
        let hello = try peek(#"{"t":null,"s":null,"op":10,"d":{"heartbeat_interval":41250}}"#)
        #expect(hello == PayloadPeek(opcode: .hello))
        #expect(try peek(#"{"op":11}"#) == PayloadPeek(opcode: .heartbeatAck))
    }

    @Test func escapedKeysAndNamesAreDecoded() throws {
        let peeked = try peek(#"{"\u006fp":0,"s":1,"t":"A\u00e9\ud83c\udf89\n"}"#)
        #expect(peeked == PayloadPeek(opcode: .dispatch, sequence: 1, eventName: "Aé🎉\n"))
    }

    @Test func stopsScanningOnceTheEnvelopeIsKnown() throws {
        // Everything after op is garbage: a full parser would fail, the peek must not look at it.
        #expect(
            try peek(#"{"t":"A","s":1,"op":0,"d":{{{{"#) == PayloadPeek(opcode: .dispatch, sequence: 1, eventName: "A"))
        #expect(try peek(#"{"op":11,"d":]]]"#) == PayloadPeek(opcode: .heartbeatAck))
    }

    @Test(arguments: [
        ("", PayloadPeek.Error.notAnObject), ("[]", .notAnObject), ("  42", .notAnObject), ("{}", .missingOpcode),
        (#"{"d":{"op":1}}"#, .missingOpcode), (#"{"op":"1"}"#, .unexpectedByte(offset: 6)),
        (#"{"op":1.5}"#, .unexpectedByte(offset: 7)), (#"{"op":null}"#, .invalidOpcode),
        (#"{"t":5,"op":0}"#, .invalidEventName), (#"{"s":"5","op":0}"#, .unexpectedByte(offset: 5)),
        (#"{"d":"abc"#, .truncated), (#"{"d":[1,2"#, .truncated), (#"{"op":0,"#, .truncated),
        (#"{"op" 1}"#, .unexpectedByte(offset: 6)), (#"{"op":99999999999999999999}"#, .unexpectedByte(offset: 24)),
    ])
    func malformedEnvelopesThrow(text: String, error: PayloadPeek.Error) {
        #expect(throws: error) { try peek(text) }
    }

    @Test func largeDataBeforeTheEnvelopeIsSkipped() throws {
        let big = String(repeating: #"{"content":"a \"quoted\" \\ text","list":[1,2,{"x":"}"}]},"#, count: 2000)
        let text = #"{"d":{"items":["# + big + #"null]},"s":5,"t":"GUILD_CREATE","op":0}"#
        #expect(try peek(text) == PayloadPeek(opcode: .dispatch, sequence: 5, eventName: "GUILD_CREATE"))
    }

    @Test func classifiesHelloReadyAndInvalidSession() throws {
        let hello = try ReceivedPayload.decode(
            Array(#"{"t":null,"s":null,"op":10,"d":{"heartbeat_interval":41250,"_trace":["x"]}}"#.utf8), filter: .all)
        #expect(hello == .hello(heartbeatInterval: .milliseconds(41_250)))
        let readyText =
            #"{"t":"READY","s":1,"op":0,"d":{"v":10,"user":{"id":"9","username":"bot","bot":true},"#
            + #""guilds":[{"id":"1","unavailable":true}],"session_id":"abc","#
            + #""resume_gateway_url":"wss://gateway-us-east1-b.discord.gg","shard":[0,1],"#
            + #""application":{"id":"9","flags":0}}}"#
        let expected = ReadyEvent(
            user: .init(id: 9, username: "bot"), guildIDs: [1], sessionID: "abc",
            resumeGatewayURL: "wss://gateway-us-east1-b.discord.gg", shard: .single, applicationID: 9)
        #expect(
            try ReceivedPayload.decode(Array(readyText.utf8), filter: .none)
                == .ready(expected, sequence: 1, rawPayload: nil))
        #expect(
            try ReceivedPayload.decode(Array(#"{"op":9,"d":true}"#.utf8), filter: .all)
                == .invalidSession(resumable: true))
        #expect(
            try ReceivedPayload.decode(Array(#"{"op":9,"d":false}"#.utf8), filter: .all)
                == .invalidSession(resumable: false))
        #expect(try ReceivedPayload.decode(Array(#"{"op":9}"#.utf8), filter: .all) == .invalidSession(resumable: false))
        #expect(try ReceivedPayload.decode(Array(#"{"op":1,"d":null}"#.utf8), filter: .all) == .heartbeatRequest)
        #expect(try ReceivedPayload.decode(Array(#"{"op":7,"d":null}"#.utf8), filter: .all) == .reconnect)
        #expect(
            try ReceivedPayload.decode(Array(#"{"op":42}"#.utf8), filter: .all) == .unknown(GatewayOpcode(rawValue: 42))
        )
    }

    @Test func filterDecidesWhichDispatchesKeepTheirBytes() throws {
        let bytes = Array(#"{"t":"TYPING_START","s":3,"op":0,"d":{}}"#.utf8)
        let filter = GatewayEventFilter(names: ["MESSAGE_CREATE"])
        #expect(
            try ReceivedPayload.decode(bytes, filter: filter)
                == .dispatch(name: "TYPING_START", sequence: 3, rawPayload: nil))
        #expect(
            try ReceivedPayload.decode(bytes, filter: .all)
                == .dispatch(name: "TYPING_START", sequence: 3, rawPayload: bytes))
        #expect(
            try ReceivedPayload.decode(Array(#"{"t":"RESUMED","s":9,"op":0,"d":{}}"#.utf8), filter: .none)
                == .resumed(sequence: 9, rawPayload: nil))
    }

    @Test func malformedHelloOrReadyIsADecodeError() {
        #expect(throws: ReceivedPayload.DecodeError.data(opcode: .hello, eventName: nil)) {
            try ReceivedPayload.decode(Array(#"{"op":10,"d":{"heartbeat_interval":0}}"#.utf8), filter: .all)
        }
        #expect(throws: ReceivedPayload.DecodeError.data(opcode: .dispatch, eventName: "READY")) {
            try ReceivedPayload.decode(Array(#"{"t":"READY","s":1,"op":0,"d":{"v":10}}"#.utf8), filter: .all)
        }
        #expect(throws: ReceivedPayload.DecodeError.envelope(.missingOpcode)) {
            try ReceivedPayload.decode(Array("{}".utf8), filter: .all)
        }
    }

    @Test func eventDecodesItsDataOnDemand() throws {
        struct Message: Decodable, Equatable {
            var content: String
        }
        let bytes = Array(#"{"t":"MESSAGE_CREATE","s":4,"op":0,"d":{"content":"hé \"x\""}}"#.utf8)
        let event = GatewayEvent(opcode: .dispatch, name: "MESSAGE_CREATE", sequence: 4, rawPayload: bytes)
        #expect(try event.decodeData(Message.self) == Message(content: "hé \"x\""))
        #expect(event.rawText.hasPrefix(#"{"t":"MESSAGE_CREATE""#))
        #expect(event.description == "MESSAGE_CREATE #4 (\(bytes.count) bytes)")
    }

    @Test func resumeURLKeepsTheGatewayQuery() {
        let query = "wss://gateway.discord.gg/?v=10&encoding=json&compress=zlib-stream"
        for base in ["wss://a.discord.gg", "wss://a.discord.gg/", "wss://a.discord.gg/?v=9"] {
            #expect(
                Session.makeResumeURL(resumeGatewayURL: base, gatewayURL: query)
                    == "wss://a.discord.gg/?v=10&encoding=json&compress=zlib-stream")
        }
        #expect(Session.makeResumeURL(resumeGatewayURL: "wss://a", gatewayURL: "wss://b") == "wss://a/")
    }
}
