extension Component {
    /// A button's style (Discord docs: "Button Styles"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct ButtonStyle: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `1` blurple, with a custom id.
        public static let primary = Self(rawValue: 1)
        /// `2` grey, with a custom id.
        public static let secondary = Self(rawValue: 2)
        /// `3` green, with a custom id.
        public static let success = Self(rawValue: 3)
        /// `4` red, with a custom id.
        public static let danger = Self(rawValue: 4)
        /// `5` grey, navigates to a URL.
        public static let link = Self(rawValue: 5)
        /// `6` blurple, starts a purchase of an SKU.
        public static let premium = Self(rawValue: 6)
        /// The wire number.
        public var description: String { String(rawValue) }
    }

    /// A text input's style (Discord docs: "Text Input Styles"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct TextInputStyle: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `1` a single line.
        public static let short = Self(rawValue: 1)
        /// `2` several lines.
        public static let paragraph = Self(rawValue: 2)
        /// The wire number.
        public var description: String { String(rawValue) }
    }

    /// A separator's padding (Discord docs: "Separator"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct SeparatorSpacing: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `1` small padding.
        public static let small = Self(rawValue: 1)
        /// `2` large padding.
        public static let large = Self(rawValue: 2)
        /// The wire number.
        public var description: String { String(rawValue) }
    }

    /// An option of a string select (Discord docs: "Select Option Structure").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct SelectOption: Codable, Hashable, Sendable {
        /// The text shown (up to 100 characters).
        public var label: String
        /// The value sent to the app (up to 100 characters).
        public var value: String
        /// Extra text under the label.
        public var description: String?
        /// The emoji (partial: `id`, `name`, `animated`).
        public var emoji: Emoji?
        /// Whether the option is selected at first.
        public var `default`: Bool?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case label, value, description, emoji, `default`
        }
    }

    /// A value an auto-populated select starts with (Discord docs: "Select Default Value Structure").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct SelectDefaultValue: Codable, Hashable, Sendable, Identifiable {
        /// The user, role or channel id.
        public var id: Snowflake
        /// What ``id`` refers to.
        public var type: ValueType

        /// What a default value refers to; an open set of strings.
        ///
        /// **Threading:** an immutable value; `Sendable`.
        public struct ValueType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
            /// The wire string.
            public let rawValue: String
            /// Wraps a wire string.
            public init(rawValue: String) { self.rawValue = rawValue }
            /// `user`.
            public static let user = Self(rawValue: "user")
            /// `role`.
            public static let role = Self(rawValue: "role")
            /// `channel`.
            public static let channel = Self(rawValue: "channel")
            /// The wire string.
            public var description: String { rawValue }
        }
    }

    /// A piece of media shown by a component (Discord docs: "Unfurled Media Item Structure"): a URL or an
    /// `attachment://` reference, which Discord resolves and describes.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct UnfurledMediaItem: Codable, Hashable, Sendable {
        /// The URL, or `attachment://<filename>`.
        public var url: String
        /// A proxied URL of the media (set by Discord).
        public var proxyURL: String?
        /// The height in pixels (set by Discord).
        public var height: Int?
        /// The width in pixels (set by Discord).
        public var width: Int?
        /// The media type (set by Discord).
        public var contentType: String?
        /// The attachment the media comes from (set by Discord for `attachment://` references).
        public var attachmentID: Snowflake?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case url, height, width
            /// `proxy_url`.
            case proxyURL = "proxy_url"
            /// `content_type`.
            case contentType = "content_type"
            /// `attachment_id`.
            case attachmentID = "attachment_id"
        }
    }

    /// One image or video of a media gallery (Discord docs: "Media Gallery Item Structure").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct MediaGalleryItem: Codable, Hashable, Sendable {
        /// The media.
        public var media: UnfurledMediaItem
        /// The alt text.
        public var description: String?
        /// Whether it is blurred as a spoiler.
        public var spoiler: Bool?
    }
}
