/// An image hash (avatars, icons, banners, splashes) as sent by Discord (Discord docs: "Image Formatting").
///
/// Kept as the wire string; a `a_` prefix marks an animated image.
///
/// **Threading:** an immutable value; `Sendable`.
public struct ImageHash: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The hash as sent.
    public let rawValue: String

    /// Wraps a hash.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Wraps a string literal.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// Whether the image is animated (GIF): the hash starts with `a_`.
    public var isAnimated: Bool {
        rawValue.hasPrefix("a_")
    }

    /// The hash.
    public var description: String {
        rawValue
    }
}
