/// The data of an interaction (Discord docs: "Interaction Data"): one struct for the three documented shapes.
///
/// - Application commands and autocomplete: ``id``, ``name``, ``type``, ``resolved``, ``options``,
///   ``guildID``, ``targetID``.
/// - Message components: ``customID``, ``componentType``, ``values``, ``resolved``.
/// - Modal submits: ``customID``, ``components`` (the submitted fields, with their values), ``resolved``.
///
/// **Threading:** an immutable value; `Sendable`.
public struct InteractionData: Codable, Hashable, Sendable {
    /// The command id.
    public var id: Snowflake?
    /// The command name.
    public var name: String?
    /// The command type.
    public var type: CommandType?
    /// Users, members, roles, channels, messages and attachments referenced by options, targets or selects.
    public var resolved: ResolvedData?
    /// The command's options and subcommands, with the values the user gave.
    public var options: [Option]?
    /// The guild the command is registered in (guild commands).
    public var guildID: Snowflake?
    /// The user or message a context menu command was run on.
    public var targetID: Snowflake?
    /// The ``Component/customID`` of the component used, or of the modal.
    public var customID: String?
    /// The type of the component used.
    public var componentType: ComponentType?
    /// The chosen values of a select menu.
    public var values: [String]?
    /// The submitted modal fields.
    public var components: [Component]?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, name, type, resolved, options, values, components
        /// `guild_id`.
        case guildID = "guild_id"
        /// `target_id`.
        case targetID = "target_id"
        /// `custom_id`.
        case customID = "custom_id"
        /// `component_type`.
        case componentType = "component_type"
    }

    /// The deepest options that carry values: the options under the chosen subcommand (group), or the top-level
    /// options when the command has no subcommands.
    public var leafOptions: [Option] {
        var current = options ?? []
        while current.count == 1, let only = current.first,
            only.type == .subCommand || only.type == .subCommandGroup
        {
            current = only.options ?? []
        }
        return current
    }

    /// The option the user is typing into (autocomplete), searched through subcommands.
    public var focusedOption: Option? {
        leafOptions.first { $0.focused == true }
    }

    /// A command option as the user filled it in (Discord docs: "Application Command Interaction Data Option
    /// Structure").
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Option: Codable, Hashable, Sendable {
        /// The option name.
        public var name: String
        /// The option type.
        public var type: OptionType
        /// The value: a string, integer, double or boolean; ids of users, channels, roles, mentionables and
        /// attachments come as strings (look them up in ``InteractionData/resolved``). Absent for subcommands.
        public var value: JSONValue?
        /// The options of a subcommand or subcommand group.
        public var options: [Option]?
        /// Whether the user is typing into this option (autocomplete).
        public var focused: Bool?

        /// ``value`` as a snowflake, for user, channel, role, mentionable and attachment options.
        public var snowflakeValue: Snowflake? {
            value?.stringValue.flatMap(Snowflake.init)
        }
    }

    /// An application command type (Discord docs: "Application Command Types"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct CommandType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `1` a slash command.
        public static let chatInput = Self(rawValue: 1)
        /// `2` a user context menu command.
        public static let user = Self(rawValue: 2)
        /// `3` a message context menu command.
        public static let message = Self(rawValue: 3)
        /// `4` the entry point that launches an activity.
        public static let primaryEntryPoint = Self(rawValue: 4)
        /// The wire number.
        public var description: String { String(rawValue) }
    }

    /// An application command option type (Discord docs: "Application Command Option Type"); an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct OptionType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire number.
        public let rawValue: Int
        /// Wraps a wire number.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `1` a subcommand.
        public static let subCommand = Self(rawValue: 1)
        /// `2` a group of subcommands.
        public static let subCommandGroup = Self(rawValue: 2)
        /// `3` a string.
        public static let string = Self(rawValue: 3)
        /// `4` an integer.
        public static let integer = Self(rawValue: 4)
        /// `5` a boolean.
        public static let boolean = Self(rawValue: 5)
        /// `6` a user.
        public static let user = Self(rawValue: 6)
        /// `7` a channel.
        public static let channel = Self(rawValue: 7)
        /// `8` a role.
        public static let role = Self(rawValue: 8)
        /// `9` a user or role.
        public static let mentionable = Self(rawValue: 9)
        /// `10` a double.
        public static let number = Self(rawValue: 10)
        /// `11` an attachment.
        public static let attachment = Self(rawValue: 11)
        /// The wire number.
        public var description: String { String(rawValue) }
    }
}
