/// A guild, a "server" in the Discord client (Discord docs: "Guild Object").
///
/// The payload of `GUILD_CREATE` and `GUILD_UPDATE`. `GUILD_CREATE` adds the gateway-only fields from
/// ``joinedAt`` on (Discord docs: "Guild Create Extra Fields"); they are `nil` in `GUILD_UPDATE`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct Guild: Codable, Hashable, Sendable, Identifiable {
    /// The guild id.
    public var id: Snowflake
    /// The name (2–100 characters).
    public var name: String
    /// The icon hash.
    public var icon: ImageHash?
    /// The icon hash, in template objects.
    public var iconHash: ImageHash?
    /// The invite splash hash.
    public var splash: ImageHash?
    /// The discovery splash hash (discoverable guilds).
    public var discoverySplash: ImageHash?
    /// Whether the current user owns the guild (`GET /users/@me/guilds` only).
    public var owner: Bool?
    /// The owner.
    public var ownerID: Snowflake
    /// The current user's permissions in the guild, overwrites left out (`GET /users/@me/guilds` only).
    public var permissions: Permissions?
    /// The voice region id (deprecated; channels carry their own).
    public var region: String?
    /// The AFK channel.
    public var afkChannelID: Snowflake?
    /// AFK timeout in seconds.
    public var afkTimeout: Int
    /// Whether the server widget is on.
    public var widgetEnabled: Bool?
    /// The channel the widget's invite leads to.
    public var widgetChannelID: Snowflake?
    /// What members must have before they can send messages.
    public var verificationLevel: VerificationLevel
    /// The default notification setting.
    public var defaultMessageNotifications: DefaultMessageNotificationLevel
    /// Whose messages are scanned for explicit media.
    public var explicitContentFilter: ExplicitContentFilterLevel
    /// The roles.
    public var roles: [Role]
    /// The custom emojis.
    public var emojis: [Emoji]
    /// The enabled guild features.
    public var features: [Feature]
    /// Whether moderation needs two-factor authentication.
    public var mfaLevel: MFALevel
    /// The application that created the guild, for bot-created guilds.
    public var applicationID: Snowflake?
    /// Where join and boost notices go.
    public var systemChannelID: Snowflake?
    /// Which notices the system channel suppresses.
    public var systemChannelFlags: SystemChannelFlags
    /// The rules channel (community guilds).
    public var rulesChannelID: Snowflake?
    /// The maximum number of presences (`nil` except for the largest guilds).
    public var maxPresences: Int?
    /// The maximum number of members.
    public var maxMembers: Int?
    /// The vanity invite code.
    public var vanityURLCode: String?
    /// The description.
    public var description: String?
    /// The banner hash.
    public var banner: ImageHash?
    /// The boost level.
    public var premiumTier: PremiumTier
    /// The number of boosts.
    public var premiumSubscriptionCount: Int?
    /// The community guild's locale, such as `en-US`.
    public var preferredLocale: String
    /// Where Discord's notices to moderators go (community guilds).
    public var publicUpdatesChannelID: Snowflake?
    /// The most users in a video call in a voice channel.
    public var maxVideoChannelUsers: Int?
    /// The most users in a video call in a stage channel.
    public var maxStageVideoChannelUsers: Int?
    /// Approximate member count (REST with `with_counts`).
    public var approximateMemberCount: Int?
    /// Approximate non-offline member count (REST with `with_counts`).
    public var approximatePresenceCount: Int?
    /// The welcome screen of a community guild, in invites.
    public var welcomeScreen: WelcomeScreen?
    /// The age-restriction level.
    public var nsfwLevel: NSFWLevel
    /// The custom stickers.
    public var stickers: [Sticker]?
    /// Whether the boost progress bar is shown.
    public var premiumProgressBarEnabled: Bool
    /// Where Discord's safety alerts go.
    public var safetyAlertsChannelID: Snowflake?
    /// The guild's incident actions (paused invites or DMs) and detections.
    public var incidentsData: IncidentsData?

    /// When the current user joined (`GUILD_CREATE` only).
    public var joinedAt: DiscordTimestamp?
    /// Whether the guild counts as large (`GUILD_CREATE` only).
    public var large: Bool?
    /// Whether the guild is unavailable because of an outage (`GUILD_CREATE` only).
    public var unavailable: Bool?
    /// Total members (`GUILD_CREATE` only).
    public var memberCount: Int?
    /// Members' voice states, without `guild_id` (`GUILD_CREATE` only).
    public var voiceStates: [VoiceState]?
    /// Members: all, or only the bot for large guilds or without `GUILD_PRESENCES` (`GUILD_CREATE` only).
    public var members: [GuildMember]?
    /// The channels (`GUILD_CREATE` only).
    public var channels: [Channel]?
    /// The active threads the current user can see (`GUILD_CREATE` only).
    public var threads: [Channel]?
    /// Presences, as for ``members`` (`GUILD_CREATE` only).
    public var presences: [PresenceUpdate]?
    /// The stage instances (`GUILD_CREATE` only).
    public var stageInstances: [StageInstance]?
    /// The scheduled events (`GUILD_CREATE` only).
    public var guildScheduledEvents: [GuildScheduledEvent]?
    /// The soundboard sounds (`GUILD_CREATE` only).
    public var soundboardSounds: [SoundboardSound]?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, name, icon, splash, owner, permissions, region, roles, emojis, features, description, banner
        /// Wire names as documented.
        case stickers, large, unavailable, members, channels, threads, presences
        /// `icon_hash`.
        case iconHash = "icon_hash"
        /// `discovery_splash`.
        case discoverySplash = "discovery_splash"
        /// `owner_id`.
        case ownerID = "owner_id"
        /// `afk_channel_id`.
        case afkChannelID = "afk_channel_id"
        /// `afk_timeout`.
        case afkTimeout = "afk_timeout"
        /// `widget_enabled`.
        case widgetEnabled = "widget_enabled"
        /// `widget_channel_id`.
        case widgetChannelID = "widget_channel_id"
        /// `verification_level`.
        case verificationLevel = "verification_level"
        /// `default_message_notifications`.
        case defaultMessageNotifications = "default_message_notifications"
        /// `explicit_content_filter`.
        case explicitContentFilter = "explicit_content_filter"
        /// `mfa_level`.
        case mfaLevel = "mfa_level"
        /// `application_id`.
        case applicationID = "application_id"
        /// `system_channel_id`.
        case systemChannelID = "system_channel_id"
        /// `system_channel_flags`.
        case systemChannelFlags = "system_channel_flags"
        /// `rules_channel_id`.
        case rulesChannelID = "rules_channel_id"
        /// `max_presences`.
        case maxPresences = "max_presences"
        /// `max_members`.
        case maxMembers = "max_members"
        /// `vanity_url_code`.
        case vanityURLCode = "vanity_url_code"
        /// `premium_tier`.
        case premiumTier = "premium_tier"
        /// `premium_subscription_count`.
        case premiumSubscriptionCount = "premium_subscription_count"
        /// `preferred_locale`.
        case preferredLocale = "preferred_locale"
        /// `public_updates_channel_id`.
        case publicUpdatesChannelID = "public_updates_channel_id"
        /// `max_video_channel_users`.
        case maxVideoChannelUsers = "max_video_channel_users"
        /// `max_stage_video_channel_users`.
        case maxStageVideoChannelUsers = "max_stage_video_channel_users"
        /// `approximate_member_count`.
        case approximateMemberCount = "approximate_member_count"
        /// `approximate_presence_count`.
        case approximatePresenceCount = "approximate_presence_count"
        /// `welcome_screen`.
        case welcomeScreen = "welcome_screen"
        /// `nsfw_level`.
        case nsfwLevel = "nsfw_level"
        /// `premium_progress_bar_enabled`.
        case premiumProgressBarEnabled = "premium_progress_bar_enabled"
        /// `safety_alerts_channel_id`.
        case safetyAlertsChannelID = "safety_alerts_channel_id"
        /// `incidents_data`.
        case incidentsData = "incidents_data"
        /// `joined_at`.
        case joinedAt = "joined_at"
        /// `member_count`.
        case memberCount = "member_count"
        /// `voice_states`.
        case voiceStates = "voice_states"
        /// `stage_instances`.
        case stageInstances = "stage_instances"
        /// `guild_scheduled_events`.
        case guildScheduledEvents = "guild_scheduled_events"
        /// `soundboard_sounds`.
        case soundboardSounds = "soundboard_sounds"
    }
}
