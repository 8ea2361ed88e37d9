/// A WebSocket close code as used by the gateway (Discord docs: "Gateway Close Event Codes").
///
/// An open set: any `UInt16` is representable. Unknown and standard WebSocket codes allow reconnecting;
/// only the configuration errors 4004 and 4010–4014 are fatal.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GatewayCloseCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The close code number.
    public let rawValue: UInt16

    /// Wraps a close code number, known or not.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// `1000` Normal closure. Sent by the client, it invalidates the session.
    public static let normalClosure = Self(rawValue: 1000)
    /// `1001` Going away. Sent by the client, it invalidates the session.
    public static let goingAway = Self(rawValue: 1001)
    /// `1005` No status code in the close frame (reported locally).
    public static let noStatusReceived = Self(rawValue: 1005)
    /// `1006` Abnormal closure: no close frame at all (reported locally, never sent).
    public static let abnormalClosure = Self(rawValue: 1006)
    /// `4000` Unknown error. Also the code the client uses to close while keeping the session resumable.
    public static let unknownError = Self(rawValue: 4000)
    /// `4001` Unknown opcode: an invalid opcode or payload was sent.
    public static let unknownOpcode = Self(rawValue: 4001)
    /// `4002` Decode error: an invalid payload was sent (also for payloads over 4096 bytes).
    public static let decodeError = Self(rawValue: 4002)
    /// `4003` Not authenticated: a payload was sent before Identify, or the session was invalidated.
    public static let notAuthenticated = Self(rawValue: 4003)
    /// `4004` Authentication failed: invalid token. Fatal.
    public static let authenticationFailed = Self(rawValue: 4004)
    /// `4005` Already authenticated: more than one Identify was sent.
    public static let alreadyAuthenticated = Self(rawValue: 4005)
    /// `4007` Invalid `seq` in Resume: reconnect and start a new session.
    public static let invalidSequence = Self(rawValue: 4007)
    /// `4008` Rate limited: too many payloads were sent.
    public static let rateLimited = Self(rawValue: 4008)
    /// `4009` Session timed out: reconnect and start a new session.
    public static let sessionTimedOut = Self(rawValue: 4009)
    /// `4010` Invalid shard in Identify. Fatal.
    public static let invalidShard = Self(rawValue: 4010)
    /// `4011` Sharding required: the session would handle too many guilds. Fatal.
    public static let shardingRequired = Self(rawValue: 4011)
    /// `4012` Invalid API version. Fatal.
    public static let invalidAPIVersion = Self(rawValue: 4012)
    /// `4013` Invalid intent(s). Fatal.
    public static let invalidIntents = Self(rawValue: 4013)
    /// `4014` Disallowed intent(s): a privileged intent is not enabled or approved. Fatal.
    public static let disallowedIntents = Self(rawValue: 4014)

    /// Whether a new connection may be opened after this close (`false` only for 4004 and 4010–4014).
    public var allowsReconnect: Bool {
        switch rawValue {
        case 4004, 4010...4014: false
        default: true
        }
    }

    /// Whether reconnecting must start a new session with Identify instead of resuming (4007, 4009).
    public var requiresNewSession: Bool {
        rawValue == 4007 || rawValue == 4009
    }

    /// Whether the close is a configuration error that stops the shard for good (the opposite of ``allowsReconnect``).
    public var isFatal: Bool {
        !allowsReconnect
    }

    /// Whether the client sending this code ends the session (1000, 1001) rather than leaving it resumable.
    public var invalidatesSession: Bool {
        rawValue == 1000 || rawValue == 1001
    }

    /// The Discord or WebSocket name of the code, or `nil` for an unknown one.
    public var name: String? {
        switch rawValue {
        case 1000: "Normal closure"
        case 1001: "Going away"
        case 1005: "No status received"
        case 1006: "Abnormal closure"
        case 4000: "Unknown error"
        case 4001: "Unknown opcode"
        case 4002: "Decode error"
        case 4003: "Not authenticated"
        case 4004: "Authentication failed"
        case 4005: "Already authenticated"
        case 4007: "Invalid seq"
        case 4008: "Rate limited"
        case 4009: "Session timed out"
        case 4010: "Invalid shard"
        case 4011: "Sharding required"
        case 4012: "Invalid API version"
        case 4013: "Invalid intent(s)"
        case 4014: "Disallowed intent(s)"
        default: nil
        }
    }

    /// The number and, when known, the name: `"4004 Authentication failed"`, `"4999 unknown"`.
    public var description: String {
        "\(rawValue) \(name ?? "unknown")"
    }

    /// Decodes the bare number.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(UInt16.self))
    }

    /// Encodes the bare number.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
