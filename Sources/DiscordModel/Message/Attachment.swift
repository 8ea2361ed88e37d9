/// A file attached to a message (Discord docs: "Attachment Object"); also the values of
/// ``ResolvedData/attachments``.
///
/// **Threading:** an immutable value; `Sendable`.
public struct Attachment: Codable, Hashable, Sendable, Identifiable {
    /// The attachment id.
    public var id: Snowflake
    /// The file name.
    public var filename: String
    /// The title of the file.
    public var title: String?
    /// The alt text (up to 1024 characters).
    public var description: String?
    /// The media type, such as `image/png`.
    public var contentType: String?
    /// The size in bytes.
    public var size: Int
    /// The source URL.
    public var url: String
    /// A proxied URL of the file.
    public var proxyURL: String
    /// The image or video height; `nil` for other files.
    public var height: Int?
    /// The image or video width; `nil` for other files.
    public var width: Int?
    /// A thumbhash placeholder of an image.
    public var placeholder: String?
    /// The version of the placeholder's format.
    public var placeholderVersion: Int?
    /// Whether the attachment is ephemeral (removed after a while).
    public var ephemeral: Bool?
    /// The length of a voice message, in seconds.
    public var durationSeconds: Double?
    /// A voice message's waveform: base64 of up to 256 one-byte samples.
    public var waveform: String?
    /// Attachment flags.
    public var flags: Flags?
    /// The users in a clip, for clips.
    public var clipParticipants: [User]?
    /// When a clip was created.
    public var clipCreatedAt: DiscordTimestamp?
    /// The application a clip was recorded in.
    public var application: Application?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, filename, title, description, size, url, height, width, placeholder, ephemeral, waveform, flags
        /// Wire names as documented.
        case application
        /// `content_type`.
        case contentType = "content_type"
        /// `proxy_url`.
        case proxyURL = "proxy_url"
        /// `placeholder_version`.
        case placeholderVersion = "placeholder_version"
        /// `duration_secs`.
        case durationSeconds = "duration_secs"
        /// `clip_participants`.
        case clipParticipants = "clip_participants"
        /// `clip_created_at`.
        case clipCreatedAt = "clip_created_at"
    }

    /// Attachment flags (Discord docs: "Attachment Flags"); unknown bits are kept.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Flags: OptionSet, Hashable, Sendable, Codable {
        /// The bits.
        public let rawValue: Int
        /// Wraps bits.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// The attachment is a clip from a stream.
        public static let isClip = Self(rawValue: 1 << 0)
        /// The attachment is the thumbnail of a thread in a media channel.
        public static let isThumbnail = Self(rawValue: 1 << 1)
        /// The image was edited with image remix.
        public static let isRemix = Self(rawValue: 1 << 2)
        /// The attachment is marked as a spoiler.
        public static let isSpoiler = Self(rawValue: 1 << 3)
        /// The image is animated.
        public static let isAnimated = Self(rawValue: 1 << 5)
    }
}
