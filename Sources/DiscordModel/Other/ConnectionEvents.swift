/// A resume finished replaying missed events; the payload of `RESUMED`.
///
/// Its `d` carries only a debug `_trace` (or nothing), so this type has no fields and decodes from any JSON.
///
/// **Threading:** an immutable value; `Sendable`.
public struct Resumed: Codable, Hashable, Sendable {
    /// Makes the empty payload.
    public init() {}

    /// Decodes any JSON, including `null`: nothing in `RESUMED`'s `d` is meant for bots, so a synthesized
    /// decoder (which needs an object) would only add ways to fail.
    public init(from decoder: any Decoder) throws {}

    /// Encodes an empty object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode([String: JSONValue]())
    }
}

/// A gateway command was rate limited instead of disconnecting the session; the payload of `RATE_LIMITED`.
///
/// Today only Request Guild Members (op 8) is limited this way; its ``meta`` is `{guild_id, nonce?}`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct RateLimited: Codable, Hashable, Sendable {
    /// The opcode of the command that was limited.
    public var opcode: Int
    /// Seconds to wait before sending the command again.
    public var retryAfter: Double
    /// Details that depend on ``opcode``.
    public var meta: JSONValue

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case opcode, meta
        /// `retry_after`.
        case retryAfter = "retry_after"
    }

    /// The guild of the limited request (`meta.guild_id`), when present and a valid snowflake.
    public var guildID: Snowflake? {
        switch meta["guild_id"] {
        case .string(let text): Snowflake(text)
        case .integer(let number): UInt64(exactly: number).map(Snowflake.init(rawValue:))
        default: nil
        }
    }

    /// The nonce the limited request carried (`meta.nonce`), when present.
    public var nonce: String? {
        meta["nonce"]?.stringValue
    }
}
