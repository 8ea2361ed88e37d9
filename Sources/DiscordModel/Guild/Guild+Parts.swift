extension Guild {
    /// What members must have before they can send messages (Discord docs: "Verification Level"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct VerificationLevel: RawRepresentable, Hashable, Sendable, Codable {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `0` unrestricted.
        public static let none = Self(rawValue: 0)
        /// `1` a verified email.
        public static let low = Self(rawValue: 1)
        /// `2` registered for over 5 minutes.
        public static let medium = Self(rawValue: 2)
        /// `3` a member for over 10 minutes.
        public static let high = Self(rawValue: 3)
        /// `4` a verified phone number.
        public static let veryHigh = Self(rawValue: 4)
    }

    /// The default notification setting (Discord docs: "Default Message Notification Level"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct DefaultMessageNotificationLevel: RawRepresentable, Hashable, Sendable, Codable {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `0` notify of every message.
        public static let allMessages = Self(rawValue: 0)
        /// `1` notify only of mentions.
        public static let onlyMentions = Self(rawValue: 1)
    }

    /// Whose messages are scanned for explicit media (Discord docs: "Explicit Content Filter Level"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct ExplicitContentFilterLevel: RawRepresentable, Hashable, Sendable, Codable {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `0` nobody's.
        public static let disabled = Self(rawValue: 0)
        /// `1` members without roles.
        public static let membersWithoutRoles = Self(rawValue: 1)
        /// `2` everyone's.
        public static let allMembers = Self(rawValue: 2)
    }

    /// Whether moderation needs two-factor authentication (Discord docs: "MFA Level"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct MFALevel: RawRepresentable, Hashable, Sendable, Codable {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `0` not required.
        public static let none = Self(rawValue: 0)
        /// `1` required for moderation actions.
        public static let elevated = Self(rawValue: 1)
    }

    /// The guild's age-restriction level (Discord docs: "Guild NSFW Level"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct NSFWLevel: RawRepresentable, Hashable, Sendable, Codable {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `0` not set.
        public static let `default` = Self(rawValue: 0)
        /// `1` explicit.
        public static let explicit = Self(rawValue: 1)
        /// `2` safe.
        public static let safe = Self(rawValue: 2)
        /// `3` age-restricted.
        public static let ageRestricted = Self(rawValue: 3)
    }

    /// The boost level (Discord docs: "Premium Tier"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct PremiumTier: RawRepresentable, Hashable, Sendable, Codable {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `0` no boost perks.
        public static let none = Self(rawValue: 0)
        /// `1` level 1 perks.
        public static let tier1 = Self(rawValue: 1)
        /// `2` level 2 perks.
        public static let tier2 = Self(rawValue: 2)
        /// `3` level 3 perks.
        public static let tier3 = Self(rawValue: 3)
    }

    /// A guild feature (Discord docs: "Guild Features"); an open set of strings, since Discord adds new ones
    /// (many undocumented) all the time.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Feature: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire string.
        public let rawValue: String
        /// Wraps a feature string.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// An animated banner.
        public static let animatedBanner = Self(rawValue: "ANIMATED_BANNER")
        /// An animated icon.
        public static let animatedIcon = Self(rawValue: "ANIMATED_ICON")
        /// The new command permissions behaviour.
        public static let applicationCommandPermissionsV2 = Self(rawValue: "APPLICATION_COMMAND_PERMISSIONS_V2")
        /// Auto moderation is set up.
        public static let autoModeration = Self(rawValue: "AUTO_MODERATION")
        /// A banner.
        public static let banner = Self(rawValue: "BANNER")
        /// A community guild.
        public static let community = Self(rawValue: "COMMUNITY")
        /// Monetization is on.
        public static let creatorMonetizableProvisional = Self(rawValue: "CREATOR_MONETIZABLE_PROVISIONAL")
        /// The role subscription promo page is on.
        public static let creatorStorePage = Self(rawValue: "CREATOR_STORE_PAGE")
        /// The guild is an app's support server.
        public static let developerSupportServer = Self(rawValue: "DEVELOPER_SUPPORT_SERVER")
        /// Listed in Discovery.
        public static let discoverable = Self(rawValue: "DISCOVERABLE")
        /// Can be featured in Discovery.
        public static let featurable = Self(rawValue: "FEATURABLE")
        /// Invites are paused.
        public static let invitesDisabled = Self(rawValue: "INVITES_DISABLED")
        /// An invite splash.
        public static let inviteSplash = Self(rawValue: "INVITE_SPLASH")
        /// Membership screening is on.
        public static let memberVerificationGateEnabled = Self(rawValue: "MEMBER_VERIFICATION_GATE_ENABLED")
        /// More soundboard slots.
        public static let moreSoundboard = Self(rawValue: "MORE_SOUNDBOARD")
        /// More sticker slots.
        public static let moreStickers = Self(rawValue: "MORE_STICKERS")
        /// Announcement channels.
        public static let news = Self(rawValue: "NEWS")
        /// A partnered guild.
        public static let partnered = Self(rawValue: "PARTNERED")
        /// Can be previewed before joining.
        public static let previewEnabled = Self(rawValue: "PREVIEW_ENABLED")
        /// Raid alerts are off.
        public static let raidAlertsDisabled = Self(rawValue: "RAID_ALERTS_DISABLED")
        /// Role icons.
        public static let roleIcons = Self(rawValue: "ROLE_ICONS")
        /// Role subscriptions can be bought.
        public static let roleSubscriptionsAvailableForPurchase = Self(
            rawValue: "ROLE_SUBSCRIPTIONS_AVAILABLE_FOR_PURCHASE"
        )
        /// Role subscriptions are on.
        public static let roleSubscriptionsEnabled = Self(rawValue: "ROLE_SUBSCRIPTIONS_ENABLED")
        /// A soundboard.
        public static let soundboard = Self(rawValue: "SOUNDBOARD")
        /// Ticketed events are on.
        public static let ticketedEventsEnabled = Self(rawValue: "TICKETED_EVENTS_ENABLED")
        /// A vanity invite URL.
        public static let vanityURL = Self(rawValue: "VANITY_URL")
        /// A verified guild.
        public static let verified = Self(rawValue: "VERIFIED")
        /// The 384 kbps voice bitrate.
        public static let vipRegions = Self(rawValue: "VIP_REGIONS")
        /// The welcome screen is on.
        public static let welcomeScreenEnabled = Self(rawValue: "WELCOME_SCREEN_ENABLED")
        /// Guest invites are on.
        public static let guestsEnabled = Self(rawValue: "GUESTS_ENABLED")
        /// Guild tags are on.
        public static let guildTags = Self(rawValue: "GUILD_TAGS")
        /// Gradient and holographic role colors.
        public static let enhancedRoleColors = Self(rawValue: "ENHANCED_ROLE_COLORS")
        /// The wire string.
        public var description: String { rawValue }
    }

    /// Which notices the system channel suppresses (Discord docs: "System Channel Flags"); unknown bits are kept.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct SystemChannelFlags: OptionSet, Hashable, Sendable, Codable {
        /// The bits.
        public let rawValue: Int
        /// Wraps bits.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// No member join notices.
        public static let suppressJoinNotifications = Self(rawValue: 1 << 0)
        /// No boost notices.
        public static let suppressPremiumSubscriptions = Self(rawValue: 1 << 1)
        /// No guild setup tips.
        public static let suppressGuildReminderNotifications = Self(rawValue: 1 << 2)
        /// No sticker reply buttons on join notices.
        public static let suppressJoinNotificationReplies = Self(rawValue: 1 << 3)
        /// No role subscription purchase and renewal notices.
        public static let suppressRoleSubscriptionPurchaseNotifications = Self(rawValue: 1 << 4)
        /// No sticker reply buttons on role subscription notices.
        public static let suppressRoleSubscriptionPurchaseNotificationReplies = Self(rawValue: 1 << 5)
    }

    /// A community guild's welcome screen (Discord docs: "Welcome Screen Object").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct WelcomeScreen: Codable, Hashable, Sendable {
        /// The guild description shown.
        public var description: String?
        /// The suggested channels (up to 5).
        public var welcomeChannels: [WelcomeChannel]

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case description
            /// `welcome_channels`.
            case welcomeChannels = "welcome_channels"
        }

        /// A suggested channel (Discord docs: "Welcome Screen Channel Structure").
        ///
        /// **Threading:** an immutable value; `Sendable`.
        public struct WelcomeChannel: Codable, Hashable, Sendable {
            /// The channel.
            public var channelID: Snowflake
            /// Why to visit it.
            public var description: String
            /// A custom emoji shown with it.
            public var emojiID: Snowflake?
            /// A Unicode emoji, or a custom emoji's name.
            public var emojiName: String?

            /// Wire names.
            private enum CodingKeys: String, CodingKey {
                /// Wire names as documented.
                case description
                /// `channel_id`.
                case channelID = "channel_id"
                /// `emoji_id`.
                case emojiID = "emoji_id"
                /// `emoji_name`.
                case emojiName = "emoji_name"
            }
        }
    }

    /// The guild's incident actions and detections (Discord docs: "Incidents Data Object").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct IncidentsData: Codable, Hashable, Sendable {
        /// When paused invites resume.
        public var invitesDisabledUntil: DiscordTimestamp?
        /// When paused direct messages between members resume.
        public var dmsDisabledUntil: DiscordTimestamp?
        /// When DM spam was detected.
        public var dmSpamDetectedAt: DiscordTimestamp?
        /// When a raid was detected.
        public var raidDetectedAt: DiscordTimestamp?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// `invites_disabled_until`.
            case invitesDisabledUntil = "invites_disabled_until"
            /// `dms_disabled_until`.
            case dmsDisabledUntil = "dms_disabled_until"
            /// `dm_spam_detected_at`.
            case dmSpamDetectedAt = "dm_spam_detected_at"
            /// `raid_detected_at`.
            case raidDetectedAt = "raid_detected_at"
        }
    }
}
