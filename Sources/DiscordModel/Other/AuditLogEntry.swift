/// One administrative action in a guild's audit log (Discord docs: "Audit Log Entry Object").
///
/// The payload of `GUILD_AUDIT_LOG_ENTRY_CREATE`, which adds ``guildID``.
///
/// **Threading:** an immutable value; `Sendable`.
public struct AuditLogEntry: Codable, Hashable, Sendable, Identifiable {
    /// The entry id.
    public var id: Snowflake
    /// The guild (`GUILD_AUDIT_LOG_ENTRY_CREATE` only).
    public var guildID: Snowflake?
    /// The affected entity (a webhook, user, role, …); a string because it is not always a snowflake.
    public var targetID: String?
    /// What changed on the target.
    public var changes: [AuditLogChange]?
    /// The user or app that made the change.
    public var userID: Snowflake?
    /// The kind of action.
    public var actionType: AuditLogEvent
    /// Extra information for some action types.
    public var options: Options?
    /// The reason given for the change (1–512 characters).
    public var reason: String?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, changes, options, reason
        /// `guild_id`.
        case guildID = "guild_id"
        /// `target_id`.
        case targetID = "target_id"
        /// `user_id`.
        case userID = "user_id"
        /// `action_type`.
        case actionType = "action_type"
    }

    /// Extra information for some action types (Discord docs: "Optional Audit Entry Info").
    ///
    /// Discord sends the counts and ``type`` as strings; they are kept as sent.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Options: Codable, Hashable, Sendable {
        /// The application whose permissions were targeted (application command permission update).
        public var applicationID: Snowflake?
        /// The name of the auto moderation rule that triggered.
        public var autoModerationRuleName: String?
        /// The trigger type of the auto moderation rule that triggered, as a string.
        public var autoModerationRuleTriggerType: String?
        /// The channel where entities were targeted.
        public var channelID: Snowflake?
        /// The number of entities targeted, as a string.
        public var count: String?
        /// The inactivity days after which members were pruned, as a string.
        public var deleteMemberDays: String?
        /// The overwritten entity's id.
        public var id: Snowflake?
        /// The number of members removed by a prune, as a string.
        public var membersRemoved: String?
        /// The message that was pinned or unpinned.
        public var messageID: Snowflake?
        /// The overwritten role's name (only when ``type`` is `"0"`).
        public var roleName: String?
        /// The overwritten entity's type: `"0"` role, `"1"` member.
        public var type: String?
        /// The type of integration that performed the action.
        public var integrationType: String?
        /// The new voice channel status.
        public var status: String?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case count, id, type, status
            /// `application_id`.
            case applicationID = "application_id"
            /// `auto_moderation_rule_name`.
            case autoModerationRuleName = "auto_moderation_rule_name"
            /// `auto_moderation_rule_trigger_type`.
            case autoModerationRuleTriggerType = "auto_moderation_rule_trigger_type"
            /// `channel_id`.
            case channelID = "channel_id"
            /// `delete_member_days`.
            case deleteMemberDays = "delete_member_days"
            /// `members_removed`.
            case membersRemoved = "members_removed"
            /// `message_id`.
            case messageID = "message_id"
            /// `role_name`.
            case roleName = "role_name"
            /// `integration_type`.
            case integrationType = "integration_type"
        }
    }
}

/// One changed property in an audit log entry (Discord docs: "Audit Log Change Object").
///
/// The values' types depend on ``key``, so they are kept as ``JSONValue``; `null` and absent both read as `nil`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct AuditLogChange: Codable, Hashable, Sendable {
    /// The changed property's name (mostly the object's field name; `$add`/`$remove` for role lists).
    public var key: String
    /// The value after the change.
    public var newValue: JSONValue?
    /// The value before the change.
    public var oldValue: JSONValue?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case key
        /// `new_value`.
        case newValue = "new_value"
        /// `old_value`.
        case oldValue = "old_value"
    }
}

/// The kind of action an audit log entry records (Discord docs: "Audit Log Events"); an open set.
///
/// **Threading:** an immutable value; `Sendable`.
public struct AuditLogEvent: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The wire number.
    public let rawValue: Int
    /// Wraps a wire number.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// `1` the guild's settings were updated.
    public static let guildUpdate = Self(rawValue: 1)
    /// `10` a channel was created.
    public static let channelCreate = Self(rawValue: 10)
    /// `11` a channel's settings were updated.
    public static let channelUpdate = Self(rawValue: 11)
    /// `12` a channel was deleted.
    public static let channelDelete = Self(rawValue: 12)
    /// `13` a permission overwrite was added to a channel.
    public static let channelOverwriteCreate = Self(rawValue: 13)
    /// `14` a channel's permission overwrite was updated.
    public static let channelOverwriteUpdate = Self(rawValue: 14)
    /// `15` a channel's permission overwrite was deleted.
    public static let channelOverwriteDelete = Self(rawValue: 15)
    /// `20` a member was kicked.
    public static let memberKick = Self(rawValue: 20)
    /// `21` members were pruned.
    public static let memberPrune = Self(rawValue: 21)
    /// `22` a member was banned.
    public static let memberBanAdd = Self(rawValue: 22)
    /// `23` a ban was lifted.
    public static let memberBanRemove = Self(rawValue: 23)
    /// `24` a member was updated.
    public static let memberUpdate = Self(rawValue: 24)
    /// `25` a member was added to or removed from roles.
    public static let memberRoleUpdate = Self(rawValue: 25)
    /// `26` a member was moved to another voice channel.
    public static let memberMove = Self(rawValue: 26)
    /// `27` a member was disconnected from a voice channel.
    public static let memberDisconnect = Self(rawValue: 27)
    /// `28` a bot was added to the guild.
    public static let botAdd = Self(rawValue: 28)
    /// `30` a role was created.
    public static let roleCreate = Self(rawValue: 30)
    /// `31` a role was edited.
    public static let roleUpdate = Self(rawValue: 31)
    /// `32` a role was deleted.
    public static let roleDelete = Self(rawValue: 32)
    /// `40` an invite was created.
    public static let inviteCreate = Self(rawValue: 40)
    /// `41` an invite was updated.
    public static let inviteUpdate = Self(rawValue: 41)
    /// `42` an invite was deleted.
    public static let inviteDelete = Self(rawValue: 42)
    /// `50` a webhook was created.
    public static let webhookCreate = Self(rawValue: 50)
    /// `51` a webhook was updated.
    public static let webhookUpdate = Self(rawValue: 51)
    /// `52` a webhook was deleted.
    public static let webhookDelete = Self(rawValue: 52)
    /// `60` an emoji was created.
    public static let emojiCreate = Self(rawValue: 60)
    /// `61` an emoji's name was updated.
    public static let emojiUpdate = Self(rawValue: 61)
    /// `62` an emoji was deleted.
    public static let emojiDelete = Self(rawValue: 62)
    /// `72` a message was deleted.
    public static let messageDelete = Self(rawValue: 72)
    /// `73` several messages were deleted.
    public static let messageBulkDelete = Self(rawValue: 73)
    /// `74` a message was pinned.
    public static let messagePin = Self(rawValue: 74)
    /// `75` a message was unpinned.
    public static let messageUnpin = Self(rawValue: 75)
    /// `80` an integration was added.
    public static let integrationCreate = Self(rawValue: 80)
    /// `81` an integration was updated.
    public static let integrationUpdate = Self(rawValue: 81)
    /// `82` an integration was removed.
    public static let integrationDelete = Self(rawValue: 82)
    /// `83` a stage instance was created (the stage went live).
    public static let stageInstanceCreate = Self(rawValue: 83)
    /// `84` a stage instance was updated.
    public static let stageInstanceUpdate = Self(rawValue: 84)
    /// `85` a stage instance was deleted (the stage ended).
    public static let stageInstanceDelete = Self(rawValue: 85)
    /// `90` a sticker was created.
    public static let stickerCreate = Self(rawValue: 90)
    /// `91` a sticker was updated.
    public static let stickerUpdate = Self(rawValue: 91)
    /// `92` a sticker was deleted.
    public static let stickerDelete = Self(rawValue: 92)
    /// `100` a scheduled event was created.
    public static let guildScheduledEventCreate = Self(rawValue: 100)
    /// `101` a scheduled event was updated.
    public static let guildScheduledEventUpdate = Self(rawValue: 101)
    /// `102` a scheduled event was cancelled.
    public static let guildScheduledEventDelete = Self(rawValue: 102)
    /// `110` a thread was created.
    public static let threadCreate = Self(rawValue: 110)
    /// `111` a thread was updated.
    public static let threadUpdate = Self(rawValue: 111)
    /// `112` a thread was deleted.
    public static let threadDelete = Self(rawValue: 112)
    /// `121` an application command's permissions were updated.
    public static let applicationCommandPermissionUpdate = Self(rawValue: 121)
    /// `130` a soundboard sound was created.
    public static let soundboardSoundCreate = Self(rawValue: 130)
    /// `131` a soundboard sound was updated.
    public static let soundboardSoundUpdate = Self(rawValue: 131)
    /// `132` a soundboard sound was deleted.
    public static let soundboardSoundDelete = Self(rawValue: 132)
    /// `140` an auto moderation rule was created.
    public static let autoModerationRuleCreate = Self(rawValue: 140)
    /// `141` an auto moderation rule was updated.
    public static let autoModerationRuleUpdate = Self(rawValue: 141)
    /// `142` an auto moderation rule was deleted.
    public static let autoModerationRuleDelete = Self(rawValue: 142)
    /// `143` auto moderation blocked a message.
    public static let autoModerationBlockMessage = Self(rawValue: 143)
    /// `144` auto moderation flagged a message to a channel.
    public static let autoModerationFlagToChannel = Self(rawValue: 144)
    /// `145` auto moderation timed a member out.
    public static let autoModerationUserCommunicationDisabled = Self(rawValue: 145)
    /// `146` auto moderation quarantined a member.
    public static let autoModerationQuarantineUser = Self(rawValue: 146)
    /// `150` a creator monetization request was created.
    public static let creatorMonetizationRequestCreated = Self(rawValue: 150)
    /// `151` the creator monetization terms were accepted.
    public static let creatorMonetizationTermsAccepted = Self(rawValue: 151)
    /// `163` an onboarding question was created.
    public static let onboardingPromptCreate = Self(rawValue: 163)
    /// `164` an onboarding question was updated.
    public static let onboardingPromptUpdate = Self(rawValue: 164)
    /// `165` an onboarding question was deleted.
    public static let onboardingPromptDelete = Self(rawValue: 165)
    /// `166` onboarding was created.
    public static let onboardingCreate = Self(rawValue: 166)
    /// `167` onboarding was updated.
    public static let onboardingUpdate = Self(rawValue: 167)
    /// `190` the server guide was created.
    public static let homeSettingsCreate = Self(rawValue: 190)
    /// `191` the server guide was updated.
    public static let homeSettingsUpdate = Self(rawValue: 191)
    /// `192` a voice channel's status was set.
    public static let voiceChannelStatusUpdate = Self(rawValue: 192)
    /// `193` a voice channel's status was cleared.
    public static let voiceChannelStatusDelete = Self(rawValue: 193)

    /// The wire number.
    public var description: String { String(rawValue) }
}
