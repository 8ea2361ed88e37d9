internal import Foundation

/// A parsed JSON value, as the ``GatewaySimulator`` reads client payloads.
///
/// Parsing goes through Foundation's `JSONSerialization` (test support, not the library's hot path). Numbers are
/// kept as `Double`, which holds every integer a gateway command carries exactly (up to 2^53). ``description``
/// prints compact JSON with sorted keys.
///
/// **Threading:** an immutable value; safe to share between threads.
public enum SimulatorJSON: Sendable, Hashable, CustomStringConvertible {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([SimulatorJSON])
    /// An object.
    case object([String: SimulatorJSON])

    /// Why text is not JSON.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        /// Foundation's explanation.
        public let description: String
    }

    /// Parses one JSON document (any value at the top level).
    /// - Throws: ``ParseError`` when the text is not valid JSON.
    public init(parsing text: String) throws(ParseError) {
        try self.init(parsing: Array(text.utf8))
    }

    /// Parses one JSON document given as UTF-8 bytes.
    /// - Throws: ``ParseError`` when the bytes are not valid JSON.
    public init(parsing bytes: [UInt8]) throws(ParseError) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw ParseError(description: "\(error)")
        }
        guard let value = Self(foundation: object) else { throw ParseError(description: "unsupported JSON value") }
        self = value
    }

    /// The dynamic type Foundation uses for JSON booleans (it is an `NSNumber` subclass).
    private static let booleanType = type(of: NSNumber(value: true))

    /// Converts a `JSONSerialization` result.
    private init?(foundation object: Any) {
        switch object {
        case is NSNull:
            self = .null
        case let string as String:
            self = .string(string)
        case let number as NSNumber:
            if type(of: number) == Self.booleanType {
                self = .bool(number.boolValue)
            } else {
                self = .number(number.doubleValue)
            }
        case let array as [Any]:
            var values: [SimulatorJSON] = []
            values.reserveCapacity(array.count)
            for element in array {
                guard let value = SimulatorJSON(foundation: element) else { return nil }
                values.append(value)
            }
            self = .array(values)
        case let dictionary as [String: Any]:
            var values: [String: SimulatorJSON] = [:]
            for (key, element) in dictionary {
                guard let value = SimulatorJSON(foundation: element) else { return nil }
                values[key] = value
            }
            self = .object(values)
        default:
            return nil
        }
    }

    /// The member `key` of an object; `nil` for a missing key or a non-object.
    public subscript(key: String) -> SimulatorJSON? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    /// The element at `index` of an array; `nil` when out of range or not an array.
    public subscript(index: Int) -> SimulatorJSON? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The value as an integer, when it is a number with no fractional part that fits an `Int`.
    public var intValue: Int? {
        guard case .number(let number) = self, number.rounded() == number, abs(number) < 9.0e15 else { return nil }
        return Int(exactly: number)
    }

    /// The value as a string.
    public var stringValue: String? {
        guard case .string(let string) = self else { return nil }
        return string
    }

    /// The value as a boolean.
    public var boolValue: Bool? {
        guard case .bool(let value) = self else { return nil }
        return value
    }

    /// The elements, when the value is an array.
    public var arrayValue: [SimulatorJSON]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    /// Whether the value is `null`.
    public var isNull: Bool { self == .null }

    /// Compact JSON text with object keys sorted.
    public var description: String {
        var text = ""
        write(to: &text)
        return text
    }

    /// Appends compact JSON text.
    private func write(to text: inout String) {
        switch self {
        case .null: text += "null"
        case .bool(let value): text += value ? "true" : "false"
        case .number(let number):
            if let integer = intValue {
                text += String(integer)
            } else if number.isFinite {
                text += "\(number)"
            } else {
                text += "null"
            }
        case .string(let string): text += SimulatorPayloads.quoted(string)
        case .array(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += "," }
                element.write(to: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { text += "," }
                text += SimulatorPayloads.quoted(key)
                text += ":"
                members[key]?.write(to: &text)
            }
            text += "}"
        }
    }
}

/// Builders for the JSON the ``GatewaySimulator`` sends, shaped like Discord's (key order `t`, `s`, `op`, `d`).
///
/// **Threading:** stateless functions; safe from any thread.
enum SimulatorPayloads {
    /// The simulated bot's user id (also its application id).
    static let botUserID = "1143958837297868810"
    /// A realistic `_trace` value.
    static let trace = #"["[\"gateway-sim-prd-1-0\",{\"micros\":0.0}]"]"#

    /// Returns `string` as a JSON string literal.
    static func quoted(_ string: String) -> String {
        var text = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case let control where control.value < 0x20:
                text +=
                    "\\u" + String(repeating: "0", count: 4 - String(control.value, radix: 16).count)
                    + String(control.value, radix: 16)
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }

    /// A non-dispatch payload.
    static func control(opcode: Int, data: String) -> String {
        #"{"t":null,"s":null,"op":\#(opcode),"d":\#(data)}"#
    }

    /// Hello (op 10).
    static func hello(heartbeatInterval: Duration) -> String {
        let milliseconds =
            heartbeatInterval.components.seconds * 1000 + heartbeatInterval.components.attoseconds
            / 1_000_000_000_000_000
        return control(opcode: 10, data: #"{"heartbeat_interval":\#(milliseconds),"_trace":\#(trace)}"#)
    }

    /// A dispatch (op 0).
    static func dispatch(_ name: String, sequence: Int, data: String) -> String {
        #"{"t":\#(quoted(name)),"s":\#(sequence),"op":0,"d":\#(data)}"#
    }

    /// The guild id with index `index`: snowflakes from late 2023 whose timestamps are consecutive, so
    /// `(id >> 22) % n` spreads guilds evenly over any shard count.
    static func guildID(index: Int) -> UInt64 {
        (UInt64(262_000_000_000 &+ index) << 22) | UInt64(index & 0xFFF)
    }

    /// A snowflake derived from a guild id, for channels, roles and members inside it.
    static func childID(of guildID: UInt64, _ index: Int) -> String {
        String(guildID &+ UInt64(1 &+ index) &* 4_194_304 &+ UInt64(index))
    }

    /// The bot user object.
    static var botUser: String {
        #"{"verified":true,"username":"simulated-bot","mfa_enabled":false,"id":"\#(botUserID)","global_name":null,"flags":0,"email":null,"discriminator":"0","bot":true,"avatar":null}"#
    }

    /// READY's `d`.
    static func ready(sessionID: String, resumeURL: String, shard: [Int]?, guildIDs: [UInt64]) -> String {
        let guilds = guildIDs.map { #"{"unavailable":true,"id":"\#($0)"}"# }.joined(separator: ",")
        let shardField = shard.map { #","shard":[\#($0.map(String.init).joined(separator: ","))]"# } ?? ""
        return
            #"{"v":10,"user_settings":{},"user":\#(botUser),"session_type":"normal","session_id":"\#(sessionID)","resume_gateway_url":\#(quoted(resumeURL)),"relationships":[],"private_channels":[],"presences":[],"guilds":[\#(guilds)],"guild_join_requests":[],"geo_ordered_rtc_regions":["us-east","us-central","newark","atlanta","us-south"],"auth":{},"application":{"id":"\#(botUserID)","flags":565248},"_trace":\#(trace)\#(shardField)}"#
    }

    /// RESUMED's `d`.
    static var resumed: String { #"{"_trace":\#(trace)}"# }

    /// A guild member object for user `userID`.
    static func member(userID: String, name: String, roles: [String]) -> String {
        let roleList = roles.map { quoted($0) }.joined(separator: ",")
        return
            #"{"user":{"username":\#(quoted(name)),"public_flags":0,"id":"\#(userID)","global_name":\#(quoted(name.capitalized)),"discriminator":"0","avatar_decoration_data":null,"avatar":null},"roles":[\#(roleList)],"premium_since":null,"pending":false,"nick":null,"mute":false,"joined_at":"2024-03-0\#(1 + userID.utf8.count % 9)T12:00:00.000000+00:00","flags":0,"deaf":false,"communication_disabled_until":null,"banner":null,"avatar":null}"#
    }

    /// GUILD_CREATE's `d` for guild `guildID` (about 3 KB: channels, roles, the bot as member, a presence).
    static func guildCreate(guildID: UInt64, index: Int) -> String {
        let id = String(guildID)
        let channelNames = ["general", "announcements", "bot-commands", "off-topic", "Lounge", "Music"]
        var channels: [String] = []
        for (position, name) in channelNames.enumerated() {
            let isVoice = position >= 4
            let channelID = childID(of: guildID, position)
            if isVoice {
                channels.append(
                    #"{"version":1700000000000,"user_limit":0,"type":2,"rtc_region":null,"rate_limit_per_user":0,"position":\#(position - 4),"permission_overwrites":[],"parent_id":null,"nsfw":false,"name":\#(quoted(name)),"last_message_id":null,"id":"\#(channelID)","flags":0,"bitrate":64000}"#
                )
            } else {
                channels.append(
                    #"{"version":1700000000000,"type":0,"topic":\#(position == 0 ? #""Say hello""# : "null"),"rate_limit_per_user":0,"position":\#(position),"permission_overwrites":[],"parent_id":null,"nsfw":false,"name":\#(quoted(name)),"last_message_id":"\#(childID(of: guildID, 40 + position))","id":"\#(channelID)","icon_emoji":null,"flags":0}"#
                )
            }
        }
        let roleNames = ["@everyone", "Moderator", "Bots", "Members"]
        var roles: [String] = []
        var roleIDs: [String] = []
        for (position, name) in roleNames.enumerated() {
            let roleID = position == 0 ? id : childID(of: guildID, 20 + position)
            roleIDs.append(roleID)
            roles.append(
                #"{"version":1700000000000,"unicode_emoji":null,"tags":{},"position":\#(position),"permissions":"\#(position == 1 ? "1099511627775" : "2248473465835073")","name":\#(quoted(name)),"mentionable":false,"managed":false,"id":"\#(roleID)","icon":null,"hoist":\#(position == 1),"flags":0,"color":\#(position * 3_447_003 % 16_777_215)}"#
            )
        }
        let botMember = member(userID: botUserID, name: "simulated-bot", roles: [roleIDs[2]])
        let ownerID = childID(of: guildID, 30)
        let ownerMember = member(userID: ownerID, name: "owner\(index)", roles: [roleIDs[1], roleIDs[3]])
        return
            #"{"id":"\#(id)","name":"Simulated Guild \#(index)","icon":null,"description":null,"splash":null,"discovery_splash":null,"banner":null,"owner_id":"\#(ownerID)","application_id":null,"region":"deprecated","afk_channel_id":null,"afk_timeout":300,"system_channel_id":"\#(childID(of: guildID, 0))","system_channel_flags":0,"widget_enabled":false,"verification_level":1,"default_message_notifications":1,"explicit_content_filter":2,"features":["COMMUNITY","NEWS"],"mfa_level":0,"max_members":500000,"max_video_channel_users":25,"vanity_url_code":null,"premium_tier":0,"premium_subscription_count":0,"preferred_locale":"en-US","rules_channel_id":"\#(childID(of: guildID, 1))","public_updates_channel_id":"\#(childID(of: guildID, 1))","safety_alerts_channel_id":null,"nsfw_level":0,"premium_progress_bar_enabled":false,"joined_at":"2024-01-15T10:00:00.000000+00:00","large":false,"unavailable":false,"member_count":\#(2 + index % 500),"lazy":true,"voice_states":[],"members":[\#(botMember),\#(ownerMember)],"channels":[\#(channels.joined(separator: ","))],"threads":[],"presences":[{"user":{"id":"\#(ownerID)"},"status":"online","client_status":{"desktop":"online"},"activities":[]}],"stage_instances":[],"guild_scheduled_events":[],"soundboard_sounds":[],"emojis":[],"stickers":[],"roles":[\#(roles.joined(separator: ","))],"embedded_activities":[],"application_command_counts":{},"hub_type":null,"incidents_data":null,"latest_onboarding_question_id":null,"home_header":null,"version":1700000000000}"#
    }

    /// GUILD_MEMBERS_CHUNK's `d` answering Request Guild Members.
    static func membersChunk(request: SimulatorJSON) -> String {
        let guildID = request["guild_id"]?.stringValue ?? "0"
        let guild = UInt64(guildID) ?? 0
        var members: [String] = []
        var presences: [String] = []
        var notFound: [String] = []
        var requestedIDs: [String] = []
        if let list = request["user_ids"]?.arrayValue {
            requestedIDs = list.compactMap { $0.stringValue }
        } else if let single = request["user_ids"]?.stringValue {
            requestedIDs = [single]
        }
        if !requestedIDs.isEmpty {
            for (position, userID) in requestedIDs.prefix(100).enumerated() {
                // Ids ending in 0 are reported as not found, so tests can exercise `not_found`.
                if userID.hasSuffix("0") {
                    notFound.append(quoted(userID))
                } else {
                    members.append(member(userID: userID, name: "member\(position)", roles: []))
                    presences.append(#"{"user":{"id":"\#(userID)"},"status":"online","activities":[]}"#)
                }
            }
        } else {
            let query = request["query"]?.stringValue ?? ""
            let limit = request["limit"]?.intValue ?? 0
            let count = min(limit == 0 ? 5 : limit, query.isEmpty ? 5 : 3, 100)
            for position in 0..<count {
                let userID = childID(of: guild, 100 + position)
                members.append(member(userID: userID, name: "\(query.lowercased())member\(position)", roles: []))
                presences.append(#"{"user":{"id":"\#(userID)"},"status":"idle","activities":[]}"#)
            }
        }
        var fields = [
            #""guild_id":\#(quoted(guildID))"#, #""members":[\#(members.joined(separator: ","))]"#,
            #""chunk_index":0"#, #""chunk_count":1"#,
        ]
        if !requestedIDs.isEmpty { fields.append(#""not_found":[\#(notFound.joined(separator: ","))]"#) }
        if request["presences"]?.boolValue == true {
            fields.append(#""presences":[\#(presences.joined(separator: ","))]"#)
        }
        if let nonce = request["nonce"]?.stringValue, nonce.utf8.count <= 32 {
            fields.append(#""nonce":\#(quoted(nonce))"#)
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// SOUNDBOARD_SOUNDS's `d` for one guild.
    static func soundboardSounds(guildID: String) -> String {
        let guild = UInt64(guildID) ?? 0
        return
            #"{"guild_id":\#(quoted(guildID)),"soundboard_sounds":[{"volume":1.0,"user":{"username":"owner","id":"\#(childID(of: guild, 30))","discriminator":"0","avatar":null},"sound_id":"\#(childID(of: guild, 60))","name":"airhorn","guild_id":\#(quoted(guildID)),"emoji_name":"📯","emoji_id":null,"available":true}]}"#
    }

    /// CHANNEL_INFO's `d` for one guild.
    static func channelInfo(guildID: String, fields: [String]) -> String {
        let guild = UInt64(guildID) ?? 0
        let voiceChannels = [childID(of: guild, 4), childID(of: guild, 5)]
        let channels = voiceChannels.enumerated().map { position, channelID -> String in
            var parts = [#""id":"\#(channelID)""#]
            if fields.contains("status") { parts.append(#""status":\#(position == 0 ? #""Lo-fi beats""# : "null")"#) }
            if fields.contains("voice_start_time") {
                parts.append(#""voice_start_time":\#(position == 0 ? "\"2026-01-01T00:00:00.000000+00:00\"" : "null")"#)
            }
            return "{" + parts.joined(separator: ",") + "}"
        }
        return #"{"guild_id":\#(quoted(guildID)),"channels":[\#(channels.joined(separator: ","))]}"#
    }

    /// VOICE_STATE_UPDATE's `d` answering a Voice State Update for the bot.
    static func voiceState(request: SimulatorJSON, sessionID: String) -> String {
        let guildID = request["guild_id"]?.stringValue ?? "0"
        let channel = request["channel_id"]?.stringValue.map { quoted($0) } ?? "null"
        let mute = request["self_mute"]?.boolValue ?? false
        let deaf = request["self_deaf"]?.boolValue ?? false
        return
            #"{"user_id":"\#(botUserID)","suppress":false,"session_id":"\#(sessionID)","self_video":false,"self_mute":\#(mute),"self_deaf":\#(deaf),"request_to_speak_timestamp":null,"mute":false,"guild_id":\#(quoted(guildID)),"deaf":false,"channel_id":\#(channel)}"#
    }

    /// VOICE_SERVER_UPDATE's `d`.
    static func voiceServer(guildID: String) -> String {
        #"{"token":"simulated-voice-token","guild_id":\#(quoted(guildID)),"endpoint":"simulated.discord.media:443"}"#
    }

    /// A random session id: 32 lowercase hex digits, like Discord's.
    static func makeSessionID() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        let hex = String(high, radix: 16) + ":" + String(low, radix: 16)
        let parts = hex.split(separator: ":").map { String(repeating: "0", count: 16 - $0.count) + $0 }
        return parts.joined()
    }
}
