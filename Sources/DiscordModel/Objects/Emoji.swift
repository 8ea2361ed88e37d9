/// An emoji (Discord docs: "Emoji Object"); also the partial emoji in reactions, where only `id`, `name` and
/// `animated` are present and a Unicode emoji has a `nil` id.
///
/// **Threading:** an immutable value; `Sendable`.
public struct Emoji: Codable, Hashable, Sendable {
    /// The custom emoji's id; `nil` for a Unicode emoji.
    public var id: Snowflake?
    /// The name, or the Unicode character(s); `nil` for deleted custom emojis in reactions.
    public var name: String?
    /// Roles allowed to use the emoji.
    public var roles: [Snowflake]?
    /// Who created it.
    public var user: User?
    /// Whether it must be wrapped in colons.
    public var requireColons: Bool?
    /// Whether it is managed by an integration.
    public var managed: Bool?
    /// Whether it is animated.
    public var animated: Bool?
    /// Whether it can be used (false when a boost level is lost).
    public var available: Bool?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case id, name, roles, user, managed, animated, available
        /// `require_colons`.
        case requireColons = "require_colons"
    }

    /// Makes an emoji: a custom one by id and name, or a Unicode one by its character(s).
    public init(id: Snowflake? = nil, name: String?, animated: Bool? = nil) {
        self.id = id
        self.name = name
        self.animated = animated
    }
}
