/// A guild's auto moderation rule (Discord docs: "Auto Moderation Rule Object").
///
/// The payload of `AUTO_MODERATION_RULE_CREATE`, `AUTO_MODERATION_RULE_UPDATE` and `AUTO_MODERATION_RULE_DELETE`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct AutoModerationRule: Codable, Hashable, Sendable, Identifiable {
    /// The rule id.
    public var id: Snowflake
    /// The guild the rule belongs to.
    public var guildID: Snowflake
    /// The rule name.
    public var name: String
    /// The user who first created the rule.
    public var creatorID: Snowflake
    /// When the rule is checked.
    public var eventType: EventType
    /// What kind of content triggers the rule.
    public var triggerType: TriggerType
    /// Extra data that tunes the trigger.
    public var triggerMetadata: TriggerMetadata
    /// What happens when the rule triggers.
    public var actions: [AutoModerationAction]
    /// Whether the rule is on.
    public var enabled: Bool
    /// Roles the rule does not apply to (at most 20).
    public var exemptRoles: [Snowflake]
    /// Channels the rule does not apply to (at most 50).
    public var exemptChannels: [Snowflake]

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, name, actions, enabled
        /// `guild_id`.
        case guildID = "guild_id"
        /// `creator_id`.
        case creatorID = "creator_id"
        /// `event_type`.
        case eventType = "event_type"
        /// `trigger_type`.
        case triggerType = "trigger_type"
        /// `trigger_metadata`.
        case triggerMetadata = "trigger_metadata"
        /// `exempt_roles`.
        case exemptRoles = "exempt_roles"
        /// `exempt_channels`.
        case exemptChannels = "exempt_channels"
    }

    /// When a rule is checked (Discord docs: "Event Types"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct EventType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `1` when a member sends or edits a message.
        public static let messageSend = Self(rawValue: 1)
        /// `2` when a member edits their profile.
        public static let memberUpdate = Self(rawValue: 2)

        /// The wire number.
        public var description: String { String(rawValue) }
    }

    /// What kind of content triggers a rule (Discord docs: "Trigger Types"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct TriggerType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `1` content matches a user-defined keyword list.
        public static let keyword = Self(rawValue: 1)
        /// `3` content looks like generic spam.
        public static let spam = Self(rawValue: 3)
        /// `4` content matches Discord's predefined word lists.
        public static let keywordPreset = Self(rawValue: 4)
        /// `5` content mentions too many unique users and roles.
        public static let mentionSpam = Self(rawValue: 5)
        /// `6` a member profile matches a user-defined keyword list.
        public static let memberProfile = Self(rawValue: 6)

        /// The wire number.
        public var description: String { String(rawValue) }
    }

    /// Extra data that tunes a trigger (Discord docs: "Trigger Metadata"); which fields are set depends on the
    /// trigger type.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct TriggerMetadata: Codable, Hashable, Sendable {
        /// Substrings to match (keyword, member profile).
        public var keywordFilter: [String]?
        /// Rust-flavoured regular expressions to match (keyword, member profile).
        public var regexPatterns: [String]?
        /// Discord's predefined word lists to match (keyword preset).
        public var presets: [KeywordPresetType]?
        /// Substrings that never trigger the rule (keyword, keyword preset, member profile).
        public var allowList: [String]?
        /// Unique role and user mentions allowed per message (mention spam).
        public var mentionTotalLimit: Int?
        /// Whether mention raids are detected automatically (mention spam).
        public var mentionRaidProtectionEnabled: Bool?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case presets
            /// `keyword_filter`.
            case keywordFilter = "keyword_filter"
            /// `regex_patterns`.
            case regexPatterns = "regex_patterns"
            /// `allow_list`.
            case allowList = "allow_list"
            /// `mention_total_limit`.
            case mentionTotalLimit = "mention_total_limit"
            /// `mention_raid_protection_enabled`.
            case mentionRaidProtectionEnabled = "mention_raid_protection_enabled"
        }
    }

    /// One of Discord's predefined word lists (Discord docs: "Keyword Preset Types"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct KeywordPresetType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `1` swearing or cursing.
        public static let profanity = Self(rawValue: 1)
        /// `2` sexually explicit words.
        public static let sexualContent = Self(rawValue: 2)
        /// `3` personal insults or hate speech.
        public static let slurs = Self(rawValue: 3)

        /// The wire number.
        public var description: String { String(rawValue) }
    }
}

/// What happens when an auto moderation rule triggers (Discord docs: "Auto Moderation Action Object").
///
/// **Threading:** an immutable value; `Sendable`.
public struct AutoModerationAction: Codable, Hashable, Sendable {
    /// The kind of action.
    public var type: ActionType
    /// Extra data for the action; which fields are set depends on ``type``.
    public var metadata: Metadata?

    /// The kind of auto moderation action (Discord docs: "Action Types"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct ActionType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `1` blocks the message or the member's profile change.
        public static let blockMessage = Self(rawValue: 1)
        /// `2` posts an alert about the content to a channel.
        public static let sendAlertMessage = Self(rawValue: 2)
        /// `3` times the member out.
        public static let timeout = Self(rawValue: 3)
        /// `4` stops the member from interacting in the guild (member profile rules).
        public static let blockMemberInteraction = Self(rawValue: 4)

        /// The wire number.
        public var description: String { String(rawValue) }
    }

    /// Extra data for an action (Discord docs: "Action Metadata").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Metadata: Codable, Hashable, Sendable {
        /// Where alerts are posted (send alert message).
        public var channelID: Snowflake?
        /// How long the timeout lasts, at most 2419200 seconds (4 weeks) (timeout).
        public var durationSeconds: Int?
        /// The text shown to the member when their message is blocked (block message).
        public var customMessage: String?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// `channel_id`.
            case channelID = "channel_id"
            /// `duration_seconds`.
            case durationSeconds = "duration_seconds"
            /// `custom_message`.
            case customMessage = "custom_message"
        }
    }
}

/// An auto moderation rule triggered and its action ran (Discord docs: "Auto Moderation Action Execution Event
/// Fields"); the payload of `AUTO_MODERATION_ACTION_EXECUTION`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct AutoModerationActionExecution: Codable, Hashable, Sendable {
    /// The guild where the action ran.
    public var guildID: Snowflake
    /// The action that ran.
    public var action: AutoModerationAction
    /// The rule that triggered.
    public var ruleID: Snowflake
    /// The trigger type of that rule.
    public var ruleTriggerType: AutoModerationRule.TriggerType
    /// The member whose content triggered the rule.
    public var userID: Snowflake
    /// The channel of the content.
    public var channelID: Snowflake?
    /// The message that triggered the rule; absent when it was blocked.
    public var messageID: Snowflake?
    /// The alert message posted for a send-alert action.
    public var alertSystemMessageID: Snowflake?
    /// The content that triggered the rule; empty without the `MESSAGE_CONTENT` intent.
    public var content: String?
    /// The keyword or pattern that matched.
    public var matchedKeyword: String?
    /// The part of the content that matched; empty without the `MESSAGE_CONTENT` intent.
    public var matchedContent: String?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case action, content
        /// `guild_id`.
        case guildID = "guild_id"
        /// `rule_id`.
        case ruleID = "rule_id"
        /// `rule_trigger_type`.
        case ruleTriggerType = "rule_trigger_type"
        /// `user_id`.
        case userID = "user_id"
        /// `channel_id`.
        case channelID = "channel_id"
        /// `message_id`.
        case messageID = "message_id"
        /// `alert_system_message_id`.
        case alertSystemMessageID = "alert_system_message_id"
        /// `matched_keyword`.
        case matchedKeyword = "matched_keyword"
        /// `matched_content`.
        case matchedContent = "matched_content"
    }
}
