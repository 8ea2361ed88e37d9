import DiscordModel
import Foundation
import Testing

/// Snowflakes, timestamps, permissions, colors, image hashes, `Nullable` and `JSONValue`.
@Suite struct CoreTypesTests {
    /// A model with a plain optional and an absent-vs-null field.
    struct Patch: Codable, Equatable {
        /// Absent and null both decode as nil.
        var plain: String?
        /// Absent is nil, null is `.null`.
        var nick: Nullable<String>?
    }

    @Test func snowflakeDecodesFromStringOrNumberAndCarriesItsCreationTime() throws {
        let id = try JSONDecoder().decode(Snowflake.self, from: Data(#""175928847299117063""#.utf8))
        #expect(id.rawValue == 175_928_847_299_117_063)
        #expect(id.unixMilliseconds == 1_462_015_105_796)
        #expect(id.workerID == 1 && id.processID == 0 && id.increment == 7)
        #expect(try JSONDecoder().decode(Snowflake.self, from: Data("42".utf8)) == 42)
        #expect(String(decoding: try JSONEncoder().encode(id), as: UTF8.self) == #""175928847299117063""#)
        #expect(Snowflake(earliestAt: id.createdAt).rawValue == (id.rawValue >> 22) << 22)
        for bad in [#""""#, #""12a""#, #""99999999999999999999999""#, #""-1""#, "true"] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(Snowflake.self, from: Data(bad.utf8)) }
        }
    }

    @Test func timestampsParseDiscordsFormsAndEncodeWithMicroseconds() throws {
        let forms = [
            "2015-04-26T06:26:56.936000+00:00", "2015-04-26T06:26:56.936Z", "2015-04-26T08:26:56.936+02:00",
            "2015-04-26T06:26:56.936+0000",
        ]
        let expected = 1_430_029_616.936
        for form in forms {
            let stamp = try #require(DiscordTimestamp(iso8601: form), "\(form)")
            #expect(abs(stamp.date.timeIntervalSince1970 - expected) < 0.000_5, "\(form)")
        }
        #expect(DiscordTimestamp(iso8601: "2024-02-29T00:00:00+00:00")?.iso8601 == "2024-02-29T00:00:00.000000+00:00")
        #expect(DiscordTimestamp(iso8601: "1969-12-31T23:59:59Z")?.date.timeIntervalSince1970 == -1)
        for bad in ["", "2015-04-26", "2015-13-01T00:00:00Z", "2015-04-26T06:26:56.+00:00", "2015-04-26T06:26:56 junk"]
        {
            #expect(DiscordTimestamp(iso8601: bad) == nil, "\(bad)")
        }
        let stamp = try #require(DiscordTimestamp(iso8601: forms[0]))
        let encoded = try JSONEncoder().encode(stamp)
        #expect(String(decoding: encoded, as: UTF8.self) == #""2015-04-26T06:26:56.936000+00:00""#)
        #expect(try JSONDecoder().decode(DiscordTimestamp.self, from: encoded) == stamp)
    }

    @Test func permissionsDecodeFromAStringAndKeepUnknownBits() throws {
        let value = (1 << 10 | 1 << 11 | 1 << 60) as UInt64
        let permissions = try JSONDecoder().decode(Permissions.self, from: Data("\"\(value)\"".utf8))
        #expect(permissions.contains([.viewChannel, .sendMessages]))
        #expect(!permissions.contains(.administrator))
        #expect(permissions.description == "VIEW_CHANNEL|SEND_MESSAGES|\(UInt64(1) << 60)")
        #expect(String(decoding: try JSONEncoder().encode(permissions), as: UTF8.self) == "\"\(value)\"")
        #expect(Permissions.bypassSlowmode.rawValue == 1 << 52)
    }

    @Test func colorsAndImageHashes() {
        let color: DiscordColor = 0x5865F2
        #expect(color.red == 0x58 && color.green == 0x65 && color.blue == 0xF2)
        #expect(color.description == "#5865F2")
        #expect(DiscordColor(red: 1, green: 2, blue: 3).rawValue == 0x010203)
        #expect(ImageHash(rawValue: "a_1269e74af4df7417b13759eae50c83dc").isAnimated)
        #expect(!ImageHash(rawValue: "1269e74af4df7417b13759eae50c83dc").isAnimated)
    }

    @Test func nullableKeepsAbsentApartFromNull() throws {
        let decoder = JSONDecoder()
        let absent = try decoder.decode(Patch.self, from: Data("{}".utf8))
        let null = try decoder.decode(Patch.self, from: Data(#"{"plain":null,"nick":null}"#.utf8))
        let set = try decoder.decode(Patch.self, from: Data(#"{"plain":"a","nick":"b"}"#.utf8))
        #expect(absent.nick == nil && absent.plain == nil)
        #expect(null.nick == .null && null.plain == nil)
        #expect(set.nick == .value("b") && set.nick?.value == "b" && set.plain == "a")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(absent), as: UTF8.self) == "{}")
        #expect(String(decoding: try encoder.encode(null), as: UTF8.self) == #"{"nick":null}"#)
        #expect(String(decoding: try encoder.encode(set), as: UTF8.self) == #"{"nick":"b","plain":"a"}"#)
    }

    @Test func jsonValueKeepsAnyShape() throws {
        let text = #"{"a":[1,2.5,"x",true,null],"b":{"c":-3}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value["a"] == .array([.integer(1), .double(2.5), .string("x"), .bool(true), .null]))
        #expect(value["b"]?["c"]?.integerValue == -3)
        let again = try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(value))
        #expect(again == value)
    }

    @Test func openWireValuesKeepUnknownNumbers() throws {
        let type = try JSONDecoder().decode(ChannelType.self, from: Data("99".utf8))
        #expect(type.rawValue == 99 && !type.isThread)
        #expect(try JSONDecoder().decode(ChannelType.self, from: Data("11".utf8)) == .publicThread)
        #expect(try JSONDecoder().decode(PresenceStatus.self, from: Data(#""brb""#.utf8)).rawValue == "brb")
    }
}
