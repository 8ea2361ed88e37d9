/// A message type (Discord docs: "Message Types"); an open set, so new types decode.
///
/// **Threading:** an immutable value; `Sendable`.
public struct MessageType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The wire number.
    public let rawValue: Int
    /// Wraps a wire number.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// `0` a normal message.
    public static let `default` = Self(rawValue: 0)
    /// `1` a user was added to a group DM.
    public static let recipientAdd = Self(rawValue: 1)
    /// `2` a user was removed from a group DM.
    public static let recipientRemove = Self(rawValue: 2)
    /// `3` a call.
    public static let call = Self(rawValue: 3)
    /// `4` the channel name changed.
    public static let channelNameChange = Self(rawValue: 4)
    /// `5` the channel icon changed.
    public static let channelIconChange = Self(rawValue: 5)
    /// `6` a message was pinned.
    public static let channelPinnedMessage = Self(rawValue: 6)
    /// `7` a member joined.
    public static let userJoin = Self(rawValue: 7)
    /// `8` a member boosted the guild.
    public static let guildBoost = Self(rawValue: 8)
    /// `9` a boost reached tier 1.
    public static let guildBoostTier1 = Self(rawValue: 9)
    /// `10` a boost reached tier 2.
    public static let guildBoostTier2 = Self(rawValue: 10)
    /// `11` a boost reached tier 3.
    public static let guildBoostTier3 = Self(rawValue: 11)
    /// `12` an announcement channel was followed.
    public static let channelFollowAdd = Self(rawValue: 12)
    /// `14` the guild was disqualified from Discovery.
    public static let guildDiscoveryDisqualified = Self(rawValue: 14)
    /// `15` the guild is in Discovery again.
    public static let guildDiscoveryRequalified = Self(rawValue: 15)
    /// `16` first Discovery grace period warning.
    public static let guildDiscoveryGracePeriodInitialWarning = Self(rawValue: 16)
    /// `17` final Discovery grace period warning.
    public static let guildDiscoveryGracePeriodFinalWarning = Self(rawValue: 17)
    /// `18` a thread was created.
    public static let threadCreated = Self(rawValue: 18)
    /// `19` a reply.
    public static let reply = Self(rawValue: 19)
    /// `20` the response to a slash command.
    public static let chatInputCommand = Self(rawValue: 20)
    /// `21` the first message of a thread started from a message.
    public static let threadStarterMessage = Self(rawValue: 21)
    /// `22` a reminder to invite people.
    public static let guildInviteReminder = Self(rawValue: 22)
    /// `23` the response to a context menu command.
    public static let contextMenuCommand = Self(rawValue: 23)
    /// `24` an auto moderation alert.
    public static let autoModerationAction = Self(rawValue: 24)
    /// `25` a role subscription purchase.
    public static let roleSubscriptionPurchase = Self(rawValue: 25)
    /// `26` a premium upsell of an interaction.
    public static let interactionPremiumUpsell = Self(rawValue: 26)
    /// `27` a stage started.
    public static let stageStart = Self(rawValue: 27)
    /// `28` a stage ended.
    public static let stageEnd = Self(rawValue: 28)
    /// `29` a stage speaker.
    public static let stageSpeaker = Self(rawValue: 29)
    /// `31` a stage topic.
    public static let stageTopic = Self(rawValue: 31)
    /// `32` an application premium subscription.
    public static let guildApplicationPremiumSubscription = Self(rawValue: 32)
    /// `36` incident alert mode was enabled.
    public static let guildIncidentAlertModeEnabled = Self(rawValue: 36)
    /// `37` incident alert mode was disabled.
    public static let guildIncidentAlertModeDisabled = Self(rawValue: 37)
    /// `38` a raid was reported.
    public static let guildIncidentReportRaid = Self(rawValue: 38)
    /// `39` a raid report was a false alarm.
    public static let guildIncidentReportFalseAlarm = Self(rawValue: 39)
    /// `44` a purchase notification.
    public static let purchaseNotification = Self(rawValue: 44)
    /// `46` a poll's result.
    public static let pollResult = Self(rawValue: 46)

    /// The wire number.
    public var description: String { String(rawValue) }
}

/// Message flags (Discord docs: "Message Flags"); unknown bits are kept.
///
/// **Threading:** an immutable value; `Sendable`.
public struct MessageFlags: OptionSet, Hashable, Sendable, Codable {
    /// The bits.
    public let rawValue: Int
    /// Wraps bits.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// The message was published to following channels.
    public static let crossposted = Self(rawValue: 1 << 0)
    /// The message came from a followed channel.
    public static let isCrosspost = Self(rawValue: 1 << 1)
    /// Embeds are not shown.
    public static let suppressEmbeds = Self(rawValue: 1 << 2)
    /// The source of this crosspost was deleted.
    public static let sourceMessageDeleted = Self(rawValue: 1 << 3)
    /// The message came from the urgent message system.
    public static let urgent = Self(rawValue: 1 << 4)
    /// A thread was started from the message.
    public static let hasThread = Self(rawValue: 1 << 5)
    /// Only the user who invoked the interaction sees it.
    public static let ephemeral = Self(rawValue: 1 << 6)
    /// An interaction response saying "thinking".
    public static let loading = Self(rawValue: 1 << 7)
    /// Some roles were not mentioned and added to the thread.
    public static let failedToMentionSomeRolesInThread = Self(rawValue: 1 << 8)
    /// No push or desktop notifications are sent.
    public static let suppressNotifications = Self(rawValue: 1 << 12)
    /// A voice message.
    public static let isVoiceMessage = Self(rawValue: 1 << 13)
    /// The message has a snapshot (a forward).
    public static let hasSnapshot = Self(rawValue: 1 << 14)
    /// The message uses the layout components (`components` replaces `content`, `embeds`, `poll`, `stickers`).
    public static let isComponentsV2 = Self(rawValue: 1 << 15)
}
