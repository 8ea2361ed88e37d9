/// Realistic gateway payloads for tests and benchmarks, generated deterministically from a seed.
///
/// **Threading:** a value type; use one generator per thread.
public struct GatewayFixtures: Sendable {
    /// Deterministic pseudo-random source (SplitMix64).
    private var state: UInt64

    /// Creates a generator; the same seed yields the same payloads.
    public init(seed: UInt64 = 0x5EED) {
        state = seed
    }

    /// Next pseudo-random number.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    private mutating func next(_ bound: Int) -> Int {
        Int(next() % UInt64(max(bound, 1)))
    }

    /// A snowflake-like id.
    private mutating func snowflake() -> String {
        String(1_100_000_000_000_000_000 + next(90_000_000_000_000_000))
    }

    /// Words for message content.
    private static let words = [
        "the", "gateway", "shard", "heartbeat", "resume", "discord", "bot", "hello", "world", "swift", "latency",
        "ping", "server", "channel", "guild", "message", "react", "emoji", "voice", "thread", "ok", "lol", "nice",
        "when", "is", "the", "next", "event", "see", "you", "there", "🎉", "ça", "va", "très", "bien",
    ]

    /// A sentence of `count` words.
    private mutating func sentence(_ count: Int) -> String {
        (0..<count).map { _ in Self.words[next(Self.words.count)] }.joined(separator: " ")
    }

    /// A `MESSAGE_CREATE` dispatch of roughly `targetSize` bytes with sequence `sequence`.
    public mutating func messageCreate(sequence: Int, targetSize: Int = 1000) -> String {
        let guild = snowflake()
        let channel = snowflake()
        let author = snowflake()
        let header =
            #"{"t":"MESSAGE_CREATE","s":\#(sequence),"op":0,"d":{"type":0,"tts":false,"timestamp":"2026-11-29T04:0\#(next(10)):1\#(next(10)).\#(100_000 + next(899_999))+00:00","pinned":false,"nonce":"\#(snowflake())","mentions":[],"mention_roles":[],"mention_everyone":false,"member":{"roles":["\#(snowflake())"],"premium_since":null,"pending":false,"nick":null,"mute":false,"joined_at":"2025-0\#(1 + next(9))-1\#(next(10))T12:00:00.000000+00:00","flags":0,"deaf":false,"communication_disabled_until":null,"avatar":null},"id":"\#(snowflake())","flags":0,"embeds":[],"edited_timestamp":null,"components":[],"channel_id":"\#(channel)","author":{"username":"user\#(next(100_000))","public_flags":0,"id":"\#(author)","global_name":"User \#(next(1000))","discriminator":"0","avatar_decoration_data":null,"avatar":"\#(String(next(), radix: 16))"},"attachments":[],"guild_id":"\#(guild)","content":""#
        var content = sentence(4 + next(8))
        let budget = targetSize - header.utf8.count - 4
        while content.utf8.count < budget { content += " " + sentence(3) }
        return header + content + #""}}"#
    }

    /// A dispatch from the mix a busy bot sees: messages, presences, typing, reactions, member updates, each
    /// padded to about `targetSize` bytes (extra roles for members, extra activities for presences), so the mix
    /// averages about `targetSize`.
    public mutating func busyBotDispatch(sequence: Int, targetSize: Int = 750) -> String {
        var json = unpaddedBusyBotDispatch(sequence: sequence, targetSize: targetSize)
        guard json.utf8.count < targetSize - 40, json.hasSuffix("}}") else { return json }
        json.removeLast(2)
        var padding = ",\"roles_seen\":["
        var first = true
        while json.utf8.count + padding.utf8.count + 24 < targetSize {
            padding += (first ? "" : ",") + "\"\(snowflake())\""
            first = false
        }
        return json + padding + "]}}"
    }

    /// One dispatch of the busy-bot mix, at its natural size.
    private mutating func unpaddedBusyBotDispatch(sequence: Int, targetSize: Int) -> String {
        let guild = snowflake()
        let user = snowflake()
        switch next(10) {
        case 0, 1, 2, 3:
            return messageCreate(sequence: sequence, targetSize: targetSize)
        case 4, 5:
            let filler = sentence(6 + next(20))
            return
                #"{"t":"PRESENCE_UPDATE","s":\#(sequence),"op":0,"d":{"user":{"id":"\#(user)"},"status":"online","guild_id":"\#(guild)","client_status":{"desktop":"online"},"activities":[{"type":0,"timestamps":{"start":\#(1_764_000_000_000 + next(1_000_000))},"name":"\#(filler)","id":"\#(String(next(), radix: 16))","created_at":\#(1_764_000_000_000 + next(1_000_000))}]}}"#
        case 6:
            return
                #"{"t":"TYPING_START","s":\#(sequence),"op":0,"d":{"user_id":"\#(user)","timestamp":\#(1_764_000_000 + next(100_000)),"member":{"user":{"username":"user\#(next(100_000))","id":"\#(user)","global_name":null,"discriminator":"0","avatar":null},"roles":[],"joined_at":"2024-01-01T00:00:00.000000+00:00","deaf":false,"mute":false},"channel_id":"\#(snowflake())","guild_id":"\#(guild)"}}"#
        case 7, 8:
            return
                #"{"t":"MESSAGE_REACTION_ADD","s":\#(sequence),"op":0,"d":{"user_id":"\#(user)","type":0,"message_id":"\#(snowflake())","message_author_id":"\#(snowflake())","member":{"user":{"username":"user\#(next(100_000))","id":"\#(user)","discriminator":"0","avatar":null},"roles":["\#(snowflake())"],"joined_at":"2024-01-01T00:00:00.000000+00:00"},"emoji":{"name":"👍","id":null},"channel_id":"\#(snowflake())","burst":false,"guild_id":"\#(guild)"}}"#
        default:
            return
                #"{"t":"GUILD_MEMBER_UPDATE","s":\#(sequence),"op":0,"d":{"guild_id":"\#(guild)","user":{"username":"user\#(next(100_000))","public_flags":0,"id":"\#(user)","global_name":"\#(sentence(2))","discriminator":"0","avatar":null},"roles":["\#(snowflake())","\#(snowflake())"],"premium_since":null,"pending":false,"nick":"\#(sentence(1))","joined_at":"2024-0\#(1 + next(9))-01T00:00:00.000000+00:00","flags":0,"deaf":false,"mute":false,"communication_disabled_until":null,"avatar":null}}"#
        }
    }

    /// A `PRESENCE_UPDATE` dispatch: a member online on desktop and mobile, playing a game and with a custom
    /// status (about 600 bytes).
    public mutating func presenceUpdate(sequence: Int) -> String {
        let start = 1_764_000_000_000 + next(1_000_000)
        return
            #"{"t":"PRESENCE_UPDATE","s":\#(sequence),"op":0,"d":{"user":{"id":"\#(snowflake())"},"status":"online","guild_id":"\#(snowflake())","client_status":{"desktop":"online","mobile":"idle"},"activities":[{"type":4,"state":"\#(sentence(4))","name":"Custom Status","id":"custom","emoji":{"name":"🎉"},"created_at":\#(start)},{"type":0,"timestamps":{"start":\#(start)},"state":"In a match","name":"\#(sentence(2))","id":"\#(String(next(), radix: 16))","details":"Ranked","created_at":\#(start + 5),"assets":{"large_image":"\#(snowflake())","large_text":"\#(sentence(2))"},"application_id":"\#(snowflake())"}]}}"#
    }

    /// A `TYPING_START` dispatch in a guild, with the member (about 400 bytes).
    public mutating func typingStart(sequence: Int) -> String {
        let user = snowflake()
        return
            #"{"t":"TYPING_START","s":\#(sequence),"op":0,"d":{"user_id":"\#(user)","timestamp":\#(1_764_000_000 + next(100_000)),"member":{"user":{"username":"user\#(next(100_000))","id":"\#(user)","global_name":null,"discriminator":"0","avatar":null,"public_flags":0},"roles":["\#(snowflake())"],"premium_since":null,"pending":false,"nick":null,"mute":false,"joined_at":"2024-01-01T00:00:00.000000+00:00","flags":0,"deaf":false,"communication_disabled_until":null,"avatar":null},"channel_id":"\#(snowflake())","guild_id":"\#(snowflake())"}}"#
    }

    /// A `GUILD_CREATE` dispatch for a mid-sized community guild: `members` members with presences, `channels`
    /// text and voice channels, 20 roles, 10 emojis and 2 threads (about 1 KB per member plus 4 KB).
    public mutating func guildCreate(sequence: Int, members: Int = 100, channels: Int = 30) -> String {
        let guildID = snowflake()
        var roleIDs: [String] = [guildID]
        var roles: [String] = []
        for position in 0..<20 {
            let id = position == 0 ? guildID : snowflake()
            if position > 0 { roleIDs.append(id) }
            roles.append(
                #"{"version":1700000000000,"unicode_emoji":null,"tags":\#(position == 2 ? #"{"bot_id":"\#(snowflake())"}"# : "{}"),"position":\#(position),"permissions":"\#(position == 1 ? "1099511627775" : "2248473465835073")","name":"\#(position == 0 ? "@everyone" : sentence(2))","mentionable":false,"managed":\#(position == 2),"id":"\#(id)","icon":null,"hoist":\#(position < 4),"flags":0,"color":\#(next(16_777_215))}"#
            )
        }
        var channelList: [String] = []
        for position in 0..<channels {
            let isVoice = position % 5 == 4
            channelList.append(
                isVoice
                    ? #"{"version":1700000000000,"user_limit":0,"type":2,"rtc_region":null,"rate_limit_per_user":0,"position":\#(position),"permission_overwrites":[],"parent_id":null,"nsfw":false,"name":"\#(sentence(2))","last_message_id":null,"id":"\#(snowflake())","flags":0,"bitrate":64000}"#
                    : #"{"version":1700000000000,"type":0,"topic":"\#(sentence(8))","rate_limit_per_user":0,"position":\#(position),"permission_overwrites":[{"type":0,"id":"\#(roleIDs[1])","deny":"0","allow":"1024"},{"type":0,"id":"\#(guildID)","deny":"2048","allow":"0"}],"parent_id":null,"nsfw":false,"name":"\#(sentence(2))","last_message_id":"\#(snowflake())","id":"\#(snowflake())","icon_emoji":null,"flags":0}"#
            )
        }
        var memberList: [String] = []
        var presenceList: [String] = []
        for index in 0..<members {
            let userID = snowflake()
            let memberRoles = (0..<(1 + next(3))).map { _ in roleIDs[1 + next(roleIDs.count - 1)] }
            memberList.append(
                SimulatorPayloads.member(userID: userID, name: "member\(index)x\(next(1000))", roles: memberRoles))
            presenceList.append(
                #"{"user":{"id":"\#(userID)"},"status":"\#(["online", "idle", "dnd"][next(3)])","client_status":{"desktop":"online"},"activities":\#(next(2) == 0 ? "[]" : #"[{"type":0,"name":"\#(sentence(2))","id":"\#(String(next(), radix: 16))","created_at":\#(1_764_000_000_000 + next(1_000_000))}]"#)}"#
            )
        }
        let emojis = (0..<10).map { _ in
            #"{"version":0,"roles":[],"require_colons":true,"name":"emoji_\#(next(1000))","managed":false,"id":"\#(snowflake())","available":true,"animated":\#(next(2) == 0)}"#
        }
        let threads = (0..<2).map { _ in
            #"{"type":11,"total_message_sent":\#(next(500)),"thread_metadata":{"locked":false,"create_timestamp":"2025-06-01T10:00:00.000000+00:00","auto_archive_duration":4320,"archived":false,"archive_timestamp":"2025-06-01T10:00:00.000000+00:00"},"rate_limit_per_user":0,"parent_id":"\#(snowflake())","owner_id":"\#(snowflake())","name":"\#(sentence(3))","message_count":\#(next(500)),"member_count":\#(next(50)),"last_message_id":"\#(snowflake())","id":"\#(snowflake())","guild_id":"\#(guildID)","flags":0}"#
        }
        return
            #"{"t":"GUILD_CREATE","s":\#(sequence),"op":0,"d":{"id":"\#(guildID)","name":"\#(sentence(3))","icon":"\#(String(next(), radix: 16))","description":"\#(sentence(10))","splash":null,"discovery_splash":null,"banner":null,"owner_id":"\#(snowflake())","application_id":null,"region":"deprecated","afk_channel_id":null,"afk_timeout":300,"system_channel_id":"\#(snowflake())","system_channel_flags":0,"widget_enabled":false,"verification_level":1,"default_message_notifications":1,"explicit_content_filter":2,"features":["COMMUNITY","NEWS","ANIMATED_ICON"],"mfa_level":0,"max_members":500000,"max_video_channel_users":25,"vanity_url_code":null,"premium_tier":1,"premium_subscription_count":4,"preferred_locale":"en-US","rules_channel_id":"\#(snowflake())","public_updates_channel_id":"\#(snowflake())","safety_alerts_channel_id":null,"nsfw_level":0,"premium_progress_bar_enabled":false,"joined_at":"2024-01-15T10:00:00.000000+00:00","large":\#(members > 50),"unavailable":false,"member_count":\#(members),"lazy":true,"voice_states":[],"members":[\#(memberList.joined(separator: ","))],"channels":[\#(channelList.joined(separator: ","))],"threads":[\#(threads.joined(separator: ","))],"presences":[\#(presenceList.joined(separator: ","))],"stage_instances":[],"guild_scheduled_events":[],"soundboard_sounds":[],"emojis":[\#(emojis.joined(separator: ","))],"stickers":[],"roles":[\#(roles.joined(separator: ","))],"embedded_activities":[],"application_command_counts":{},"hub_type":null,"incidents_data":null,"latest_onboarding_question_id":null,"home_header":null,"version":1700000000000}}"#
    }
}
