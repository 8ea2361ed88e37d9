import DiscordModel
import Foundation
import Testing

/// `GatewayJSONDecoder`: the same values and errors as Foundation's `JSONDecoder` on every fixture, strict RFC
/// 8259 parsing, exact numbers, full `Decoder` semantics, and no crash or hang on mutated input.
@Suite struct GatewayJSONDecoderTests {
    /// Decodes `type` from `json` with the gateway decoder.
    static func gateway<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try GatewayJSONDecoder().decode(type, from: Array(json.utf8))
    }

    /// Decodes `type` from `json` with Foundation's decoder.
    static func foundation<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    /// The error `body` throws, or `nil`.
    static func error(_ body: () throws -> Void) -> (any Error)? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    /// The case name and formatted coding path of a `DecodingError` (`"keyNotFound d.author.id"`).
    static func summary(_ error: (any Error)?) -> String {
        guard let error = error as? DecodingError else { return "not a DecodingError: \(String(describing: error))" }
        let path = EventDecodingError(eventName: "", error: error, payload: []).codingPath
        switch error {
        case .typeMismatch: return "typeMismatch \(path)"
        case .valueNotFound: return "valueNotFound \(path)"
        case .keyNotFound: return "keyNotFound \(path)"
        case .dataCorrupted: return "dataCorrupted \(path)"
        @unknown default: return "unknown \(path)"
        }
    }

    /// The event name of fixture `name` (`MESSAGE_CREATE.minimal` → `MESSAGE_CREATE`).
    static func eventName(_ fixture: String) -> String {
        String(fixture.prefix { $0 != "." })
    }

    // MARK: - Conformance

    @Test func everyFixtureDecodesToTheSameEventWithBothDecoders() throws {
        let names = try EventFixtures.allNames()
        #expect(names.count >= 90)
        var typed = 0
        for name in names {
            let payload = [UInt8](try EventFixtures.payload(name))
            let event = Self.eventName(name)
            let expected = try DispatchEvent.decode(name: event, payload: payload, backend: .foundation)
            let actual = try DispatchEvent.decode(name: event, payload: payload, backend: .gateway)
            #expect(actual == expected, "\(name)")
            if case .unknown = expected {} else { typed += 1 }
        }
        #expect(typed == names.count)
    }

    @Test func publicDecodeUsesTheGatewayDecoder() throws {
        // Foundation accepts a trailing comma; the gateway decoder is strict, so this tells which one ran.
        let payload = Array(#"{"t":"RESUMED","s":1,"op":0,"d":{},}"#.utf8)
        #expect(throws: EventDecodingError.self) { try DispatchEvent.decode(name: "RESUMED", payload: payload) }
        #expect(throws: Never.self) {
            try DispatchEvent.decode(name: "RESUMED", payload: payload, backend: .foundation)
        }
    }

    @Test func genericValuesDecodeLikeFoundation() throws {
        let json = #"""
            {"a":[1,-2,3.5,1e2,-0.0,true,false,null,"x\u00e9\ud83d\ude00\n\"\\\/"],"b":{"c":{},"d":[]},
             "e":18446744073709551615,"f":-9223372036854775808,"g":1.7976931348623157e308,"h":5e-324}
            """#
        let expected = try Self.foundation(JSONValue.self, json)
        #expect(try Self.gateway(JSONValue.self, json) == expected)
        #expect(try Self.gateway([String: JSONValue].self, json) == Self.foundation([String: JSONValue].self, json))
    }

    // MARK: - Errors

    /// The message fixture with `replacement` swapped in for the first `original`.
    static func message(replacing original: String, with replacement: String) throws -> [UInt8] {
        let text = String(decoding: try EventFixtures.payload("MESSAGE_CREATE"), as: UTF8.self)
        let range = try #require(text.range(of: original))
        return Array(text.replacingCharacters(in: range, with: replacement).utf8)
    }

    /// The `DecodingError` summary from decoding `payload` as event `name` with `backend`.
    static func eventError(_ name: String, _ payload: [UInt8], _ backend: PayloadJSONBackend) -> String {
        do {
            _ = try DispatchEvent.decode(name: name, payload: payload, backend: backend)
            return "decoded"
        } catch {
            let kind: String
            switch error.message {
            case let text where text.hasPrefix("type mismatch"): kind = "typeMismatch"
            case let text where text.hasPrefix("null or missing"): kind = "valueNotFound"
            case let text where text.hasPrefix("missing required key"): kind = "keyNotFound"
            default: kind = "other"
            }
            return "\(kind) \(error.codingPath)"
        }
    }

    @Test(arguments: [
        (
            "wrong type", #""content": "Who is coming"#, #""content": 7, "x": "Who is coming"#,
            "typeMismatch d.referenced_message.content"
        ),
        ("missing key", #""username": "mira.dev","#, "", "keyNotFound d.referenced_message.author.username"),
        (
            "null", #""username": "mira.dev""#, #""username": null, "x": "mira.dev""#,
            "valueNotFound d.referenced_message.author.username"
        ),
        (
            "bad timestamp", #""timestamp": "2024-08-12T14:03:21.512000+00:00""#, #""timestamp": "soon""#,
            "other d.timestamp"
        ),
    ])
    func messageErrorsHaveTheSameKindAndPathAsFoundation(
        label: String, original: String, replacement: String, expected: String
    ) throws {
        let payload = try Self.message(replacing: original, with: replacement)
        #expect(Self.eventError("MESSAGE_CREATE", payload, .foundation) == expected, "\(label)")
        #expect(Self.eventError("MESSAGE_CREATE", payload, .gateway) == expected, "\(label)")
    }

    @Test func aBadArrayElementIsReportedAtItsIndex() {
        let payload = Array(#"{"t":"MESSAGE_DELETE_BULK","op":0,"d":{"ids":["1","2",true],"channel_id":"3"}}"#.utf8)
        #expect(Self.eventError("MESSAGE_DELETE_BULK", payload, .foundation) == "typeMismatch d.ids[2]")
        #expect(Self.eventError("MESSAGE_DELETE_BULK", payload, .gateway) == "typeMismatch d.ids[2]")
    }

    @Test func invalidJSONIsDataCorruptedWithAnEmptyPath() {
        for json in [#"{"d":{"ids":[1,2}}"#, "", "nope", #"{"d":"#] {
            let foundation = Self.error { _ = try Self.foundation([String: JSONValue].self, json) }
            let gateway = Self.error { _ = try Self.gateway([String: JSONValue].self, json) }
            #expect(Self.summary(foundation) == "dataCorrupted ", "\(json)")
            #expect(Self.summary(gateway) == "dataCorrupted ", "\(json)")
            let underlying = (gateway as? DecodingError).flatMap { error -> (any Error)? in
                if case .dataCorrupted(let context) = error { return context.underlyingError }
                return nil
            }
            #expect(underlying is JSONSyntaxError)
            let payload = Array(json.utf8)
            let message = #expect(throws: EventDecodingError.self) {
                try DispatchEvent.decode(name: "READY", payload: payload)
            }?.message
            #expect(message?.hasPrefix("The given data was not valid JSON: ") == true, "\(json)")
            #expect(message?.contains(" at byte ") == true, "\(json)")
        }
    }

    /// A type with each kind of requirement, to compare errors on.
    struct Shape: Decodable, Equatable {
        /// A required string.
        let name: String
        /// A required array.
        let values: [Int]
        /// An optional nested object.
        let inner: Inner?

        /// A nested object.
        struct Inner: Decodable, Equatable {
            /// A required flag.
            let flag: Bool
        }
    }

    @Test(arguments: [
        #"{"values":[1]}"#, #"{"name":1,"values":[]}"#, #"{"name":null,"values":[]}"#,
        #"{"name":"a","values":[1,"2"]}"#,
        #"{"name":"a","values":{}}"#, #"{"name":"a","values":null}"#, #"{"name":"a","values":[],"inner":{}}"#,
        #"{"name":"a","values":[],"inner":[]}"#, #"{"name":"a","values":[],"inner":{"flag":0}}"#, "[]", "null",
        #"{"name":"a","values":[null]}"#,
    ])
    func decodingErrorsMatchFoundationKindAndPath(json: String) {
        let foundation = Self.error { _ = try Self.foundation(Shape.self, json) }
        let gateway = Self.error { _ = try Self.gateway(Shape.self, json) }
        #expect(foundation != nil)
        #expect(Self.summary(gateway) == Self.summary(foundation))
    }

    @Test func keyNotFoundCarriesTheKeyAndTheContainerPath() {
        let error = Self.error { _ = try Self.gateway([String: Shape].self, #"{"x":{"values":[]}}"#) }
        guard case .keyNotFound(let key, let context) = error as? DecodingError else {
            Issue.record("expected keyNotFound, got \(String(describing: error))")
            return
        }
        #expect(key.stringValue == "name")
        #expect(context.codingPath.map(\.stringValue) == ["x"])
    }

    // MARK: - Decoder semantics

    /// Any string key.
    struct AnyKey: CodingKey {
        /// The key's text.
        var stringValue: String
        /// Never an index.
        var intValue: Int? { nil }

        /// Makes a key.
        init(_ stringValue: String) {
            self.stringValue = stringValue
        }

        /// Makes a key.
        init(stringValue: String) {
            self.stringValue = stringValue
        }

        /// Index keys are not used.
        init?(intValue: Int) {
            nil
        }
    }

    /// Formats a coding path as `c.x[3]`.
    static func path(_ keys: [any CodingKey]) -> String {
        let error = DecodingError.dataCorrupted(DecodingError.Context(codingPath: keys, debugDescription: ""))
        return EventDecodingError(eventName: "", error: error, payload: []).codingPath
    }

    /// Records what a decoder reports while walking a fixed document, to compare two decoders.
    struct Transcript: Decodable {
        /// One line per observation.
        var lines: [String] = []

        /// Walks `{"a":1,"b":null,"c":{"x":[1,null,"s",{"y":true}]},"super":5,"e":"e"}`.
        init(from decoder: any Decoder) throws {
            /// Formats a coding path.
            func path(_ keys: [any CodingKey]) -> String {
                GatewayJSONDecoderTests.path(keys)
            }
            /// Records `label` and the summary of what `body` returns or throws.
            func note<T>(_ label: String, _ body: () throws -> T) -> T? {
                do {
                    let value = try body()
                    lines.append("\(label): \(value)")
                    return value
                } catch {
                    lines.append("\(label): \(GatewayJSONDecoderTests.summary(error))")
                    return nil
                }
            }
            let root = try decoder.container(keyedBy: AnyKey.self)
            lines.append("root path: \(path(root.codingPath))")
            lines.append("keys: \(root.allKeys.map(\.stringValue).sorted())")
            _ = note("contains a") { root.contains(AnyKey("a")) }
            _ = note("contains zz") { root.contains(AnyKey("zz")) }
            _ = note("nil b") { try root.decodeNil(forKey: AnyKey("b")) }
            _ = note("nil a") { try root.decodeNil(forKey: AnyKey("a")) }
            _ = note("nil zz") { try root.decodeNil(forKey: AnyKey("zz")) }
            _ = note("present b") { try root.decodeIfPresent(Int.self, forKey: AnyKey("b")) as Any }
            _ = note("present zz") { try root.decodeIfPresent(Int.self, forKey: AnyKey("zz")) as Any }
            _ = note("present a") { try root.decodeIfPresent(Int.self, forKey: AnyKey("a")) as Any }
            _ = note("string a") { try root.decode(String.self, forKey: AnyKey("a")) }
            _ = note("int b") { try root.decode(Int.self, forKey: AnyKey("b")) }
            _ = note("int zz") { try root.decode(Int.self, forKey: AnyKey("zz")) }
            _ = note("nested a") { try root.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("a")).codingPath }
            _ = note("nested b") { try root.nestedUnkeyedContainer(forKey: AnyKey("b")).codingPath }
            _ = note("nested zz") { try root.nestedUnkeyedContainer(forKey: AnyKey("zz")).codingPath }
            let c = try root.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("c"))
            lines.append("c path: \(path(c.codingPath))")
            var x = try c.nestedUnkeyedContainer(forKey: AnyKey("x"))
            lines.append("x path: \(path(x.codingPath)) count \(x.count ?? -1) at \(x.currentIndex) end \(x.isAtEnd)")
            _ = note("x nil 0") { try x.decodeNil() }
            _ = note("x int 0") { try x.decode(Int.self) }
            _ = note("x nil 1") { try x.decodeNil() }
            _ = note("x int 2") { try x.decode(Int.self) }
            lines.append("x at \(x.currentIndex)")
            _ = note("x present 2") { try x.decodeIfPresent(String.self) as Any }
            let nested = Result { try x.nestedContainer(keyedBy: AnyKey.self) }
            lines.append("x nested 3: \((try? nested.get()) != nil)")
            if let y = try? nested.get() {
                lines.append("y path: \(path(y.codingPath))")
                _ = note("y bool") { try y.decode(Bool.self, forKey: AnyKey("y")) }
                _ = note("y string") { try y.decode(String.self, forKey: AnyKey("y")) }
            }
            lines.append("x at \(x.currentIndex) end \(x.isAtEnd)")
            _ = note("x int end") { try x.decode(Int.self) }
            _ = note("x nil end") { try x.decodeNil() }
            let superDecoder = try root.superDecoder()
            lines.append("super path: \(path(superDecoder.codingPath))")
            _ = note("super int") { try superDecoder.singleValueContainer().decode(Int.self) }
            let missing = try root.superDecoder(forKey: AnyKey("missing"))
            lines.append("missing path: \(path(missing.codingPath))")
            _ = note("missing nil") { try missing.singleValueContainer().decodeNil() }
            _ = note("missing int") { try missing.singleValueContainer().decode(Int.self) }
            let e = try root.superDecoder(forKey: AnyKey("e"))
            _ = note("e path") { path(try e.singleValueContainer().codingPath) }
            _ = note("e string") { try e.singleValueContainer().decode(String.self) }
            _ = note("e keyed") { try e.container(keyedBy: AnyKey.self).codingPath }
            _ = note("e unkeyed") { try e.unkeyedContainer().codingPath }
        }
    }

    @Test func containersBehaveLikeFoundationsAtEveryLevel() throws {
        let json = #"{"a":1,"b":null,"c":{"x":[1,null,"s",{"y":true}]},"super":5,"e":"e"}"#
        let expected = try Self.foundation(Transcript.self, json).lines
        let actual = try Self.gateway(Transcript.self, json).lines
        #expect(actual == expected)
        #expect(actual.count > 30)
    }

    @Test func theFirstOfRepeatedKeysWinsAndAllKeysListsItOnce() throws {
        for json in [#"{"k":1,"k":2}"#, #"{"k":1,"\u006b":2}"#, #"{"a":0,"k":1,"b":0,"k":2}"#] {
            #expect(try Self.gateway([String: Int].self, json)["k"] == 1, "\(json)")
            #expect(try Self.foundation([String: Int].self, json)["k"] == 1, "\(json)")
            #expect(try Self.gateway(JSONValue.self, json) == Self.foundation(JSONValue.self, json), "\(json)")
        }
        /// Reads `k` and the keys.
        struct Reader: Decodable {
            /// `k`'s value.
            let k: Int
            /// Every key.
            let keys: [String]

            /// Reads `k` twice, then the keys.
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: AnyKey.self)
                keys = container.allKeys.map(\.stringValue)
                _ = try container.decode(Int.self, forKey: AnyKey("a"))
                k = try container.decode(Int.self, forKey: AnyKey("k"))
            }
        }
        let reader = try Self.gateway(Reader.self, #"{"a":0,"k":1,"b":0,"k":2}"#)
        #expect(reader.k == 1)
        #expect(reader.keys == ["a", "k", "b"])
        // More keys than the parser checks exactly: looked up through a table, with the same rule.
        let many = (0..<100).map { "\"m\($0)\":\($0)" }.joined(separator: ",")
        let large = try Self.gateway(Reader.self, "{\"a\":0,\"k\":1,\(many),\"k\":2,\"b\":0}")
        #expect(large.k == 1)
        #expect(large.keys.count == 103)
        #expect(large.keys.filter { $0 == "k" }.count == 1)
    }

    @Test func escapedKeysAreFoundByTheirUnescapedText() throws {
        let json = #"{"\u0069d":"5","na\u006De":"x","\ud83d\ude00":true}"#
        #expect(try Self.gateway([String: JSONValue].self, json) == Self.foundation([String: JSONValue].self, json))
        /// Two fields behind escaped keys.
        struct Named: Decodable, Equatable {
            /// From `"\u0069d"`.
            let id: Snowflake
            /// From `"na\u006De"`.
            let name: String
        }
        #expect(try Self.gateway(Named.self, json) == Named(id: 5, name: "x"))
    }

    @Test func keysAskedInAnyOrderAreFound() throws {
        /// Reads keys backwards, then forwards, then one twice.
        struct Backwards: Decodable {
            /// The values read.
            let values: [Int]

            /// Reads `e` to `a`, then `a` to `e`, then `c` again.
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: AnyKey.self)
                let order = ["e", "d", "c", "b", "a", "a", "b", "c", "d", "e", "c", "c"]
                values = try order.map { try container.decode(Int.self, forKey: AnyKey($0)) }
            }
        }
        let decoded = try Self.gateway(
            Backwards.self,
            #"{"a":1,"b":2,"c":{"z":[9]},"d":4,"e":5}"#.replacingOccurrences(of: #"{"z":[9]}"#, with: "3"))
        #expect(decoded.values == [5, 4, 3, 2, 1, 1, 2, 3, 4, 5, 3, 3])
    }

    @Test func decodingOnManyThreadsAtOnceIsSafe() async throws {
        let payload = [UInt8](try EventFixtures.payload("MESSAGE_CREATE"))
        let expected = try DispatchEvent.decode(name: "MESSAGE_CREATE", payload: payload, backend: .foundation)
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<50).allSatisfy { _ in
                        (try? DispatchEvent.decode(name: "MESSAGE_CREATE", payload: payload)) == expected
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 8))
    }

    // MARK: - Fuzzing

    @Test func mutatedFixturesDecodeOrThrowAndAgreeWithFoundationWhenBothDecode() throws {
        var generator = SplitMix64(seed: 0x5EED)
        let names = [
            "MESSAGE_CREATE", "PRESENCE_UPDATE", "TYPING_START", "INTERACTION_CREATE", "GUILD_MEMBERS_CHUNK",
            "MESSAGE_CREATE.componentsV2", "GUILD_AUDIT_LOG_ENTRY_CREATE", "READY",
        ]
        let structural =
            Array(#"{}[],:"\/-+.0123456789eEtfnu "#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xED, 0xF4, 0xFF]
        var decoded = 0
        var failed = 0
        for round in 0..<4_000 {
            let name = names[round % names.count]
            var bytes = [UInt8](try EventFixtures.payload(name))
            for _ in 0...Int(generator.next() % 3) {
                let position = Int(generator.next() % UInt64(max(bytes.count, 1)))
                switch generator.next() % 6 {
                case 0: if !bytes.isEmpty { bytes[position] = UInt8(truncatingIfNeeded: generator.next()) }
                case 1:
                    if !bytes.isEmpty { bytes[position] = structural[Int(generator.next() % UInt64(structural.count))] }
                case 2: bytes.removeSubrange(position..<bytes.count)
                case 3: bytes.insert(structural[Int(generator.next() % UInt64(structural.count))], at: position)
                case 4: bytes.removeSubrange(position..<min(bytes.count, position + Int(generator.next() % 16)))
                default:
                    let end = min(bytes.count, position + Int(generator.next() % 64))
                    bytes.insert(contentsOf: bytes[position..<end], at: position)
                }
            }
            let event = Self.eventName(name)
            do {
                let gateway = try DispatchEvent.decode(name: event, payload: bytes, backend: .gateway)
                decoded += 1
                if let foundation = try? DispatchEvent.decode(name: event, payload: bytes, backend: .foundation) {
                    #expect(gateway == foundation, "round \(round): \(String(decoding: bytes, as: UTF8.self))")
                }
            } catch {
                failed += 1
            }
        }
        #expect(decoded > 100)
        #expect(failed > 1_000)
    }

    @Test func randomBytesNeverCrash() {
        var generator = SplitMix64(seed: 99)
        let alphabet = Array(#"{}[],:"\-.0123456789eEtrufalsn "#.utf8) + [0x80, 0xFF]
        for _ in 0..<3_000 {
            let length = Int(generator.next() % 64)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            _ = try? GatewayJSONDecoder().decode(JSONValue.self, from: bytes)
            _ = try? GatewayJSONDecoder().decode(Message.self, from: bytes)
        }
    }

    /// Foundation types that `JSONDecoder` special-cases.
    struct FoundationTypes: Decodable, Equatable {
        /// From a string.
        let url: URL
        /// From Base64.
        let data: Data
        /// From a number's digits.
        let decimal: Decimal
        /// From seconds since 2001.
        let date: Date
    }

    @Test func urlDataDecimalAndDateDecodeLikeFoundation() throws {
        let json = #"{"url":"https://discord.com/api?v=10","data":"AAEC/w==","decimal":12.345,"date":86400.5}"#
        #expect(try Self.gateway(FoundationTypes.self, json) == Self.foundation(FoundationTypes.self, json))
        for bad in [
            #"{"url":"","data":"AA==","decimal":1,"date":0}"#, #"{"url":"a","data":"%%","decimal":1,"date":0}"#,
            #"{"url":"a","data":"AA==","decimal":"1","date":0}"#, #"{"url":1,"data":"AA==","decimal":1,"date":0}"#,
        ] {
            let foundation = Self.error { _ = try Self.foundation(FoundationTypes.self, bad) }
            let gateway = Self.error { _ = try Self.gateway(FoundationTypes.self, bad) }
            #expect(Self.summary(gateway) == Self.summary(foundation), "\(bad)")
        }
    }

    @Test(.timeLimit(.minutes(1))) func largeUntypedValuesDecodeInLinearTime() throws {
        // `JSONValue` tries each type in turn, so every element costs a few failed attempts, each with a coding path;
        // the object has more keys than the parser checks exactly for repeats. Quadratic work here takes minutes.
        let count = 20_000
        let array = "[" + (0..<count).map { "[\($0),\"s\",{\"k\":null}]" }.joined(separator: ",") + "]"
        let object = "{" + (0..<count).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}"
        guard case .array(let elements) = try Self.gateway(JSONValue.self, array) else {
            Issue.record("expected an array")
            return
        }
        #expect(elements.count == count)
        #expect(elements.last == .array([.integer(Int64(count - 1)), .string("s"), .object(["k": .null])]))
        guard case .object(let members) = try Self.gateway(JSONValue.self, object) else {
            Issue.record("expected an object")
            return
        }
        #expect(members.count == count)
        #expect(members["k\(count - 1)"] == .integer(Int64(count - 1)))
    }

    // MARK: - Strictness

    /// Inputs that are not RFC 8259 JSON.
    static let malformed: [(String, [UInt8])] = [
        ("trailing comma in an array", Array("[1,2,]".utf8)),
        ("trailing comma in an object", Array(#"{"a":1,}"#.utf8)),
        ("leading zero", Array(#"{"a":01}"#.utf8)),
        ("plus sign", Array("[+1]".utf8)),
        ("bare fraction", Array("[.5]".utf8)),
        ("dot without digits", Array("[1.]".utf8)),
        ("exponent without digits", Array("[1e]".utf8)),
        ("bad escape", Array(#"["\x"]"#.utf8)),
        ("short unicode escape", Array(#"["\u12"]"#.utf8)),
        ("lone high surrogate", Array(#"["\ud800"]"#.utf8)),
        ("high surrogate then letter", Array(#"["\ud800\u0041"]"#.utf8)),
        ("lone low surrogate", Array(#"["\udc00"]"#.utf8)),
        ("control character", Array("[\"a\u{01}b\"]".utf8)),
        ("raw newline in a string", Array("[\"a\nb\"]".utf8)),
        ("invalid UTF-8 byte", [0x5B, 0x22, 0xFF, 0x22, 0x5D]),
        ("overlong encoding", [0x5B, 0x22, 0xC0, 0xAF, 0x22, 0x5D]),
        ("encoded surrogate", [0x5B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x5D]),
        ("truncated sequence", [0x5B, 0x22, 0xE2, 0x82, 0x22, 0x5D]),
        ("non-ASCII outside strings", [0x5B, 0xC3, 0xA9, 0x5D]),
        ("truncated object", Array(#"{"a":[1,2"#.utf8)),
        ("truncated string", Array(#"{"a":"abc"#.utf8)),
        ("truncated literal", Array("[tru".utf8)),
        ("garbage after the value", Array("{} x".utf8)),
        ("second value", Array("1 2".utf8)),
        ("NUL after the value", [0x7B, 0x7D, 0x00]),
        ("empty input", []),
        ("only whitespace", Array(" \n\t".utf8)),
        ("single quotes", Array("['a']".utf8)),
        ("missing colon", Array(#"{"a" 1}"#.utf8)),
        ("missing comma", Array("[1 2]".utf8)),
        ("unquoted key", Array("{a:1}".utf8)),
        ("NaN", Array("[NaN]".utf8)),
        ("comment", Array("[1] // x".utf8)),
        ("mismatched brackets", Array("[1}".utf8)),
        ("deep arrays", [UInt8](repeating: 0x5B, count: 10_000) + [UInt8](repeating: 0x5D, count: 10_000)),
        (
            "deep objects",
            Array((String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)).utf8)
        ),
    ]

    @Test func malformedInputThrowsDataCorruptedWithAnEmptyPath() {
        for (label, bytes) in Self.malformed {
            let error = Self.error { _ = try GatewayJSONDecoder().decode(JSONValue.self, from: bytes) }
            #expect(Self.summary(error) == "dataCorrupted ", "\(label)")
        }
    }

    @Test func nestingUpToTheLimitDecodes() throws {
        let depth = 500
        let json = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: Never.self) { _ = try Self.gateway(JSONValue.self, json) }
    }

    @Test func whitespaceAroundTheValueIsAllowed() throws {
        #expect(try Self.gateway([Int].self, " \t\r\n[ 1 , 2 ]\n ") == [1, 2])
        #expect(try Self.gateway(Int.self, "7") == 7)
        #expect(try Self.gateway(String.self, #""top""#) == "top")
    }

    // MARK: - Numbers

    @Test func integersDecodeExactlyToTheirBounds() throws {
        #expect(try Self.gateway(Int64.self, "9223372036854775807") == Int64.max)
        #expect(try Self.gateway(Int64.self, "-9223372036854775808") == Int64.min)
        #expect(try Self.gateway(UInt64.self, "18446744073709551615") == UInt64.max)
        #expect(try Self.gateway(Int8.self, "-128") == Int8.min)
        #expect(try Self.gateway(UInt8.self, "255") == UInt8.max)
        #expect(try Self.gateway(UInt.self, "-0") == 0)
        #expect(try Self.gateway(Int.self, "0") == 0)
    }

    @Test(arguments: [
        ("Int64", "9223372036854775808"), ("Int64", "-9223372036854775809"), ("UInt64", "18446744073709551616"),
        ("Int64", "123456789012345678901234567890"), ("Int8", "128"), ("UInt64", "-1"), ("UInt8", "-1"),
        ("Int64", "1.5"), ("Int64", "1e-2"), ("Int64", "1e20"), ("Int64", "1e999999999999"), ("Int32", "2147483648"),
    ])
    func integersThatDoNotFitThrowDataCorruptedLikeFoundation(type: String, text: String) {
        /// The errors of both decoders for `T`.
        func errors<T: Decodable>(_: T.Type) -> (gateway: (any Error)?, foundation: (any Error)?) {
            (Self.error { _ = try Self.gateway(T.self, text) }, Self.error { _ = try Self.foundation(T.self, text) })
        }
        let (gateway, foundation) =
            switch type {
            case "Int8": errors(Int8.self)
            case "Int32": errors(Int32.self)
            case "UInt8": errors(UInt8.self)
            case "UInt64": errors(UInt64.self)
            default: errors(Int64.self)
            }
        #expect(Self.summary(gateway) == "dataCorrupted ", "\(type) \(text)")
        #expect(Self.summary(foundation) == "dataCorrupted ", "\(type) \(text)")
    }

    @Test func integralFractionsAndExponentsDecodeAsIntegersLikeFoundation() throws {
        for text in ["1e2", "1E2", "100e-2", "-1.0e0", "2.55e2", "1.0", "0e999", "12.300e1"] {
            #expect(try Self.gateway(Int.self, text) == Self.foundation(Int.self, text), "\(text)")
        }
        #expect(try Self.gateway(UInt8.self, "2.55e2") == 255)
        // Exact, unlike a trip through Double: 2^53 + 1.
        #expect(try Self.gateway(Int64.self, "9007199254740993.0") == 9_007_199_254_740_993)
    }

    @Test func doublesRoundTripExactly() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<5_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            #expect(try Self.gateway(Double.self, "\(value)") == value)
        }
        for value in [
            0.1, 1.5, -2.25, 1e22, 1e23, Double.leastNonzeroMagnitude, 1.7976931348623157e308, 0.30000000000000004,
            123.456,
        ] {
            #expect(try Self.gateway(Double.self, "\(value)") == value)
        }
        #expect(try Self.gateway(Double.self, "-0").sign == .minus)
        #expect(try Self.gateway(Double.self, "9007199254740993") == 9_007_199_254_740_992)
        #expect(try Self.gateway(Float.self, "0.1") == Float(0.1))
        #expect(Self.summary(Self.error { _ = try Self.gateway(Double.self, "1e400") }) == "dataCorrupted ")
        #expect(try Self.gateway(Double.self, "1e-400") == 0)
        #expect(try Self.gateway(Double.self, "-1e-400").sign == .minus)
        #expect(Self.summary(Self.error { _ = try Self.gateway(Float.self, "1e39") }) == "dataCorrupted ")
    }

    // MARK: - Strings

    @Test func escapesDecodeLikeFoundation() throws {
        let json = #"["plain","\"\\\/\b\f\n\r\t","\u0041\u00e9\u20ac\ud83d\ude00","\u0000","é😀","a\u0022b"]"#
        #expect(try Self.gateway([String].self, json) == Self.foundation([String].self, json))
        #expect(try Self.gateway([String].self, json)[2] == "Aé€😀")
    }

    @Test func longStringsWithEscapesAndNonASCIIDecode() throws {
        let text = String(repeating: "abcdefgh\\n\u{e9}\u{1F600}", count: 200)
        let json = "[\"" + text + "\"]"
        #expect(try Self.gateway([String].self, json) == Self.foundation([String].self, json))
    }
}

/// A small deterministic generator for the fuzz and round-trip tests.
///
/// **Threading:** a value used on one thread at a time.
struct SplitMix64: RandomNumberGenerator {
    /// The state.
    private var state: UInt64

    /// Starts from `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
