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
}
