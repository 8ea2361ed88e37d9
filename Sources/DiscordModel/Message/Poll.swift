/// A poll attached to a message (Discord docs: "Poll Object").
///
/// **Threading:** an immutable value; `Sendable`.
public struct Poll: Codable, Hashable, Sendable {
    /// The question (text only).
    public var question: Media
    /// The answers (up to 10).
    public var answers: [Answer]
    /// When the poll ends; `nil` for polls that never expire.
    public var expiry: DiscordTimestamp?
    /// Whether voters may pick more than one answer.
    public var allowMultiselect: Bool
    /// The layout.
    public var layoutType: LayoutType
    /// The vote counts; may be absent (not fetched yet), and is not exact until ``Results/isFinalized``.
    public var results: Results?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case question, answers, expiry, results
        /// `allow_multiselect`.
        case allowMultiselect = "allow_multiselect"
        /// `layout_type`.
        case layoutType = "layout_type"
    }

    /// The text and emoji of a question or answer (Discord docs: "Poll Media Object").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Media: Codable, Hashable, Sendable {
        /// The text (up to 300 characters for the question, 55 for answers).
        public var text: String?
        /// An answer's emoji (partial).
        public var emoji: Emoji?
    }

    /// One answer of a poll (Discord docs: "Poll Answer Object").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Answer: Codable, Hashable, Sendable {
        /// The answer's number, starting at 1 (sent only in responses).
        public var answerID: Int?
        /// The answer's text and emoji.
        public var pollMedia: Media

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// `answer_id`.
            case answerID = "answer_id"
            /// `poll_media`.
            case pollMedia = "poll_media"
        }
    }

    /// The vote counts of a poll (Discord docs: "Poll Results Object").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Results: Codable, Hashable, Sendable {
        /// Whether the counts are final (the poll has ended and been tallied).
        public var isFinalized: Bool
        /// The count per answer; answers without votes may be left out.
        public var answerCounts: [AnswerCount]

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// `is_finalized`.
            case isFinalized = "is_finalized"
            /// `answer_counts`.
            case answerCounts = "answer_counts"
        }
    }

    /// The votes for one answer (Discord docs: "Poll Answer Count Object").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct AnswerCount: Codable, Hashable, Sendable, Identifiable {
        /// The ``Answer/answerID``.
        public var id: Int
        /// The number of votes.
        public var count: Int
        /// Whether the current user voted for it.
        public var meVoted: Bool

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case id, count
            /// `me_voted`.
            case meVoted = "me_voted"
        }
    }

    /// How a poll is laid out (Discord docs: "Layout Type"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct LayoutType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `1` the default layout.
        public static let `default` = Self(rawValue: 1)
        /// The wire number.
        public var description: String { String(rawValue) }
    }
}
