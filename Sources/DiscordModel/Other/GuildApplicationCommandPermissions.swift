/// The permissions of one application command, or of all an application's commands, in a guild (Discord docs:
/// "Guild Application Command Permissions Object"); the payload of `APPLICATION_COMMAND_PERMISSIONS_UPDATE`.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GuildApplicationCommandPermissions: Codable, Hashable, Sendable, Identifiable {
    /// The command id, or the application id when the permissions apply to all its commands.
    public var id: Snowflake
    /// The application the command belongs to.
    public var applicationID: Snowflake
    /// The guild.
    public var guildID: Snowflake
    /// The permissions of the command in the guild (at most 100).
    public var permissions: [Permission]

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, permissions
        /// `application_id`.
        case applicationID = "application_id"
        /// `guild_id`.
        case guildID = "guild_id"
    }

    /// Whether a role, user or channel may use a command (Discord docs: "Application Command Permissions
    /// Structure").
    ///
    /// The guild's id as a role id means `@everyone`; the guild's id minus 1 as a channel id means all channels.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Permission: Codable, Hashable, Sendable, Identifiable {
        /// The role, user or channel.
        public var id: Snowflake
        /// What ``id`` names.
        public var type: PermissionType
        /// `true` to allow, `false` to deny.
        public var permission: Bool
    }

    /// What a command permission applies to (Discord docs: "Application Command Permission Type"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct PermissionType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `1` a role.
        public static let role = Self(rawValue: 1)
        /// `2` a user.
        public static let user = Self(rawValue: 2)
        /// `3` a channel.
        public static let channel = Self(rawValue: 3)

        /// The wire number.
        public var description: String { String(rawValue) }
    }
}
