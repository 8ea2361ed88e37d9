/// Rich content shown under a message (Discord docs: "Embed Object"): link previews and bot-made cards.
///
/// Every field is optional; link previews fill only some of them.
///
/// **Threading:** an immutable value; `Sendable`.
public struct Embed: Codable, Hashable, Sendable {
    /// The title.
    public var title: String?
    /// The embed type (`rich` for bot embeds; link previews use others).
    public var type: EmbedType?
    /// The description.
    public var description: String?
    /// The URL the title links to.
    public var url: String?
    /// The timestamp shown in the footer.
    public var timestamp: DiscordTimestamp?
    /// The color of the left border.
    public var color: DiscordColor?
    /// The footer.
    public var footer: Footer?
    /// The large image.
    public var image: Image?
    /// The small image in the top right.
    public var thumbnail: Image?
    /// The video (link previews only).
    public var video: Video?
    /// The site that provided a link preview.
    public var provider: Provider?
    /// The author line.
    public var author: Author?
    /// The fields (up to 25).
    public var fields: [Field]?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case title, type, description, url, timestamp, color, footer, image, thumbnail, video, provider, author
        /// Wire names as documented.
        case fields
    }

    /// The type of an embed (Discord docs: "Embed Types"); an open set of strings.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct EmbedType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire string.
        public let rawValue: String
        /// Wraps a wire string.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// `rich`: made by a bot or webhook.
        public static let rich = Self(rawValue: "rich")
        /// `image`: an image link preview.
        public static let image = Self(rawValue: "image")
        /// `video`: a video link preview.
        public static let video = Self(rawValue: "video")
        /// `gifv`: an animated GIF shown as a video.
        public static let gifv = Self(rawValue: "gifv")
        /// `article`: an article link preview.
        public static let article = Self(rawValue: "article")
        /// `link`: a generic link preview.
        public static let link = Self(rawValue: "link")
        /// `poll_result`: the result message of a poll.
        public static let pollResult = Self(rawValue: "poll_result")
        /// The wire string.
        public var description: String { rawValue }
    }

    /// An embed's footer (Discord docs: "Embed Footer Structure").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Footer: Codable, Hashable, Sendable {
        /// The footer text.
        public var text: String
        /// The icon URL (http(s) or attachment).
        public var iconURL: String?
        /// A proxied URL of the icon.
        public var proxyIconURL: String?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case text
            /// `icon_url`.
            case iconURL = "icon_url"
            /// `proxy_icon_url`.
            case proxyIconURL = "proxy_icon_url"
        }
    }

    /// An embed's image or thumbnail (Discord docs: "Embed Image Structure", "Embed Thumbnail Structure").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Image: Codable, Hashable, Sendable {
        /// The source URL (http(s) or attachment).
        public var url: String
        /// A proxied URL of the image.
        public var proxyURL: String?
        /// The height in pixels.
        public var height: Int?
        /// The width in pixels.
        public var width: Int?
        /// The media type, such as `image/png`.
        public var contentType: String?
        /// A thumbhash placeholder.
        public var placeholder: String?
        /// The version of the placeholder's format.
        public var placeholderVersion: Int?
        /// Media flags (bit 5: animated).
        public var flags: Int?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case url, height, width, placeholder, flags
            /// `proxy_url`.
            case proxyURL = "proxy_url"
            /// `content_type`.
            case contentType = "content_type"
            /// `placeholder_version`.
            case placeholderVersion = "placeholder_version"
        }
    }

    /// An embed's video (Discord docs: "Embed Video Structure").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Video: Codable, Hashable, Sendable {
        /// The source URL.
        public var url: String?
        /// A proxied URL of the video.
        public var proxyURL: String?
        /// The height in pixels.
        public var height: Int?
        /// The width in pixels.
        public var width: Int?
        /// The media type, such as `video/mp4`.
        public var contentType: String?
        /// A thumbhash placeholder.
        public var placeholder: String?
        /// The version of the placeholder's format.
        public var placeholderVersion: Int?
        /// Media flags.
        public var flags: Int?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case url, height, width, placeholder, flags
            /// `proxy_url`.
            case proxyURL = "proxy_url"
            /// `content_type`.
            case contentType = "content_type"
            /// `placeholder_version`.
            case placeholderVersion = "placeholder_version"
        }
    }

    /// The site that provided a link preview (Discord docs: "Embed Provider Structure").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Provider: Codable, Hashable, Sendable {
        /// The site name.
        public var name: String?
        /// The site URL.
        public var url: String?
    }

    /// An embed's author line (Discord docs: "Embed Author Structure").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Author: Codable, Hashable, Sendable {
        /// The author's name.
        public var name: String
        /// The URL the name links to.
        public var url: String?
        /// The icon URL (http(s) or attachment).
        public var iconURL: String?
        /// A proxied URL of the icon.
        public var proxyIconURL: String?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case name, url
            /// `icon_url`.
            case iconURL = "icon_url"
            /// `proxy_icon_url`.
            case proxyIconURL = "proxy_icon_url"
        }
    }

    /// A name/value field of an embed (Discord docs: "Embed Field Structure").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Field: Codable, Hashable, Sendable {
        /// The field name.
        public var name: String
        /// The field value.
        public var value: String
        /// Whether it is shown side by side with other inline fields.
        public var inline: Bool?
    }
}
