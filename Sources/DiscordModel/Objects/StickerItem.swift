/// The smallest form of a sticker, as attached to messages (Discord docs: "Sticker Item Object").
///
/// **Threading:** an immutable value; `Sendable`.
public struct StickerItem: Codable, Hashable, Sendable, Identifiable {
    /// The sticker id.
    public var id: Snowflake
    /// The sticker name.
    public var name: String
    /// The file format.
    public var formatType: StickerFormatType

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, name
        /// `format_type`.
        case formatType = "format_type"
    }
}

/// A sticker's file format (Discord docs: "Sticker Format Types"); an open set.
///
/// **Threading:** an immutable value; `Sendable`.
public struct StickerFormatType: RawRepresentable, Hashable, Sendable, Codable {
    /// The wire number.
    public let rawValue: Int
    /// Wraps a wire number.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// `1` PNG.
    public static let png = Self(rawValue: 1)
    /// `2` APNG.
    public static let apng = Self(rawValue: 2)
    /// `3` Lottie.
    public static let lottie = Self(rawValue: 3)
    /// `4` GIF.
    public static let gif = Self(rawValue: 4)
}
