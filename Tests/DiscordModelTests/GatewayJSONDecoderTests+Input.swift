import DiscordModel
import Foundation
import Testing

/// `GatewayJSONDecoder` on hostile and edge-case input: mutated and random bytes, malformed JSON, number bounds,
/// escapes and long strings.
extension GatewayJSONDecoderTests {
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
