/// A reaction on a message, as listed in ``Message/reactions`` (Discord docs: "Reaction Object").
///
/// **Threading:** an immutable value; `Sendable`.
public struct Reaction: Codable, Hashable, Sendable {
    /// Total times this emoji was used, normal and super reactions together.
    public var count: Int
    /// The counts split by reaction type.
    public var countDetails: CountDetails?
    /// Whether the current user reacted with this emoji (normal reaction).
    public var me: Bool
    /// Whether the current user super-reacted with this emoji.
    public var meBurst: Bool?
    /// The emoji (partial: `id`, `name`, `animated`).
    public var emoji: Emoji
    /// The colors of super reactions, as `#RRGGBB` strings.
    public var burstColors: [String]?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case count, me, emoji
        /// `count_details`.
        case countDetails = "count_details"
        /// `me_burst`.
        case meBurst = "me_burst"
        /// `burst_colors`.
        case burstColors = "burst_colors"
    }

    /// ``burstColors`` parsed as colors; strings that are not `#RRGGBB` are skipped.
    public var burstColorValues: [DiscordColor] {
        (burstColors ?? []).compactMap(Self.parseColor)
    }

    /// Parses `#RRGGBB` (the `#` is optional).
    static func parseColor(_ text: String) -> DiscordColor? {
        let hex = text.hasPrefix("#") ? text.dropFirst() : Substring(text)
        guard hex.count == 6, let value = Int(hex, radix: 16) else { return nil }
        return DiscordColor(rawValue: value)
    }

    /// A reaction's counts by type (Discord docs: "Reaction Count Details Object").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct CountDetails: Codable, Hashable, Sendable {
        /// Super reactions.
        public var burst: Int
        /// Normal reactions.
        public var normal: Int
    }
}

/// The kind of a reaction (Discord docs: "Reaction Types"); an open set.
///
/// **Threading:** an immutable value; `Sendable`.
public struct ReactionType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The wire number.
    public let rawValue: Int
    /// Wraps a wire number.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// `0` a normal reaction.
    public static let normal = Self(rawValue: 0)
    /// `1` a super reaction.
    public static let burst = Self(rawValue: 1)
    /// The wire number.
    public var description: String { String(rawValue) }
}
