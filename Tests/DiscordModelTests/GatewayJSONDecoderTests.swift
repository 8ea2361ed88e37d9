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
}
