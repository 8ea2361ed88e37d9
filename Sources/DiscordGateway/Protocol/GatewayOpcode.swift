/// A gateway opcode: the `op` field of every payload (Discord docs: "Gateway Opcodes").
///
/// An open set: Discord may add opcodes, so unknown values are representable and received ones are ignored
/// rather than treated as errors.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GatewayOpcode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The opcode number as sent on the wire.
    public let rawValue: Int

    /// Wraps an opcode number, known or not.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// `0` Dispatch (receive): an event; `s` and `t` are set.
    public static let dispatch = Self(rawValue: 0)
    /// `1` Heartbeat (send and receive): keeps the connection alive; received, it asks for an immediate heartbeat.
    public static let heartbeat = Self(rawValue: 1)
    /// `2` Identify (send): starts a new session.
    public static let identify = Self(rawValue: 2)
    /// `3` Presence Update (send).
    public static let presenceUpdate = Self(rawValue: 3)
    /// `4` Voice State Update (send).
    public static let voiceStateUpdate = Self(rawValue: 4)
    /// `6` Resume (send): resumes a previous session.
    public static let resume = Self(rawValue: 6)
    /// `7` Reconnect (receive): reconnect and resume.
    public static let reconnect = Self(rawValue: 7)
    /// `8` Request Guild Members (send).
    public static let requestGuildMembers = Self(rawValue: 8)
    /// `9` Invalid Session (receive): `d` tells whether the session may be resumed.
    public static let invalidSession = Self(rawValue: 9)
    /// `10` Hello (receive): carries `heartbeat_interval`.
    public static let hello = Self(rawValue: 10)
    /// `11` Heartbeat ACK (receive).
    public static let heartbeatAck = Self(rawValue: 11)
    /// `31` Request Soundboard Sounds (send).
    public static let requestSoundboardSounds = Self(rawValue: 31)
    /// `43` Request Channel Info (send).
    public static let requestChannelInfo = Self(rawValue: 43)

    /// The Discord name of the opcode, or `nil` for an unknown one.
    public var name: String? {
        switch rawValue {
        case 0: "Dispatch"
        case 1: "Heartbeat"
        case 2: "Identify"
        case 3: "Presence Update"
        case 4: "Voice State Update"
        case 6: "Resume"
        case 7: "Reconnect"
        case 8: "Request Guild Members"
        case 9: "Invalid Session"
        case 10: "Hello"
        case 11: "Heartbeat ACK"
        case 31: "Request Soundboard Sounds"
        case 43: "Request Channel Info"
        default: nil
        }
    }

    /// The number and, when known, the name: `"10 Hello"`, `"99 unknown"`.
    public var description: String {
        "\(rawValue) \(name ?? "unknown")"
    }
}
