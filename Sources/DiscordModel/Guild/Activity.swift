/// A user's activity: a game, stream, song or custom status (Discord docs: "Activity Object").
///
/// Received in presences; bots may set only ``name``, ``state``, ``type`` and ``url`` when updating their own.
///
/// **Threading:** an immutable value; `Sendable`.
public struct Activity: Codable, Hashable, Sendable {
    /// The activity's name (for custom statuses: `"Custom Status"`).
    public var name: String
    /// The kind of activity.
    public var type: ActivityType
    /// The stream URL (Streaming only).
    public var url: String?
    /// When the activity was added to the session, in Unix milliseconds.
    public var createdAt: Int?
    /// Start and end times of the activity.
    public var timestamps: Timestamps?
    /// The application the activity belongs to.
    public var applicationID: Snowflake?
    /// Which field the status text shows.
    public var statusDisplayType: StatusDisplayType?
    /// What the user is doing.
    public var details: String?
    /// The link opened by clicking ``details``.
    public var detailsURL: String?
    /// The party status, or the text of a custom status.
    public var state: String?
    /// The link opened by clicking ``state``.
    public var stateURL: String?
    /// The emoji of a custom status.
    public var emoji: Emoji?
    /// The user's party.
    public var party: Party?
    /// Images and hover texts of a rich presence.
    public var assets: Assets?
    /// Secrets for joining and spectating.
    public var secrets: Secrets?
    /// Whether the activity is an instanced game session.
    public var instance: Bool?
    /// Activity flags.
    public var flags: Flags?
    /// Custom buttons (up to 2); presences carry only their labels.
    public var buttons: [Button]?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case name, type, url, timestamps, details, state, emoji, party, assets, secrets, instance, flags, buttons
        /// `created_at`.
        case createdAt = "created_at"
        /// `application_id`.
        case applicationID = "application_id"
        /// `status_display_type`.
        case statusDisplayType = "status_display_type"
        /// `details_url`.
        case detailsURL = "details_url"
        /// `state_url`.
        case stateURL = "state_url"
    }

    /// Makes an activity with the fields a bot may set for itself.
    public init(name: String, type: ActivityType, state: String? = nil, url: String? = nil) {
        self.name = name
        self.type = type
        self.state = state
        self.url = url
    }

    /// Start and end of an activity, in Unix milliseconds (Discord docs: "Activity Timestamps").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Timestamps: Codable, Hashable, Sendable {
        /// When the activity started, in Unix milliseconds.
        public var start: Int?
        /// When the activity ends, in Unix milliseconds.
        public var end: Int?
    }

    /// The emoji of a custom status (Discord docs: "Activity Emoji").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Emoji: Codable, Hashable, Sendable {
        /// The emoji's name, or its Unicode character(s).
        public var name: String
        /// A custom emoji's id.
        public var id: Snowflake?
        /// Whether a custom emoji is animated.
        public var animated: Bool?
    }

    /// A party (Discord docs: "Activity Party").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Party: Codable, Hashable, Sendable {
        /// The party id.
        public var id: String?
        /// Current and maximum size, as `[current, max]`.
        public var size: [Int]?
    }

    /// Images and their hover texts (Discord docs: "Activity Assets"); image values are asset ids or
    /// `mp:`-prefixed media proxy paths.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Assets: Codable, Hashable, Sendable {
        /// The large image.
        public var largeImage: String?
        /// The large image's hover text.
        public var largeText: String?
        /// The link opened by clicking the large image.
        public var largeURL: String?
        /// The small image.
        public var smallImage: String?
        /// The small image's hover text.
        public var smallText: String?
        /// The link opened by clicking the small image.
        public var smallURL: String?
        /// The image shown on invites to the activity.
        public var inviteCoverImage: String?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// `large_image`.
            case largeImage = "large_image"
            /// `large_text`.
            case largeText = "large_text"
            /// `large_url`.
            case largeURL = "large_url"
            /// `small_image`.
            case smallImage = "small_image"
            /// `small_text`.
            case smallText = "small_text"
            /// `small_url`.
            case smallURL = "small_url"
            /// `invite_cover_image`.
            case inviteCoverImage = "invite_cover_image"
        }
    }

    /// Secrets for joining and spectating (Discord docs: "Activity Secrets").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Secrets: Codable, Hashable, Sendable {
        /// The secret for joining a party.
        public var join: String?
        /// The secret for spectating a game.
        public var spectate: String?
        /// The secret for a specific instanced match.
        public var match: String?
    }

    /// A custom button (Discord docs: "Activity Buttons").
    ///
    /// Presences send a button as its label alone (a JSON string); the documented object form `{label, url}` is
    /// accepted too. That is why this type has its own `Codable` code: it reads either form and writes the
    /// string form when there is no ``url``.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Button: Codable, Hashable, Sendable {
        /// The button text (1–32 characters).
        public var label: String
        /// The URL it opens; not sent to other users.
        public var url: String?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case label, url
        }

        /// Makes a button.
        public init(label: String, url: String? = nil) {
            self.label = label
            self.url = url
        }

        /// Decodes a label string or a `{label, url}` object.
        public init(from decoder: any Decoder) throws {
            if let label = try? decoder.singleValueContainer().decode(String.self) {
                self.label = label
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            label = try container.decode(String.self, forKey: .label)
            url = try container.decodeIfPresent(String.self, forKey: .url)
        }

        /// Encodes the label string, or a `{label, url}` object when there is a URL.
        public func encode(to encoder: any Encoder) throws {
            guard let url else {
                var container = encoder.singleValueContainer()
                try container.encode(label)
                return
            }
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(label, forKey: .label)
            try container.encode(url, forKey: .url)
        }
    }

    /// Which field a status shows (Discord docs: "Status Display Types"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct StatusDisplayType: RawRepresentable, Hashable, Sendable, Codable {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `0` "Listening to Spotify": the ``Activity/name``.
        public static let name = Self(rawValue: 0)
        /// `1` "Listening to Rick Astley": the ``Activity/state``.
        public static let state = Self(rawValue: 1)
        /// `2` "Listening to Never Gonna Give You Up": the ``Activity/details``.
        public static let details = Self(rawValue: 2)
    }

    /// Activity flags (Discord docs: "Activity Flags"); unknown bits are kept.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Flags: OptionSet, Hashable, Sendable, Codable {
        /// The bits.
        public let rawValue: Int
        /// Wraps bits.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// An instanced game session.
        public static let instance = Self(rawValue: 1 << 0)
        /// Others can join.
        public static let join = Self(rawValue: 1 << 1)
        /// Others can spectate.
        public static let spectate = Self(rawValue: 1 << 2)
        /// Others can ask to join.
        public static let joinRequest = Self(rawValue: 1 << 3)
        /// A synced activity (e.g. Spotify).
        public static let sync = Self(rawValue: 1 << 4)
        /// Playable.
        public static let play = Self(rawValue: 1 << 5)
        /// The party is visible to friends only.
        public static let partyPrivacyFriends = Self(rawValue: 1 << 6)
        /// The party is visible to the voice channel only.
        public static let partyPrivacyVoiceChannel = Self(rawValue: 1 << 7)
        /// An embedded activity.
        public static let embedded = Self(rawValue: 1 << 8)
    }
}
