/// A presence status (Discord docs: "Status Types"); an open set.
///
/// **Threading:** an immutable value; `Sendable`.
public struct PresenceStatus: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The wire string.
    public let rawValue: String
    /// Wraps a status string.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// `online`.
    public static let online = Self(rawValue: "online")
    /// `dnd`: do not disturb.
    public static let doNotDisturb = Self(rawValue: "dnd")
    /// `idle`: AFK.
    public static let idle = Self(rawValue: "idle")
    /// `invisible`: shown as offline (sending only).
    public static let invisible = Self(rawValue: "invisible")
    /// `offline`.
    public static let offline = Self(rawValue: "offline")
    /// The wire string.
    public var description: String { rawValue }
}

/// An activity type (Discord docs: "Activity Types"); an open set.
///
/// **Threading:** an immutable value; `Sendable`.
public struct ActivityType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The wire number.
    public let rawValue: Int
    /// Wraps an activity type number.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// `0` Playing {name}.
    public static let playing = Self(rawValue: 0)
    /// `1` Streaming {details}.
    public static let streaming = Self(rawValue: 1)
    /// `2` Listening to {name}.
    public static let listening = Self(rawValue: 2)
    /// `3` Watching {name}.
    public static let watching = Self(rawValue: 3)
    /// `4` Custom: {emoji} {state}.
    public static let custom = Self(rawValue: 4)
    /// `5` Competing in {name}.
    public static let competing = Self(rawValue: 5)
    /// The wire number.
    public var description: String { String(rawValue) }
}
