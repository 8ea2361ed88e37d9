/// The objects an interaction or message refers to, by id (Discord docs: "Resolved Data Structure").
///
/// On the wire each map is a JSON object keyed by the id as a string. They are decoded straight into
/// `[Snowflake: T]` by a custom `init(from:)` (synthesized `Decodable` would expect an array for non-string
/// keys); a key that is not a snowflake is a `DecodingError`. Encoding writes the same JSON objects back.
///
/// Members are partial (no `user`, `deaf` or `mute`: look the user up in ``users``); channels are partial (id,
/// name, type, permissions, and thread fields); messages are partial.
///
/// **Threading:** an immutable value; `Sendable`.
public struct ResolvedData: Codable, Hashable, Sendable {
    /// Users by id.
    public var users: [Snowflake: User]?
    /// Guild members by user id (partial).
    public var members: [Snowflake: GuildMember]?
    /// Roles by id.
    public var roles: [Snowflake: Role]?
    /// Channels by id (partial).
    public var channels: [Snowflake: Channel]?
    /// Messages by id (partial: absent lists and flags decode as empty or `false`; see ``Message``).
    public var messages: [Snowflake: Message]?
    /// Attachments by id.
    public var attachments: [Snowflake: Attachment]?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case users, members, roles, channels, messages, attachments
    }

    /// A JSON object key holding an id.
    private struct IDKey: CodingKey {
        /// The id as text.
        let stringValue: String
        /// Not used: keys are strings.
        var intValue: Int? { nil }
        /// Wraps a key string.
        init(stringValue: String) { self.stringValue = stringValue }
        /// Not used: keys are strings.
        init?(intValue: Int) { nil }
    }

    /// Makes empty resolved data.
    public init() {}

    /// Decodes each map from a JSON object keyed by id strings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        users = try Self.decodeMap(User.self, in: container, forKey: .users)
        members = try Self.decodeMap(GuildMember.self, in: container, forKey: .members)
        roles = try Self.decodeMap(Role.self, in: container, forKey: .roles)
        channels = try Self.decodeMap(Channel.self, in: container, forKey: .channels)
        messages = try Self.decodeMap(Message.self, in: container, forKey: .messages)
        attachments = try Self.decodeMap(Attachment.self, in: container, forKey: .attachments)
    }

    /// Encodes each map as a JSON object keyed by id strings; `nil` maps are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try Self.encodeMap(users, in: &container, forKey: .users)
        try Self.encodeMap(members, in: &container, forKey: .members)
        try Self.encodeMap(roles, in: &container, forKey: .roles)
        try Self.encodeMap(channels, in: &container, forKey: .channels)
        try Self.encodeMap(messages, in: &container, forKey: .messages)
        try Self.encodeMap(attachments, in: &container, forKey: .attachments)
    }

    /// Decodes the object at `key` (absent or `null`: `nil`), parsing each key as a snowflake.
    private static func decodeMap<Value: Decodable>(
        _ type: Value.Type, in container: KeyedDecodingContainer<CodingKeys>, forKey key: CodingKeys
    ) throws -> [Snowflake: Value]? {
        guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
        let object = try container.nestedContainer(keyedBy: IDKey.self, forKey: key)
        var map: [Snowflake: Value] = [:]
        map.reserveCapacity(object.allKeys.count)
        for idKey in object.allKeys {
            guard let id = Snowflake(idKey.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: idKey, in: object,
                    debugDescription: "expected a snowflake key, got \"\(idKey.stringValue.prefix(32))\"")
            }
            map[id] = try object.decode(Value.self, forKey: idKey)
        }
        return map
    }

    /// Encodes `map` at `key` as an object keyed by id strings (nothing for `nil`).
    private static func encodeMap<Value: Encodable>(
        _ map: [Snowflake: Value]?, in container: inout KeyedEncodingContainer<CodingKeys>, forKey key: CodingKeys
    ) throws {
        guard let map else { return }
        var object = container.nestedContainer(keyedBy: IDKey.self, forKey: key)
        for (id, value) in map {
            try object.encode(value, forKey: IDKey(stringValue: id.description))
        }
    }
}
