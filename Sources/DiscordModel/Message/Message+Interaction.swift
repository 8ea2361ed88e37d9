extension Message {
    /// The interaction a message responds to, or that made it (Discord docs: "Message Interaction Metadata
    /// Object").
    ///
    /// One struct for the three documented shapes: application command metadata sets ``targetUser`` or
    /// ``targetMessageID`` (context menu commands), message component metadata sets ``interactedMessageID``,
    /// and modal submit metadata sets ``triggeringInteractionMetadata``.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct InteractionMetadata: Codable, Hashable, Sendable, Identifiable {
        /// The interaction id.
        public var id: Snowflake
        /// The interaction type.
        public var type: InteractionType
        /// The user who triggered the interaction.
        public var user: User
        /// The installation context(s) that authorized it: integration type (`"0"` guild install, `"1"` user
        /// install) to the guild id (or `"0"`) or the user id; see ``authorizingOwner(for:)``.
        public var authorizingIntegrationOwners: [String: Snowflake]
        /// The original response message (follow-up messages only).
        public var originalResponseMessageID: Snowflake?
        /// The user a user command was run on.
        public var targetUser: User?
        /// The message a message command was run on.
        public var targetMessageID: Snowflake?
        /// The message holding the component that was used.
        public var interactedMessageID: Snowflake?
        /// Storage of ``triggeringInteractionMetadata``: boxed because the metadata nests itself.
        private var triggeringStorage: IndirectValue<InteractionMetadata>?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case id, type, user
            /// `authorizing_integration_owners`.
            case authorizingIntegrationOwners = "authorizing_integration_owners"
            /// `original_response_message_id`.
            case originalResponseMessageID = "original_response_message_id"
            /// `target_user`.
            case targetUser = "target_user"
            /// `target_message_id`.
            case targetMessageID = "target_message_id"
            /// `interacted_message_id`.
            case interactedMessageID = "interacted_message_id"
            /// `triggering_interaction_metadata`.
            case triggeringStorage = "triggering_interaction_metadata"
        }

        /// The metadata of the interaction that opened the modal (modal submits only).
        public var triggeringInteractionMetadata: InteractionMetadata? {
            get { triggeringStorage?.value }
            set { triggeringStorage = newValue.map(IndirectValue.boxed) }
        }

        /// The guild id (guild install) or user id (user install) that authorized the interaction.
        public func authorizingOwner(for integrationType: Interaction.IntegrationType) -> Snowflake? {
            authorizingIntegrationOwners[String(integrationType.rawValue)]
        }
    }
}

/// The interaction a message responds to, in its old form (Discord docs: "Message Interaction Object");
/// deprecated by Discord in favour of ``Message/InteractionMetadata``.
///
/// **Threading:** an immutable value; `Sendable`.
public struct MessageInteraction: Codable, Hashable, Sendable, Identifiable {
    /// The interaction id.
    public var id: Snowflake
    /// The interaction type.
    public var type: InteractionType
    /// The command name, with subcommand and group names.
    public var name: String
    /// The user who triggered the interaction.
    public var user: User
    /// The user's guild member, without `user` (guild interactions only).
    public var member: GuildMember?
}
